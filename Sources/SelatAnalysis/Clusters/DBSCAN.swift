import Foundation
import SelatGeo

/// Density-based clustering of positions (Ester, Kriegel, Sander & Xu 1996, "A density-based
/// algorithm for discovering clusters in large spatial databases with noise", KDD-96:226–231),
/// with great-circle distances on a sphere.
///
/// A sighting is a *core* point when at least `minPoints` sightings (itself included) lie within
/// `eps` of it; core points within `eps` of each other share a cluster; a non-core point within
/// `eps` of a core point is a *border* point of that cluster; the rest is noise (label −1).
///
/// Distances are haversine distances on a sphere of radius ``earthRadius`` (the IUGG mean
/// radius), so `eps` in metres is `eps / earthRadius` radians — exactly what scikit-learn's
/// `DBSCAN(metric='haversine')` computes on `radians([lat, lon])` with that eps.
///
/// Labels follow scikit-learn's numbering so the two can be compared label for label: clusters
/// are numbered 0, 1, … in the order of their lowest-indexed core point, and a border point
/// within reach of several clusters joins the lowest-numbered one (scikit-learn expands clusters
/// one at a time in that order, and a border point keeps the first label it gets). Core labels
/// do not depend on any order; border labels do, which is why the rule is written down.
///
/// Neighbours come from a grid of buckets one `eps` on a side (in degrees, widened for the
/// latitude), so each point compares itself only with the points of the 3×3 buckets around it:
/// no O(n²) pass. Counting and border assignment run on all cores.
public struct DBSCAN: Sendable {
    /// Mean Earth radius R₁ = (2a + b)/3 on WGS84, metres.
    public static let earthRadius = 6_371_008.771_415

    /// Cluster number per point, −1 for noise.
    public let labels: [Int32]
    /// Whether each point is a core point.
    public let isCore: [Bool]
    /// Number of clusters.
    public let clusterCount: Int

    /// Clusters positions given in degrees.
    /// - Parameters:
    ///   - eps: neighbourhood radius in metres (> 0).
    ///   - minPoints: points within `eps`, the point itself included, that make a core point (≥ 1).
    /// - Throws: ``AnalysisError/outOfRange(_:value:allowed:)``.
    /// - Complexity: O(n · k) for k points per 3×3 buckets; O(n) memory.
    public init(latitudes: [Double], longitudes: [Double], eps: Double, minPoints: Int)
        throws(AnalysisError)
    {
        guard eps > 0, eps.isFinite, eps < 1_000_000 else {
            throw .outOfRange(.eps, value: "\(eps) m", allowed: 0...1_000_000)
        }
        guard minPoints >= 1 else {
            throw .outOfRange(.minPoints, value: "\(minPoints)", allowed: 1...Double(Int.max))
        }
        let n = latitudes.count
        precondition(longitudes.count == n)
        let half = sin(eps / Self.earthRadius / 2)
        // Unit vectors: chord² = 4·hav(d/R), so d ≤ eps ⟺ chord² ≤ 4 sin²(eps/2R).
        let limit = 4 * half * half
        let epsDegrees = eps / Self.earthRadius * 180 / .pi
        let maxLat = min(89.0, (latitudes.map(abs).max() ?? 0) + epsDegrees)
        let buckets = PointBuckets(
            xs: longitudes, ys: latitudes,
            width: epsDegrees / cos(maxLat * .pi / 180) * 1.01, height: epsDegrees * 1.01)
        let points = SortedUnitVectors(
            latitudes: latitudes, longitudes: longitudes, buckets: buckets, limit: limit)

        // 1. Neighbour counts → core points (in bucket order, so candidates are read in sequence).
        var coreSorted = [Bool](repeating: false, count: n)
        coreSorted.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: n, minimumChunk: 1024) { range in
                for k in range {
                    out[k] = points.countNeighbours(k, atLeast: minPoints) >= minPoints
                }
            }
        }
        var core = [Bool](repeating: false, count: n)
        for k in 0..<n { core[Int(points.original[k])] = coreSorted[k] }

        // 2. Connected components of core points (union–find with path halving).
        var parent = [Int32](0..<Int32(n))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for k in 0..<n where coreSorted[k] {
            points.forEachNeighbour(k, after: true) { k2 in
                guard coreSorted[k2] else { return }
                let a = find(points.original[k])
                let b = find(points.original[k2])
                if a != b { parent[Int(max(a, b))] = min(a, b) }
            }
        }
        var labels = [Int32](repeating: -1, count: n)
        var numberOfRoot = [Int32: Int32]()
        var clusters: Int32 = 0
        for i in 0..<n where core[i] {
            let root = find(Int32(i))
            if let k = numberOfRoot[root] {
                labels[i] = k
            } else {
                numberOfRoot[root] = clusters
                labels[i] = clusters
                clusters += 1
            }
        }

        // 3. Border points: the lowest-numbered cluster among core neighbours.
        let coreLabels = labels
        let isCore = core
        let coreFlags = coreSorted
        labels.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: n, minimumChunk: 1024) { range in
                for k in range where !coreFlags[k] {
                    var best = Int32.max
                    points.forEachNeighbour(k, after: false) { k2 in
                        let j = Int(points.original[k2])
                        if isCore[j], coreLabels[j] < best { best = coreLabels[j] }
                    }
                    if best != Int32.max { out[Int(points.original[k])] = best }
                }
            }
        }
        self.labels = labels
        self.isCore = core
        self.clusterCount = Int(clusters)
    }
}

