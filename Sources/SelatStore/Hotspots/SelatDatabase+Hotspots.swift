import Foundation
import GRDB
import GRDBSQLite
import PostgresNIO
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// The analysed fields of every sighting matching `query` (its time, vessel type, activity,
    /// unit and box filters), and a fingerprint of the set. `nightOnly` keeps sightings from 18:00
    /// to 06:00 WIB.
    ///
    /// Reads columns straight from SQLite into a ``SightingSample``: a million sightings take
    /// well under a second.
    /// - Precondition: `query.near` is nil (analyses take whole areas; use `box`).
    /// - Returns: the sample and the SHA-256 (hex) over the sorted content digests of its sightings.
    /// - Throws: ``StoreError``.
    public func sightingSample(matching query: SightingQuery, nightOnly: Bool = false)
        throws(StoreError) -> (sample: SightingSample, inputDigest: String)
    {
        precondition(query.near == nil, "sightingSample does not take a radius filter")
        if engine == .postgresql {
            return try postgresSample(matching: query, nightOnly: nightOnly)
        }
        var (clauses, args) = Self.attributeClauses(for: query)
        if nightOnly {
            // Hour of day in WIB (UTC+7) from 18 to 5.
            clauses.append("((observed_at / 1000 + 25200) / 3600) % 24 NOT BETWEEN 6 AND 17")
        }
        if let box = query.box {
            clauses.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
            args += [box.south, box.north, box.west, box.east]
        }
        var sql =
            "SELECT lat, lon, observed_at, vessel_type, activity, content_sha256 FROM sighting"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        let vesselNames = VesselType.allCases.map { (Array($0.rawValue.utf8), $0) }
        let activityNames = Activity.allCases.map { (Array($0.rawValue.utf8), $0) }
        return try read { db in
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(SQLiteRunner.arguments(args))
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            var sample = SightingSample()
            var digests: [(UInt64, UInt64, UInt64, UInt64)] = []
            func name<E>(_ i: Int32, _ table: [([UInt8], E)]) throws -> E {
                let n = Int(sqlite3_column_bytes(stmt, i))
                if let p = sqlite3_column_text(stmt, i) {
                    let bytes = UnsafeBufferPointer(start: p, count: n)
                    for (raw, value) in table where raw.count == n && raw.elementsEqual(bytes) {
                        return value
                    }
                }
                throw StoreError.database(
                    "a stored sighting has an unknown value in column \(i); run an integrity check")
            }
            while try db.step(stmt, sql: sql) {
                sample.append(
                    latitude: sqlite3_column_double(stmt, 0),
                    longitude: sqlite3_column_double(stmt, 1),
                    time: sqlite3_column_int64(stmt, 2),
                    vesselType: try name(3, vesselNames), activity: try name(4, activityNames))
                // The schema guarantees 32 bytes; kept as four big-endian words so sorting is cheap.
                let blob = UnsafeRawPointer(sqlite3_column_blob(stmt, 5)!)
                func word(_ k: Int) -> UInt64 {
                    UInt64(bigEndian: blob.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))
                }
                digests.append((word(0), word(1), word(2), word(3)))
            }
            return (sample, Self.fingerprint(&digests))
        }
    }

    /// The SHA-256 (hex) over the sorted content digests of a sample.
    static func fingerprint(_ digests: inout [(UInt64, UInt64, UInt64, UInt64)]) -> String {
        digests.sort { $0 < $1 }
        var hasher = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32 * 1024)
        for d in digests {
            for w in [d.0, d.1, d.2, d.3] {
                withUnsafeBytes(of: w.bigEndian) { buffer.append(contentsOf: $0) }
            }
            if buffer.count >= 32 * 1024 {
                hasher.update(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(buffer)
        return SHA256.hex(hasher.finalize())
    }

    /// ``sightingSample(matching:nightOnly:)`` on PostgreSQL.
    private func postgresSample(matching query: SightingQuery, nightOnly: Bool)
        throws(StoreError) -> (sample: SightingSample, inputDigest: String)
    {
        var (clauses, args) = Self.postgresAttributeClauses(for: query)
        if nightOnly {
            // Hour of day in WIB (UTC+7) from 18 to 5.
            clauses.append(
                "extract(hour FROM (observed_at AT TIME ZONE 'UTC') + interval '7 hours') NOT BETWEEN 6 AND 17"
            )
        }
        if let box = query.box {
            clauses.append("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
            args += [box.west, box.south, box.east, box.north]
        }
        var sql =
            "SELECT lat, lon, (extract(epoch FROM observed_at) * 1000)::bigint, vessel_type, activity, content_sha256 FROM sighting"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        // A million rows: each column decoded straight from PostgreSQL's binary values.
        let vessels = Dictionary(
            uniqueKeysWithValues: VesselType.allCases.map { ($0.rawValue, $0) })
        let activities = Dictionary(
            uniqueKeysWithValues: Activity.allCases.map { ($0.rawValue, $0) })
        return try reading { db in
            guard let runner = db as? PostgresRunner else {
                throw StoreError.database("a PostgreSQL read without its connection")
            }
            let result = try runner.result(sql, args)
            var sample = SightingSample()
            var digests: [(UInt64, UInt64, UInt64, UInt64)] = []
            digests.reserveCapacity(result.rows.count)
            for row in result.rows {
                let (lat, lon, time, vessel, activity, digest) = try row.decode(
                    (Double, Double, Int64, String, String, ByteBuffer).self)
                guard let v = vessels[vessel], let a = activities[activity] else {
                    throw StoreError.database(
                        "a stored sighting has an unknown vessel type or activity (\(vessel), \(activity))"
                    )
                }
                sample.append(latitude: lat, longitude: lon, time: time, vesselType: v, activity: a)
                guard digest.readableBytes == 32,
                    let w0 = digest.getInteger(at: digest.readerIndex, as: UInt64.self),
                    let w1 = digest.getInteger(at: digest.readerIndex + 8, as: UInt64.self),
                    let w2 = digest.getInteger(at: digest.readerIndex + 16, as: UInt64.self),
                    let w3 = digest.getInteger(at: digest.readerIndex + 24, as: UInt64.self)
                else { throw StoreError.database("a stored content digest is not 32 bytes") }
                digests.append((w0, w1, w2, w3))
            }
            return (sample, Self.fingerprint(&digests))
        }
    }

    /// Saves a hotspot run: its record, its typed results and its summary, in one transaction.
    /// - Parameters:
    ///   - results: what is kept (the significant cells, every cluster, contour and peak).
    ///   - outcome: the run's notes and ranked rows (stored without `results`).
    /// - Returns: the run's number.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func saveHotspotRun(
        _ run: HotspotRunRecord, results: HotspotResults, outcome: HotspotRun
    ) throws(StoreError) -> Int64 {
        let resultsText = ResultJSON.text(results)
        let outcomeText = ResultJSON.text(outcome.with(results: HotspotResults()))
        return try transaction { db in
            let id = try db.insertReturningID(
                """
                INSERT INTO hotspot_run (created_at, method, parameters, command, sighting_count, input_sha256, summary, feature_count, results, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    run.createdAt.millisecondsSince1970, run.method, run.parameters, run.command,
                    run.sightingCount, run.inputDigest, run.summary, results.featureCount,
                    resultsText, outcomeText,
                ])
            if db.engine == .postgresql { try Self.saveHotspotCells(results, run: id, db) }
            return id
        }
    }

    /// On PostgreSQL, the run's hexagons as polygons (`hotspot_cell`), for GIS clients.
    static func saveHotspotCells(_ results: HotspotResults, run: Int64, _ db: any SQLRunner)
        throws
    {
        func wkt(_ ring: [Coordinate]) -> String? {
            guard ring.count >= 4 else { return nil }
            var closed = ring
            if closed.first != closed.last { closed.append(ring[0]) }
            return "POLYGON(("
                + closed.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ", ") + "))"
        }
        // (kind, label, z, p, count, polygon) of every hexagon, then stored 500 to a statement.
        var cells: [(String, String, Double, Double, Int, String)] = []
        for c in results.cells {
            if let polygon = wkt(c.ring) {
                cells.append(("gistar", c.cell, c.giZ, c.pFdr ?? c.p, c.count, polygon))
            }
        }
        for c in results.emergingCells {
            if let polygon = wkt(c.ring) {
                cells.append(("emerging", c.pattern, c.finalZ, c.finalP, c.count, polygon))
            }
        }
        for start in stride(from: 0, to: cells.count, by: 500) {
            let part = cells[start..<min(start + 500, cells.count)]
            var args: SQLArguments = []
            for (k, cell) in zip(start..., part) {
                args += [run, k, cell.0, cell.1, cell.2, cell.3, cell.4, cell.5]
            }
            try db.execute(
                "INSERT INTO hotspot_cell (run_id, seq, kind, label, z, p, count, geom) VALUES "
                    + Array(
                        repeating: "(?, ?, ?, ?, ?, ?, ?, ST_GeomFromText(?, 4326))",
                        count: part.count
                    ).joined(separator: ", "), args)
        }
    }

    /// Every stored run, newest first (without results).
    public func hotspotRuns() throws(StoreError) -> [HotspotRunRecord] {
        try reading { db in
            try db.rows(
                "SELECT id, created_at, method, parameters, command, sighting_count, input_sha256, summary, feature_count FROM hotspot_run ORDER BY id DESC",
                []
            ).map(Self.runRecord)
        }
    }

    /// One stored run with its typed results, decoded once here.
    /// - Throws: ``StoreError/notFound(kind:key:)`` if there is no such run,
    ///   ``StoreError/unreadableHotspotRun(id:feature:reason:)`` if its results were changed
    ///   outside Selat (or, for a run stored before schema v11, could not be converted).
    public func hotspotRun(id: Int64) throws(StoreError) -> StoredHotspotRun {
        let found: StoredHotspotRun? = try reading { db in
            guard let row = try db.row("SELECT * FROM hotspot_run WHERE id = ?", [id]) else {
                return nil
            }
            let record = try Self.runRecord(row)
            guard let text: String = row["results"] else {
                // Not converted by migration v11 (SQLite files from before it): say why.
                do {
                    if let sqlite = db as? SQLiteRunner {
                        _ = try LegacyHotspotFeatures(db: sqlite.db, runID: id).results(
                            method: record.method)
                    }
                } catch let e as LegacyHotspotFeatures.Unreadable {
                    throw StoreError.unreadableHotspotRun(
                        id: id, feature: e.feature, reason: e.reason)
                }
                throw StoreError.unreadableHotspotRun(
                    id: id, feature: nil, reason: "its results are missing")
            }
            let results: HotspotResults
            do { results = try ResultJSON.decode(HotspotResults.self, from: text) } catch {
                throw StoreError.unreadableHotspotRun(
                    id: id, feature: nil, reason: "its results are not readable JSON")
            }
            var outcome: HotspotRun?
            if let text: String = row["outcome"] {
                outcome = try? ResultJSON.decode(HotspotRun.self, from: text).with(results: results)
                outcome?.runId = id
            }
            return StoredHotspotRun(record: record, results: results, outcome: outcome)
        }
        guard let found else { throw .notFound(kind: "hotspot run", key: String(id)) }
        return found
    }

    /// Converts the GeoJSON features of runs stored before schema v11 into typed results
    /// (migration v11). A run that cannot be converted keeps its features and no results.
    static func convertLegacyHotspotRuns(_ db: Database) throws {
        let runs = try Row.fetchAll(
            db, sql: "SELECT id, method FROM hotspot_run WHERE results IS NULL")
        for run in runs {
            let id: Int64 = run["id"]
            let method: String = run["method"]
            guard
                let results = try? LegacyHotspotFeatures(db: db, runID: id).results(method: method)
            else { continue }
            try db.execute(
                sql: "UPDATE hotspot_run SET results = ? WHERE id = ?",
                arguments: [ResultJSON.text(results), id])
            try db.execute(sql: "DELETE FROM hotspot_feature WHERE run_id = ?", arguments: [id])
        }
    }

    private static func runRecord(_ row: SQLRow) throws(StoreError) -> HotspotRunRecord {
        HotspotRunRecord(
            id: try row["id"], createdAt: Timestamp(millisecondsSince1970: try row["created_at"]),
            method: try row["method"], parameters: try row["parameters"],
            command: try row["command"], sightingCount: try row["sighting_count"],
            inputDigest: try row["input_sha256"], summary: try row["summary"],
            featureCount: try row["feature_count"])
    }
}
