import Foundation

/// Emerging hot spot analysis: Gi* over a space-time cube, then a Mann–Kendall trend and a
/// pattern for every cell, after ArcGIS's Emerging Hot Spot Analysis ("How Emerging Hot Spot
/// Analysis works", ArcGIS Pro documentation).
///
/// The cube has one bin per cell and time step, holding the count of sightings. A bin's
/// neighbours are the bins of the cell's spatial neighbours (itself included) in the same step
/// and in the `timeWindow` steps before it; Gi* compares each such neighbourhood with the whole
/// cube. A bin is a significant hot (cold) spot when its p-value — BH-adjusted over the whole
/// cube when FDR is on — is at most `alpha` and z is positive (negative). Mann–Kendall on each
/// cell's series of z-scores gives the trend.
public struct EmergingHotSpots: Sendable {
    /// ArcGIS's eight hot and eight cold patterns, and none.
    public enum Pattern: String, Sendable, CaseIterable {
        case none = "No pattern detected"
        case newHot = "New hot spot"
        case consecutiveHot = "Consecutive hot spot"
        case intensifyingHot = "Intensifying hot spot"
        case persistentHot = "Persistent hot spot"
        case diminishingHot = "Diminishing hot spot"
        case sporadicHot = "Sporadic hot spot"
        case oscillatingHot = "Oscillating hot spot"
        case historicalHot = "Historical hot spot"
        case newCold = "New cold spot"
        case consecutiveCold = "Consecutive cold spot"
        case intensifyingCold = "Intensifying cold spot"
        case persistentCold = "Persistent cold spot"
        case diminishingCold = "Diminishing cold spot"
        case sporadicCold = "Sporadic cold spot"
        case oscillatingCold = "Oscillating cold spot"
        case historicalCold = "Historical cold spot"

        /// +1 for hot patterns, −1 for cold, 0 for none.
        public var sign: Int {
            switch self {
            case .none: 0
            case .newHot, .consecutiveHot, .intensifyingHot, .persistentHot, .diminishingHot,
                .sporadicHot, .oscillatingHot, .historicalHot:
                1
            default: -1
            }
        }
    }

    public let cells: Int
    public let steps: Int
    /// z-score per bin, cell-major: bin (cell i, step t) at `i * steps + t`.
    public let z: [Double]
    /// p-value per bin (BH-adjusted over the cube when FDR is on).
    public let p: [Double]
    /// +1 significant hot, −1 significant cold, 0 neither, per bin.
    public let significance: [Int8]
    /// Mann–Kendall on each cell's z-scores.
    public let trends: [MannKendall]
    public let patterns: [Pattern]

