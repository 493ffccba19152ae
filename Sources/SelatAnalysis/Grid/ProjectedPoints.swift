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
        var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
        let lat = sample.latitudes, lon = sample.longitudes
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                nonisolated(unsafe) let xb = xb, yb = yb
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
    public func meanNearestNeighbourDistance(sampleSize: Int = 10_000, seed: UInt64 = 1) -> Double? {
        let n = count
        guard n >= 2 else { return nil }
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let area = max((maxX - minX) * (maxY - minY), 1)
        let side = max((area / Double(n)).squareRoot() * 2, 1)
        let buckets = PointBuckets(xs: xs, ys: ys, width: side, height: side)
        var rng = SeededGenerator(seed: seed)
        let picks: [Int] = n <= sampleSize ? Array(0..<n) : (0..<sampleSize).map { _ in Int(rng.next() % UInt64(n)) }
        var total = 0.0
        var found = 0
        let maxRing = max(buckets.nx, buckets.ny)
        for i in picks {
            let (ix, iy) = buckets.bucket(x: xs[i], y: ys[i])
            var best = Double.infinity
            var ring = 0
            while ring <= maxRing {
                buckets.forEachInRing(ix: ix, iy: iy, ring: ring) { j in
                    let dx = xs[j] - xs[i], dy = ys[j] - ys[i]
                    let d = (dx * dx + dy * dy).squareRoot()
                    if d > 0 && d < best { best = d }
                }
                // Anything in ring k+1 or beyond is at least k·side away.
                if best <= Double(ring) * min(buckets.width, buckets.height) { break }
                ring += 1
            }
            if best.isFinite {
                total += best
                found += 1
            }
        }
        return found > 0 ? total / Double(found) : nil
    }
}
