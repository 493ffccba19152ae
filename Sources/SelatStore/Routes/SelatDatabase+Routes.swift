import Foundation
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Stores a new route. Points that name a waypoint are linked to it.
    /// - Throws: ``StoreError/nameTaken(kind:name:)``, or ``StoreError/notFound(kind:key:)`` for a
    ///   point naming a waypoint that is not stored.
    public func add(_ route: Route) throws(StoreError) {
        let now = Self.nowMilliseconds()
        try transaction { db in
            if try db.value(
                "SELECT 1 FROM route WHERE lower(name) = lower(?)", [route.name], as: Int.self)
                != nil
            {
                throw StoreError.nameTaken(kind: "route", name: route.name)
            }
            let routeID = try db.insertReturningID(
                "INSERT INTO route (name, kind, notes, created_at) VALUES (?, ?, ?, ?)",
                [route.name, route.kind.rawValue, route.notes, now])
            for (seq, point) in route.points.enumerated() {
                var waypointID: Int64?
                if let name = point.waypointName {
                    guard
                        let id = try db.value(
                            "SELECT id FROM waypoint WHERE lower(name) = lower(?)", [name],
                            as: Int64.self)
                    else {
                        throw StoreError.notFound(kind: "waypoint", key: name)
                    }
                    waypointID = id
                }
                try db.execute(
                    "INSERT INTO route_point (route_id, seq, waypoint_id, lat, lon) VALUES (?, ?, ?, ?, ?)",
                    [routeID, seq, waypointID, point.position.latitude, point.position.longitude])
            }
        }
    }

    /// All routes, by name.
    public func routes() throws(StoreError) -> [Route] {
        try reading { db in
            try db.values("SELECT name FROM route ORDER BY lower(name), name", as: String.self)
                .compactMap {
                    try Self.fetchRoute(db, named: $0)
                }
        }
    }

    /// The route with this name (case-insensitive), if any.
    public func route(named name: String) throws(StoreError) -> Route? {
        try reading { db in
            try Self.fetchRoute(db, named: name.trimmingCharacters(in: .whitespaces))
        }
    }

    private static func fetchRoute(_ db: any SQLRunner, named name: String) throws -> Route? {
        guard
            let row = try db.row(
                "SELECT id, name, kind, notes FROM route WHERE lower(name) = lower(?)", [name])
        else {
            return nil
        }
        let id: Int64 = try row.required("id")
        let points = try db.rows(
            """
            SELECT rp.lat, rp.lon, w.name AS waypoint_name FROM route_point rp
            LEFT JOIN waypoint w ON w.id = rp.waypoint_id WHERE rp.route_id = ? ORDER BY rp.seq
            """, [id]
        ).map { p in
            Route.Point(
                waypointName: p["waypoint_name"],
                position: try Coordinate(latitude: p.required("lat"), longitude: p.required("lon")))
        }
        return try Route(
            name: row.required("name"), kind: Route.Kind(parsing: row.required("kind")),
            points: points, notes: row["notes"])
    }
}
