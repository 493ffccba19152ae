import Foundation
import SelatGeo
import SelatGeoData
import SelatWords

/// Builds a ``SeaGraph`` from a coastline: the slow part of sea routing, done once per coastline
/// and clearance and then cached.
///
/// 1. Every ring is projected to the gnomonic plane and simplified by Douglas–Peucker with
///    tolerance ``tolerance``; only the convex corners of the simplified rings (seen from the
///    water) are kept, since a shortest path bends only round convex corners.
/// 2. Off each corner, on the water side, one to four turning points are placed on a circle
///    round it (radius `(clearance + tolerance) / cos(Δ/2)` for normals Δ apart), so legs
///    between them clear the corner; each is kept only if the unsimplified coastline is at
///    least `clearance` away and it is not on land.
/// 3. Open water gets a square lattice of turning points every ``latticeSpacing``, so routes
///    across wide water (Batam to Natuna) are connected.
/// 4. Every pair of turning points within ``neighbourRadius`` whose leg is tangent at both
///    corners and keeps `clearance` from every edge of the unsimplified coastline becomes a leg.
///
/// Queries then shorten what the graph finds (see ``SeaRouter``), so the turning points need
/// not be exact, only present.
public struct SeaGraphBuilder: Sendable {
    /// The least clearance Selat routes with: closer than this, a leg is treated as touching land.
    public static let minimumClearance = 10.0

    public let coastline: Coastline
    /// Metres every leg keeps from the shore.
    public let clearance: Double
    /// Douglas–Peucker tolerance for choosing corners, metres.
    public let tolerance: Double
    public let latticeSpacing: Double
    public let neighbourRadius: Double
    /// Only turning points inside this box (longitude/latitude) are made; nil for the whole region.
    public let window: Rect?

    public init(coastline: Coastline, clearance: Double, window: Rect? = nil) {
        self.coastline = coastline
        self.clearance = max(Self.minimumClearance, clearance)
        tolerance = max(10, min(25, clearance / 8))
        latticeSpacing = 10_000
        neighbourRadius = 40_000
        self.window = window
    }

    /// The gnomonic plane routes over this coastline use: centred on the middle of its region,
    /// rounded to 0.5° so it does not move with small edits.
    public static func plane(for coastline: Coastline) -> Gnomonic {
        let r = coastline.region
        let lat = ((r.minY + r.maxY) / 2 * 2).rounded() / 2
        let lon = ((r.minX + r.maxX) / 2 * 2).rounded() / 2
        return Gnomonic(
            centre: (try? Coordinate(latitude: lat, longitude: lon))
                ?? (try! Coordinate(latitude: 0, longitude: 0)))
    }

    /// The coastline's edges in the plane of ``plane(for:)``.
    static func planarRings(_ coastline: Coastline, plane: Gnomonic) -> [[SIMD2<Double>]] {
        var rings: [[SIMD2<Double>]] = []
        for i in coastline.polygons.indices {
            for ring in coastline.rings(ofPolygon: i) {
                rings.append(
                    ring.map { plane.project(latitude: $0.y, longitude: $0.x) ?? SIMD2(0, 0) })
            }
        }
        return rings
    }

    /// The obstacle grid over the coastline, answering clearances up to `reach`.
    static func obstacles(_ rings: [[SIMD2<Double>]], reach: Double) -> ObstacleGrid {
        var edges: [SIMD4<Double>] = []
        var lo = SIMD2(Double.infinity, .infinity)
        var hi = -lo
        for ring in rings where ring.count > 1 {
            for i in 0..<(ring.count - 1) {
                edges.append(SIMD4(ring[i].x, ring[i].y, ring[i + 1].x, ring[i + 1].y))
                lo = pointwiseMin(lo, ring[i])
                hi = pointwiseMax(hi, ring[i])
            }
        }
        if edges.isEmpty {
            lo = .zero
            hi = .zero
        }
        return ObstacleGrid(edges: edges, reach: reach, cellSize: 500, bounds: (lo, hi))
    }

