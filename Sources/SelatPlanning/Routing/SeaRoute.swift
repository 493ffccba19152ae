import Foundation
import SelatGeo

/// A route by water: turning points joined by geodesic legs that stay at sea.
public struct SeaRoute: Sendable {
    /// One straight (geodesic) leg between turning points.
    public struct Leg: Sendable {
        public let from: Coordinate
        public let to: Coordinate
        /// Geodesic length on WGS84.
        public let distance: Distance
        /// True bearing at the start of the leg.
        public let bearing: Bearing
        /// The least distance from the leg to the shore, or nil if it keeps at least the
        /// clearance asked for everywhere.
        public let closestShore: Distance?
        /// The user's stop this leg ends at (index into the stops given), if it ends at one.
        public let endsAtStop: Int?
    }

    public let legs: [Leg]
    /// Clearance from the shore the route was asked to keep.
    public let clearance: Distance
    /// Whether some stretch had to be routed through water narrower than twice the clearance.
    public let throughNarrowWater: Bool

    /// Turning points, from the first stop to the last.
    public var points: [Coordinate] { legs.isEmpty ? [] : [legs[0].from] + legs.map(\.to) }
    /// Total length.
    public var length: Distance { .metres(legs.reduce(0) { $0 + $1.distance.metres }) }
    /// Legs closer to shore than the clearance (narrow water).
    public var narrowLegs: [Int] { legs.indices.filter { legs[$0].closestShore != nil } }
}
