import Foundation
import SelatGeo
import Testing

@testable import SelatAnalysis

@Suite("Nearest neighbours in a 2-d tree")
struct PointTreeTests {
    /// The brute-force answer: the nearest point at a different position, squared.
    static func bruteForce(_ xs: [Double], _ ys: [Double], x: Double, y: Double) -> Double {
        var best = Double.infinity
        for j in xs.indices {
            let d = (xs[j] - x) * (xs[j] - x) + (ys[j] - y) * (ys[j] - y)
            if d > 0 && d < best { best = d }
        }
        return best
    }

    @Test(
        "answers equal brute force on a dense spot, a sparse background and ties on both axes",
        arguments: [1, 7, 9, 100, 2500])
    func matchesBruteForce(n: Int) {
        var rng = SeededGenerator(seed: UInt64(n))
        var xs: [Double] = []
        var ys: [Double] = []
        for i in 0..<n {
            switch i % 3 {
            case 0:  // a hot spot 50 m across
                xs.append(10_000 + rng.unit() * 50)
                ys.append(20_000 + rng.unit() * 50)
            case 1:  // background over 100 km
                xs.append(rng.unit() * 100_000)
                ys.append(rng.unit() * 100_000)
            default:  // a lattice: many equal keys on either axis
                xs.append(Double(Int(rng.unit() * 10)) * 1000)
                ys.append(Double(Int(rng.unit() * 10)) * 1000)
            }
        }
        let tree = PointTree(zip(xs, ys).map { SIMD2($0, $1) })
        #expect(tree.count == n)
        for i in 0..<n {
            #expect(
                tree.nearestSquaredDistance(to: SIMD2(xs[i], ys[i]))
                    == Self.bruteForce(xs, ys, x: xs[i], y: ys[i]))
        }
        for _ in 0..<200 {
            let x = rng.unit() * 110_000 - 5000
            let y = rng.unit() * 110_000 - 5000
            #expect(
                tree.nearestSquaredDistance(to: SIMD2(x, y)) == Self.bruteForce(xs, ys, x: x, y: y))
        }
    }

    @Test("a tree of one position has no neighbour at another")
    func onePosition() {
        let tree = PointTree([SIMD2(5, 7), SIMD2(5, 7), SIMD2(5, 7)])
        #expect(tree.nearestSquaredDistance(to: SIMD2(5, 7)) == .infinity)
        #expect(tree.nearestSquaredDistance(to: SIMD2(8, 11)) == 25)
        #expect(PointTree([]).nearestSquaredDistance(to: SIMD2(0, 0)) == .infinity)
    }
}
