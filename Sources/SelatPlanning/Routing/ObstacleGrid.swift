import Foundation
import SelatGeo

/// The coastline's edges in the routing plane, bucketed on a square grid so that "does this
/// segment keep at least `c` metres from every shore?" walks only the cells the segment crosses.
///
/// Each edge is listed in every cell its bounding box, widened by ``reach``, overlaps. The point
/// of a segment nearest an edge within `reach` therefore lies in a cell that lists that edge, so
/// walking the segment's cells (Amanatides & Woo 1987, "A fast voxel traversal algorithm") and
/// testing the listed edges is exact for any clearance up to `reach`.
struct ObstacleGrid: Sendable {
    /// Planar edges (x₀, y₀, x₁, y₁), metres.
    let edges: [SIMD4<Double>]
    /// The largest clearance the grid answers exactly.
    let reach: Double
    let cellSize: Double
    let originX: Double
    let originY: Double
    let columns: Int
    let rows: Int
    /// CSR: the edges of cell `k` are `items[start[k]..<start[k+1]]`.
    private let start: [Int32]
    private let items: [Int32]

    init(
        edges: [SIMD4<Double>], reach: Double, cellSize: Double,
        bounds: (min: SIMD2<Double>, max: SIMD2<Double>)
    ) {
        self.edges = edges
        self.reach = reach
        self.cellSize = cellSize
        let margin = reach + cellSize
        let ox = bounds.min.x - margin
        let oy = bounds.min.y - margin
        let columns = max(1, Int(((bounds.max.x + margin - ox) / cellSize).rounded(.up)))
        let rows = max(1, Int(((bounds.max.y + margin - oy) / cellSize).rounded(.up)))
        originX = ox
        originY = oy
        self.columns = columns
        self.rows = rows
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        let pad = reach * (1 + 1e-9) + 1e-6
        func cells(_ e: SIMD4<Double>, _ body: (Int) -> Void) {
            let x0 = min(e.x, e.z) - pad
            let x1 = max(e.x, e.z) + pad
            let y0 = min(e.y, e.w) - pad
            let y1 = max(e.y, e.w) + pad
            let c0 = max(0, Int(((x0 - ox) / cellSize).rounded(.down)))
            let c1 = min(columns - 1, Int(((x1 - ox) / cellSize).rounded(.down)))
            let r0 = max(0, Int(((y0 - oy) / cellSize).rounded(.down)))
            let r1 = min(rows - 1, Int(((y1 - oy) / cellSize).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { return }
            for r in r0...r1 { for c in c0...c1 { body(r * columns + c) } }
        }
        for e in edges { cells(e) { counts[$0 + 1] += 1 } }
        for k in 1..<counts.count { counts[k] += counts[k - 1] }
        var fill = counts
        var items = [Int32](repeating: 0, count: Int(counts.last!))
        for (i, e) in edges.enumerated() {
            cells(e) { k in
                items[Int(fill[k])] = Int32(i)
                fill[k] += 1
            }
        }
        start = counts
        self.items = items
    }

    /// Whether every point of segment `a`–`b` is at least `clearance` from every edge
    /// (`clearance` ≤ ``reach``). Both ends must be at sea for this to mean "stays at sea".
    func isClear(_ a: SIMD2<Double>, _ b: SIMD2<Double>, clearance: Double) -> Bool {
        minimumDistance(a, b, below: clearance) >= clearance
    }

    /// The least distance from segment `a`–`b` to an edge, or `limit` if none is nearer than
    /// `limit` (≤ ``reach``). Stops at the first edge nearer than `below` when one is given.
    func minimumDistance(
        _ a: SIMD2<Double>, _ b: SIMD2<Double>, below stop: Double = 0, limit: Double? = nil
    ) -> Double {
        let cap = limit ?? reach
        var best2 = cap * cap
        let stop2 = stop * stop
        walk(a, b) { k in
            for j in Int(start[k])..<Int(start[k + 1]) {
                let e = edges[Int(items[j])]
                let d2 = Self.segmentDistanceSquared(a, b, SIMD2(e.x, e.y), SIMD2(e.z, e.w))
                if d2 < best2 {
                    best2 = d2
                    if d2 < stop2 { return false }
                }
            }
            return true
        }
        return best2.squareRoot()
    }

    /// The least distance from point `p` to an edge, or `reach` if none is nearer.
    func distance(_ p: SIMD2<Double>) -> Double { minimumDistance(p, p) }

    /// The nearest point of the coastline to `p` within ``reach``, leaving out points within
    /// `exclusion` of `origin` (the corner `p` was placed off).
    func nearestPoint(_ p: SIMD2<Double>, awayFrom origin: SIMD2<Double>, exclusion: Double)
        -> SIMD2<Double>?
    {
        let c = Int(((p.x - originX) / cellSize).rounded(.down))
        let r = Int(((p.y - originY) / cellSize).rounded(.down))
        guard c >= 0, c < columns, r >= 0, r < rows else { return nil }
        let k = r * columns + c
        var best: SIMD2<Double>?
        var best2 = reach * reach
        for j in Int(start[k])..<Int(start[k + 1]) {
            let e = edges[Int(items[j])]
            let a = SIMD2(e.x, e.y)
            let d = SIMD2(e.z, e.w) - a
            let len2 = (d * d).sum()
            let t = len2 == 0 ? 0 : max(0, min(1, ((p - a) * d).sum() / len2))
            let q = a + t * d
            let e2 = ((q - p) * (q - p)).sum()
            if e2 <= best2, ((q - origin) * (q - origin)).sum() > exclusion * exclusion {
                best2 = e2
                best = q
            }
        }
        return best
    }

    /// Visits the cells segment `a`–`b` passes through, in order, until `visit` returns false.
    private func walk(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ visit: (Int) -> Bool) {
        let ax = (a.x - originX) / cellSize
        let ay = (a.y - originY) / cellSize
        let bx = (b.x - originX) / cellSize
        let by = (b.y - originY) / cellSize
        var c = Int(ax.rounded(.down))
        var r = Int(ay.rounded(.down))
        let cEnd = Int(bx.rounded(.down))
        let rEnd = Int(by.rounded(.down))
        let dx = bx - ax
        let dy = by - ay
        let stepC = dx > 0 ? 1 : -1
        let stepR = dy > 0 ? 1 : -1
        let tDeltaX = dx == 0 ? Double.infinity : abs(1 / dx)
        let tDeltaY = dy == 0 ? Double.infinity : abs(1 / dy)
        var tMaxX =
            dx == 0 ? Double.infinity : (dx > 0 ? (Double(c + 1) - ax) : (ax - Double(c))) * tDeltaX
        var tMaxY =
            dy == 0 ? Double.infinity : (dy > 0 ? (Double(r + 1) - ay) : (ay - Double(r))) * tDeltaY
        let steps = abs(cEnd - c) + abs(rEnd - r)
        for _ in 0...steps {
            if c >= 0, c < columns, r >= 0, r < rows, !visit(r * columns + c) { return }
            if c == cEnd && r == rEnd { return }
            if tMaxX < tMaxY {
                c += stepC
                tMaxX += tDeltaX
            } else {
                r += stepR
                tMaxY += tDeltaY
            }
        }
    }

    /// Squared distance between segments p₀p₁ and q₀q₁ (0 if they meet).
    static func segmentDistanceSquared(
        _ p0: SIMD2<Double>, _ p1: SIMD2<Double>, _ q0: SIMD2<Double>, _ q1: SIMD2<Double>
    ) -> Double {
        let r = p1 - p0
        let s = q1 - q0
        let w = q0 - p0
        let denominator = r.x * s.y - r.y * s.x
        if denominator != 0 {
            let t = (w.x * s.y - w.y * s.x) / denominator
            let u = (w.x * r.y - w.y * r.x) / denominator
            if t >= 0, t <= 1, u >= 0, u <= 1 { return 0 }
        }
        return min(
            min(pointSegment2(p0, q0, q1), pointSegment2(p1, q0, q1)),
            min(pointSegment2(q0, p0, p1), pointSegment2(q1, p0, p1)))
    }

    /// Squared distance from `p` to segment `a`–`b`.
    @inline(__always)
    static func pointSegment2(_ p: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double
    {
        let d = b - a
        let w = p - a
        let len2 = (d * d).sum()
        let t = len2 == 0 ? 0 : max(0, min(1, (w * d).sum() / len2))
        let e = w - t * d
        return (e * e).sum()
    }
}
