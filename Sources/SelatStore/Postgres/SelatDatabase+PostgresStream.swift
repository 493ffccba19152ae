import Foundation
import SelatGeo
import SelatModel

/// Searches of the sighting log on PostgreSQL, streamed as on SQLite
/// (``SelatDatabase/forEachSighting(matching:_:)``): the answer is read a page at a time inside one
/// read-only, repeatable-read transaction (one consistent snapshot), so memory does not grow with
/// it, a limit stops the read, and a count never decodes a record.
extension SelatDatabase {
    /// Records read per statement when a PostgreSQL answer is streamed.
    static let postgresPage = 500

    /// A query's filters on PostgreSQL: the attribute clauses, the box on the GiST index, the
    /// circle with `ST_DWithin` on geography (the index on `geom::geography`; the exact geodesic
    /// test Selat uses everywhere decides afterwards, so both engines return the same sightings).
    /// Nil when the area is empty.
    static func postgresFilter(for query: SightingQuery) -> (
        clauses: [String], arguments: SQLArguments, hasArea: Bool
    )? {
        var (clauses, args) = postgresAttributeClauses(for: query)
        let (area, empty) = area(of: query)
        if empty { return nil }
        // The box on the geometry index; a circle on the geography index alone (both together
        // make PostgreSQL read and intersect two indexes, slower than one).
        if let box = query.box {
            clauses.append("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
            args += [box.west, box.south, box.east, box.north]
        }
        if let (centre, radius) = query.near {
            // A metre of slack: PostGIS's spheroid and Selat's geodesic agree to millimetres.
            clauses.append(
                "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)")
            args += [centre.longitude, centre.latitude, radius.metres + 1]
        }
        return (clauses, args, area != nil)
    }

    static func whereClause(_ clauses: [String]) -> String {
        clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    }

    /// ``forEachSighting(matching:_:)`` on PostgreSQL. Without an area, pages of the time index
    /// in order (`(observed_at, seq)` after the last row handed over). With an area, first the
    /// time, log position and position of each candidate (no record decoded), tested against the
    /// exact circle and sorted; then the records, a page at a time by log position.
    func postgresForEach(
        _ engine: PostgresEngine, matching query: SightingQuery, _ body: (StoredSighting) -> Bool
    ) throws(StoreError) -> Int {
        guard let filter = Self.postgresFilter(for: query) else { return 0 }
        return try reading { db in
            if !filter.hasArea {
                return try Self.postgresInTimeOrder(
                    db, filter: filter, limit: query.limit, body)
            }
            var keys = try Self.postgresKeysInArea(db, filter: filter, query: query)
            keys.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
            if let limit = query.limit, keys.count > limit { keys.removeSubrange(max(0, limit)...) }
            var given = 0
            for start in stride(from: 0, to: keys.count, by: Self.postgresPage) {
                let part = keys[start..<min(start + Self.postgresPage, keys.count)].map(\.seq)
                var page = try db.rows(
                    "SELECT \(Self.postgresSightingColumns) FROM sighting WHERE seq IN (\(Self.placeholders(part.count)))",
                    part
                ).map(Self.decodeSighting)
                page.sort {
                    ($0.sighting.observedAt.millisecondsSince1970, $0.sequence)
                        < ($1.sighting.observedAt.millisecondsSince1970, $1.sequence)
                }
                for s in page {
                    given += 1
                    if !body(s) { return given }
                }
            }
            return given
        }
    }

    /// The rows of a query without an area, earliest first, a page at a time.
    private static func postgresInTimeOrder(
        _ db: any SQLRunner, filter: (clauses: [String], arguments: SQLArguments, hasArea: Bool),
        limit: Int?, _ body: (StoredSighting) -> Bool
    ) throws -> Int {
        var given = 0
        var last: (time: Int64, seq: Int64)?
        var remaining = limit.map { max(0, $0) }
        while true {
            let want = min(postgresPage, remaining ?? postgresPage)
            if want == 0 { return given }
            var clauses = filter.clauses
            var args = filter.arguments
            if let last {
                clauses.append("(observed_at, seq) > (?::timestamptz, ?)")
                args += [postgresTime(last.time), last.seq]
            }
            args.append(want)
            let rows = try db.rows(
                "SELECT \(postgresSightingColumns) FROM sighting\(whereClause(clauses)) ORDER BY sighting.observed_at, seq LIMIT ?",
                args)
            for row in rows {
                let s = try decodeSighting(row)
                given += 1
                if !body(s) { return given }
                last = (s.sighting.observedAt.millisecondsSince1970, s.sequence)
            }
            if rows.count < want { return given }
            remaining = remaining.map { $0 - rows.count }
        }
    }

    /// The time and log position of each sighting in the query's area (the exact circle), in no
    /// particular order: 16 bytes a row, no record decoded.
    private static func postgresKeysInArea(
        _ db: any SQLRunner, filter: (clauses: [String], arguments: SQLArguments, hasArea: Bool),
        query: SightingQuery
    ) throws -> [(time: Int64, seq: Int64)] {
        let rows = try db.rows(
            "SELECT seq, (extract(epoch FROM observed_at) * 1000)::bigint, lat, lon FROM sighting\(whereClause(filter.clauses))",
            filter.arguments)
        var keys: [(time: Int64, seq: Int64)] = []
        keys.reserveCapacity(rows.count)
        for row in rows {
            let lat: Double = try row[2]
            let lon: Double = try row[3]
            guard try inCircle(query, lat: lat, lon: lon) else { continue }
            keys.append((try row[1], try row[0]))
        }
        return keys
    }

    /// ``sightingCount(matching:)`` on PostgreSQL: `count(*)` on the filters. With a circle,
    /// PostgreSQL counts the sightings a metre or more inside it (PostGIS's spheroid and Selat's
    /// geodesic agree to millimetres), and only those in the two-metre band at its edge are read
    /// and tested against the exact circle: no record decoded, nothing held.
    func postgresCount(_ engine: PostgresEngine, matching query: SightingQuery)
        throws(StoreError) -> Int
    {
        guard let filter = Self.postgresFilter(for: query) else { return 0 }
        return try reading { db in
            guard let (centre, radius) = query.near else {
                return try db.value(
                    "SELECT count(*) FROM sighting\(Self.whereClause(filter.clauses))",
                    filter.arguments, as: Int.self) ?? 0
            }
            let inside =
                "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
            let insideArgs: SQLArguments = [
                centre.longitude, centre.latitude, max(0, radius.metres - 1),
            ]
            let sure =
                try db.value(
                    "SELECT count(*) FROM sighting\(Self.whereClause(filter.clauses + [inside]))",
                    filter.arguments + insideArgs, as: Int.self) ?? 0
            let band = (
                clauses: filter.clauses + ["NOT " + inside],
                arguments: filter.arguments + insideArgs,
                hasArea: true
            )
            return sure + (try Self.postgresKeysInArea(db, filter: band, query: query).count)
        }
    }

    /// ``sightings(matching:)`` on PostgreSQL: the streamed answer, gathered.
    func postgresSightings(_ engine: PostgresEngine, matching query: SightingQuery)
        throws(StoreError) -> [StoredSighting]
    {
        var results: [StoredSighting] = []
        try postgresForEach(engine, matching: query) { s in
            results.append(s)
            return true
        }
        return results
    }
}
