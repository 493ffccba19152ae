import Foundation
import SelatGeo
import Testing

@testable import SelatAnalysis

@Suite("Emerging hot spot patterns")
struct EmergingHotSpotsTests {
    typealias P = EmergingHotSpots.Pattern

    @Test(
        "each of ArcGIS's definitions on a hand-made series",
        arguments: [
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0, P.newHot),
            ([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], 1, P.consecutiveHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1, P.intensifyingHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0, P.persistentHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], -1, P.diminishingHot),
            ([0, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0, P.persistentHot),  // 9 of 10 steps: 90 %
            ([1, 0, 1, 0, 0, 1, 0, 0, 1, 1], 0, P.sporadicHot),
            ([-1, 0, 0, 1, 0, 0, 0, 0, 0, 1], 0, P.oscillatingHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], -1, P.historicalHot),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, -1], 0, P.newCold),
            ([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1], -1, P.intensifyingCold),
            ([1, 0, 0, 0, 0, 0, 0, 0, -1, -1], 0, P.oscillatingCold),
            ([1, 0, 0, 1, 0, 0, 0, 0, 0, 0], 0, P.none),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, -1], 0, P.oscillatingCold),  // the final step decides
        ])
    func pattern(series: [Int], trend: Int, expected: P) {
        #expect(EmergingHotSpots.pattern(series, trend: trend) == expected)
    }

    @Test(
        "a cell growing busier in a quiet sea is an intensifying or new hot spot; a fading one is not hot at the end"
    )
    func cube() throws {
        // A 15 × 15 patch of cells, 12 steps; Poisson-free deterministic counts.
        var cells: [HexCell] = []
        for r in Int32(-7)...7 { for q in Int32(-7)...7 { cells.append(HexCell(q: q, r: r)) } }
        let steps = 12
        var counts = [Int](repeating: 0, count: cells.count * steps)
        var rng = SeededGenerator(seed: 9)
        for k in counts.indices { counts[k] = rng.unit() < 0.1 ? 1 : 0 }
        let growing = cells.firstIndex(of: HexCell(q: -3, r: 0))!
        let fading = cells.firstIndex(of: HexCell(q: 4, r: 2))!
        let late = cells.firstIndex(of: HexCell(q: 0, r: -5))!
        for t in 0..<steps {
            for n in [cells[growing]] + cells[growing].neighbours {
                counts[cells.firstIndex(of: n)! * steps + t] += 5 + 2 * t
            }
            for n in [cells[fading]] + cells[fading].neighbours {
                counts[cells.firstIndex(of: n)! * steps + t] += max(0, 24 - 4 * t)
            }
        }
        for n in [cells[late]] + cells[late].neighbours {
            counts[cells.firstIndex(of: n)! * steps + steps - 1] += 12
        }
        let w = hexWeights(cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        let e = try EmergingHotSpots(counts: counts, steps: steps, weights: w)
        #expect(e.patterns[growing] == .intensifyingHot)
        #expect(
            e.patterns[fading].sign <= 0 || e.patterns[fading] == .historicalHot
                || e.patterns[fading] == .diminishingHot)
        #expect(e.patterns[late] == .newHot)
        #expect(e.trends[growing].s > 0 && e.trends[fading].s < 0)
    }

    @Test("fewer than four steps is refused")
    func tooFewSteps() {
        let w = hexWeights(
            [HexCell(q: 0, r: 0), HexCell(q: 1, r: 0), HexCell(q: 2, r: 0)],
            offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        #expect(throws: AnalysisError.tooFew(.timeSteps, count: 3, needed: 4)) {
            try EmergingHotSpots(counts: [1, 2, 3, 0, 0, 0, 5, 0, 1], steps: 3, weights: w)
        }
    }
}
