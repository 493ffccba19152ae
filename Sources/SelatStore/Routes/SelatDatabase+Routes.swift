import Foundation
import GRDB
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Stores a new route. Points that name a waypoint are linked to it.
    /// - Throws: ``StoreError/nameTaken(kind:name:)``, or ``StoreError/notFound(kind:key:)`` for a
    ///   point naming a waypoint that is not stored.
    public func add(_ route: Route) throws(StoreError) {
        let now = Self.nowMilliseconds()
        do {
            try writer.write { db in
                if try Int.fetchOne(
                    db, sql: "SELECT 1 FROM route WHERE name = ?", arguments: [route.name]) != nil
                {
                    throw StoreError.nameTaken(kind: "route", name: route.name)
                }
                try db.execute(
                    sql: "INSERT INTO route (name, kind, notes, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [route.name, route.kind.rawValue, route.notes, now])
                let routeID = db.lastInsertedRowID
                for (seq, point) in route.points.enumerated() {
                    var waypointID: Int64?
                    if let name = point.waypointName {
                        guard
                            let id = try Int64.fetchOne(
                                db, sql: "SELECT id FROM waypoint WHERE name = ?", arguments: [name]
                            )
                        else {
                            throw StoreError.notFound(kind: "waypoint", key: name)
                        }
                        waypointID = id
                    }
                    try db.execute(
                        sql:
                            "INSERT INTO route_point (route_id, seq, waypoint_id, lat, lon) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            routeID, seq, waypointID, point.position.latitude,
                            point.position.longitude,
                        ])
                }
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// All routes, by name.
    public func routes() throws(StoreError) -> [Route] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM route ORDER BY name").compactMap {
                try Self.fetchRoute(db, named: $0)
            }
        }
    }

    /// The route with this name (case-insensitive), if any.
    public func route(named name: String) throws(StoreError) -> Route? {
        try read { db in try Self.fetchRoute(db, named: name.trimmingCharacters(in: .whitespaces)) }
    }

    private static func fetchRoute(_ db: Database, named name: String) throws -> Route? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, name, kind, notes FROM route WHERE name = ?", arguments: [name]
            )
        else {
            return nil
        }
        let points = try Row.fetchAll(
            db,
            sql: """
                SELECT rp.lat, rp.lon, w.name AS waypoint_name FROM route_point rp
                LEFT JOIN waypoint w ON w.id = rp.waypoint_id WHERE rp.route_id = ? ORDER BY rp.seq
                """, arguments: [row["id"] as Int64]
        ).map { p in
            Route.Point(
                waypointName: p["waypoint_name"],
                position: try Coordinate(latitude: p["lat"], longitude: p["lon"]))
        }
        return try Route(
            name: row["name"], kind: Route.Kind(parsing: row["kind"] as String), points: points,
            notes: row["notes"])
    }
}
