import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
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
        /// The spatial key stored with the record, and the one its position gives: area searches
        /// (`--near`, `--bbox`) find a record by the stored key, so the two must agree.
        public let storedCell: Int64
        public let expectedCell: Int64?
        /// Whether the record has a seal, and whether it matches its stored offset and content digest.
        public let sealMatches: Bool
        public let hasSeal: Bool
        /// The UTC offset stored with the observed time, in minutes.
        public let offsetMinutes: Int
        /// The sighting its fields make now (nil when they no longer make one).
        public let sighting: Sighting?

        /// The chain hash this record should have after `previous`.
        public func expectedChain(after previous: [UInt8]) -> [UInt8] {
            SightingChain.link(
                previous: previous, id: id, content: storedContent, createdAt: createdAt,
                supersedes: supersedes, reason: reason)
        }
    }

    /// Calls `body` with every record in log order (from sequence `first` on) until it returns false.
    /// - Parameter pageSize: on PostgreSQL, the records read per query (a caller that wants only
    ///   a few says so).
    public func forEachChainRecord(
        from first: Int64 = 0, pageSize: Int = 10_000, _ body: (ChainRecord) throws -> Bool
    ) throws(StoreError) {
        if engine == .postgresql {
            try postgresForEachChainRecord(from: first, pageSize: max(1, pageSize), body)
            return
        }
        try read { db in
            let statement = try db.makeStatement(
                sql:
                    "SELECT \(Self.sightingColumns), content_sha256, chain_sha256, supersedes, correction_reason, cell, seal_sha256 FROM sighting WHERE seq >= ? ORDER BY seq"
            )
            try statement.setArguments([first])
            let reader = SightingColumnsReader(db: db, statement: statement)
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            func blob(_ i: Int32) -> [UInt8]? {
                guard sqlite3_column_type(stmt, i) != SQLITE_NULL,
                    let p = sqlite3_column_blob(stmt, i)
                else { return nil }
                return Array(
                    UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))))
            }
            while try db.step(stmt) {
                var current: [UInt8]?
                var unreadable: String?
                var expectedCell: Int64?
                var decoded: Sighting?
                do {
                    let sighting = try reader.decode(
                        stmt, lat: sqlite3_column_double(stmt, 4),
                        lon: sqlite3_column_double(stmt, 5)
                    ).sighting
                    decoded = sighting
                    current = sighting.contentDigest
                    expectedCell = HilbertKey.key(for: sighting.position)
                } catch {
                    unreadable = String(describing: error)
                }
                let chain = blob(21)
                let offset = Int(reader.int(stmt, 3) ?? 0)
                let seal = blob(25)
                let record = ChainRecord(
                    sequence: reader.int(stmt, 0) ?? 0, id: reader.text(stmt, 1) ?? "",
                    storedContent: blob(20) ?? [],
                    currentContent: current, unreadable: unreadable, chain: chain,
                    createdAt: reader.int(stmt, 16) ?? 0, supersedes: reader.text(stmt, 22),
                    reason: reader.text(stmt, 23),
                    storedCell: reader.int(stmt, 24) ?? 0, expectedCell: expectedCell,
                    sealMatches: seal
                        == SightingChain.seal(content: blob(20) ?? [], offsetMinutes: offset),
                    hasSeal: seal != nil, offsetMinutes: offset, sighting: decoded)
                if try !body(record) { return }
            }
        }
    }

    /// The last record before sequence `sequence`: its sequence number and chain hash (nil if it
    /// has none), or 0 and the genesis hash if there is none. A walk that starts at `sequence`
    /// starts from it.
    public func chainLink(before sequence: Int64) throws(StoreError) -> (
        sequence: Int64, hash: [UInt8]?
    ) {
        try reading { db in
            guard
                let row = try db.row(
                    "SELECT seq, chain_sha256 FROM sighting WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                    [sequence])
            else { return (0, SightingChain.genesis) }
            let data: Data? = row[1]
            return (try row[0], data.map { Array($0) })
        }
    }

    /// The chain head recorded when the last record was logged: its sequence number and hash (hex).
    public func recordedChainHead() throws(StoreError) -> (sequence: Int64, hash: String)? {
        guard let text = try setting("chain_head") else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
        return (seq, String(parts[1]))
    }

    /// Runs `body` with every read of this database inside it on one read transaction: one
    /// consistent snapshot of the file, however many queries `body` makes, while other processes
    /// go on writing. `selat verify` and evidence exports compare the chain, the recorded head and
    /// the records in one snapshot, so a record logged meanwhile is never mistaken for tampering.
    public func inSnapshot<T>(_ body: () throws -> T) throws(StoreError) -> T {
        if let current = Self.snapshot, current.owner == ObjectIdentifier(self) {
            return try StoreError.wrapping(body)
        }
        switch backend {
        case .sqlite(let writer):
            do {
                return try writer.read { db in
                    try Self.$snapshot.withValue(
                        SnapshotHandle(db: db, owner: ObjectIdentifier(self))
                    ) { try body() }
                }
            } catch { throw StoreError.wrap(error) }
        case .postgres(let engine):
            return try engine.transaction(readOnly: true) { runner in
                try Self.$snapshot.withValue(
                    SnapshotHandle(runner: runner, owner: ObjectIdentifier(self))
                ) { try body() }
            }
        }
    }

    /// `PRAGMA integrity_check`: "ok", or SQLite's list of what is damaged.
    public func integrityCheck() throws(StoreError) -> String {
        // PostgreSQL checks its pages itself (and `pg_amcheck` does so on demand).
        if engine == .postgresql { return "ok" }
        return try read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    /// Copies the database, while it is in use, to `path` with SQLite's online backup (a
    /// consistent snapshot; writers are not blocked for long). The copy is written beside its
    /// destination through ``OutputFile`` (mode 0600, flushed to disk) and linked into place:
    /// a backup never replaces any file.
    /// - Throws: ``StoreError/output(_:)`` when `path` exists or is refused; other errors from SQLite.
    public func backup(to path: String) throws(StoreError) {
        if engine == .postgresql {
            throw .notOnPostgreSQL(
                what: "selat backup",
                instead:
                    "Back up a PostgreSQL database with its own tools, e.g. `pg_dump --format=custom --file=selat.dump DATABASE` (restored with pg_restore)."
            )
        }
        if FileManager.default.fileExists(atPath: path)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
        {
            var what = OutputError.Refusal.exists(
                writtenFor: OutputFile.writtenBySelat(path), changedSince: false)
            do { try OutputFile.check(path, purpose: .backup) } catch {
                if case .refused(_, let refusal) = error { what = refusal }
            }
            if case .exists = what {
                throw .backupExists(path: path)
            }
            throw .output(.refused(path: path, what: what))
        }
        let file: OutputFile
        do { file = try OutputFile(path: path, purpose: .backup, personal: true) } catch {
            throw .output(error)
        }
        do {
            let target = try DatabaseQueue(path: file.temporaryPath)
            try writer.backup(to: target)
            try target.close()
        } catch {
            file.discard()
            throw StoreError.wrap(error)
        }
        do { try file.commit() } catch { throw .output(error) }
    }

    /// ``forEachChainRecord(from:_:)`` on PostgreSQL: pages of 10,000 records, in one snapshot.
    private func postgresForEachChainRecord(
        from first: Int64, pageSize: Int, _ body: (ChainRecord) throws -> Bool
    ) throws(StoreError) {
        try inSnapshot {
            var next = first
            while true {
                let rows = try reading { db in
                    try db.rows(
                        "SELECT \(Self.postgresSightingColumns), content_sha256, chain_sha256, supersedes, correction_reason, cell, seal_sha256 FROM sighting WHERE seq >= ? ORDER BY seq LIMIT ?",
                        [next, pageSize])
                }
                if rows.isEmpty { return }
                for row in rows {
                    var current: [UInt8]?
                    var unreadable: String?
                    var expectedCell: Int64?
                    var decoded: Sighting?
                    do {
                        let sighting = try Self.decodeSighting(row).sighting
                        decoded = sighting
                        current = sighting.contentDigest
                        expectedCell = HilbertKey.key(for: sighting.position)
                    } catch {
                        unreadable = String(describing: error)
                    }
                    let content = (row[20] as Data?).map(Array.init) ?? []
                    let offset = Int((row[3] as Int64?) ?? 0)
                    let seal = (row[25] as Data?).map(Array.init)
                    let sequence: Int64 = try row[0]
                    let record = ChainRecord(
                        sequence: sequence, id: row[1] ?? "", storedContent: content,
                        currentContent: current, unreadable: unreadable,
                        chain: (row[21] as Data?).map(Array.init),
                        createdAt: row[16] ?? 0, supersedes: row[22], reason: row[23],
                        storedCell: row[24] ?? 0, expectedCell: expectedCell,
                        sealMatches: seal
                            == SightingChain.seal(content: content, offsetMinutes: offset),
                        hasSeal: seal != nil, offsetMinutes: offset, sighting: decoded)
                    if try !body(record) { return }
                    next = sequence + 1
                }
            }
        }
    }
}
