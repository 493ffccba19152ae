import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Calls `body` with each sighting matching `query`, earliest first (then in log order), as
    /// it is read: the answer is never held whole, so memory does not grow with it. `body`
    /// returns false to stop the read (a limit reached, a reader gone).
    ///
    /// A query without an area reads the time index in order and stops with `body`. An area
    /// query first reads the time and log position of each row in the area from the `cell`
    /// index (16 bytes a row, no record decoded; with `query.limit`, the first rows only, walking
    /// the time index when that is shorter), sorts those, then reads and hands over the records
    /// 500 at a time.
    ///
    /// On PostgreSQL the same, a page at a time in one snapshot (``postgresForEach(matching:_:)``).
    /// - Returns: how many sightings `body` was given.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func forEachSighting(
        matching query: SightingQuery, _ body: (StoredSighting) -> Bool
    ) throws(StoreError) -> Int {
        if engine == .postgresql { return try postgresForEach(matching: query, body) }
        return try read { db in
            let query = try Self.withUsableIndex(db, query)
            let plan = Self.sql(for: query)
            var given = 0
            var going = true
            guard plan.sortInSwift else {
                // Already in order (ORDER BY observed_at, seq, with the limit in SQL).
                let reader = SightingColumnsReader(
                    db: db, statement: try db.cachedStatement(sql: plan.sql))
                for arguments in plan.argumentsPerRange where going {
                    try reader.forEach(arguments: arguments) { s in
                        given += 1
                        going = body(s)
                        return going
                    }
                }
                return given
            }
            var keys: [(time: Int64, seq: Int64)]
            if query.useSpatialIndex, let limit = query.limit,
                let walked = try Self.firstInTime(db, query: query, limit: limit)
            {
                keys = walked
            } else {
                keys = try Self.keysInArea(db, plan: plan, query: query)
            }
            keys.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
            if let limit = query.limit, keys.count > limit { keys.removeSubrange(max(0, limit)...) }
            var batch: [StoredSighting] = []
            batch.reserveCapacity(Self.streamBatch)
            for start in stride(from: 0, to: keys.count, by: Self.streamBatch) where going {
                let part = keys[start..<min(start + Self.streamBatch, keys.count)].map(\.seq)
                let sql =
                    "SELECT \(Self.sightingColumns) FROM sighting WHERE seq IN ("
                    + String(repeating: "?,", count: part.count - 1) + "?)"
                batch.removeAll(keepingCapacity: true)
                try SightingColumnsReader(db: db, statement: try db.cachedStatement(sql: sql))
                    .read(arguments: StatementArguments(part), into: &batch) { _, _ in true }
                batch.sort {
                    ($0.sighting.observedAt.millisecondsSince1970, $0.sequence)
                        < ($1.sighting.observedAt.millisecondsSince1970, $1.sequence)
                }
                for s in batch {
                    given += 1
                    going = body(s)
                    if !going { break }
                }
            }
            return given
        }
    }

    /// How many sightings match `query` (its limit ignored), counted without reading a record:
    /// an area query counts the `cell` index entries inside the exact circle; others ask SQLite
    /// for `count(*)`. On PostgreSQL likewise (``postgresCount(matching:)``).
    /// - Throws: ``StoreError``.
    public func sightingCount(matching query: SightingQuery) throws(StoreError) -> Int {
        var query = query
        query.limit = nil
        if engine == .postgresql { return try postgresCount(matching: query) }
        return try read { db in
            let query = try Self.withUsableIndex(db, query)
            let plan = Self.sql(for: query)
            if plan.sortInSwift {
                var total = 0
                try Self.forEachKeyInArea(db, plan: plan, query: query) { _, _ in total += 1 }
                return total
            }
            var sql = plan.sql.replacingOccurrences(
                of: "SELECT \(Self.sightingColumns) FROM", with: "SELECT count(*) FROM")
            if let order = sql.range(of: " ORDER BY observed_at, seq") {
                sql.removeSubrange(order.lowerBound...)
            }
            var total = 0
            for arguments in plan.argumentsPerRange {
                total += try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            return total
        }
    }

    /// Records read per statement when an area answer is streamed.
    static let streamBatch = 500

    /// The query as it can run now: while a bulk load has dropped the cell index, area queries
    /// scan once instead.
    static func withUsableIndex(_ db: Database, _ query: SightingQuery) throws -> SightingQuery {
        var query = query
        if query.useSpatialIndex,
            try Int.fetchOne(
                db,
                sql:
                    "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'sighting_on_cell'"
            ) == nil
        {
            query.useSpatialIndex = false
        }
        return query
    }
}
