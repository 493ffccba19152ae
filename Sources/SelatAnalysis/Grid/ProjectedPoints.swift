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
    /// - Complexity: about O(sampleSize · points per bucket).
    public func meanNearestNeighbourDistance(sampleSize: Int = 10_000, seed: UInt64 = 1) -> Double?
    {
        let n = count
        guard n >= 2 else { return nil }
        // Search among distinct positions: many reports at one spot (a port, a fixed radar
        // position) would otherwise fill the buckets with points that can never be the answer.
        let order = (0..<n).sorted { (xs[$0], ys[$0]) < (xs[$1], ys[$1]) }
        var px: [Double] = []
        var py: [Double] = []
        var positionOf = [Int](repeating: 0, count: n)
        for i in order {
            if px.isEmpty || px[px.count - 1] != xs[i] || py[py.count - 1] != ys[i] {
                px.append(xs[i])
                py.append(ys[i])
            }
            positionOf[i] = px.count - 1
        }
        guard px.count >= 2 else { return nil }
        let area = max((px.max()! - px.min()!) * (py.max()! - py.min()!), 1)
        let side = max((area / Double(px.count)).squareRoot() * 2, 1)
        let buckets = PointBuckets(xs: px, ys: py, width: side, height: side)
        var rng = SeededGenerator(seed: seed)
        // The sample is of sightings (so a busy spot weighs as much as its reports), each looking
        // for the nearest other position.
        let picks: [Int] =
            n <= sampleSize
            ? Array(0..<n) : (0..<sampleSize).map { _ in Int(rng.next() % UInt64(n)) }
        var total = 0.0
        let maxRing = max(buckets.nx, buckets.ny)
        for i in picks {
            let own = positionOf[i]
            let (ix, iy) = buckets.bucket(x: px[own], y: py[own])
            var best = Double.infinity
            var ring = 0
            while ring <= maxRing {
                buckets.forEachInRing(ix: ix, iy: iy, ring: ring) { j in
                    guard j != own else { return }
                    let dx = px[j] - px[own]
                    let dy = py[j] - py[own]
                    best = min(best, (dx * dx + dy * dy).squareRoot())
                }
                // Anything in ring k+1 or beyond is at least k·side away.
                if best <= Double(ring) * min(buckets.width, buckets.height) { break }
                ring += 1
            }
            total += best
        }
        return total / Double(picks.count)
    }
}
