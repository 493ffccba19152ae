import Foundation
import SelatAnalysis
import SelatGeo
import SelatModel

/// Mann–Kendall on monthly counts (WIB calendar months), for the "trend" column of a summary
/// table. Each sighting's month is worked out once per run, not once per table row.
struct MonthlyTrend {
    /// Month of each sighting, counted from the sample's first month.
    private let month: [Int]
    private let months: Int

    init(_ sample: SightingSample) {
        let absolute = sample.times.map {
            Timestamp(millisecondsSince1970: $0).monthsSince1970(offsetMinutes: 420)
        }
        let first = absolute.min() ?? 0
        month = absolute.map { $0 - first }
        months = (absolute.max() ?? first) - first + 1
    }

    /// Mann–Kendall on the monthly counts of `members`, or why there is none.
    func trend(_ members: [Int]) -> HotspotRow.Trend {
        guard months >= 4 else { return .tooFewMonths }
        var counts = [Double](repeating: 0, count: months)
        for i in members { counts[month[i]] += 1 }
        let mk = MannKendall(counts)
        return .monthly(direction: mk.direction(alpha: 0.05), p: mk.p)
    }

}
