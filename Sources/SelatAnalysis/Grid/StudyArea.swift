import Foundation
import SelatGeo
import SelatModel

/// The hexagons a hotspot analysis runs over, and which cell each sighting counts in.
///
/// The study area is every hexagon whose centre is at sea, inside the box around the sightings
/// widened by a margin (so cells at the edge of the data still have their neighbours), whether
/// or not anything was seen there: Gi* compares each neighbourhood with the whole area, and the
/// empty water is what makes a busy stretch stand out. Cells whose centre is on land are left
/// out. A sighting in such a coastal cell (a boat off a beach, a landing point, a narrow creek) is
/// counted in the nearest sea cell within three rings of cells and reported as moved, never
/// dropped silently; only a sighting with no sea cell that close (far up a river, or a record kept
/// on land with `--allow-land`) is left out, and counted as such.
public struct StudyArea: Sendable {
    public let grid: HexGrid
    /// Sea cells, south to north then west to east.
    public let cells: [HexCell]
    /// Sightings per cell, aligned with `cells`.
    public let counts: [Int]
    /// For each sighting of the sample, the index of its cell in `cells`, or −1 if left out.
    public let assignment: [Int32]
    /// Sightings counted in a nearby sea cell because their own cell's centre is on land.
    public let movedOffLand: Int
    /// Sightings with no sea cell within ``reach`` rings: not analysed.
    public let excluded: Int

    /// How many rings of cells are searched for a sea cell around a sighting whose own cell's
    /// centre is on land.
    public static let reach = 3
    /// Axial offsets of the cells exactly 1, 2, … `reach` steps away.
    static let ringOffsets: [[(dq: Int32, dr: Int32)]] = (1...reach).map { k in
        var ring: [(dq: Int32, dr: Int32)] = []
        for dq in -k...k {
            for dr in -k...k
            where HexCell(q: 0, r: 0).steps(to: HexCell(q: Int32(dq), r: Int32(dr))) == k {
                ring.append((Int32(dq), Int32(dr)))
            }
        }
        return ring
    }

    private let qMin: Int32, rMin: Int32, width: Int, height: Int
    private let table: [Int32]

    /// Lays out the study area.
    /// - Parameters:
    ///   - points: the sightings, projected on `grid.projection`.
    ///   - margin: metres added around the sightings' box.
    ///   - isLand: whether a position is on land (GeoData's coastline in the application).
    /// - Complexity: O(n + cells).
    public init(
        points: ProjectedPoints, grid: HexGrid, margin: Double, isLand: (Coordinate) -> Bool
    ) {
        precondition(points.count > 0, "a study area needs at least one sighting")
        self.grid = grid
        let minX = points.xs.min()! - margin
        let maxX = points.xs.max()! + margin
        let minY = points.ys.min()! - margin
        let maxY = points.ys.max()! + margin
        let candidates = grid.cells(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        // Dense lookup table over the axial box of the candidates plus one ring.
        let qs = candidates.map(\.q)
        let rs = candidates.map(\.r)
        let qMin = (qs.min() ?? 0) - 2
        let qMax = (qs.max() ?? 0) + 2
        let rMin = (rs.min() ?? 0) - 2
        let rMax = (rs.max() ?? 0) + 2
        let width = Int(qMax - qMin + 1)
        let height = Int(rMax - rMin + 1)
        var table = [Int32](repeating: -1, count: width * height)
        var sea: [HexCell] = []
        sea.reserveCapacity(candidates.count)
        for c in candidates where !isLand(grid.centreCoordinate(of: c)) {
            table[Int(c.r - rMin) * width + Int(c.q - qMin)] = Int32(sea.count)
            sea.append(c)
        }
        func lookup(_ c: HexCell) -> Int32 {
            let col = Int(c.q - qMin)
            let row = Int(c.r - rMin)
            guard col >= 0, col < width, row >= 0, row < height else { return -1 }
            return table[row * width + col]
        }
        var counts = [Int](repeating: 0, count: sea.count)
        var assignment = [Int32](repeating: -1, count: points.count)
        var moved = 0
        var excluded = 0
        for i in 0..<points.count {
            let x = points.xs[i]
            let y = points.ys[i]
            let own = grid.cell(x: x, y: y)
            var k = lookup(own)
            if k < 0 {
                // The nearest sea cell by centre distance, ring by ring out to `Self.reach` steps.
                var best = Double.infinity
                for ring in 1...Self.reach where k < 0 {
                    for o in Self.ringOffsets[ring - 1] {
                        let n = HexCell(q: own.q + o.dq, r: own.r + o.dr)
                        let idx = lookup(n)
                        guard idx >= 0 else { continue }
                        let c = grid.centre(of: n)
                        let d = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y)
                        if d < best {
                            best = d
                            k = idx
                        }
                    }
                }
                if k >= 0 { moved += 1 } else { excluded += 1 }
            }
            assignment[i] = k
            if k >= 0 { counts[Int(k)] += 1 }
        }
        self.cells = sea
        self.counts = counts
        self.assignment = assignment
        self.movedOffLand = moved
        self.excluded = excluded
        self.qMin = qMin
        self.rMin = rMin
        self.width = width
        self.height = height
        self.table = table
    }

    /// The sightings counted in each cell that `include` (given the cell's index) says yes to, as
    /// indices into the sample.
    public func members(ofCells include: (Int) -> Bool) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for (i, k) in assignment.enumerated() where k >= 0 && include(Int(k)) {
            out[Int(k), default: []].append(i)
        }
        return out
    }

    /// Index of a cell in `cells`, or nil if it is not in the study area.
    public func index(of cell: HexCell) -> Int? {
        let col = Int(cell.q - qMin)
        let row = Int(cell.r - rMin)
        guard col >= 0, col < width, row >= 0, row < height else { return nil }
        let k = table[row * width + col]
        return k >= 0 ? Int(k) : nil
    }

    /// Binary spatial weights among the study-area cells, each cell its own neighbour (Gi*).
    public func weights(_ neighbourhood: Neighbourhood) -> SpatialWeights {
        let offsets: [(dq: Int32, dr: Int32)]
        switch neighbourhood {
        case .adjacent:
            offsets = [(0, 0)] + HexGrid.adjacentOffsets
        case .band(let metres):
            offsets = grid.offsets(within: metres)
        }
        var start: [Int32] = [0]
        var neighbours: [Int32] = []
        start.reserveCapacity(cells.count + 1)
        neighbours.reserveCapacity(cells.count * offsets.count)
        for c in cells {
            for o in offsets {
                if let k = index(of: HexCell(q: c.q + o.dq, r: c.r + o.dr)) {
                    neighbours.append(Int32(k))
                }
            }
            start.append(Int32(neighbours.count))
        }
        return SpatialWeights(start: start, neighbours: neighbours)
    }
}

/// Which cells count as a cell's neighbours.
public enum Neighbourhood: Sendable, Hashable {
    /// The cell and the six sharing an edge with it (the default).
    case adjacent
    /// Every cell whose centre lies within this many metres of the cell's centre (itself included).
    case band(Double)
}
