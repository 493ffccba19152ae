import Foundation
import SelatGeo
import SelatModel

/// A sample's positions on a transverse Mercator plane, in metres.
public struct ProjectedPoints: Sendable {
    public let projection: TransverseMercator
    public let xs: [Double]
    public let ys: [Double]

    /// Projects every position of `sample`.
    /// - Complexity: O(n), split over the available cores.
    public init(_ sample: SightingSample, projection: TransverseMercator) {
        self.projection = projection
        let n = sample.count
        var xs = [Double](repeating: 0, count: n)
        var ys = [Double](repeating: 0, count: n)
        let lat = sample.latitudes
        let lon = sample.longitudes
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                nonisolated(unsafe) let xb = xb
                nonisolated(unsafe) let yb = yb
                Parallel.forEachChunk(count: n) { range in
                    for i in range {
                        let p = projection.project(latitude: lat[i], longitude: lon[i])
                        xb[i] = p.x
                        yb[i] = p.y
                    }
                }
            }
        }
        self.xs = xs
        self.ys = ys
    }

    public var count: Int { xs.count }

    /// Mean distance from each point to its nearest neighbour at a different position, over a
    /// seeded sample of at most `sampleSize` points (coincident reports are skipped: the same
    /// boat reported twice says nothing about spacing). Nil with fewer than two distinct
    /// positions.
    /// - Complexity: O(n log n) to index the distinct positions in a ``PointTree``, then about
    ///   O(log n) per sampled point however densely the points crowd together.
    public func meanNearestNeighbourDistance(sampleSize: Int = 10_000, seed: UInt64 = 1) -> Double?
    {
        let n = count
        guard n >= 2 else { return nil }
        // Search among distinct positions: many reports at one spot (a port, a fixed radar
        // position) would otherwise be visited by every search there without being the answer.
        let distinct = distinctPositions()
        guard distinct.count >= 2 else { return nil }
        let tree = PointTree(distinct)
        var rng = SeededGenerator(seed: seed)
        // The sample is of sightings (so a busy spot weighs as much as its reports), each looking
        // for the nearest other position.
        let picks: [Int] =
            n <= sampleSize
            ? Array(0..<n) : (0..<sampleSize).map { _ in Int(rng.next() % UInt64(n)) }
        var total = 0.0
        for i in picks {
            total += tree.nearestSquaredDistance(to: SIMD2(xs[i], ys[i])).squareRoot()
        }
        return total / Double(picks.count)
    }

    /// Each position once, in the order first seen (an open-addressing hash set of the
    /// coordinates' bits; 0 and −0 are one position).
    /// - Complexity: O(n).
    func distinctPositions() -> [SIMD2<Double>] {
        let n = count
        var capacity = 16
        while capacity < 2 * n { capacity *= 2 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var out: [SIMD2<Double>] = []
        out.reserveCapacity(n)
        slots.withUnsafeMutableBufferPointer { slots in
            for i in 0..<n {
                let p = SIMD2(xs[i] + 0, ys[i] + 0)
                var h = p.x.bitPattern &* 0x9E37_79B9_7F4A_7C15
                h ^= (p.y.bitPattern &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
                h ^= h >> 31
                var k = Int(truncatingIfNeeded: h) & mask
                while true {
                    let j = slots[k]
                    if j < 0 {
                        slots[k] = Int32(out.count)
                        out.append(p)
                        break
                    }
                    if out[Int(j)] == p { break }
                    k = (k + 1) & mask
                }
            }
        }
        return out
    }
}
