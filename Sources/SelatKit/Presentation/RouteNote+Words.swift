import Foundation
import SelatGeo

extension RouteNote {
    /// The note as a sentence.
    public var words: String {
        func d(_ metres: Double) -> String { Distance(metres: metres).metricText }
        switch self {
        case .startsOffShore(let stop, let island, let moved, let position):
            return
                "\(stop): its reference position is \(island.map { "on land (\($0))" } ?? "too close to the shore");"
                + " the route starts from the nearest navigable water, \(d(moved)) away"
                + " (\(position.formatted(.degreesMinutes)))."
        case .throughNarrowWater(let clearance, let minimum):
            return
                "No route keeps \(SeaGraphCache.text(clearance)) from the shore all the way: where the water is"
                + " narrower the route keeps at least \(Int(minimum)) m, and the clearance elsewhere."
        case .closeToShore(let clearance, let legs, let total):
            let list =
                legs.count <= 4
                ? legs.map { "leg \($0.leg) (\(d($0.closestShoreMetres)))" }.joined(separator: ", ")
                : "\(legs.count) of \(total) legs (marked *), as close as \(d(legs.map(\.closestShoreMetres).min()!))"
            return
                "Closer to the shore than \(SeaGraphCache.text(clearance)) where the water is narrow or at a stop near the shore: \(list)."
        case .movedOffLand(let stop, let moved):
            return "\(stop): moved \(d(moved)) off the land to navigable water."
        case .narrowPairs(let count):
            return
                "\(count) pair(s) are joined only by water narrower than twice the clearance; their distances keep 10 m from shore."
        case .unreachablePairs(let count):
            return
                "\(count) pair(s) have no water connection (an enclosed lake or lagoon?): their cells are empty."
        }
    }
}