    /// Builds the graph, reporting each phase to `progress`.
    public func build(progress: (Phrase) -> Void = { _ in }) -> SeaGraph {
        let plane = Self.plane(for: coastline)
        let rings = Self.planarRings(coastline, plane: plane)
        let grid = Self.obstacles(rings, reach: clearance + 1)
        let inWindow: (SIMD2<Double>) -> Bool = { p in
            guard let w = window else { return true }
            let (lat, lon) = plane.unproject(p)
            return lon >= w.minX && lon <= w.maxX && lat >= w.minY && lat <= w.maxY
        }
        let isFree: (SIMD2<Double>) -> Bool = { p in
            guard grid.distance(p) >= clearance + 0.25 else { return false }
            let (lat, lon) = plane.unproject(p)
            return !coastline.isLand(try! Coordinate(latitude: lat, longitude: lon))
        }

        var nodes: [SIMD2<Double>] = []
        var normals: [SIMD2<Float>] = []
        var spreads: [Float] = []
        let maxSpacing = Double.pi / 4
        var pinches = 0
        for ring in rings where ring.count >= 4 {
            var simple = Self.simplifyClosed(Array(ring.dropLast()), tolerance: tolerance)
            // an islet smaller than the tolerance: keep its shape
            if simple.count < 3 { simple = Array(ring.dropLast()) }
            let n = simple.count
            guard n >= 3 else { continue }
            for k in 0..<n {
                let p = simple[(k + n - 1) % n]
                let v = simple[k]
                let q = simple[(k + 1) % n]
                let a = v - p
                let b = q - v
                let la = (a * a).sum().squareRoot()
                let lb = (b * b).sum().squareRoot()
                guard la > 0, lb > 0 else { continue }
                let ua = a / la
                let ub = b / lb
                let turn = atan2(ua.x * ub.y - ua.y * ub.x, (ua * ub).sum())
                // land on the left: a left turn is a convex corner
                guard turn > 1e-6, inWindow(v) else { continue }
                let count = max(1, Int((turn / maxSpacing).rounded(.up)))
                let spacing = turn / Double(count)
                // the outward normal of the incoming edge: ua turned right
                let start = atan2(-ua.x, ua.y)
                for j in 0..<count {
                    let angle = start + spacing * (Double(j) + 0.5)
                    let normal = SIMD2(cos(angle), sin(angle))
                    // Off the corner by the clearance plus the simplification's error; in water
                    // too narrow for that, as close as the clearance allows; past a nearby
                    // islet, farther out.
                    let radius = (clearance + tolerance) / cos(spacing / 2)
                    let spread = Float(sin(min(Double.pi / 2, spacing / 2 + 10 * .pi / 180)))
                    if let r = [radius, (clearance + 1) / cos(spacing / 2)].first(where: {
                        isFree(v + $0 * normal)
                    }) {
                        nodes.append(v + r * normal)
                        normals.append(SIMD2(Float(normal.x), Float(normal.y)))
                        spreads.append(spread)
                        continue
                    }
                    // Water too narrow off this corner. In a gap barely wider than twice the
                    // clearance, a turning point in its middle, halfway to the shore opposite;
                    // past a nearby islet, one farther out.
                    if let opposite = grid.nearestPoint(
                        v + (clearance + 1) * normal, awayFrom: v, exclusion: clearance)
                    {
                        let middle = (v + opposite) / 2
                        if isFree(middle) {
                            nodes.append(middle)
                            normals.append(.zero)
                            spreads.append(1)
                            pinches += 1
                        }
                    }
                    if let r = [radius * 1.6, radius * 2.6].first(where: { isFree(v + $0 * normal) }
                    ) {
                        nodes.append(v + r * normal)
                        normals.append(SIMD2(Float(normal.x), Float(normal.y)))
                        spreads.append(spread)
                    }
                }
            }
        }
        let corners = nodes.count
        progress(
            Phrase(
                "progress.graph.corners",
                [
                    "corners": "\(corners)", "tolerance": "\(Int(tolerance))",
                    "pinches": "\(pinches)",
                    "km": "\(Int(neighbourRadius / 1000))",
                ]))

        // Open-water lattice over the region (or the window).
        let r = window ?? coastline.region
        let corner = [
            SIMD2(r.minX, r.minY), SIMD2(r.maxX, r.minY), SIMD2(r.minX, r.maxY),
            SIMD2(r.maxX, r.maxY),
        ]
        .compactMap { plane.project(latitude: $0.y, longitude: $0.x) }
        let lo = corner.reduce(SIMD2(Double.infinity, .infinity)) { pointwiseMin($0, $1) }
        let hi = corner.reduce(-SIMD2(Double.infinity, .infinity)) { pointwiseMax($0, $1) }
        var y = lo.y
        while y <= hi.y {
            var x = lo.x
            while x <= hi.x {
                let p = SIMD2(x, y)
                if inWindow(p), isFree(p) {
                    nodes.append(p)
                    normals.append(.zero)
                    spreads.append(1)
                }
                x += latticeSpacing
            }
            y += latticeSpacing
        }
        progress(Phrase("progress.graph.open_water", ["count": "\(nodes.count - corners)"]))

        let legs = Self.legs(
            nodes: nodes, normals: normals, spreads: spreads, radius: neighbourRadius,
            grid: grid, clearance: clearance, plane: plane, progress: progress)
        return SeaGraph(
            fingerprint: coastline.fingerprint, clearance: clearance, centre: plane.centre,
            nodes: nodes,
            normals: normals, spreads: spreads, offsets: legs.offsets, targets: legs.targets,
            costs: legs.costs)
    }

