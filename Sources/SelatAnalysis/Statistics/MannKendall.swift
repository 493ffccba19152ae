import Foundation

/// The Mann–Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975), with the
/// variance corrected for ties and the normal approximation with continuity correction, as in
/// Gilbert (1987), "Statistical Methods for Environmental Pollution Monitoring", §16.4.
///
/// Emerging hot spot analysis applies it to each cell's series of Gi* z-scores, as ArcGIS's
/// Emerging Hot Spot Analysis does, to tell intensifying from persistent from diminishing.
public struct MannKendall: Sendable, Hashable {
    /// S = Σ_{i<j} sign(x_j − x_i).
    public let s: Int
    /// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values.
    public let variance: Double
    /// Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, else 0.
    public let z: Double
    /// Two-sided p-value of Z under the normal approximation.
    public let p: Double
    /// Kendall's τ = S / (n(n−1)/2).
    public let tau: Double
    /// Sen's slope: the median of (x_j − x_i)/(j − i) over all i < j (Sen 1968), per step.
    public let slope: Double

    /// Runs the test on a series in time order.
    /// - Complexity: O(n²); the series here are tens to a few hundred steps long.
    public init(_ x: [Double]) {
        let n = x.count
        var s = 0
        var slopes: [Double] = []
        slopes.reserveCapacity(max(0, n * (n - 1) / 2))
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let d = x[j] - x[i]
                s += d > 0 ? 1 : (d < 0 ? -1 : 0)
                slopes.append(d / Double(j - i))
            }
        }
        // Ties: groups of equal values.
        var tieTerm = 0.0
        let sorted = x.sorted()
        var k = 0
        while k < sorted.count {
            var e = k
            while e + 1 < sorted.count && sorted[e + 1] == sorted[k] { e += 1 }
            let t = Double(e - k + 1)
            if t > 1 { tieTerm += t * (t - 1) * (2 * t + 5) }
            k = e + 1
        }
        let nd = Double(n)
        let variance = (nd * (nd - 1) * (2 * nd + 5) - tieTerm) / 18
        let z: Double
        if variance <= 0 {
            z = 0
        } else if s > 0 {
            z = Double(s - 1) / variance.squareRoot()
        } else if s < 0 {
            z = Double(s + 1) / variance.squareRoot()
        } else {
            z = 0
        }
        self.s = s
        self.variance = variance
        self.z = z
        self.p = variance <= 0 ? 1 : NormalDistribution.twoSidedP(z)
        self.tau = n > 1 ? Double(s) / (nd * (nd - 1) / 2) : 0
        slopes.sort()
        if slopes.isEmpty {
            self.slope = 0
        } else if slopes.count % 2 == 1 {
            self.slope = slopes[slopes.count / 2]
        } else {
            self.slope = (slopes[slopes.count / 2 - 1] + slopes[slopes.count / 2]) / 2
        }
    }

    /// The trend's direction at significance `alpha`: +1 rising, −1 falling, 0 none.
    public func direction(alpha: Double) -> Int {
        guard p <= alpha else { return 0 }
        return s > 0 ? 1 : (s < 0 ? -1 : 0)
    }
}
