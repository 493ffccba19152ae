import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
import SelatModel

extension SelatDatabase {
    static let sightingColumns = """
        seq, id, observed_at, observed_offset_min, lat, lon, vessel_type, activity, persons_aboard, \
        heading_deg, speed_kn, source, unit, confidence, confidence_level, notes, created_at, on_land, \
        outside_region, inland_water
        """
    /// Stores one sighting.
    ///
    /// - Returns: ``InsertOutcome/added``, or, when the id is already stored,
    ///   ``InsertOutcome/duplicate`` (same content) or ``InsertOutcome/conflict(existing:)``
    ///   (different content; the stored record is kept, never overwritten).
    /// - Throws: ``StoreError``.
    @discardableResult
    public func insert(_ sighting: Sighting) throws(StoreError) -> InsertOutcome {
        try insert([sighting])[0]
    }

    /// Stores sightings in one transaction: all outcomes are decided, or none is written.
    ///
    /// - Returns: One outcome per sighting, in order. A later sighting with the same id as an
    ///   earlier one in the batch is a duplicate or conflict of it.
    /// - Throws: ``StoreError``; the transaction is rolled back.
    /// - Complexity: O(n log N) for n sightings into a log of N.
    public func insert(_ sightings: [Sighting]) throws(StoreError) -> [InsertOutcome] {
        try insert(prepared: sightings.map(PreparedSighting.init))
    }

    /// Stores sightings whose digest and key are already computed, in one transaction.
    /// - Returns: One outcome per sighting, in order.
    /// - Throws: ``StoreError``; the transaction is rolled back.
    public func insert(prepared sightings: [PreparedSighting]) throws(StoreError) -> [InsertOutcome]
    {
        try insert(prepared: sightings, origins: [], audit: { _ in [] })
    }

    /// Stores sightings, who logged them and the audit entries of those that are new, in one
    /// transaction: a sighting is never durable without its origin and its audit entry.
    /// - Parameters:
    ///   - origins: One per sighting (or empty): recorded for each that is added or was already
    ///     stored identically (the first origin of a sighting is kept).
    ///   - audit: The entries to append, given the outcomes.
    /// - Returns: One outcome per sighting, in order.
    /// - Throws: ``StoreError``; the transaction is rolled back.
    public func insert(
        prepared sightings: [PreparedSighting], origins: [SightingOrigin?],
        audit: ([InsertOutcome]) -> [AuditEntry]
    ) throws(StoreError) -> [InsertOutcome] {
        try insertStoring(
            prepared: sightings, origins: origins, audit: audit, keepStored: !origins.isEmpty
        ).map(\.outcome)
    }

    /// ``insert(prepared:origins:audit:)``, also giving each added sighting as stored — its
    /// place in the log and when it was stored — so a caller can answer without reading it back.
    public func insertStoring(
        prepared sightings: [PreparedSighting], origins: [SightingOrigin?],
        audit: ([InsertOutcome]) -> [AuditEntry]
    ) throws(StoreError) -> [(outcome: InsertOutcome, stored: StoredSighting?)] {
        try insertStoring(prepared: sightings, origins: origins, audit: audit, keepStored: true)
    }

