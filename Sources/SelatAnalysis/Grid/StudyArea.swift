import Foundation
import SelatGeo
import SelatModel

/// The hexagons a hotspot analysis runs over, and which cell each sighting counts in.
///
/// Two layouts (``StudyExtent``). Around the data (the default): every sea cell holding a
/// sighting and every sea cell in the neighbourhood of one, so each cell with sightings is
/// compared with its whole neighbourhood, empty water included. The full box: every hexagon
/// whose centre is at sea inside the box around the sightings widened by a margin, whether or not
/// anything was seen there. Either way cells whose centre is on land are left out, and only the
/// cells in the layout are tested for land. A sighting in such a coastal cell (a boat off a beach,
/// a landing point, a narrow creek) is counted in the nearest sea cell within three rings of cells
/// and reported as moved, never dropped silently; only a sighting with no sea cell that close (far
/// up a river, or a record kept on land with `--allow-land`) is left out, and counted as such.
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
    /// Index in `cells` of each cell of the axial box, or −1.
    private let table: [Int32]

    /// The full box: every sea cell within the sightings' box widened by `margin`.
    /// - Parameters:
    ///   - points: the sightings, projected on `grid.projection`.
    ///   - margin: metres added around the sightings' box.
    ///   - isLand: whether a position is on land (GeoData's coastline in the application).
    /// - Complexity: O(n + cells in the box).
    public init(
        points: ProjectedPoints, grid: HexGrid, margin: Double, isLand: (Coordinate) -> Bool
    ) {
        precondition(points.count > 0, "a study area needs at least one sighting")
        let minX = points.xs.min()! - margin
        let maxX = points.xs.max()! + margin
        let minY = points.ys.min()! - margin
        let maxY = points.ys.max()! + margin
        let candidates = grid.cells(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        self.init(
            points: points, own: Self.ownCells(points, grid), grid: grid, isLand: isLand,
            box: (
                candidates.map(\.q).min() ?? 0, candidates.map(\.q).max() ?? 0,
                candidates.map(\.r).min() ?? 0, candidates.map(\.r).max() ?? 0
            ),
            pad: 2, layout: .box(candidates, minX: minX, minY: minY, maxX: maxX, maxY: maxY))
    }

    /// Around the data: the sea cells with sightings and every sea cell in their `neighbourhood`.
    /// - Parameters:
    ///   - points: the sightings, projected on `grid.projection`.
    ///   - neighbourhood: the neighbourhood of the analysis, whose cells are added around each
    ///     cell with sightings.
    ///   - isLand: whether a position is on land.
    /// - Complexity: O(n + cells with sightings × cells in a neighbourhood).
    public init(
        points: ProjectedPoints, grid: HexGrid, around neighbourhood: Neighbourhood,
        isLand: (Coordinate) -> Bool
    ) {
        precondition(points.count > 0, "a study area needs at least one sighting")
        let offsets = Self.offsets(neighbourhood, grid)
        let steps =
            offsets.map { Int32(HexCell(q: 0, r: 0).steps(to: HexCell(q: $0.dq, r: $0.dr))) }
            .max() ?? 1
        let own = Self.ownCells(points, grid)
        self.init(
            points: points, own: own, grid: grid, isLand: isLand,
            box: (
                own.lazy.map(\.q).min()!, own.lazy.map(\.q).max()!, own.lazy.map(\.r).min()!,
                own.lazy.map(\.r).max()!
            ),
            pad: Int32(Self.reach) + steps + 2, layout: .around(offsets))
    }

    /// The cell each sighting lies in.
    static func ownCells(_ points: ProjectedPoints, _ grid: HexGrid) -> [HexCell] {
        (0..<points.count).map { grid.cell(x: points.xs[$0], y: points.ys[$0]) }
    }

    /// The axial offsets of a neighbourhood, the cell itself first.
    static func offsets(_ neighbourhood: Neighbourhood, _ grid: HexGrid) -> [(dq: Int32, dr: Int32)]
    {
        switch neighbourhood {
        case .adjacent: [(0, 0)] + HexGrid.adjacentOffsets
        case .band(let metres): grid.offsets(within: metres)
        }
    }

    /// Which cells a study area is laid out over.
    private enum Layout {
        /// These cells (south to north, west to east), every one with its centre in the
        /// rectangle; only they may receive sightings moved off land.
        case box([HexCell], minX: Double, minY: Double, maxX: Double, maxY: Double)
        /// The cells with sightings and the cells at these offsets from them.
        case around([(dq: Int32, dr: Int32)])
    }

    /// Lays out a study area over the axial box `box` widened by `pad` cells; `own` is the cell
    /// each sighting lies in.
    private init(
        points: ProjectedPoints, own cellOf: [HexCell], grid: HexGrid, isLand: (Coordinate) -> Bool,
        box: (qMin: Int32, qMax: Int32, rMin: Int32, rMax: Int32), pad: Int32, layout: Layout
    ) {
        self.grid = grid
        let qMin = box.qMin - pad
        let rMin = box.rMin - pad
        let width = Int(box.qMax + pad - qMin + 1)
        let height = Int(box.rMax + pad - rMin + 1)
        func slot(_ c: HexCell) -> Int? {
            let col = Int(c.q - qMin)
            let row = Int(c.r - rMin)
            guard col >= 0, col < width, row >= 0, row < height else { return nil }
            return row * width + col
        }
        func slotCell(_ s: Int) -> HexCell {
            HexCell(q: Int32(s % width) + qMin, r: Int32(s / width) + rMin)
        }
        // 0: not yet tested, 1: sea, 2: land or not a candidate.
        var state = [UInt8](repeating: 0, count: width * height)
        func candidate(_ c: HexCell) -> Bool {
            switch layout {
            case .box(_, let minX, let minY, let maxX, let maxY):
                let p = grid.centre(of: c)
                return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
            case .around: return true
            }
        }
        func isSea(_ c: HexCell) -> Int? {
            guard let s = slot(c) else { return nil }
            if state[s] == 0 {
                state[s] = candidate(c) && !isLand(grid.centreCoordinate(of: c)) ? 1 : 2
            }
            return state[s] == 1 ? s : nil
        }
        // Each sighting's cell: its own, or the nearest sea cell by centre distance, ring by
        // ring out to `reach` steps.
        var slots = [Int32](repeating: -1, count: points.count)
        var counts = [Int32](repeating: 0, count: width * height)
        var moved = 0
        var excluded = 0
        for i in 0..<points.count {
            let x = points.xs[i]
            let y = points.ys[i]
            let own = cellOf[i]
            var k = isSea(own)
            if k == nil {
                var best = Double.infinity
                for ring in 1...Self.reach where k == nil {
                    for o in Self.ringOffsets[ring - 1] {
                        let n = HexCell(q: own.q + o.dq, r: own.r + o.dr)
                        guard let s = isSea(n) else { continue }
                        let c = grid.centre(of: n)
                        let d = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y)
                        if d < best {
                            best = d
                            k = s
                        }
                    }
                }
                if k != nil { moved += 1 } else { excluded += 1 }
            }
            if let k {
                slots[i] = Int32(k)
                counts[k] += 1
            }
        }
        let laid: [HexCell]
        switch layout {
        case .box(let candidates, _, _, _, _):
            laid = candidates
        case .around(let offsets):
            var wanted = [Bool](repeating: false, count: counts.count)
            for slot in counts.indices where counts[slot] > 0 {
                let c = slotCell(slot)
                for o in offsets {
                    if let s = isSea(HexCell(q: c.q + o.dq, r: c.r + o.dr)) { wanted[s] = true }
                }
            }
            laid = wanted.indices.filter { wanted[$0] }.map(slotCell)
        }
        var table = [Int32](repeating: -1, count: width * height)
        var sea: [HexCell] = []
        var seaCounts: [Int] = []
        sea.reserveCapacity(laid.count)
        seaCounts.reserveCapacity(laid.count)
        for c in laid {
            guard let s = isSea(c) else { continue }
            table[s] = Int32(sea.count)
            sea.append(c)
            seaCounts.append(Int(counts[s]))
        }
        self.cells = sea
        self.counts = seaCounts
        self.assignment = slots.map { $0 < 0 ? -1 : table[Int($0)] }
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
        let offsets = Self.offsets(neighbourhood, grid)
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
