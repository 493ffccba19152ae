import Foundation
import SelatGeo

/// How often to cover each target so that someone who watches the patrols and picks the least
/// covered place gains as little as possible: the defender's strategy in a Stackelberg security game.
///
/// The attacker gains a target's weight if it is uncovered and nothing if it is covered; the
/// defender loses what the attacker gains. ``coverage(weights:resources:)`` is the ORIGAMI
/// algorithm of Kiekintveld, Jain, Tsai, Pita, Ordóñez & Tambe, "Computing Optimal Randomized
/// Resource Allocations for Massive Security Games" (AAMAS 2009): the targets the attacker might
/// choose are covered just enough to make them equally (un)attractive, adding the next most
/// valuable target to that set until the resources run out.
public enum CoverageGame {
    /// Coverage probabilities summing to `resources` (the number of targets the boats can visit
    /// in a night), or to the number of targets when there are fewer.
    public static func coverage(weights: [Double], resources: Double) -> [Double] {
        var coverage = [Double](repeating: 0, count: weights.count)
        let order = weights.indices.filter { weights[$0] > 0 }.sorted { weights[$0] > weights[$1] }
        guard !order.isEmpty, resources > 0 else { return coverage }
        var inverseSum = 0.0
        var attackerValue = 0.0
        var size = 0
        for (k, i) in order.enumerated() {
            inverseSum += 1 / weights[i]
            size = k + 1
            // The value that spends every resource on the first `size` targets (not below 0: full cover).
            attackerValue = max(0, (Double(size) - resources) / inverseSum)
            if size == order.count || attackerValue >= weights[order[size]] { break }
        }
        for i in order.prefix(size) { coverage[i] = min(1, max(0, 1 - attackerValue / weights[i])) }
        return coverage
    }

    /// The coverage for the next `nights` nights that brings each target's coverage over the
    /// `past` nights and these as near the game's `target` as `resources` allow, given that
    /// target i was covered `covered[i]` of the past nights: a target missed lately is drawn more
    /// often, one covered more than its share less often. Each target's wanted probability,
    /// `(target·(past + nights) − covered) / nights`, is shifted by one amount for all (found by
    /// bisection) so the probabilities, kept within 0 and 1, sum to the resources; targets the
    /// game leaves out (coverage 0) stay out.
    public static func catchingUp(
        _ target: [Double], resources: Double, past: Int, covered: [Double], nights: Int
    ) -> [Double] {
        guard past > 0, nights > 0, covered.count == target.count else { return target }
        let open = target.indices.filter { target[$0] > 0 }
        let wanted = target.indices.map { i in
            (target[i] * Double(past + nights) - covered[i]) / Double(nights)
        }
        let budget = min(resources, Double(open.count))
        func probabilities(_ shift: Double) -> [Double] {
            target.indices.map { i in target[i] > 0 ? min(1, max(0, wanted[i] + shift)) : 0 }
        }
        var low = -(wanted.max() ?? 0) - 1
        var high = 1 - (wanted.min() ?? 0) + 1
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if probabilities(mid).reduce(0, +) < budget { low = mid } else { high = mid }
        }
        return probabilities((low + high) / 2)
    }

    /// The attacker's best value against `coverage`: the largest uncovered expectation.
    public static func attackerValue(weights: [Double], coverage: [Double]) -> Double {
        zip(weights, coverage).map { $0 * (1 - $1) }.max() ?? 0
    }

    /// Sum of the targets' binary entropies, in bits: how much there is to guess about a night's
    /// schedule given these probabilities (an upper bound on the entropy of the schedule itself).
    public static func entropy(_ coverage: [Double]) -> Double {
        coverage.reduce(0) { sum, c in
            guard c > 0, c < 1 else { return sum }
            return sum - c * log2(c) - (1 - c) * log2(1 - c)
        }
    }

    /// Draws a set of targets in which target i appears with probability `coverage[i]` exactly:
    /// systematic sampling (Madow 1949) over a random order of the targets, so the set's size is
    /// the sum of the probabilities rounded down or up and the pairs vary from draw to draw.
    public static func sample(_ coverage: [Double], using random: inout SeededGenerator) -> [Int] {
        var order = Array(coverage.indices)
        order.shuffle(using: &random)
        var chosen: [Int] = []
        var cumulative = 0.0
        var mark = random.unit()
        for i in order {
            let next = cumulative + coverage[i]
            while mark < next - 1e-12 {
                chosen.append(i)
                mark += 1
            }
            cumulative = next
        }
        return chosen.sorted()
    }
}
