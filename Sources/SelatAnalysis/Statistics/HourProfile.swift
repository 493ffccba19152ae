import Foundation
import SelatModel

/// When sightings happen: counts per hour of day in WIB (UTC+7), and the busiest stretch.
///
/// This is what the patrol planner uses to put a boat on a hotspot at the right time.
public struct HourProfile: Sendable, Hashable {
    /// Sightings per hour, index 0 = 00:00–00:59 WIB.
    public private(set) var counts: [Int] = Array(repeating: 0, count: 24)

    /// A profile from 24 hourly counts.
    public init(counts: [Int]) {
        precondition(counts.count == 24)
        self.counts = counts
    }

    /// The profile of the sightings `members` of `sample`.
    public init(_ sample: SightingSample, members: some Sequence<Int>) {
        for i in members { counts[sample.hourWIB(i)] += 1 }
    }

    public var total: Int { counts.reduce(0, +) }

    /// The `hours`-long window (wrapping past midnight) holding the most sightings: its first
    /// hour and its share of the total.
    public func peak(hours: Int = 4) -> (start: Int, share: Double) {
        guard total > 0 else { return (0, 0) }
        var best = -1
        var bestStart = 0
        for s in 0..<24 {
            let c = (0..<hours).reduce(0) { $0 + counts[(s + $1) % 24] }
            if c > best {
                best = c
                bestStart = s
            }
        }
        return (bestStart, Double(best) / Double(total))
    }

    /// "20:00–24:00 WIB (41%)".
    public func peakText(hours: Int = 4) -> String {
        guard total > 0 else { return "-" }
        let p = peak(hours: hours)
        let end = (p.start + hours) % 24
        return String(format: "%02d:00–%02d:00 WIB (%.0f%%)", p.start, end, p.share * 100)
    }
}
