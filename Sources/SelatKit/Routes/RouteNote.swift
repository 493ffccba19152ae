import Foundation
import SelatGeo
import SelatModel

/// Something a planner must know about a sea route or a distance matrix. Each case carries its
/// figures; the words are in `Presentation/RouteNote+Words.swift`.
public enum RouteNote: Sendable, Hashable, Codable {
    /// A stop's reference position is on land (`island`) or too close to the shore (nil); the
    /// route starts from the nearest navigable water, `movedMetres` away, at `position`.
    case startsOffShore(stop: String, island: String?, movedMetres: Double, position: Coordinate)
    /// Somewhere the water is narrower than twice the clearance: the route keeps at least
    /// `minimumMetres` there.
    case throughNarrowWater(clearanceMetres: Double, minimumMetres: Double)
    /// Legs closer to the shore than the clearance: each leg (numbered from 1) and its closest
    /// approach, in metres.
    case closeToShore(clearanceMetres: Double, legs: [NarrowLeg], totalLegs: Int)
    /// A matrix point moved off the land to navigable water.
    case movedOffLand(stop: String, movedMetres: Double)
    /// Pairs joined only by water narrower than twice the clearance.
    case narrowPairs(count: Int)
    /// Pairs with no water connection.
    case unreachablePairs(count: Int)

    /// A leg near the shore.
    public struct NarrowLeg: Sendable, Hashable, Codable {
        public let leg: Int
        public let closestShoreMetres: Double

        public init(leg: Int, closestShoreMetres: Double) {
            self.leg = leg
            self.closestShoreMetres = closestShoreMetres
        }
    }
}
