import Foundation
import SelatGeo

/// The Getis–Ord Gi* statistic of local clustering (Getis & Ord 1992, "The analysis of spatial
/// association by use of distance statistics", Geogr. Anal. 24:189–206; Ord & Getis 1995,
/// "Local spatial autocorrelation statistics", Geogr. Anal. 27:286–306), as a z-score per cell.
///
/// With binary weights w_ij (1 for the cell itself and its neighbours), n cells, mean x̄ and
/// S = √(Σx²/n − x̄²):
///
///     Gi* = (Σ_j w_ij x_j − x̄ W_i) / (S √((n W_i − W_i²)/(n − 1))),   W_i = Σ_j w_ij
///
/// which is already a z-score. This is the same number as esda's
/// `G_Local(star=True, transform='B').Zs` and ArcGIS's `GiZScore`.
public struct GetisOrdGiStar: Sendable {
    /// z-score per cell.
    public let z: [Double]
    /// Two-sided p-value per cell: from the normal approximation, or from the permutations when
    /// there were any.
    public let p: [Double]
    /// Number of conditional permutations behind `p` (0: normal approximation).
    public let permutations: Int

    /// Computes Gi* for every cell.
    /// - Parameters:
    ///   - values: the count in each cell.
    ///   - weights: binary weights, each cell listed among its own neighbours.
    ///   - permutations: 0 for normal-theory p-values; otherwise conditional randomisation
    ///     (Anselin 1995, "Local indicators of spatial association — LISA", Geogr. Anal.
    ///     27:93–115): each cell's value is held while its neighbours are drawn at random from
    ///     the other cells, and the pseudo p-value is (extreme + 1)/(permutations + 1) on the
    ///     side the observed value lies, doubled for a two-sided test (capped at 1). A
    ///     permutation equal to the observed sum counts as extreme in both tails, so a
    ///     neighbourhood like most others (all zeros in a quiet sea) gets p = 1, not a tiny p.
    ///   - seed: seeds the permutations; the same seed gives the same p-values.
    /// - Throws: ``AnalysisError/tooFew(_:count:needed:)`` under 3 cells,
    ///   ``AnalysisError/noVariation(cells:)`` when all values are equal.
    /// - Complexity: O(Σ W_i · (1 + permutations)).
    public init(values: [Double], weights: SpatialWeights, permutations: Int = 0, seed: UInt64 = 0)
        throws(AnalysisError)
    {
        let n = values.count
        precondition(weights.count == n, "weights and values differ in length")
        guard n >= 3 else { throw .tooFew(.cells, count: n, needed: 3) }
        let nd = Double(n)
        var sum = 0.0
        var sumSq = 0.0
        for v in values {
            sum += v
            sumSq += v * v
        }
        let mean = sum / nd
        let variance = sumSq / nd - mean * mean
        guard variance > 1e-12 * max(1, mean * mean) else { throw .noVariation(cells: n) }
        let s = variance.squareRoot()
        var z = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var local = 0.0
            for j in weights.of(i) { local += values[Int(j)] }
            let w = Double(weights.start[i + 1] - weights.start[i])
            let denominator = s * ((nd * w - w * w) / (nd - 1)).squareRoot()
            z[i] = denominator > 0 ? (local - mean * w) / denominator : 0
        }
        self.z = z
        self.permutations = permutations
        if permutations <= 0 {
            p = z.map(NormalDistribution.twoSidedP)
            return
        }
        var pSim = [Double](repeating: 1, count: n)
        pSim.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: n, minimumChunk: 256) { range in
                var drawn: [Int] = []
                for i in range {
                    let members = weights.of(i)
                    var observed = 0.0
                    for j in members { observed += values[Int(j)] }
                    let k = min(members.count - 1, n - 1)  // neighbours other than the cell itself
                    var rng = SeededGenerator(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                    var atLeast = 0
                    var atMost = 0
                    for _ in 0..<permutations {
                        drawn.removeAll(keepingCapacity: true)
                        var simulated = values[i]
                        while drawn.count < k {
                            // Uniform over the other n − 1 cells, without repeats.
                            var j = Int(rng.next() % UInt64(n - 1))
                            if j >= i { j += 1 }
                            if drawn.contains(j) { continue }
                            drawn.append(j)
                            simulated += values[j]
                        }
                        // Compare sums of the same integers in the same order as `observed` would
                        // not be: allow for rounding so that exact ties count as ties.
                        let tolerance = 1e-9 * max(1, abs(observed))
                        if simulated >= observed - tolerance { atLeast += 1 }
                        if simulated <= observed + tolerance { atMost += 1 }
                    }
                    // Two-sided: the tail the observed value lies in, ties counted as at least as
                    // extreme (a neighbourhood like most others is not significant).
                    let extreme = min(atLeast, atMost)
                    out[i] = min(1, 2 * Double(extreme + 1) / Double(permutations + 1))
                }
            }
        }
        p = pSim
    }
}
