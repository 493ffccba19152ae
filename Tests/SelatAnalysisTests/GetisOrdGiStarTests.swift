import Foundation
import SelatGeo
import SelatTestSupport
import Testing

@testable import SelatAnalysis

/// Weights built from axial coordinates the way the study area builds them.
func hexWeights(_ cells: [HexCell], offsets: [(dq: Int32, dr: Int32)]) -> SpatialWeights {
    let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, Int32($0)) })
    var start: [Int32] = [0]
    var neighbours: [Int32] = []
    for c in cells {
        for o in offsets {
            if let k = index[HexCell(q: c.q + o.dq, r: c.r + o.dr)] { neighbours.append(k) }
        }
        start.append(Int32(neighbours.count))
    }
    return SpatialWeights(start: start, neighbours: neighbours)
}

@Suite("Getis-Ord Gi* and FDR against esda")
struct GetisOrdGiStarTests {
    static let rows = try! readFixtureCSV(
        Bundle.module.url(
            forResource: "gistar_hex", withExtension: "csv", subdirectory: "Fixtures")!)
    static let cells = rows.map { HexCell(q: Int32($0["q"]!)!, r: Int32($0["r"]!)!) }
    static let counts = rows.map { Double($0["count"]!)! }
    static let grid = HexGrid(projection: TransverseMercator(centralMeridian: 104), spacing: 1000)

    @Test(
        "z-scores with the cell and its six neighbours match esda.G_Local(star=True, transform='B') to 1e-9"
    )
    func adjacentWeights() throws {
        let w = hexWeights(Self.cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        let g = try GetisOrdGiStar(values: Self.counts, weights: w)
        for (i, row) in Self.rows.enumerated() {
            #expect(abs(g.z[i] - Double(row["z_adjacent"]!)!) < 1e-9, "cell \(Self.cells[i])")
            #expect(abs(g.p[i] - Double(row["p_adjacent"]!)!) < 1e-12)
        }
    }

    @Test("z-scores with a 2.6 km distance band match esda to 1e-9")
    func bandWeights() throws {
        let w = hexWeights(Self.cells, offsets: Self.grid.offsets(within: 2600))
        let g = try GetisOrdGiStar(values: Self.counts, weights: w)
        for (i, row) in Self.rows.enumerated() {
            #expect(abs(g.z[i] - Double(row["z_band2600"]!)!) < 1e-9, "cell \(Self.cells[i])")
        }
    }

    @Test("Benjamini-Hochberg picks the same cells as esda.fdr at 99, 95 and 90 %")
    func fdrMatchesEsda() throws {
        let w = hexWeights(Self.cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        let g = try GetisOrdGiStar(values: Self.counts, weights: w)
        let q = FalseDiscoveryRate.adjusted(g.p)
        for (alpha, column) in [(0.01, "fdr01"), (0.05, "fdr05"), (0.10, "fdr10")] {
            let t = FalseDiscoveryRate.threshold(g.p, alpha: alpha)
            var significant = 0
            for (i, row) in Self.rows.enumerated() {
                let esda = row[column] == "1"
                #expect((g.p[i] <= t) == esda, "cell \(Self.cells[i]) at \(alpha)")
                #expect((q[i] <= alpha) == esda, "q-value of cell \(Self.cells[i]) at \(alpha)")
                if esda { significant += 1 }
            }
            #expect(significant > 10)  // the fixture has planted hot areas
        }
    }

    @Test("BH adjusted p-values on a textbook list")
    func bhKnownValues() {
        // Benjamini & Hochberg (1995), §4: 15 p-values; at q* = 0.05 the first four are rejected.
        let p = [
            0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
            0.5719, 0.6528, 0.7590, 1.000,
        ]
        let q = FalseDiscoveryRate.adjusted(p)
        #expect(q.filter { $0 <= 0.05 }.count == 4)
        #expect(FalseDiscoveryRate.threshold(p, alpha: 0.05) == 0.0095)
        #expect(abs(q[0] - 0.0015) < 1e-12)
        #expect(q == q.sorted())
    }

    @Test("equal counts everywhere is an error that says what to change")
    func noVariation() {
        let w = hexWeights(Self.cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        #expect(throws: AnalysisError.noVariation(cells: Self.cells.count)) {
            try GetisOrdGiStar(values: Array(repeating: 2, count: Self.cells.count), weights: w)
        }
    }

    @Test(
        "permutation p-values are reproducible with a seed and agree with the normal ones on strong hot spots"
    )
    func permutations() throws {
        let w = hexWeights(Self.cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        let a = try GetisOrdGiStar(values: Self.counts, weights: w, permutations: 199, seed: 5)
        let b = try GetisOrdGiStar(values: Self.counts, weights: w, permutations: 199, seed: 5)
        #expect(a.p == b.p)
        for i in a.z.indices where a.z[i] > 4 {
            #expect(a.p[i] <= 0.05)
        }
        for i in a.z.indices where abs(a.z[i]) < 0.2 {
            #expect(a.p[i] > 0.3)
        }
    }

    @Test("bins follow ArcGIS's Gi_Bin: ±3 at 99 %, ±2 at 95 %, ±1 at 90 %")
    func bins() {
        #expect(HotSpotBin.bin(z: 3, p: 0.009) == 3)
        #expect(HotSpotBin.bin(z: 2, p: 0.04) == 2)
        #expect(HotSpotBin.bin(z: 1.7, p: 0.09) == 1)
        #expect(HotSpotBin.bin(z: 1.5, p: 0.2) == 0)
        #expect(HotSpotBin.bin(z: -3, p: 0.001) == -3)
        #expect(HotSpotBin.bin(z: -2, p: 0.05) == -2)
    }
}

@Suite("Gi* on tiny areas")
struct GiStarTinyTests {
    @Test("permutations finish when a cell's neighbourhood covers every other cell")
    func neighbourhoodCoversAll() throws {
        let cells = [
            HexCell(q: 0, r: 0), HexCell(q: 1, r: 0), HexCell(q: 0, r: 1), HexCell(q: 5, r: 5),
        ]
        let w = hexWeights(
            cells,
            offsets: HexGrid(projection: TransverseMercator(centralMeridian: 104), spacing: 1000)
                .offsets(within: 10_000))
        let g = try GetisOrdGiStar(values: [5, 1, 0, 2], weights: w, permutations: 99, seed: 1)
        // Every neighbourhood holds every cell, so every permutation ties with the observed sum.
        #expect(g.p == [1, 1, 1, 1])
    }
}

@Suite("Gi* permutations and ties")
struct GiStarTiesTests {
    @Test("a quiet neighbourhood in a quiet sea is not significant: ties count in both tails")
    func tiesAreNotExtreme() throws {
        // 200 cells in a row, all zero but a busy stretch; the zero cells' random neighbourhoods
        // are mostly zero too, so most permutations tie with the observed sum.
        var cells: [HexCell] = []
        for q in Int32(0)..<200 { cells.append(HexCell(q: q, r: 0)) }
        var values = [Double](repeating: 0, count: 200)
        for q in 90..<100 { values[q] = 5 }
        let w = hexWeights(cells, offsets: [(0, 0)] + HexGrid.adjacentOffsets)
        let g = try GetisOrdGiStar(values: values, weights: w, permutations: 199, seed: 2)
        #expect(g.p[10] == 1)  // far from the busy stretch: every permutation ties
        #expect(g.p[95] <= 0.05)  // in the busy stretch: extreme
    }
}
