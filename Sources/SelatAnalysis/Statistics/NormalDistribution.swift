import Foundation

/// The standard normal distribution, for p-values of z-scores.
public enum NormalDistribution {
    /// Two-sided p-value of a z-score: P(|Z| ≥ |z|) = erfc(|z|/√2).
    public static func twoSidedP(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? 1 : 0 }
        return erfc(abs(z) / 2.0.squareRoot())
    }
}
