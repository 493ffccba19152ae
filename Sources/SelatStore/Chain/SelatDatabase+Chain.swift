import Foundation
import GRDB
import GRDBSQLite
import SelatModel

/// Reading the sighting log as a chain, for `selat verify` and evidence bundles.
extension SelatDatabase {
    /// One record as stored, with what its fields hash to now.
    public struct ChainRecord: Sendable {
        public let sequence: Int64
        public let id: String
        /// The content digest stored when the record was logged.
        public let storedContent: [UInt8]
        /// The digest of the fields as they are now; nil when they no longer make a valid sighting.
        public let currentContent: [UInt8]?
        /// Why the fields no longer make a sighting, if they do not.
        public let unreadable: String?
        public let chain: [UInt8]?
        public let createdAt: Int64
        public let supersedes: String?
        public let reason: String?

        /// The chain hash this record should have after `previous`.
        public func expectedChain(after previous: [UInt8]) -> [UInt8] {
            SightingChain.link(previous: previous, id: id, content: storedContent, createdAt: createdAt, supersedes: supersedes, reason: reason)
        }
    }

    /// Calls `body` with every record in log order (from sequence `first` on) until it returns false.
    public func forEachChainRecord(from first: Int64 = 0, _ body: (ChainRecord) throws -> Bool) throws(StoreError) {
        try read { db in
            let statement = try db.makeStatement(sql: "SELECT \(Self.sightingColumns), content_sha256, chain_sha256, supersedes, correction_reason FROM sighting WHERE seq >= ? ORDER BY seq")
            try statement.setArguments([first])
            let reader = SightingColumnsReader(db: db, statement: statement)
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            func blob(_ i: Int32) -> [UInt8]? {
                guard sqlite3_column_type(stmt, i) != SQLITE_NULL, let p = sqlite3_column_blob(stmt, i) else { return nil }
                return Array(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))))
            }
            while true {
                let code = sqlite3_step(stmt)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                var current: [UInt8]?
                var unreadable: String?
                do {
                    current = try reader.decode(stmt, lat: sqlite3_column_double(stmt, 4), lon: sqlite3_column_double(stmt, 5)).sighting.contentDigest
                } catch {
                    unreadable = String(describing: error)
                }
                let record = ChainRecord(sequence: reader.int(stmt, 0) ?? 0, id: reader.text(stmt, 1) ?? "", storedContent: blob(18) ?? [],
                                         currentContent: current, unreadable: unreadable, chain: blob(19),
                                         createdAt: reader.int(stmt, 16) ?? 0, supersedes: reader.text(stmt, 20), reason: reader.text(stmt, 21))
                if try !body(record) { return }
            }
        }
    }

    /// The last record before sequence `sequence`: its sequence number and chain hash (nil if it
    /// has none), or 0 and the genesis hash if there is none. A walk that starts at `sequence`
    /// starts from it.
    public func chainLink(before sequence: Int64) throws(StoreError) -> (sequence: Int64, hash: [UInt8]?) {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, chain_sha256 FROM sighting WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                                             arguments: [sequence])
            else { return (0, SightingChain.genesis) }
            let data: Data? = row[1]
            return (row[0], data.map { Array($0) })
        }
    }

    /// The chain head recorded when the last record was logged: its sequence number and hash (hex).
    public func recordedChainHead() throws(StoreError) -> (sequence: Int64, hash: String)? {
        guard let text = try setting("chain_head") else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
        return (seq, String(parts[1]))
    }

    /// `PRAGMA integrity_check`: "ok", or SQLite's list of what is damaged.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Copies the database, while it is in use, to `path` with SQLite's online backup (a
    /// consistent snapshot; writers are not blocked for long). The copy is created mode 0600.
    /// - Throws: ``StoreError/refused(_:)`` when `path` exists; other errors from SQLite.
    public func backup(to path: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .refused("\(path) already exists; give a new file name (a backup never overwrites)")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .cannotOpen(path: path, reason: "cannot create the file (does the folder exist, is it writable?)")
        }
        do {
            let target = try DatabaseQueue(path: path)
            try writer.backup(to: target)
            try target.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.wrap(error)
        }
    }
}
