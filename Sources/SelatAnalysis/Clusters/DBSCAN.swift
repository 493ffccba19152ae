import Foundation

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
    /// - Throws: ``AnalysisError/invalidParameter(name:value:reason:)``.
    /// - Complexity: O(n · k) for k points per 3×3 buckets; O(n) memory.
    public init(latitudes: [Double], longitudes: [Double], eps: Double, minPoints: Int) throws(AnalysisError) {
        guard eps > 0, eps.isFinite, eps < 1_000_000 else {
            throw .invalidParameter(name: "--eps", value: "\(eps) m", reason: "use a distance above 0 and below 1,000 km, e.g. --eps 500m")
        }
        guard minPoints >= 1 else {
            throw .invalidParameter(name: "--min-points", value: "\(minPoints)", reason: "use a whole number of 1 or more, e.g. --min-points 10")
        }
        let n = latitudes.count
        precondition(longitudes.count == n)
        // Unit vectors: chord² = 4·hav(d/R), so d ≤ eps ⟺ chord² ≤ 4 sin²(eps/2R).
        var ux = [Double](repeating: 0, count: n), uy = ux, uz = ux
        for i in 0..<n {
            let phi = latitudes[i] * .pi / 180, lambda = longitudes[i] * .pi / 180
            ux[i] = cos(phi) * cos(lambda)
            uy[i] = cos(phi) * sin(lambda)
            uz[i] = sin(phi)
        }
        let half = sin(eps / Self.earthRadius / 2)
        let limit = 4 * half * half
        let epsDegrees = eps / Self.earthRadius * 180 / .pi
        let maxLat = min(89.0, (latitudes.map(abs).max() ?? 0) + epsDegrees)
        let buckets = PointBuckets(xs: longitudes, ys: latitudes,
                                   width: epsDegrees / cos(maxLat * .pi / 180) * 1.01, height: epsDegrees * 1.01)
        let near = UnitVectors(x: ux, y: uy, z: uz, limit: limit)

        // 1. Neighbour counts → core points.
        var core = [Bool](repeating: false, count: n)
        core.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: n, minimumChunk: 1024) { range in
                for i in range {
                    var c = 0
                    buckets.forEachCandidate(x: longitudes[i], y: latitudes[i]) { j in
                        if near.close(i, j) { c += 1 }
                    }
                    out[i] = c >= minPoints
                }
            }
        }

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
        for i in 0..<n where core[i] {
            buckets.forEachCandidate(x: longitudes[i], y: latitudes[i]) { j in
                guard j < i, core[j], near.close(i, j) else { return }
                let a = find(Int32(i)), b = find(Int32(j))
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
        let coreLabels = labels, isCore = core
        labels.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: n, minimumChunk: 1024) { range in
                for i in range where !isCore[i] {
                    var best = Int32.max
                    buckets.forEachCandidate(x: longitudes[i], y: latitudes[i]) { j in
                        if isCore[j], coreLabels[j] < best, near.close(i, j) { best = coreLabels[j] }
                    }
                    if best != Int32.max { out[i] = best }
                }
            }
        }
        self.labels = labels
        self.isCore = core
        self.clusterCount = Int(clusters)
    }
}

/// Points as unit vectors, and the chord-length test for "within eps".
private struct UnitVectors: Sendable {
    let x: [Double], y: [Double], z: [Double]
    let limit: Double

    @inline(__always) func close(_ i: Int, _ j: Int) -> Bool {
        let dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j]
        return dx * dx + dy * dy + dz * dz <= limit
    }
}