    /// Runs the analysis.
    /// - Parameters:
    ///   - counts: sightings per bin, cell-major (`cells × steps`).
    ///   - weights: spatial weights among the cells, each cell its own neighbour.
    ///   - timeWindow: how many earlier steps join a bin's neighbourhood (ArcGIS's
    ///     "neighborhood time step"; default 1).
    ///   - fdr: adjust the bins' p-values with Benjamini–Hochberg over the cube.
    ///   - alpha: significance for the bins and for the trend.
    /// - Throws: ``AnalysisError/tooFew(_:count:needed:)`` under 4 steps;
    ///   ``AnalysisError/noVariation(cells:)`` for a uniform cube.
    /// - Complexity: O(cells · steps · (neighbours + steps)).
    public init(
        counts: [Int], steps: Int, weights: SpatialWeights, timeWindow: Int = 1, fdr: Bool = true,
        alpha: Double = 0.05
    ) throws(AnalysisError) {
        let cells = weights.count
        precondition(counts.count == cells * steps, "cube size mismatch")
        guard steps >= 4 else { throw .tooFew(.timeSteps, count: steps, needed: 4) }
        guard timeWindow >= 0 else {
            throw .outOfRange(.timeWindow, value: "\(timeWindow)", allowed: 0...Double(Int.max))
        }
        let n = Double(cells * steps)
        var sum = 0.0
        var sumSq = 0.0
        for c in counts {
            sum += Double(c)
            sumSq += Double(c * c)
        }
        let mean = sum / n
        let variance = sumSq / n - mean * mean
        guard variance > 1e-12 else { throw .noVariation(cells: cells * steps) }
        let s = variance.squareRoot()
        // Prefix sums along time: pre[i*(steps+1) + t] = Σ_{u<t} counts[i, u].
        var pre = [Double](repeating: 0, count: cells * (steps + 1))
        for i in 0..<cells {
            for t in 0..<steps {
                pre[i * (steps + 1) + t + 1] =
                    pre[i * (steps + 1) + t] + Double(counts[i * steps + t])
            }
        }
        var z = [Double](repeating: 0, count: cells * steps)
        for i in 0..<cells {
            let members = weights.of(i)
            for t in 0..<steps {
                let t0 = max(0, t - timeWindow)
                var local = 0.0
                for j in members {
                    local += pre[Int(j) * (steps + 1) + t + 1] - pre[Int(j) * (steps + 1) + t0]
                }
                let w = Double(members.count * (t - t0 + 1))
                let d = s * ((n * w - w * w) / (n - 1)).squareRoot()
                z[i * steps + t] = d > 0 ? (local - mean * w) / d : 0
            }
        }
        var p = z.map(NormalDistribution.twoSidedP)
        if fdr { p = FalseDiscoveryRate.adjusted(p) }
        var significance = [Int8](repeating: 0, count: z.count)
        for k in z.indices where p[k] <= alpha { significance[k] = z[k] > 0 ? 1 : -1 }
        var trends: [MannKendall] = []
        var patterns: [Pattern] = []
        trends.reserveCapacity(cells)
        patterns.reserveCapacity(cells)
        for i in 0..<cells {
            let trend = MannKendall(Array(z[(i * steps)..<((i + 1) * steps)]))
            trends.append(trend)
            let series = significance[(i * steps)..<((i + 1) * steps)].map(Int.init)
            patterns.append(Self.pattern(series, trend: trend.direction(alpha: alpha)))
        }
        self.cells = cells
        self.steps = steps
        self.z = z
        self.p = p
        self.significance = significance
        self.trends = trends
        self.patterns = patterns
    }

    /// The pattern of one cell from its per-step significance (+1 hot, −1 cold, 0) and the
    /// direction of its z-score trend (+1, −1, 0).
    ///
    /// ArcGIS's definitions, with "90 %" meaning at least 90 % of all steps:
    /// - *new*: significant only in the final step;
    /// - *consecutive*: one uninterrupted run of ≥ 2 significant steps at the end, never before,
    ///   under 90 % of the steps;
    /// - *intensifying* / *persistent* / *diminishing*: significant in ≥ 90 % of the steps
    ///   including the final one, with a rising / no / falling trend in intensity (a cold spot
    ///   intensifies when its z-scores fall);
    /// - *sporadic*: significant in the final step, on and off before, under 90 %, never the
    ///   opposite kind;
    /// - *oscillating*: significant in the final step and the opposite kind in some earlier
    ///   step, under 90 %;
    /// - *historical*: not significant in the final step but in ≥ 90 % of the steps.
    /// Where two readings are possible the one about the final step wins (a cell that was a
    /// hot spot for 90 % of the time but is a cold spot now is a cold pattern).
    public static func pattern(_ series: [Int], trend: Int) -> Pattern {
        let steps = series.count
        guard steps > 0 else { return .none }
        let final = series[steps - 1]
        for sign in [final, -final, 1, -1] where sign != 0 {
            if let p = pattern(series, sign: sign, trend: trend) { return p }
        }
        return .none
    }

    private static func pattern(_ series: [Int], sign: Int, trend: Int) -> Pattern? {
        let steps = series.count
        let same = series.filter { $0 == sign }.count
        let opposite = series.filter { $0 == -sign }.count
        let mostly = Double(same) >= 0.9 * Double(steps)
        let hot = sign > 0
        if series[steps - 1] == sign {
            if mostly {
                // Intensity grows when z moves away from zero: up for hot, down for cold.
                switch trend * sign {
                case 1: return hot ? .intensifyingHot : .intensifyingCold
                case -1: return hot ? .diminishingHot : .diminishingCold
                default: return hot ? .persistentHot : .persistentCold
                }
            }
            if same == 1 && opposite == 0 { return hot ? .newHot : .newCold }
            var run = 0
            while run < steps && series[steps - 1 - run] == sign { run += 1 }
            if opposite > 0 { return hot ? .oscillatingHot : .oscillatingCold }
            if run >= 2 && run == same { return hot ? .consecutiveHot : .consecutiveCold }
            return hot ? .sporadicHot : .sporadicCold
        }
        if mostly { return hot ? .historicalHot : .historicalCold }
        return nil
    }
}
