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
    struct PostgresFilter {
        var clauses: [String]
        var arguments: SQLArguments

        /// Nil when the query's area is empty.
        init?(_ query: SightingQuery) {
            (clauses, arguments) = SelatDatabase.postgresAttributeClauses(for: query)
            if SelatDatabase.area(of: query).empty { return nil }
            // The box on the geometry index; a circle on the geography index alone (both
            // together make PostgreSQL read and intersect two indexes, slower than one).
            if let box = query.box {
                clauses.append("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
                arguments += [box.west, box.south, box.east, box.north]
            }
            if let (centre, radius) = query.near {
                // A metre of slack: PostGIS's spheroid and Selat's geodesic agree to millimetres.
                add(within: centre, metres: radius.metres + 1)
            }
        }

        /// Keeps the sightings within `metres` of `centre` (on the geography index), or, with
        /// `outside`, those farther.
        mutating func add(within centre: Coordinate, metres: Double, outside: Bool = false) {
            clauses.append(
                (outside ? "NOT " : "")
                    + "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
            )
            arguments += [centre.longitude, centre.latitude, metres]
        }

        /// `WHERE …` of the clauses, or nothing.
        var sql: String {
            clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        }
    }

    /// ``forEachSighting(matching:_:)`` on PostgreSQL. Without an area, pages of the time index
    /// in order (`(observed_at, seq)` after the last row handed over). With an area, first the
    /// time, log position and position of each candidate (no record decoded), tested against the
    /// exact circle and sorted; then the records, a page at a time by log position.
    func postgresForEach(matching query: SightingQuery, _ body: (StoredSighting) -> Bool)
        throws(StoreError) -> Int
    {
        guard let filter = PostgresFilter(query) else { return 0 }
        return try reading { db in
            if query.box == nil && query.near == nil {
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
        _ db: any SQLRunner, filter: PostgresFilter,
        limit: Int?, _ body: (StoredSighting) -> Bool
    ) throws -> Int {
        var given = 0
        var last: (time: Int64, seq: Int64)?
        var remaining = limit.map { max(0, $0) }
        while true {
            let want = min(postgresPage, remaining ?? postgresPage)
            if want == 0 { return given }
            var page = filter
            if let last {
                page.clauses.append("(observed_at, seq) > (?::timestamptz, ?)")
                page.arguments += [postgresTime(last.time), last.seq]
            }
            let rows = try db.rows(
                "SELECT \(postgresSightingColumns) FROM sighting\(page.sql) ORDER BY sighting.observed_at, seq LIMIT ?",
                page.arguments + [want])
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
        _ db: any SQLRunner, filter: PostgresFilter,
        query: SightingQuery
    ) throws -> [(time: Int64, seq: Int64)] {
        let rows = try db.rows(
            "SELECT seq, (extract(epoch FROM observed_at) * 1000)::bigint, lat, lon FROM sighting\(filter.sql)",
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
    func postgresCount(matching query: SightingQuery) throws(StoreError) -> Int {
        guard let filter = PostgresFilter(query) else { return 0 }
        return try reading { db in
            guard let (centre, radius) = query.near else {
                return try db.value(
                    "SELECT count(*) FROM sighting\(filter.sql)", filter.arguments, as: Int.self)
                    ?? 0
            }
            let inner = max(0, radius.metres - 1)
            var sure = filter
            sure.add(within: centre, metres: inner)
            var band = filter
            band.add(within: centre, metres: inner, outside: true)
            let counted =
                try db.value(
                    "SELECT count(*) FROM sighting\(sure.sql)", sure.arguments, as: Int.self) ?? 0
            return counted + (try Self.postgresKeysInArea(db, filter: band, query: query).count)
        }
    }

    /// ``sightings(matching:)`` on PostgreSQL: the streamed answer, gathered.
    func postgresSightings(matching query: SightingQuery) throws(StoreError) -> [StoredSighting] {
        var results: [StoredSighting] = []
        try postgresForEach(matching: query) { s in
            results.append(s)
            return true
        }
        return results
    }
}
