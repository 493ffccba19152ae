import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
import SelatModel

/// A sighting ready for the database: the content digest and spatial key already computed
/// (imports compute them on another thread, in parallel with the inserts).
public struct PreparedSighting: Sendable {
    public let sighting: Sighting
    public let digest: [UInt8]
    public let cell: Int64
    /// The seal over the offset (``SightingChain/seal(content:offsetMinutes:)``).
    public let seal: [UInt8]

    public init(_ sighting: Sighting) {
        self.sighting = sighting
        digest = sighting.contentDigest
        cell = HilbertKey.key(for: sighting.position)
        seal = SightingChain.seal(content: digest, offsetMinutes: sighting.observedAt.offsetMinutes)
    }
}

/// Multi-row `INSERT … ON CONFLICT(id) DO NOTHING` for sightings, values bound straight to
/// SQLite: per-statement overhead is paid once per ``rowsPerStatement`` rows.
///
/// Which rows are added is known before the statement runs: the ids not yet stored (one indexed
/// lookup per chunk), the first of equal ids in the chunk. Those are chained (``SightingChain``);
/// the statement's change count must match. (`RETURNING` would say it too, but doubles the cost
/// of an import.)
struct SightingInsertStatement {
    static let rowsPerStatement = 64
    private static let columns = """
        id, observed_at, observed_offset_min, lat, lon, cell, vessel_type, activity, persons_aboard, heading_deg, \
        speed_kn, source, unit, confidence, confidence_level, notes, content_sha256, created_at, on_land, \
        chain_sha256, supersedes, correction_reason, seal_sha256, outside_region, inland_water
        """
    private static let valuesPerRow: Int32 = 25

    /// The statements of a full chunk, made once (a bulk load runs them every 64 rows).
    private static let fullInsert = sql(rows: rowsPerStatement)
    private static let fullLookup = lookupSQL(rows: rowsPerStatement)

    /// The ids among `rows` placeholders already stored: the placeholders as a list of rows, each
    /// looked up in the id index. (`WHERE id IN (?, …)` asks the same, but SQLite answers it by
    /// building a temporary B-tree of the list and tearing it down again for every chunk; the
    /// import's writing stage took 6.33 s that way and 5.86 s this way, `selat-bench phases`.)
    static func lookupSQL(rows: Int) -> String {
        "SELECT s.id FROM (VALUES "
            + Array(repeating: "(?)", count: rows).joined(separator: ",")
            + ") AS v CROSS JOIN sighting AS s ON s.id = v.column1"
    }

    static func sql(rows: Int) -> String {
        let group =
            "(" + Array(repeating: "?", count: Int(valuesPerRow)).joined(separator: ",") + ")"
        return "INSERT INTO sighting (\(columns)) VALUES "
            + Array(repeating: group, count: rows).joined(separator: ",")
            + " ON CONFLICT(id) DO NOTHING"
    }

    /// Bound text and blobs point into a buffer that outlives the step (`SQLITE_STATIC`).
    private static let staticMemory = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    let db: Database