    /// ``insertStoring(prepared:origins:audit:)``; with `keepStored` false (and no origins) the
    /// stored records are not made (nil): a bulk load has no use for a copy of every row.
    func insertStoring(
        prepared sightings: [PreparedSighting], origins: [SightingOrigin?],
        audit: ([InsertOutcome]) -> [AuditEntry], keepStored: Bool
    ) throws(StoreError) -> [(outcome: InsertOutcome, stored: StoredSighting?)] {
        precondition(keepStored || origins.isEmpty, "origins are recorded from the stored rows")
        precondition(origins.isEmpty || origins.count == sightings.count)
        if case .postgres(let engine) = backend {
            return try postgresInsertStoring(
                engine, prepared: sightings, origins: origins, audit: audit)
        }
        let now = Self.nowMilliseconds()
        return try write { db in
            let statement = SightingInsertStatement(db: db)
            var head = try Self.chainHead(db)
            let headBefore = head
            var outcomes: [InsertOutcome] = []
            var stored: [StoredSighting?] = []
            outcomes.reserveCapacity(sightings.count)
            stored.reserveCapacity(sightings.count)
            var lastSeq: Int64?
            var start = sightings.startIndex
            while start < sightings.endIndex {
                let end = min(start + SightingInsertStatement.rowsPerStatement, sightings.endIndex)
                let chunk = sightings[start..<end]
                let added = try statement.insert(chunk, createdAt: now, head: &head)
                // The rows one statement adds get consecutive log positions (the rowid, max + 1
                // each), ending at the last inserted rowid.
                let count = Int64(added.filter { $0 }.count)
                var next = db.lastInsertedRowID - count + 1
                if count > 0 { lastSeq = db.lastInsertedRowID }
                for (row, wasAdded) in zip(chunk, added) {
                    if wasAdded {
                        outcomes.append(.added)
                        stored.append(
                            keepStored
                                ? StoredSighting(
                                    sighting: row.sighting, sequence: next,
                                    createdAt: Timestamp(millisecondsSince1970: now)) : nil)
                        next += 1
                    } else {
                        outcomes.append(
                            try Self.compareExisting(db, id: row.sighting.id, digest: row.digest))
                        stored.append(nil)
                    }
                }
                start = end
            }
            if head != headBefore, let lastSeq {
                try Self.saveChainHead(db, seq: lastSeq, hash: head)
            }
            try Self.recordOrigins(
                origins, of: sightings, outcomes: outcomes, stored: stored, SQLiteRunner(db: db))
            let entries = audit(outcomes)
            if !entries.isEmpty { _ = try Self.appendAudit(entries, SQLiteRunner(db: db)) }
            return Array(zip(outcomes, stored))
        }
    }

    /// Records who logged each sighting of a batch (in the batch's transaction): new rows by their
    /// log position; a retry's row by its id (it keeps the origin it has, if any).
    static func recordOrigins(
        _ origins: [SightingOrigin?], of sightings: [PreparedSighting], outcomes: [InsertOutcome],
        stored: [StoredSighting?], _ db: any SQLRunner
    ) throws {
        guard !origins.isEmpty else { return }
        var added: [(Int64, SightingOrigin)] = []
        var retried: [(SightingID, SightingOrigin)] = []
        for k in sightings.indices {
            guard let origin = origins[k] else { continue }
            if let row = stored[k] {
                added.append((row.sequence, origin))
            } else if outcomes[k] == .duplicate {
                retried.append((sightings[k].sighting.id, origin))
            }
        }
        try insertOrigins(added, db)
        try insertOrigins(retried, db)
    }

