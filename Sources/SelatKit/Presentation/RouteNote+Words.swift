import Foundation
import SelatGeo
import SelatWords

extension RouteNote {
    /// The note as an English sentence.
    public var words: String { words(Words(.en)) }

    /// The note as a sentence in `w`'s language.
    public func words(_ w: Words) -> String {
        func d(_ metres: Double) -> String { Distance(metres: metres).metricText }
        switch self {
        case .startsOffShore(let stop, let island, let moved, let position):
            let place = position.formatted(
                w.language == .id ? .degreesMinutesIndonesian : .degreesMinutes)
            return island.map {
                w(
                    "route.note.starts_off_land",
                    ["stop": stop, "island": $0, "moved": d(moved), "position": place])
            }
                ?? w(
                    "route.note.starts_off_shore",
                    ["stop": stop, "moved": d(moved), "position": place])
        case .throughNarrowWater(let clearance, let minimum):
            return w(
                "route.note.narrow_water",
                ["clearance": SeaGraphCache.text(clearance), "minimum": "\(Int(minimum))"])
        case .closeToShore(let clearance, let legs, let total):
            let list =
                legs.count <= 4
                ? legs.map {
                    w("route.note.leg", ["leg": "\($0.leg)", "distance": d($0.closestShoreMetres)])
                }
                .joined(separator: ", ")
                : w(
                    "route.note.legs",
                    [
                        "count": "\(legs.count)", "total": "\(total)",
                        "closest": d(legs.map(\.closestShoreMetres).min()!),
                    ])
            return w(
                "route.note.close_to_shore",
                ["clearance": SeaGraphCache.text(clearance), "list": list])
        case .movedOffLand(let stop, let moved):
            return w("route.note.moved_off_land", ["stop": stop, "moved": d(moved)])
        case .narrowPairs(let count):
            return w("route.note.narrow_pairs", ["count": "\(count)"])
        case .unreachablePairs(let count):
            return w("route.note.unreachable_pairs", ["count": "\(count)"])
        }
    }
}
