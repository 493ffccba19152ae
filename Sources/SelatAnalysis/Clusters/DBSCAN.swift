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
/// Neighbours come from a grid of cells small enough that any two points of a cell are within
/// eps (``DBSCANGrid``; Gunawan 2013, de Berg, Gunawan & Roeloffzen 2017): a cell holding at
/// least `minPoints` points is all core without a distance computed, the core points of a cell
/// are one cluster, and two cells join when some pair of their core points is within eps (the
/// first such pair found ends the test, and points that cannot reach the other cell's box are not
/// tried). Dense hot spots, where every point has thousands of neighbours, cost little: no
/// point's neighbours are ever listed. Counting and border assignment run on all cores.
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
    /// - Complexity: O(n log n) to sort the points into cells, then work per cell and its
    ///   neighbour cells: at most `minPoints` neighbours counted per point of a sparse cell, none
    ///   in a dense one; O(n) memory.
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
        let grid = DBSCANGrid(
            latitudes: latitudes, longitudes: longitudes, eps: eps, earthRadius: Self.earthRadius)
        let cells = grid.cellCount

        // 1. Core points. A cell with minPoints points is all core; in a sparser one each point
        //    counts its own cell's points (all within eps) and then its neighbour cells', stopping
        //    at minPoints.
        var coreSorted = [Bool](repeating: false, count: n)
        coreSorted.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: cells, minimumChunk: 256) { range in
                for c in range {
                    let start = Int(grid.cellStart[c])
                    let end = Int(grid.cellStart[c + 1])
                    if end - start >= minPoints {
                        for k in start..<end { out[k] = true }
                        continue
                    }
                    for k in start..<end {
                        var count = end - start
                        grid.forEachRun(of: c) { lo, hi in
                            guard count < minPoints else { return }
                            let first = Int(grid.cellStart[lo])
                            let last = Int(grid.cellStart[hi])
                            for j in first..<last where j < start || j >= end {
                                if grid.within(j, k) {
                                    count += 1
                                    if count >= minPoints { return }
                                }
                            }
                        }
                        out[k] = count >= minPoints
                    }
                }
            }
        }

        // Each cell's core points and the box around them.
        var coreOf = [[Int32]](repeating: [], count: cells)
        var boxes = [DBSCANGrid.Box](repeating: .init(), count: cells)
        for c in 0..<cells {
            for k in Int(grid.cellStart[c])..<Int(grid.cellStart[c + 1]) where coreSorted[k] {
                coreOf[c].append(Int32(k))
                boxes[c].add(grid.lat[k], grid.lon[k])
            }
        }

        // 2. Cells joined (union–find with path halving) when two of their core points are within eps.
        var parent = [Int32](0..<Int32(cells))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for c in 0..<cells where !coreOf[c].isEmpty {
            grid.forEachRun(of: c) { lo, hi in
                for d in max(lo, c + 1)..<max(hi, c + 1) where !coreOf[d].isEmpty {
                    let a = find(Int32(c))
                    let b = find(Int32(d))
                    guard a != b, Self.touch(coreOf[c], boxes[c], coreOf[d], boxes[d], grid)
                    else { continue }
                    parent[Int(max(a, b))] = min(a, b)
                }
            }
        }

        // Clusters numbered in the order of their lowest-indexed core point (as scikit-learn).
        var lowest = [Int32](repeating: .max, count: cells)
        for c in 0..<cells {
            for k in coreOf[c] {
                let root = Int(find(Int32(c)))
                lowest[root] = min(lowest[root], grid.original[Int(k)])
            }
        }
        let roots = (0..<cells).filter { !coreOf[$0].isEmpty && find(Int32($0)) == Int32($0) }
            .sorted { lowest[$0] < lowest[$1] }
        var number = [Int32](repeating: -1, count: cells)
        for (k, root) in roots.enumerated() { number[root] = Int32(k) }
        var cellLabel = [Int32](repeating: -1, count: cells)
        for c in 0..<cells where !coreOf[c].isEmpty { cellLabel[c] = number[Int(find(Int32(c)))] }

        // 3. Labels: a core point its cell's cluster; a border point the lowest-numbered cluster
        //    among core points within eps (scikit-learn expands clusters in that order, and a
        //    border point keeps the first label it gets).
        var labels = [Int32](repeating: -1, count: n)
        let coreCells = coreOf
        let cellLabels = cellLabel
        let isCoreSorted = coreSorted
        labels.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: cells, minimumChunk: 256) { range in
                for c in range {
                    for k in Int(grid.cellStart[c])..<Int(grid.cellStart[c + 1]) {
                        let i = Int(grid.original[k])
                        if isCoreSorted[k] {
                            out[i] = cellLabels[c]
                            continue
                        }
                        var best = cellLabels[c] >= 0 ? cellLabels[c] : Int32.max
                        grid.forEachRun(of: c) { lo, hi in
                            for d in lo..<hi where d != c {
                                let label = cellLabels[d]
                                guard label >= 0, label < best else { continue }
                                if coreCells[d].contains(where: { grid.within(Int($0), k) }) {
                                    best = label
                                }
                            }
                        }
                        if best != .max { out[i] = best }
                    }
                }
            }
        }
        var core = [Bool](repeating: false, count: n)
        for k in 0..<n where coreSorted[k] { core[Int(grid.original[k])] = true }
        self.labels = labels
        self.isCore = core
        self.clusterCount = roots.count
    }

    /// Whether some core point of one cell is within eps of some core point of the other
    /// (the bichromatic closest-pair test, stopping at the first pair found).
    private static func touch(
        _ a: [Int32], _ boxA: DBSCANGrid.Box, _ b: [Int32], _ boxB: DBSCANGrid.Box,
        _ grid: DBSCANGrid
    ) -> Bool {
        let nearB = a.filter { grid.mayReach(Int($0), boxB) }
        guard !nearB.isEmpty else { return false }
        let nearA = b.filter { grid.mayReach(Int($0), boxA) }
        for j in nearB {
            for k in nearA where grid.within(Int(j), Int(k)) { return true }
        }
        return false
    }
}
