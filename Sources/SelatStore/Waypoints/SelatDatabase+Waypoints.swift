import Foundation
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Stores a new waypoint.
    /// - Throws: ``StoreError/nameTaken(kind:name:)`` if the name (case-insensitive) is in use.
    public func add(_ waypoint: Waypoint) throws(StoreError) {
        try add([waypoint])
    }

    /// Stores several waypoints in one transaction: all or none.
    /// - Throws: ``StoreError/nameTaken(kind:name:)`` for the first name in use; nothing is stored.
    public func add(_ waypoints: [Waypoint]) throws(StoreError) {
        let now = Self.nowMilliseconds()
        try transaction { db in
            for w in waypoints {
                if try db.value(
                    "SELECT 1 FROM waypoint WHERE lower(name) = lower(?)", [w.name], as: Int.self)
                    != nil
                {
                    throw StoreError.nameTaken(kind: "waypoint", name: w.name)
                }
                try db.execute(
                    "INSERT INTO waypoint (name, kind, lat, lon, notes, created_at, on_land) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        w.name, w.kind.rawValue, w.position.latitude, w.position.longitude,
                        w.notes, now, w.onLand,
                    ])
            }
        }
    }

    /// All waypoints, by name.
    public func waypoints() throws(StoreError) -> [Waypoint] {
        try reading { db in
            try db.rows(
                "SELECT name, kind, lat, lon, notes, on_land FROM waypoint ORDER BY lower(name), name",
                []
            )
            .map(Self.decodeWaypoint)
        }
    }

    /// The waypoint with this name (case-insensitive), if any.
    public func waypoint(named name: String) throws(StoreError) -> Waypoint? {
        try reading { db in
            try db.row(
                "SELECT name, kind, lat, lon, notes, on_land FROM waypoint WHERE lower(name) = lower(?)",
                [name.trimmingCharacters(in: .whitespaces)]
            ).map(Self.decodeWaypoint)
        }
    }

    static func decodeWaypoint(_ row: SQLRow) throws -> Waypoint {
        try Waypoint(
            name: row.required("name"), kind: Waypoint.Kind(parsing: row.required("kind")),
            position: Coordinate(latitude: row.required("lat"), longitude: row.required("lon")),
            notes: row["notes"], onLand: row.required("on_land"))
    }
}
