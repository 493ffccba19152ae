import Foundation
import SelatGeo

/// Points sorted into the square cells of a longitude/latitude grid small enough that any two
/// points of one cell lie within eps of each other — the grid of Gunawan (2013, "A faster
/// algorithm for DBSCAN", MSc thesis, TU Eindhoven) and de Berg, Gunawan & Roeloffzen (2017,
/// "Faster DB-scan and HDB-scan in low-dimensional Euclidean spaces", ISAAC 2017), here on the
/// sphere.
///
/// On the sphere, hav(d) = hav(Δφ) + cos φ₁ cos φ₂ hav(Δλ) ≤ hav(Δφ) + hav(Δλ), so two points
/// whose latitudes and longitudes each differ by at most `side` radians are within eps when
/// 2 hav(side) ≤ hav(eps/R): that is the side chosen (less 0.1 % for rounding). A cell then never
/// needs its own distances tested: with at least min-points points it is all core, and its core
/// points are all of one cluster.
///
/// Cells are kept sparse (only those holding points, sorted by row then column), and the cells
/// that may hold a point within eps of a cell are, row by row, one contiguous run of cell
/// numbers: ``rows(of:)`` gives those runs.
struct DBSCANGrid: Sendable {
    /// Unit vectors, latitudes and longitudes (radians) in cell order.
    let x: [Double], y: [Double], z: [Double]
    let lat: [Double], lon: [Double]
    /// Original index of the point at each sorted position.
    let original: [Int32]
    /// Cell c holds the sorted positions `cellStart[c]..<cellStart[c + 1]`.
    let cellStart: [Int32]
    /// Squared chord of eps on the unit sphere, and hav(eps / R).
    let limit: Double, havEps: Double
    /// The smallest cos φ of any point or neighbour (the widest longitude span of eps).
    let cosMax: Double
    /// For each cell, `rowCount` runs of cell numbers `[lo, hi)` that may hold neighbours
    /// (the cell itself included).
    let runs: [Int32]
    let rowCount: Int

    var cellCount: Int { cellStart.count - 1 }

