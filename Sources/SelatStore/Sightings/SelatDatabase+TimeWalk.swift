import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// How many entries of the time index an area search reads, in time order, before it
    /// gives up and reads the area's cells instead (about 3 ms).
    static let timeWalkBudget = 20_000

    /// The first `limit` rows of an area query (time and log position), found by walking the
    /// time index — which carries the position — from the query's start, when the area is dense
    /// enough that they come within ``timeWalkBudget`` entries; nil when it is not, or when the
    /// query filters on columns the index does not carry (type, activity, unit).
    ///
    /// The two paths bound each other: a circle holding a few percent of the log is answered
    /// here in a few thousand entries, however many rows it holds; a circle sparse enough to
    /// exhaust the budget holds few rows, which the cell index reads quickly.
    static func firstInTime(
        _ db: Database, query: SightingQuery, limit: Int, budget: Int = timeWalkBudget
    ) throws
        -> [(time: Int64, seq: Int64)]?
    {
        guard limit > 0, query.vesselTypes.isEmpty, query.activities.isEmpty, query.unit == nil
        else { return nil }
        let (area, empty) = area(of: query)
        guard let area, !empty else { return nil }
        var lower = query.since?.millisecondsSince1970 ?? Int64.min
        if let after = query.after { lower = max(lower, after.observedAt) }
        let upper = query.until?.millisecondsSince1970 ?? Int64.max
        guard lower <= upper else { return [] }
        var sql =
            "SELECT seq, observed_at, lat, lon FROM sighting WHERE observed_at BETWEEN ? AND ?"
        if !query.includeSuperseded { sql += " AND " + currentOnly }
        sql += " ORDER BY observed_at"
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments([lower, upper])
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        var found: [(time: Int64, seq: Int64)] = []
        var scanned = 0
        // The time of the limit-th match: rows after it cannot be among the first; rows at it
        // are read too, since ties are ordered by log position.
        var boundary: Int64?
        while try db.step(stmt, sql: sql) {
            scanned += 1
            let time = sqlite3_column_int64(stmt, 1)
            if let boundary, time > boundary { break }
            let seq = sqlite3_column_int64(stmt, 0)
            if let after = query.after, time == after.observedAt, seq <= after.sequence {
                continue
            }
            let lat = sqlite3_column_double(stmt, 2)
            let lon = sqlite3_column_double(stmt, 3)
            if lat >= area.south, lat <= area.north, lon >= area.west, lon <= area.east,
                try inCircle(query, lat: lat, lon: lon)
            {
                found.append((time, seq))
                if found.count == limit { boundary = time }
            }
            if boundary == nil, scanned >= budget { return nil }
        }
        return found
    }

    /// Whether a position is inside the query's circle (true without one).
    static func inCircle(_ query: SightingQuery, lat: Double, lon: Double) throws -> Bool {
        guard let (centre, radius) = query.near else { return true }
        let p = try Coordinate(latitude: lat, longitude: lon)
        // Cheap spherical test first; exact geodesic only near the edge.
        let approx = centre.haversineDistance(to: p).metres
        if approx > radius.metres * 1.01 { return false }
        return approx <= radius.metres * 0.99 || centre.distance(to: p) <= radius
    }
}
