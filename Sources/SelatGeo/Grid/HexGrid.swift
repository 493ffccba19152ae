import Foundation

/// One hexagon of a ``HexGrid``, in axial coordinates (q along easting, r along the rows).
public struct HexCell: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let q: Int32
    public let r: Int32

    public init(q: Int32, r: Int32) {
        self.q = q
        self.r = r
    }

    /// The stable id written to exports: `q:r`. Same grid parameters, same id for the same water.
    public var description: String { "\(q):\(r)" }

    /// Row-major order (south to north, then west to east): a stable order for outputs.
    public static func < (a: HexCell, b: HexCell) -> Bool { (a.r, a.q) < (b.r, b.q) }

    /// The six cells sharing an edge with this one.
    public var neighbours: [HexCell] {
        HexGrid.adjacentOffsets.map { HexCell(q: q + $0.dq, r: r + $0.dr) }
    }

    /// Distance in steps across edges (0 for the cell itself, 1 for a neighbour).
    public func steps(to other: HexCell) -> Int {
        let dq = Int(q) - Int(other.q)
        let dr = Int(r) - Int(other.r)
        return (abs(dq) + abs(dr) + abs(dq + dr)) / 2
    }
}

/// A grid of regular hexagons ("pointy-top": a vertex points north) laid on a transverse Mercator
/// plane.
///
/// `spacing` is the distance between the centres of adjacent cells (the width across flats), so
/// a cell's area is (√3⁄2)·spacing² — 0.866 km² for 1 km. Hexagons are preferred to squares for
/// counts because all six neighbours share an edge and sit at the same distance (Birch, Oom &
/// Beecham 2007, "Rectangular and hexagonal grids used for observation, experiment and
/// simulation in ecology", Ecol. Model. 206:347–359). Axial coordinates follow the usual cube
/// construction (q + r + s = 0); the cell of a point is found by cube rounding.
///
/// The grid is defined by its projection and spacing only, so two runs with the same parameters
/// give the same cells with the same ids.
public struct HexGrid: Sendable, Hashable {
    public let projection: TransverseMercator
    /// Centre-to-centre distance in metres.
    public let spacing: Double

    /// The six edge-sharing neighbours' axial offsets.
    public static let adjacentOffsets: [(dq: Int32, dr: Int32)] = [
        (1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1),
    ]
    private static let rowHeight = 3.0.squareRoot() / 2

    /// - Precondition: `spacing > 0`.
    public init(projection: TransverseMercator, spacing: Double) {
        precondition(spacing > 0 && spacing.isFinite, "hexagon spacing must be positive")
        self.projection = projection
        self.spacing = spacing
    }

    /// Area of one cell in square metres.
    public var cellArea: Double { Self.rowHeight * spacing * spacing }

    /// The cell containing a projected point (metres).
    /// - Complexity: O(1).
    public func cell(x: Double, y: Double) -> HexCell {
        let rf = y / (spacing * Self.rowHeight)
        let qf = x / spacing - rf / 2
        let sf = -qf - rf
        var q = qf.rounded()
        var r = rf.rounded()
        let s = sf.rounded()
        let dq = abs(q - qf)
        let dr = abs(r - rf)
        let ds = abs(s - sf)
        if dq > dr && dq > ds {
            q = -r - s
        } else if dr > ds {
            r = -q - s
        }
        return HexCell(q: Int32(q), r: Int32(r))
    }

    /// The cell containing a position.
    public func cell(containing c: Coordinate) -> HexCell {
        let p = projection.project(c)
        return cell(x: p.x, y: p.y)
    }

    /// Centre of a cell on the plane (metres).
    public func centre(of cell: HexCell) -> (x: Double, y: Double) {
        (spacing * (Double(cell.q) + Double(cell.r) / 2), spacing * Self.rowHeight * Double(cell.r))
    }

    /// Centre of a cell as a position.
    public func centreCoordinate(of cell: HexCell) -> Coordinate {
        let c = centre(of: cell)
        return projection.unproject(x: c.x, y: c.y)
    }

    /// The six corners of a cell, anticlockwise from east-north-east, as positions (first not
    /// repeated).
    public func corners(of cell: HexCell) -> [Coordinate] {
        let c = centre(of: cell)
        let radius = spacing / 3.0.squareRoot()
        return (0..<6).map { k in
            let a = (30.0 + 60.0 * Double(k)) * .pi / 180
            return projection.unproject(x: c.x + radius * cos(a), y: c.y + radius * sin(a))
        }
    }

    /// Every cell whose centre lies in the rectangle (metres), in row-major order.
    /// - Complexity: O(cells in the rectangle).
    public func cells(minX: Double, minY: Double, maxX: Double, maxY: Double) -> [HexCell] {
        let h = spacing * Self.rowHeight
        let r0 = Int32((minY / h).rounded(.up))
        let r1 = Int32((maxY / h).rounded(.down))
        guard r0 <= r1 else { return [] }
        var out: [HexCell] = []
        for r in r0...r1 {
            // x = spacing (q + r/2) in [minX, maxX]
            let q0 = Int32((minX / spacing - Double(r) / 2).rounded(.up))
            let q1 = Int32((maxX / spacing - Double(r) / 2).rounded(.down))
            guard q0 <= q1 else { continue }
            for q in q0...q1 { out.append(HexCell(q: q, r: r)) }
        }
        return out
    }

    /// Axial offsets of every cell whose centre is within `distance` metres of a cell's centre
    /// (the cell itself included), for distance-band weights.
    public func offsets(within distance: Double) -> [(dq: Int32, dr: Int32)] {
        let reach = Int32((distance / (spacing * Self.rowHeight)).rounded(.up)) + 1
        var out: [(Int32, Int32)] = []
        for dr in -reach...reach {
            for dq in -reach - abs(dr)...reach + abs(dr) {
                let x = spacing * (Double(dq) + Double(dr) / 2)
                let y = spacing * Self.rowHeight * Double(dr)
                if (x * x + y * y).squareRoot() <= distance * (1 + 1e-12) { out.append((dq, dr)) }
            }
        }
        return out
    }
}