    init(latitudes: [Double], longitudes: [Double], eps: Double, earthRadius: Double) {
        let n = latitudes.count
        let epsAngle = eps / earthRadius
        let halfSine = sin(epsAngle / 2)
        havEps = halfSine * halfSine
        limit = 4 * havEps
        let side = 2 * asin((havEps / 2).squareRoot()) * 0.999
        let maxAbs = (latitudes.map(abs).max() ?? 0) * .pi / 180 + epsAngle
        cosMax = cos(min(maxAbs, 89 * .pi / 180))
        let minLat = (latitudes.min() ?? 0) * .pi / 180
        let minLon = (longitudes.min() ?? 0) * .pi / 180

        // Sort by cell (row, then column), then by original index.
        var keyed = [(key: Int64, index: Int32)]()
        keyed.reserveCapacity(n)
        for i in 0..<n {
            let iy = Int64(((latitudes[i] * .pi / 180 - minLat) / side).rounded(.down))
            let ix = Int64(((longitudes[i] * .pi / 180 - minLon) / side).rounded(.down))
            keyed.append((iy << 32 | ix, Int32(i)))
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }

        var x = [Double](repeating: 0, count: n)
        var y = x
        var z = x
        var lat = x
        var lon = x
        var original = [Int32](repeating: 0, count: n)
        var cellStart: [Int32] = []
        var cellKey: [Int64] = []
        for (k, entry) in keyed.enumerated() {
            let i = Int(entry.index)
            let phi = latitudes[i] * .pi / 180
            let lambda = longitudes[i] * .pi / 180
            x[k] = cos(phi) * cos(lambda)
            y[k] = cos(phi) * sin(lambda)
            z[k] = sin(phi)
            lat[k] = phi
            lon[k] = lambda
            original[k] = entry.index
            if k == 0 || keyed[k - 1].key != entry.key {
                cellStart.append(Int32(k))
                cellKey.append(entry.key)
            }
        }
        cellStart.append(Int32(n))
        (self.x, self.y, self.z, self.lat, self.lon) = (x, y, z, lat, lon)
        self.original = original
        self.cellStart = cellStart

        // Which cell offsets may hold a point within eps: rows up to ⌈eps/side⌉ away; in each row,
        // columns while the nearest possible pair, hav(Δφ) + cos²φmax·hav(Δλ), is within eps.
        func hav(_ a: Double) -> Double {
            let s = sin(a / 2)
            return s * s
        }
        // A row dy away is at least (|dy| − 1)·side away.
        let reach = Int((epsAngle / side).rounded(.down)) + 1
        let bound = havEps * (1 + 1e-9)
        var widths: [Int] = []
        for dy in -reach...reach {
            let gapLat = Double(max(0, abs(dy) - 1)) * side
            var dx = 0
            while hav(gapLat) + cosMax * cosMax * hav(Double(dx) * side) <= bound { dx += 1 }
            // Columns up to dx away: the gap to column dx is (dx − 1)·side, still within reach.
            widths.append(dx)
        }
        rowCount = widths.count
        let cells = cellKey.count
        var runs = [Int32](repeating: 0, count: cells * rowCount * 2)
        let keys = cellKey
        let rowWidths = widths
        let rows = rowCount
        runs.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            Parallel.forEachChunk(count: cells, minimumChunk: 2048) { range in
                for c in range {
                    let iy = keys[c] >> 32
                    let ix = keys[c] & 0xFFFF_FFFF
                    for (r, width) in rowWidths.enumerated() {
                        let row = iy + Int64(r - reach)
                        let lo = Self.lowerBound(keys, row << 32 | max(0, ix - Int64(width)))
                        let hi = Self.lowerBound(keys, row << 32 | (ix + Int64(width) + 1))
                        out[(c * rows + r) * 2] = Int32(lo)
                        out[(c * rows + r) * 2 + 1] = Int32(hi)
                    }
                }
            }
        }
        self.runs = runs
    }

    /// The first index of `keys` (sorted) not below `key`.
    private static func lowerBound(_ keys: [Int64], _ key: Int64) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Calls `body` with each run `lo..<hi` of cells that may hold points within eps of cell `c`.
    @inline(__always)
    func forEachRun(of c: Int, _ body: (Int, Int) -> Void) {
        for r in 0..<rowCount {
            let lo = Int(runs[(c * rowCount + r) * 2])
            let hi = Int(runs[(c * rowCount + r) * 2 + 1])
            if lo < hi { body(lo, hi) }
        }
    }

    /// Whether sorted points j and k are within eps (the chord test, as the haversine metric).
    @inline(__always)
    func within(_ j: Int, _ k: Int) -> Bool {
        let dx = x[j] - x[k]
        let dy = y[j] - y[k]
        let dz = z[j] - z[k]
        return dx * dx + dy * dy + dz * dz <= limit
    }

    /// Whether sorted point k may be within eps of some point of the box (a lower bound on the
    /// distance; never false for a point that is within eps).
    @inline(__always)
    func mayReach(_ k: Int, _ box: Box) -> Bool {
        let dPhi = max(0, box.minLat - lat[k], lat[k] - box.maxLat)
        let dLambda = max(0, box.minLon - lon[k], lon[k] - box.maxLon)
        let a = sin(dPhi / 2)
        let b = sin(dLambda / 2)
        return a * a + cosMax * cosMax * b * b <= havEps * (1 + 1e-9)
    }

    /// A latitude/longitude box, radians.
    struct Box: Sendable {
        var minLat = Double.infinity, maxLat = -Double.infinity
        var minLon = Double.infinity, maxLon = -Double.infinity

        mutating func add(_ phi: Double, _ lambda: Double) {
            minLat = min(minLat, phi)
            maxLat = max(maxLat, phi)
            minLon = min(minLon, lambda)
            maxLon = max(maxLon, lambda)
        }
    }
}
