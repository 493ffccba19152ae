import Foundation

/// The Benjamini–Hochberg procedure for many simultaneous tests (Benjamini & Hochberg 1995,
/// "Controlling the false discovery rate", J. R. Stat. Soc. B 57:289–300).
///
/// With thousands of cells tested at once, about 5 % of them would pass p ≤ 0.05 by chance
/// alone; the procedure raises the bar so that, of the cells called significant, the expected
/// share of false ones is at most α. This is the correction ArcGIS's hot spot tools apply
/// ("Apply False Discovery Rate (FDR) Correction").
public enum FalseDiscoveryRate {
    /// BH-adjusted p-values ("q-values"): `q(k) = min over j ≥ k of m·p(j)/j`, capped at 1, in
    /// the input order. A test is significant at FDR level α exactly when `q ≤ α`, which is the
    /// same as `p ≤` ``threshold(_:alpha:)``.
    /// - Complexity: O(m log m).
    public static func adjusted(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] < p[$1] }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, p[i] * Double(m) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }

    /// The largest p-value `p(k)` with `p(k) ≤ k·α/m`: tests with p at or below it are
    /// significant. Returns 0 when none is (so nothing passes).
    public static func threshold(_ p: [Double], alpha: Double) -> Double {
        let sorted = p.sorted()
        let m = Double(sorted.count)
        var best = 0.0
        for (k, value) in sorted.enumerated() where value <= Double(k + 1) * alpha / m {
            best = value
        }
        return best
    }
}