    /// Inserts `rows` (at most ``rowsPerStatement``); returns, per row, whether it was added.
    /// Of two rows with the same id in one call, only the first can be added. Each row that will be
    /// added is chained to `head` (the chain hash of the record before it), which moves on.
    /// - Parameter correction: for a correction, the id it supersedes and why.
    func insert(
        _ rows: ArraySlice<PreparedSighting>, createdAt: Int64, head: inout [UInt8],
        correction: (supersedes: String, reason: String)? = nil
    ) throws -> [Bool] {
        precondition(rows.count <= Self.rowsPerStatement)
        // Which rows will be added: ids not stored yet, the first of equal ids in the chunk.
        let ids = rows.map(\.sighting.id.rawValue)
        // Compiled once per chunk size and kept.
        let lookup = try db.cachedStatement(
            sql: ids.count == Self.rowsPerStatement
                ? Self.fullLookup : Self.lookupSQL(rows: ids.count))
        let stored = try Self.storedIDs(ids, lookup: lookup, db: db)
        var seen = Set<String>()
        var chains: [[UInt8]?] = []
        for row in rows {
            let id = row.sighting.id.rawValue
            if stored.contains(id) || !seen.insert(id).inserted {
                chains.append(nil)
            } else {
                head = SightingChain.link(
                    previous: head, id: id, content: row.digest, createdAt: createdAt,
                    supersedes: correction?.supersedes, reason: correction?.reason)
                chains.append(head)
            }
        }
        let statement = try db.cachedStatement(
            sql: rows.count == Self.rowsPerStatement ? Self.fullInsert : Self.sql(rows: rows.count))
        let stmt = statement.sqliteStatement
        // All text and blobs of the chunk in one buffer: SQLite reads them in place, no copy per field.
        var texts = TextPack()
        var bound: [(Int32, TextPack.Slot)] = []
        bound.reserveCapacity(rows.count * 8)
        for (n, row) in rows.enumerated() {
            let base = Int32(n) * Self.valuesPerRow
            bind(row, at: base, createdAt: createdAt, to: stmt, texts: &texts, bound: &bound)
            if let chain = chains[n] {
                bound.append((base + 20, texts.add(blob: chain)))
                bound.append((base + 23, texts.add(blob: row.seal)))
            }
            if let correction {
                bound.append((base + 21, texts.add(correction.supersedes)))
                bound.append((base + 22, texts.add(correction.reason)))
            }
        }
        let code = texts.bytes.withUnsafeBufferPointer { buffer -> Int32 in
            // Never empty: every row adds its 32-byte digest.
            guard let base = buffer.baseAddress else { return SQLITE_MISUSE }
            for (index, slot) in bound {
                let pointer = UnsafeRawPointer(base + slot.start)
                if slot.isBlob {
                    sqlite3_bind_blob(stmt, index, pointer, slot.length, Self.staticMemory)
                } else {
                    sqlite3_bind_text(
                        stmt, index, pointer.assumingMemoryBound(to: CChar.self), slot.length,
                        Self.staticMemory)
                }
            }
            let code = sqlite3_step(stmt)
            // Unbind before the buffer goes away.
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            return code
        }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: message,
                sql: "INSERT INTO sighting …")
        }
        // The rows chained above are exactly those added: the write transaction holds the lock,
        // so no other writer can have stored one of these ids in between.
        let added = chains.map { $0 != nil }
        let expected = added.filter { $0 }.count
        guard Int(sqlite3_changes(db.sqliteConnection)) == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_INTERNAL,
                message:
                    "added \(sqlite3_changes(db.sqliteConnection)) sightings where \(expected) were expected",
                sql: "INSERT INTO sighting …")
        }
        return added
    }

    /// The ids among `ids` already stored, bound and read with SQLite's C API (GRDB's argument
    /// boxing cost more than the lookup itself).
    private static func storedIDs(_ ids: [String], lookup: Statement, db: Database) throws
        -> Set<String>
    {
        let stmt = lookup.sqliteStatement
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        for (k, id) in ids.enumerated() {
            try db.bind(.text(id), at: Int32(k + 1), to: stmt, sql: "SELECT id FROM sighting …")
        }
        var stored = Set<String>()
        while try db.step(stmt, sql: "SELECT id FROM sighting …") {
            let bytes = UnsafeBufferPointer(
                start: sqlite3_column_text(stmt, 0), count: Int(sqlite3_column_bytes(stmt, 0)))
            stored.insert(String(decoding: bytes, as: UTF8.self))
        }
        return stored
    }

    /// Text and blob values of a chunk, packed end to end.
    struct TextPack {
        struct Slot {
            let start: Int
            let length: Int32
            let isBlob: Bool
        }
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(64 * 256) }

        mutating func add(_ text: String) -> Slot {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return Slot(start: start, length: Int32(bytes.count - start), isBlob: false)
        }

        mutating func add(blob: [UInt8]) -> Slot {
            let start = bytes.count
            bytes.append(contentsOf: blob)
            return Slot(start: start, length: Int32(blob.count), isBlob: true)
        }
    }

    private func bind(
        _ p: PreparedSighting, at base: Int32, createdAt: Int64, to stmt: OpaquePointer,
        texts: inout TextPack, bound: inout [(Int32, TextPack.Slot)]
    ) {
        let s = p.sighting
        func text(_ index: Int32, _ value: String?) {
            // unbound parameters are NULL
            if let value { bound.append((base + index, texts.add(value))) }
        }
        func double(_ index: Int32, _ value: Double?) {
            if let value { sqlite3_bind_double(stmt, base + index, value) }
        }
        func int(_ index: Int32, _ value: Int64?) {
            if let value { sqlite3_bind_int64(stmt, base + index, value) }
        }
        text(1, s.id.rawValue)
        int(2, s.observedAt.millisecondsSince1970)
        int(3, Int64(s.observedAt.offsetMinutes))
        double(4, s.position.latitude)
        double(5, s.position.longitude)
        int(6, p.cell)
        text(7, s.vesselType.rawValue)
        text(8, s.activity.rawValue)
        int(9, s.personsAboard.map(Int64.init))
        double(10, s.headingDegrees)
        double(11, s.speed?.knots)
        text(12, s.source?.rawValue)
        text(13, s.unit)
        switch s.confidence {
        case .value(let v)?: double(14, v)
        case .level(let l)?: text(15, l.rawValue)
        case nil: break
        }
        text(16, s.notes)
        bound.append((base + 17, texts.add(blob: p.digest)))
        int(18, createdAt)
        int(19, s.onLand ? 1 : 0)
        int(24, s.outsideRegion ? 1 : 0)
        int(25, s.inlandWater ? 1 : 0)
    }
}
