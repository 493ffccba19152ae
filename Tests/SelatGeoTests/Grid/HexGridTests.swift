import Foundation
import SelatTestSupport
import Testing

@testable import SelatGeo

@Suite("Hexagonal grid")
struct HexGridTests {
    let grid = HexGrid(
        projection: TransverseMercator(centralMeridian: 104, originLatitude: 1), spacing: 1000)

    @Test("every point falls in the cell whose centre is nearest (brute force over nearby centres)")
    func cellIsNearestCentre() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let x = Double.random(in: -20_000...20_000, using: &rng)
            let y = Double.random(in: -20_000...20_000, using: &rng)
            let cell = grid.cell(x: x, y: y)
            let c = grid.centre(of: cell)
            let d = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y)
            for n in cell.neighbours {
                let nc = grid.centre(of: n)
                #expect(d <= (nc.x - x) * (nc.x - x) + (nc.y - y) * (nc.y - y) + 1e-6)
            }
            #expect(d.squareRoot() <= 1000 / 3.0.squareRoot() + 1e-9)  // within the circumradius
        }
    }

    @Test("neighbours are one step away at the spacing, and cell ids are stable text")
    func neighbours() {
        let c = HexCell(q: 3, r: -2)
        #expect(c.description == "3:-2")
        for n in c.neighbours {
            #expect(c.steps(to: n) == 1)
            let a = grid.centre(of: c)
            let b = grid.centre(of: n)
            #expect(
                abs(((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() - 1000)
                    < 1e-9)
        }
        #expect(Set(c.neighbours).count == 6)
    }

    @Test("corners are anticlockwise and the cell area is √3/2 · spacing²")
    func corners() {
        let cell = HexCell(q: -4, r: 9)
        let ring = grid.corners(of: cell).map { grid.projection.project($0) }
        var twiceArea = 0.0
        for k in 0..<6 {
            let a = ring[k]
            let b = ring[(k + 1) % 6]
            twiceArea += a.x * b.y - b.x * a.y
        }
        #expect(twiceArea > 0)
        #expect(abs(twiceArea / 2 - grid.cellArea) < 1e-3)
        #expect(abs(grid.cellArea - 866_025.4) < 0.1)
    }

    @Test("rectangle enumeration lists exactly the cells whose centres are inside")
    func rectangle() {
        let cells = grid.cells(minX: -3500, minY: -2100, maxX: 4200, maxY: 5300)
        #expect(Set(cells).count == cells.count)
        var expected = Set<HexCell>()
        for q in Int32(-20)...20 {
            for r in Int32(-20)...20 {
                let c = grid.centre(of: HexCell(q: q, r: r))
                if c.x >= -3500 && c.x <= 4200 && c.y >= -2100 && c.y <= 5300 {
                    expected.insert(HexCell(q: q, r: r))
                }
            }
        }
        #expect(Set(cells) == expected)
    }

    @Test(
        "band offsets are the cells within the distance",
        arguments: [0.0, 999.0, 1000.0, 1732.1, 2600.0])
    func bandOffsets(distance: Double) {
        let offsets = grid.offsets(within: distance)
        var expected = 0
        for q in -10...10 {
            for r in -10...10 {
                let c = grid.centre(of: HexCell(q: Int32(q), r: Int32(r)))
                if (c.x * c.x + c.y * c.y).squareRoot() <= distance * (1 + 1e-12) { expected += 1 }
            }
        }
        #expect(offsets.count == expected)
    }
}
