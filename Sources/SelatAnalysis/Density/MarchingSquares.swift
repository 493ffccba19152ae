import Foundation

/// Contour polygons of a grid at a level, by marching squares (Lorensen & Cline 1987 in two
/// dimensions), with saddles resolved by the mean of the four corners.
///
/// The grid is treated as surrounded by zeros, so every contour of a positive level closes.
/// Each square's crossing points are joined so that the region at or above the level lies on the
/// left; chained together, outer boundaries come out anticlockwise and holes clockwise (as
/// RFC 7946 wants them), and each hole is then placed in the smallest outer ring containing it.
struct MarchingSquares {
    let values: [Double]
    let columns: Int, rows: Int

    typealias Point = (x: Double, y: Double)

    private func value(_ c: Int, _ r: Int) -> Double {
        guard c >= 0, c < columns, r >= 0, r < rows else { return 0 }
        return values[r * columns + c]
    }

    /// Polygons in grid units (x = column, y = row): each is an outer ring then its holes,
    /// rings closed (first point repeated).
    func polygons(level: Double) -> [[[Point]]] {
        precondition(level > 0, "contour levels must be positive")
        // Edge ids: horizontal edge from (c, r) to (c+1, r) → 2·key; vertical (c, r)–(c, r+1) → 2·key+1,
        // key over the padded grid (−1…columns) × (−1…rows).
        let w = columns + 2
        func key(_ c: Int, _ r: Int, vertical: Bool) -> Int {
            ((r + 1) * w + (c + 1)) * 2 + (vertical ? 1 : 0)
        }
        // segment from edge → to edge, starting point
        var next: [Int: (to: Int, point: Point)] = [:]
        for r in -1..<rows {
            for c in -1..<columns {
                // Corners anticlockwise: a (c,r), b (c+1,r), d (c+1,r+1), e (c,r+1).
                let v0 = value(c, r)
                let v1 = value(c + 1, r)
                let v2 = value(c + 1, r + 1)
                let v3 = value(c, r + 1)
                let above =
                    (v0 >= level ? 1 : 0) + (v1 >= level ? 1 : 0) + (v2 >= level ? 1 : 0)
                    + (v3 >= level ? 1 : 0)
                if above == 0 || above == 4 { continue }  // most squares: no contour, no allocation
                let v = [v0, v1, v2, v3]
                let inside = v.map { $0 >= level }
                let corners: [Point] = [
                    (Double(c), Double(r)), (Double(c + 1), Double(r)),
                    (Double(c + 1), Double(r + 1)), (Double(c), Double(r + 1)),
                ]
                let edges = [
                    key(c, r, vertical: false), key(c + 1, r, vertical: true),
                    key(c, r + 1, vertical: false), key(c, r, vertical: true),
                ]
                // Crossings going round the square anticlockwise: edge k joins corner k to k+1.
                var order: [(edge: Int, point: Point, exit: Bool)] = []
                for k in 0..<4 {
                    let k2 = (k + 1) % 4
                    guard inside[k] != inside[k2] else { continue }
                    let t = (level - v[k]) / (v[k2] - v[k])
                    let p = (
                        corners[k].x + t * (corners[k2].x - corners[k].x),
                        corners[k].y + t * (corners[k2].y - corners[k].y)
                    )
                    order.append((edges[k], p, inside[k]))  // exit: inside → outside
                }
                let saddleJoined = order.count == 4 && (v.reduce(0, +) / 4) >= level
                for (i, crossing) in order.enumerated() where crossing.exit {
                    // Pair each exit with the entry after it (joined saddle) or before it.
                    let j =
                        saddleJoined ? (i + 1) % order.count : (i + order.count - 1) % order.count
                    let partner = order[j]
                    next[crossing.edge] = (partner.edge, crossing.point)
                }
            }
        }
        // Chain segments into closed rings.
        var rings: [[Point]] = []
        while let (startEdge, _) = next.first {
            var ring: [Point] = []
            var edge = startEdge
            while let seg = next.removeValue(forKey: edge) {
                ring.append(seg.point)
                edge = seg.to
            }
            if ring.count >= 3 {
                ring.append(ring[0])
                rings.append(ring)
            }
        }
        // Outer rings (anticlockwise) and holes (clockwise); each hole to its smallest container.
        let areas = rings.map(Self.signedArea)
        var polygons: [[[Point]]] = []
        var outerIndex: [Int: Int] = [:]
        for (i, ring) in rings.enumerated() where areas[i] > 0 {
            outerIndex[i] = polygons.count
            polygons.append([ring])
        }
        for (i, ring) in rings.enumerated() where areas[i] < 0 {
            var best: Int?
            for (o, _) in outerIndex where Self.contains(rings[o], ring[0]) {
                if best == nil || areas[o] < areas[best!] { best = o }
            }
            if let best { polygons[outerIndex[best]!].append(ring) }
        }
        return polygons
    }

    static func signedArea(_ ring: [Point]) -> Double {
        var s = 0.0
        for k in 0..<(ring.count - 1) { s += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
        return s / 2
    }

    /// Even–odd point in ring.
    static func contains(_ ring: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[j]
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
