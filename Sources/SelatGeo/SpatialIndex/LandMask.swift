import Foundation

/// Point-in-polygon for a whole coastline at millions of checks per second.
///
/// The region is cut into a grid of square cells. A cell no coastline edge touches is all land
/// or all sea; its state is found once, when the mask is built, by even–odd scanlines across all
/// rings. A cell an edge touches keeps the list of those edges and the state of its centre; a
/// point there is classified by counting the edges crossed on the way from the centre to it.
/// Polygons must not overlap (a planar subdivision, as the GeoData coastline is), so even–odd
/// over all rings is exactly "inside some polygon, outside its holes".
///
/// - Complexity: build O(V + cells); a query O(1) in uniform cells, O(edges in the cell) otherwise.
public struct LandMask: Sendable {
    /// A ring: closed (first vertex = last), lon/lat pairs.
    public typealias Ring = [(x: Double, y: Double)]

    public let region: Rect
    public let cellSize: Double
    let columns: Int
    let rows: Int
    /// 0 sea, 1 land, 2 mixed (see `mixedEdges`); per cell, row-major.
    private var state: [UInt8]
    /// For mixed cells: the centre's state and the edges (x1, y1, x2, y2) touching the cell.
    private var mixedCentreLand: [Int32: Bool] = [:]
    private var mixedEdges: [Int32: [SIMD4<Double>]] = [:]

    /// Builds the mask over `region` from all rings of all polygons.
    /// - Parameter cellSize: Cell side in degrees (0.01° ≈ 1.1 km by default).
    public init(rings: [Ring], region: Rect, cellSize: Double = 0.01) {
        self.region = region
        self.cellSize = cellSize
        columns = Int(((region.maxX - region.minX) / cellSize).rounded(.up))
        rows = Int(((region.maxY - region.minY) / cellSize).rounded(.up))
        state = [UInt8](repeating: 0, count: columns * rows)

        var edges: [SIMD4<Double>] = []
        for ring in rings where ring.count >= 2 {
            for i in 0..<(ring.count - 1) {
                let a = ring[i]
                let b = ring[i + 1]
                if a.x == b.x && a.y == b.y { continue }
                edges.append(SIMD4(a.x, a.y, b.x, b.y))
            }
        }
        // Mark every cell an edge's bounding box touches as mixed (a superset of the cells it crosses).
        var cellEdges: [Int32: [SIMD4<Double>]] = [:]
        var rowEdges = [[Int]](repeating: [], count: rows)
        for (n, e) in edges.enumerated() {
            let (c0, r0) = cellOf(min(e.x, e.z), min(e.y, e.w))
            let (c1, r1) = cellOf(max(e.x, e.z), max(e.y, e.w))
            for r in r0...r1 {
                for c in c0...c1 { cellEdges[Int32(r * columns + c), default: []].append(e) }
            }
            // Rows whose centre line this edge may cross: those its bounding box spans.
            for r in r0...r1 { rowEdges[r].append(n) }
        }
        // Scanline through each row's cell centres: even–odd crossings give every centre's state.
        for r in 0..<rows {
            let y = region.minY + (Double(r) + 0.5) * cellSize
            var xs: [Double] = []
            for n in rowEdges[r] {
                let e = edges[n]
                if (e.y <= y) != (e.w <= y) {
                    xs.append(e.x + (y - e.y) / (e.w - e.y) * (e.z - e.x))
                }
            }
            xs.sort()
            var k = 0
            var inside = false
            for c in 0..<columns {
                let x = region.minX + (Double(c) + 0.5) * cellSize
                while k < xs.count && xs[k] < x {
                    inside.toggle()
                    k += 1
                }
                let cell = Int32(r * columns + c)
                if let list = cellEdges[cell] {
                    state[Int(cell)] = 2
                    mixedCentreLand[cell] = inside
                    mixedEdges[cell] = list
                } else {
                    state[Int(cell)] = inside ? 1 : 0
                }
            }
        }
    }

    private func cellOf(_ x: Double, _ y: Double) -> (Int, Int) {
        let c = Int(((x - region.minX) / cellSize).rounded(.down))
        let r = Int(((y - region.minY) / cellSize).rounded(.down))
        return (min(columns - 1, max(0, c)), min(rows - 1, max(0, r)))
    }

    /// Whether the point is covered by the region at all.
    public func covers(x: Double, y: Double) -> Bool {
        x >= region.minX && x <= region.maxX && y >= region.minY && y <= region.maxY
    }

    /// Whether `(x, y)` is inside a polygon (land). Points outside the region are not.
    public func contains(x: Double, y: Double) -> Bool {
        guard covers(x: x, y: y) else { return false }
        let (c, r) = cellOf(x, y)
        let cell = r * columns + c
        switch state[cell] {
        case 0: return false
        case 1: return true
        default:
            let key = Int32(cell)
            var inside = mixedCentreLand[key] ?? false
            let cx = region.minX + (Double(c) + 0.5) * cellSize
            let cy = region.minY + (Double(r) + 0.5) * cellSize
            for e in mixedEdges[key] ?? [] where Self.crosses(cx, cy, x, y, e) { inside.toggle() }
            return inside
        }
    }

    /// Whether segment p→q crosses edge e, with half-open rules so a vertex is counted once.
    @inline(__always)
    static func crosses(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ e: SIMD4<Double>)
        -> Bool
    {
        let d1 = orient(px, py, qx, qy, e.x, e.y)
        let d2 = orient(px, py, qx, qy, e.z, e.w)
        // The edge's ends must lie on different sides of the line p→q (one end may be on it: half-open).
        guard (d1 > 0) != (d2 > 0) else { return false }
        let d3 = orient(e.x, e.y, e.z, e.w, px, py)
        let d4 = orient(e.x, e.y, e.z, e.w, qx, qy)
        return (d3 > 0) != (d4 > 0)
    }

    @inline(__always)
    static func orient(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
    ) -> Double {
        (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    }
}