    /// Stores `corrected` as a new record that supersedes the sighting `id` (which stays, unchanged,
    /// as evidence). Searches, maps and analyses then see the correction only.
    /// - Throws: ``StoreError/notFound(kind:key:)`` when there is no such sighting;
    ///   ``StoreError/alreadyCorrected(id:by:)`` when it was already corrected (correct the newest version) or
    ///   the correction says nothing new.
    /// - Parameter origin: who corrected it through the station server, recorded with it.
    public func correct(
        _ id: SightingID, with corrected: Sighting, reason: String, origin: SightingOrigin? = nil
    ) throws(StoreError) -> StoredSighting {
        let now = Self.nowMilliseconds()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw .correctionNeedsReason
        }
        if case .postgres(let engine) = backend {
            return try postgresCorrect(
                engine, id, with: corrected, reason: reason, origin: origin)
        }
        return try write { db in
            guard let old = try Self.fetchSighting(db, id: id) else {
                throw StoreError.notFound(kind: "sighting", key: id.rawValue)
            }
            if let newer = try String.fetchOne(
                db, sql: "SELECT id FROM sighting WHERE supersedes = ?", arguments: [id.rawValue])
            {
                throw StoreError.alreadyCorrected(id: id.description, by: "\(newer)")
            }
            let prepared = PreparedSighting(corrected)
            guard prepared.digest != old.sighting.contentDigest else {
                throw StoreError.correctionChangesNothing
            }
            var head = try Self.chainHead(db)
            let added = try SightingInsertStatement(db: db).insert(
                [prepared][...], createdAt: now, head: &head,
                correction: (id.rawValue, reason))
            guard added == [true] else {
                throw StoreError.idTaken(id: "\(corrected.id)")
            }
            try Self.saveChainHead(
                db, seq: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM sighting") ?? 0,
                hash: head)
            if let origin { try Self.insertOrigins([(corrected.id, origin)], SQLiteRunner(db: db)) }
            guard let stored = try Self.fetchSighting(db, id: corrected.id) else {
                throw StoreError.database("the correction vanished")
            }
            return stored
        }
    }

    /// One version of a sighting in its history.
    public struct Version: Sendable, Hashable {
        public let stored: StoredSighting
        /// The id this version corrects, and why.
        public let supersedes: SightingID?
        public let reason: String?
    }

    /// Every version of the sighting `id`, oldest first: the original record and each correction.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    public func history(of id: SightingID) throws(StoreError) -> [Version] {
        try reading { db in
            func version(_ id: String) throws -> Version? {
                guard let s = try Self.fetchSighting(db, id: try SightingID(id)) else { return nil }
                let row = try db.row(
                    "SELECT supersedes, correction_reason FROM sighting WHERE id = ?", [id])
                let sup: String? = row?[0]
                return Version(
                    stored: s, supersedes: try sup.map { try SightingID($0) }, reason: row?[1])
            }
            guard var current = try version(id.rawValue) else {
                throw StoreError.notFound(kind: "sighting", key: id.rawValue)
            }
            var versions = [current]
            while let older = current.supersedes, let v = try version(older.rawValue) {
                versions.insert(v, at: 0)
                current = v
            }
            var newest = id.rawValue
            while let newer = try db.value(
                "SELECT id FROM sighting WHERE supersedes = ?", [newest], as: String.self),
                let v = try version(newer)
            {
                versions.append(v)
                newest = newer
            }
            return versions
        }
    }

    /// The chain hash of the last record (the genesis hash for an empty log).
    static func chainHead(_ db: Database) throws -> [UInt8] {
        // Cached statements: the server's writer runs these for every group it commits.
        let data = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT chain_sha256 FROM sighting ORDER BY seq DESC LIMIT 1"))
        return data.map(Array.init) ?? SightingChain.genesis
    }

    /// Remembers the chain's head, so records cut from the end are noticed.
    static func saveChainHead(_ db: Database, seq: Int64, hash: [UInt8]) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO setting (key, value) VALUES ('chain_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ).execute(arguments: ["\(seq) \(SHA256.hex(hash))"])
    }

    private static func compareExisting(_ db: Database, id: SightingID, digest: [UInt8]) throws
        -> InsertOutcome
    {
        let stored = try Data.fetchOne(
            db, sql: "SELECT content_sha256 FROM sighting WHERE id = ?", arguments: [id.rawValue])
        guard let stored else {
            throw StoreError.database("row for id \(id) vanished during insert")
        }
        if stored == Data(digest) { return .duplicate }
        guard let existing = try fetchSighting(db, id: id) else {
            throw StoreError.database("row for id \(id) vanished during insert")
        }
        return .conflict(existing: existing.sighting)
    }

    /// The sighting with this id, on either engine.
    static func fetchSighting(_ db: any SQLRunner, id: SightingID) throws -> StoredSighting? {
        if let sqlite = db as? SQLiteRunner { return try fetchSighting(sqlite.db, id: id) }
        return try postgresSighting(db, id: id)
    }

    private static func fetchSighting(_ db: Database, id: SightingID) throws -> StoredSighting? {
        var found: [StoredSighting] = []
        let statement = try db.cachedStatement(
            sql: "SELECT \(sightingColumns) FROM sighting WHERE id = ?")
        try SightingColumnsReader(db: db, statement: statement).read(
            arguments: [id.rawValue], into: &found
        ) { _, _ in true }
        return found.first
    }

    /// The sighting with this id, if stored.
    public func sighting(id: SightingID) throws(StoreError) -> StoredSighting? {
        try reading { db in try Self.fetchSighting(db, id: id) }
    }

    /// The sighting with this id and the agency that logged it through the station server, in
    /// one read.
    public func sightingWithOrigin(id: SightingID) throws(StoreError) -> (
        sighting: StoredSighting, agency: String?
    )? {
        try reading { db in
            guard let s = try Self.fetchSighting(db, id: id) else { return nil }
            let agency = try db.value(
                "SELECT agency FROM sighting_origin WHERE sighting_seq = ?", [s.sequence],
                as: String.self)
            return (s, agency)
        }
    }

    /// How many sightings are stored.
    public func sightingCount() throws(StoreError) -> Int {
        try reading { db in try db.value("SELECT count(*) FROM sighting", as: Int.self) ?? 0 }
    }

    /// The sightings matching `query`, earliest first.
    ///
    /// Area filters use the `cell` index (a Hilbert key): each key range covering the area is one
    /// index scan that also checks the box on the index entries, so only rows inside the box are
    /// read; those are then checked against the exact geodesic radius.
    /// - Throws: ``StoreError``.
    public func sightings(matching query: SightingQuery) throws(StoreError) -> [StoredSighting] {
        if engine == .postgresql { return try postgresSightings(matching: query) }
        return try read { db in
            let query = try Self.withUsableIndex(db, query)
            let plan = Self.sql(for: query)
            if plan.sortInSwift, query.useSpatialIndex, let limit = query.limit {
                return try Self.firstInArea(db, plan: plan, query: query, limit: limit)
            }
            var results: [StoredSighting] = []
            let reader = SightingColumnsReader(
                db: db, statement: try db.cachedStatement(sql: plan.sql))
            for arguments in plan.argumentsPerRange {
                try reader.read(arguments: arguments, into: &results) { lat, lon in
                    try Self.inCircle(query, lat: lat, lon: lon)
                }
            }
            if plan.sortInSwift {
                // Sort small keys, then move each (large) record once.
                let keys = results.map {
                    ($0.sighting.observedAt.millisecondsSince1970, $0.sequence)
                }
                var order = Array(results.indices)
                order.sort { keys[$0] < keys[$1] }
                if let limit = query.limit, order.count > limit {
                    order.removeSubrange(max(0, limit)...)
                }
                results = order.map { results[$0] }
            }
            return results
        }
    }

    /// The first `limit` sightings (by time, then log order) of an area query, in two passes: the
    /// time, log position and position of every row in the area (read straight from SQLite and
    /// tested against the circle), then the whole records of the first `limit` only. A 5 nm circle
    /// of 30,000 sightings no longer decodes 30,000 records to return 100.
    static func firstInArea(_ db: Database, plan: QueryPlan, query: SightingQuery, limit: Int)
        throws -> [StoredSighting]
    {
        var keys: [(time: Int64, seq: Int64)] = []
        if let walked = try firstInTime(db, query: query, limit: limit) {
            keys = walked
        } else {
            keys = try keysInArea(db, plan: plan, query: query)
        }
        keys.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
        let chosen = keys.prefix(max(0, limit)).map(\.seq)
        var results: [StoredSighting] = []
        for start in stride(from: 0, to: chosen.count, by: 500) {
            let part = Array(chosen[start..<min(start + 500, chosen.count)])
            let sql =
                "SELECT \(sightingColumns) FROM sighting WHERE seq IN ("
                + part.map { _ in "?" }.joined(separator: ",") + ")"
            try SightingColumnsReader(db: db, statement: try db.makeStatement(sql: sql)).read(
                arguments: StatementArguments(part), into: &results
            ) { _, _ in true }
        }
        results.sort {
            ($0.sighting.observedAt.millisecondsSince1970, $0.sequence)
                < ($1.sighting.observedAt.millisecondsSince1970, $1.sequence)
        }
        return results
    }

    /// The time and log position of every row of an area query (the cell index pass).
    static func keysInArea(_ db: Database, plan: QueryPlan, query: SightingQuery) throws
        -> [(time: Int64, seq: Int64)]
    {
        var keys: [(time: Int64, seq: Int64)] = []
        try forEachKeyInArea(db, plan: plan, query: query) { keys.append(($0, $1)) }
        return keys
    }

    /// Calls `body` with the time and log position of each sighting in the query's area (the
    /// exact circle), read from the `cell` index range by range, in no particular order.
    static func forEachKeyInArea(
        _ db: Database, plan: QueryPlan, query: SightingQuery,
        _ body: (_ time: Int64, _ seq: Int64) -> Void
    ) throws {
        let keySQL = plan.sql.replacingOccurrences(
            of: "SELECT \(sightingColumns) FROM", with: "SELECT seq, observed_at, lat, lon FROM")
        let statement = try db.cachedStatement(sql: keySQL)
        for arguments in plan.argumentsPerRange {
            try statement.setArguments(arguments)
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            while try db.step(stmt, sql: keySQL) {
                guard
                    try inCircle(
                        query, lat: sqlite3_column_double(stmt, 2),
                        lon: sqlite3_column_double(stmt, 3))
                else { continue }
                body(sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 0))
            }
        }
    }

    struct QueryPlan {
        /// One statement, run once per argument list (one per key range of an area query).
        var sql: String
        var argumentsPerRange: [StatementArguments]
        /// Area queries gather rows range by range and sort (and limit) them afterwards.
        var sortInSwift: Bool
    }

    /// Builds the SQL for a query (exposed to tests to check the index is used).
    static func sql(for query: SightingQuery) -> QueryPlan {
        var clauses: [String] = []
        var args: SQLArguments = []
        let (area, empty) = Self.area(of: query)
        if let area {
            clauses.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
            args += [area.south, area.north, area.west, area.east]
        }
        // In area queries the cell ranges are the selective part: `+observed_at` keeps SQLite
        // from choosing the time index instead.
        let attributes = attributeClauses(
            for: query, timeColumn: area != nil ? "+observed_at" : "observed_at")
        clauses += attributes.clauses
        args += attributes.arguments
        if empty { clauses.append("0") }

        if let area, query.useSpatialIndex {
            // One index range scan per key range; the ranges are disjoint, so no row comes twice.
            let sql =
                "SELECT \(sightingColumns) FROM sighting WHERE cell BETWEEN ? AND ? AND "
                + clauses.joined(separator: " AND ")
            let perRange = HilbertKey.ranges(covering: area).map { r in
                SQLiteRunner.arguments([r.lowerBound, r.upperBound] + args)
            }
            return QueryPlan(sql: sql, argumentsPerRange: perRange, sortInSwift: true)
        }
        var sql =
            "SELECT \(sightingColumns) FROM sighting"
            + (query.useSpatialIndex ? "" : " NOT INDEXED")
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        if area != nil {
            // A full scan (the reference path): sort and limit like the indexed path.
            return QueryPlan(
                sql: sql, argumentsPerRange: [SQLiteRunner.arguments(args)], sortInSwift: true)
        }
        sql += " ORDER BY observed_at, seq"
        if let limit = query.limit {
            sql += " LIMIT ?"
            args.append(max(0, limit))
        }
        return QueryPlan(
            sql: sql, argumentsPerRange: [SQLiteRunner.arguments(args)], sortInSwift: false)
    }

    /// The box an area query reads (the circle's box, cut by the query's box), and whether the
    /// two are disjoint (nothing can match).
    static func area(of query: SightingQuery) -> (box: BoundingBox?, empty: Bool) {
        var area: BoundingBox? = query.box
        if let (centre, radius) = query.near {
            let around = BoundingBox.around(centre, radius: radius)
            if let box = area {
                area = try? BoundingBox(
                    west: max(box.west, around.west), south: max(box.south, around.south),
                    east: min(box.east, around.east), north: min(box.north, around.north))
                if area == nil { return (nil, true) }
            } else {
                area = around
            }
        }
        return (area, false)
    }

    /// Leaves out the records a correction superseded (they stay in the log as evidence; searches
    /// and analyses see the correction). By log position (the rowid, which every index carries), so
    /// an area search's key pass never reads the table; the corrected rows are found once per query.
    static let currentOnly =
        "seq NOT IN (SELECT old.seq FROM sighting AS fix JOIN sighting AS old"
        + " ON old.id = fix.supersedes WHERE fix.supersedes IS NOT NULL)"

    /// The WHERE clauses (and their arguments) for a query's time, vessel type, activity and unit
    /// filters, shared by every query of the sighting table.
    static func attributeClauses(for query: SightingQuery, timeColumn: String = "observed_at")
        -> (clauses: [String], arguments: SQLArguments)
    {
        var clauses: [String] = []
        var args: SQLArguments = []
        if !query.includeSuperseded { clauses.append(currentOnly) }
        if let since = query.since {
            clauses.append("\(timeColumn) >= ?")
            args.append(since.millisecondsSince1970)
        }
        if let until = query.until {
            clauses.append("\(timeColumn) <= ?")
            args.append(until.millisecondsSince1970)
        }
        if let after = query.after {
            // Stable paging: the rows after the last one a page returned, in (time, log) order.
            clauses.append("(\(timeColumn) > ? OR (\(timeColumn) = ? AND seq > ?))")
            args += [after.observedAt, after.observedAt, after.sequence]
        }
        if !query.vesselTypes.isEmpty {
            let values = query.vesselTypes.map(\.rawValue).sorted()
            clauses.append(
                "vessel_type IN (" + values.map { _ in "?" }.joined(separator: ",") + ")")
            args += values
        }
        if !query.activities.isEmpty {
            let values = query.activities.map(\.rawValue).sorted()
            clauses.append("activity IN (" + values.map { _ in "?" }.joined(separator: ",") + ")")
            args += values
        }
        if let unit = query.unit {
            clauses.append("instr(lower(unit), lower(?)) > 0")
            args.append(unit)
        }
        return (clauses, args)
    }

    /// Enumeration values as stored (exact raw values; anything else is read as typed text).
    static func stored<E: TextEnumeration>(_: E.Type, _ text: String) throws(ModelError) -> E {
        if let value = E(rawValue: text) { return value }
        return try E(parsing: text)
    }
}