    /// Every useful leg between turning points within `radius`, as CSR arrays (both directions).
    static func legs(
        nodes: [SIMD2<Double>], normals: [SIMD2<Float>], spreads: [Float], radius: Double,
        grid: ObstacleGrid, clearance: Double, plane: Gnomonic,
        progress: (Phrase) -> Void
    ) -> (offsets: [Int32], targets: [Int32], costs: [Float]) {
        let n = nodes.count
        guard n > 0 else { return ([0], [], []) }
        let buckets = NodeBuckets(nodes, cell: radius)
        let chunkCount = max(1, min(n, Parallel.workers * 16))
        let found = ChunkResults<[(Int32, Int32, Float)]>(count: chunkCount, empty: [])
        let radius2 = radius * radius
        let size = (n + chunkCount - 1) / chunkCount
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var pairs: [(Int32, Int32, Float)] = []
            for u in min(n, chunk * size)..<min(n, (chunk + 1) * size) {
                let pu = nodes[u]
                buckets.forEach(near: pu, radius: radius) { v in
                    guard v > u else { return }
                    let d = nodes[v] - pu
                    let len2 = (d * d).sum()
                    guard len2 <= radius2, len2 > 0 else { return }
                    let unit = d / len2.squareRoot()
                    guard
                        SeaGraph.isTangent(normal: normals[u], spread: spreads[u], direction: unit),
                        SeaGraph.isTangent(normal: normals[v], spread: spreads[v], direction: unit),
                        grid.isClear(pu, nodes[v], clearance: clearance)
                    else { return }
                    pairs.append((Int32(u), Int32(v), Float(plane.sphereDistance(pu, nodes[v]))))
                }
            }
            found.set(chunk, pairs)
        }
        let all = found.values.flatMap { $0 }
        var degree = [Int32](repeating: 0, count: n + 1)
        for (u, v, _) in all {
            degree[Int(u) + 1] += 1
            degree[Int(v) + 1] += 1
        }
        for k in 1...n { degree[k] += degree[k - 1] }
        var cursor = degree
        var targets = [Int32](repeating: 0, count: Int(degree[n]))
        var costs = [Float](repeating: 0, count: Int(degree[n]))
        for (u, v, w) in all {
            targets[Int(cursor[Int(u)])] = v
            costs[Int(cursor[Int(u)])] = w
            cursor[Int(u)] += 1
            targets[Int(cursor[Int(v)])] = u
            costs[Int(cursor[Int(v)])] = w
            cursor[Int(v)] += 1
        }
        progress(Phrase("progress.graph.legs", ["count": "\(all.count)"]))
        return (degree, targets, costs)
    }

    /// Douglas–Peucker on a closed ring (first point not repeated at the end): every original
    /// vertex is within `tolerance` of the result, which keeps original vertices only.
    static func simplifyClosed(_ ring: [SIMD2<Double>], tolerance: Double) -> [SIMD2<Double>] {
        let n = ring.count
        guard n > 3 else { return ring }
        // Split at vertex 0 and the vertex farthest from it.
        var far = 0
        var farD = -1.0
        for i in 1..<n {
            let d = ((ring[i] - ring[0]) * (ring[i] - ring[0])).sum()
            if d > farD {
                farD = d
                far = i
            }
        }
        var keep = [Bool](repeating: false, count: n)
        keep[0] = true
        keep[far] = true
        var stack = [(0, far), (far, n)]
        let tol2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b - a > 1 else { continue }
            let pa = ring[a]
            let pb = ring[b % n]
            var worst = -1.0
            var at = -1
            for i in (a + 1)..<b {
                let d = ObstacleGrid.pointSegment2(ring[i], pa, pb)
                if d > worst {
                    worst = d
                    at = i
                }
            }
            if worst > tol2 {
                keep[at] = true
                stack.append((a, at))
                stack.append((at, b))
            }
        }
        return ring.indices.filter { keep[$0] }.map { ring[$0] }
    }
}
