import Foundation
import SelatGeo

/// Kernel density of sightings on a square grid of the projected plane, with the quartic
/// (biweight) kernel of Silverman (1986), "Density Estimation for Statistics and Data
/// Analysis", eq. 4.5 — the kernel ArcGIS's Kernel Density tool uses:
///
///     f(x) = Σ_i 3/(π h²) · (1 − d_i²/h²)²   for d_i < h
///
/// Each sighting spreads a unit of mass over a disc of radius h (the bandwidth), so the grid
/// reads in sightings per square kilometre and sums to the number of sightings.
public struct KernelDensity: Sendable {
    /// Centre of cell (0, 0) on the plane, metres.
    public let originX: Double, originY: Double
    public let cellSize: Double
    public let columns: Int, rows: Int
    public let bandwidth: Double
    /// Sightings per km², row-major from the south-west.
    public private(set) var values: [Double]

    /// The bandwidth rule ArcGIS documents for Kernel Density, a spatial form of Silverman's
    /// rule of thumb: h = 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−1/5), where SD is the standard
    /// distance of the points from their mean centre and Dm the median of those distances.
    /// Returns nil for fewer than two distinct positions.
    public static func silvermanBandwidth(_ points: ProjectedPoints) -> Double? {
        let n = points.count
        guard n >= 2 else { return nil }
        let mx = points.xs.reduce(0, +) / Double(n)
        let my = points.ys.reduce(0, +) / Double(n)
        var d = [Double](repeating: 0, count: n)
        var sq = 0.0
        for i in 0..<n {
            let dx = points.xs[i] - mx
            let dy = points.ys[i] - my
            sq += dx * dx + dy * dy
            d[i] = (dx * dx + dy * dy).squareRoot()
        }
        let sd = (sq / Double(n)).squareRoot()
        d.sort()
        let median = n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2
        let h = 0.9 * min(sd, (1 / log(2.0)).squareRoot() * median) * pow(Double(n), -0.2)
        return h > 0 ? h : nil
    }

    /// Computes the grid.
    /// - Parameters:
    ///   - bandwidth: kernel radius h in metres.
    ///   - cellSize: grid spacing in metres; the grid covers the points' box widened by h.
    /// - Throws: ``AnalysisError/tooLarge(_:value:size:)`` for a grid over 4 M cells.
    /// - Complexity: O(n · (h/cellSize)²), split over the cores.
    public init(points: ProjectedPoints, bandwidth: Double, cellSize: Double) throws(AnalysisError)
    {
        precondition(points.count > 0 && bandwidth > 0 && cellSize > 0)
        let minX = points.xs.min()! - bandwidth
        let maxX = points.xs.max()! + bandwidth
        let minY = points.ys.min()! - bandwidth
        let maxY = points.ys.max()! + bandwidth
        let columns = Int(((maxX - minX) / cellSize).rounded(.up)) + 1
        let rows = Int(((maxY - minY) / cellSize).rounded(.up)) + 1
        guard columns * rows <= 4_000_000 else {
            throw .tooLarge(
                .cell, value: "\(Int(cellSize)) m",
                size: .densityCells(columns * rows, limit: 4_000_000))
        }
        self.originX = minX
        self.originY = minY
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
        self.bandwidth = bandwidth
        let h2 = bandwidth * bandwidth
        let scale = 3 / (.pi * h2) * 1_000_000  // per km²
        let reach = Int((bandwidth / cellSize).rounded(.up))
        let workers = Parallel.workers
        let n = points.count
        let xs = points.xs
        let ys = points.ys
        let partials = ResultSlots<[Double]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var grid = [Double](repeating: 0, count: columns * rows)
            let a = n * w / workers
            let b = n * (w + 1) / workers
            for i in a..<b {
                let cx = Int(((xs[i] - minX) / cellSize).rounded())
                let cy = Int(((ys[i] - minY) / cellSize).rounded())
                for gy in max(0, cy - reach)...min(rows - 1, cy + reach) {
                    let dy = minY + Double(gy) * cellSize - ys[i]
                    let dy2 = dy * dy
                    if dy2 >= h2 { continue }
                    for gx in max(0, cx - reach)...min(columns - 1, cx + reach) {
                        let dx = minX + Double(gx) * cellSize - xs[i]
                        let d2 = dx * dx + dy2
                        if d2 < h2 {
                            let u = 1 - d2 / h2
                            grid[gy * columns + gx] += scale * u * u
                        }
                    }
                }
            }
            partials.set(w, grid)
        }
        var values = partials.get(0) ?? []
        for w in 1..<workers {
            guard let other = partials.get(w) else { continue }
            for k in values.indices { values[k] += other[k] }
        }
        self.values = values
    }

    /// Sets to zero every cell `exclude` says yes to (given column and row), e.g. cells whose
    /// centre is on land, so levels, contours and peaks describe the water only.
    /// - Returns: how many cells were zeroed.
    @discardableResult
    public mutating func zero(where exclude: (Int, Int) -> Bool) -> Int {
        var n = 0
        for row in 0..<rows {
            for col in 0..<columns where values[row * columns + col] > 0 && exclude(col, row) {
                values[row * columns + col] = 0
                n += 1
            }
        }
        return n
    }

    /// Centre of cell (column, row) on the plane.
    public func centre(column: Int, row: Int) -> (x: Double, y: Double) {
        (originX + Double(column) * cellSize, originY + Double(row) * cellSize)
    }

    /// The density levels that enclose `percents` % of the total density mass ("percent volume
    /// contours", as in home-range and crime-mapping practice): the smallest set of cells holding
    /// that share has densities at or above the level. One sort for all the levels; 0 for an
    /// empty grid.
    public func percentVolumeLevels(_ percents: [Double]) -> [Double] {
        let sorted = values.filter { $0 > 0 }.sorted(by: >)
        let total = sorted.reduce(0, +)
        guard total > 0 else { return percents.map { _ in 0 } }
        var cumulative = [Double](repeating: 0, count: sorted.count)
        var running = 0.0
        for (k, v) in sorted.enumerated() {
            running += v
            cumulative[k] = running
        }
        return percents.map { percent in
            // First cell at which the running total reaches the share.
            var lo = 0
            var hi = sorted.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] >= total * percent / 100 { hi = mid } else { lo = mid + 1 }
            }
            return sorted[lo]
        }
    }

    /// Area in m² of contour polygons as ``contour(level:)`` returns them (holes subtract).
    public static func area(of polygons: [[[(x: Double, y: Double)]]]) -> Double {
        polygons.reduce(0) { sum, polygon in
            sum + polygon.reduce(0) { $0 + MarchingSquares.signedArea($1) }
        }
    }

    /// Contour polygons where density ≥ `level`, in plane coordinates: outer rings
    /// anticlockwise, each with the holes inside it (clockwise).
    public func contour(level: Double) -> [[[(x: Double, y: Double)]]] {
        MarchingSquares(values: values, columns: columns, rows: rows).polygons(level: level).map {
            polygon in
            polygon.map { ring in
                ring.map { (originX + $0.x * cellSize, originY + $0.y * cellSize) }
            }
        }
    }
}

/// Write-once slots for per-worker results of a concurrent loop.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