/// Points as unit vectors stored in bucket order, and the chord test for "within eps".
private struct SortedUnitVectors: Sendable {
    let x: [Double], y: [Double], z: [Double]
    /// Original index of the point at each sorted position.
    let original: [Int32]
    let limit: Double
    let buckets: PointBuckets
    let column: [Int32], row: [Int32]

    init(latitudes: [Double], longitudes: [Double], buckets: PointBuckets, limit: Double) {
        let n = latitudes.count
        var x = [Double](repeating: 0, count: n)
        var y = x
        var z = x
        var column = [Int32](repeating: 0, count: n)
        var row = column
        for k in 0..<n {
            let i = Int(buckets.order[k])
            let phi = latitudes[i] * .pi / 180
            let lambda = longitudes[i] * .pi / 180
            x[k] = cos(phi) * cos(lambda)
            y[k] = cos(phi) * sin(lambda)
            z[k] = sin(phi)
            let b = buckets.bucket(x: longitudes[i], y: latitudes[i])
            column[k] = Int32(b.ix)
            row[k] = Int32(b.iy)
        }
        self.x = x
        self.y = y
        self.z = z
        self.original = buckets.order
        self.limit = limit
        self.buckets = buckets
        self.column = column
        self.row = row
    }

    /// Sorted-position ranges of the 3×3 buckets around point k.
    @inline(__always)
    private func forEachRange(_ k: Int, _ body: (Int, Int) -> Void) {
        let ix = Int(column[k])
        let iy = Int(row[k])
        let nx = buckets.nx
        let x0 = max(0, ix - 1)
        let x1 = min(nx - 1, ix + 1)
        for r in max(0, iy - 1)...min(buckets.ny - 1, iy + 1) {
            body(Int(buckets.start[r * nx + x0]), Int(buckets.start[r * nx + x1 + 1]))
        }
    }

    /// Points within eps of k (k itself included), counting no further than `atLeast`.
    func countNeighbours(_ k: Int, atLeast: Int) -> Int {
        var c = 0
        let px = x[k]
        let py = y[k]
        let pz = z[k]
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                z.withUnsafeBufferPointer { zs in
                    forEachRange(k) { a, b in
                        guard c < atLeast else { return }
                        for j in a..<b {
                            let dx = xs[j] - px
                            let dy = ys[j] - py
                            let dz = zs[j] - pz
                            if dx * dx + dy * dy + dz * dz <= limit { c += 1 }
                        }
                    }
                }
            }
        }
        return c
    }

    /// Calls `body` with the sorted position of every point within eps of k (k included unless
    /// `after`, which keeps only positions after k).
    func forEachNeighbour(_ k: Int, after: Bool, _ body: (Int) -> Void) {
        let px = x[k]
        let py = y[k]
        let pz = z[k]
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                z.withUnsafeBufferPointer { zs in
                    forEachRange(k) { a, b in
                        for j in (after ? max(a, k + 1) : a)..<max(b, after ? max(a, k + 1) : a) {
                            let dx = xs[j] - px
                            let dy = ys[j] - py
                            let dz = zs[j] - pz
                            if dx * dx + dy * dy + dz * dz <= limit { body(j) }
                        }
                    }
                }
            }
        }
    }
}
