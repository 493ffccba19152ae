import Foundation
import GRDB
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
        do {
            try writer.write { db in
                for w in waypoints {
                    if try Int.fetchOne(
                        db, sql: "SELECT 1 FROM waypoint WHERE name = ?", arguments: [w.name])
                        != nil
                    {
                        throw StoreError.nameTaken(kind: "waypoint", name: w.name)
                    }
                    try db.execute(
                        sql:
                            "INSERT INTO waypoint (name, kind, lat, lon, notes, created_at, on_land) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [
                            w.name, w.kind.rawValue, w.position.latitude, w.position.longitude,
                            w.notes, now, w.onLand,
                        ])
                }
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// All waypoints, by name.
    public func waypoints() throws(StoreError) -> [Waypoint] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, kind, lat, lon, notes, on_land FROM waypoint ORDER BY name"
            ).map(Self.decodeWaypoint)
        }
    }

    /// The waypoint with this name (case-insensitive), if any.
    public func waypoint(named name: String) throws(StoreError) -> Waypoint? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, kind, lat, lon, notes, on_land FROM waypoint WHERE name = ?",
                arguments: [name.trimmingCharacters(in: .whitespaces)]
            ).map(Self.decodeWaypoint)
        }
    }

    static func decodeWaypoint(_ row: Row) throws -> Waypoint {
        try Waypoint(
            name: row["name"], kind: Waypoint.Kind(parsing: row["kind"] as String),
            position: Coordinate(latitude: row["lat"], longitude: row["lon"]), notes: row["notes"],
            onLand: row["on_land"])
    }
}
