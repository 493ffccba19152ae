import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// Turns what a person typed as a place into a position: a stored waypoint's name, or a position.
public struct PlaceResolver: Sendable {
    public let database: SelatDatabase

    public init(database: SelatDatabase) { self.database = database }

    /// The position of `text`: a waypoint name (case-insensitive) first, else a position.
    /// - Throws: ``KitError`` saying it is neither.
    public func coordinate(_ text: String) throws(KitError) -> Coordinate {
        try point(text).position
    }

    /// A route point for `text`, remembering the waypoint name if it is one.
    public func point(_ text: String) throws(KitError) -> Route.Point {
        let stored = try KitError.store { () throws(StoreError) in
            try database.waypoint(named: text)
        }
        if let w = stored {
            return Route.Point(waypointName: w.name, position: w.position)
        }
        do {
            return Route.Point(position: try Coordinate(parsing: text))
        } catch {
            throw .invalidRequest(.notWaypointOrPosition(text, error))
        }
    }
}
