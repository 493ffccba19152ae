import Foundation
import SelatGeo
import SelatGeoData

/// Shortest routes by water over a ``SeaGraph``.
///
/// A query joins both ends to the graph's turning points they can see, runs A* (great-circle
/// lengths, great-circle heuristic), then pulls the path tight: legs are shortcut where the
/// water allows and each turning point is slid towards the straight line until the clearance
/// binds. Every final leg is then followed along its geodesic against the unsimplified
/// coastline (``Coastline/firstLandCrossing(from:to:step:)``): a route that touched land is
/// never returned.
///
/// Ends closer to the shore than the clearance (a jetty, a ferry terminal) are allowed to be:
/// within ``SeaRouter/endRamp`` of such an end a leg may come as close to shore as the end itself is.
public final class SeaRouter: Sendable {
    public let coastline: Coastline
    public let graph: SeaGraph
    /// The clearance asked for. Legs closer to shore than this are reported (``SeaRoute/Leg/closestShore``);
    /// the graph's own clearance may be smaller (the narrow-water graph).
    public let clearance: Double
    public let plane: Gnomonic
    let grid: ObstacleGrid
    private let buckets: NodeBuckets
    /// The connected component of each graph node (water joined at the graph's clearance).
    private let components: [Int32]
    /// Metres from an end within which legs may be as close to shore as that end is.
    public static let endRamp = 500.0
    private let legRule: SeaRouterLegRule

    /// - Throws: ``RoutingError/graphMismatch(_:)`` if the graph was built for another coastline.
    public init(coastline: Coastline, graph: SeaGraph, clearance: Double? = nil)
        throws(RoutingError)
    {
        let plane = SeaGraphBuilder.plane(for: coastline)
        guard graph.fingerprint == coastline.fingerprint else {
            throw .graphMismatch(
                "built for coastline \(graph.fingerprint), this is \(coastline.fingerprint)")
        }
        guard graph.centre == plane.centre else {
            throw .graphMismatch("different projection centre")
        }
        self.coastline = coastline
        self.graph = graph
        self.clearance = max(graph.clearance, clearance ?? graph.clearance)
        self.plane = plane
        // The grid must also answer ``nearestWater``'s test (twice the minimum clearance): with a
        // reach of only the clearance (10 m) no point could ever pass it, and every port on land
        // was reported as having no navigable water near it.
        grid = SeaGraphBuilder.obstacles(
            SeaGraphBuilder.planarRings(coastline, plane: plane),
            reach: max(self.clearance, 2 * SeaGraphBuilder.minimumClearance) + 1)
        buckets = NodeBuckets(graph.nodes, cell: 5_000)
        components = Self.components(of: graph)
        legRule = SeaRouterLegRule(grid: grid, clearance: graph.clearance, ramp: Self.endRamp)
    }

    // MARK: Ends

    /// How far a position is from the shore, in metres (capped at the clearance asked for).
    public func shoreDistance(_ c: Coordinate) -> Double { grid.distance(plane.project(c)) }

    /// The nearest position at sea at least ``SeaGraphBuilder/minimumClearance`` × 2 from the
    /// shore, searching up to `limit` away; nil if there is none.
    public func nearestWater(to c: Coordinate, within limit: Distance = .kilometres(5)) -> (
        position: Coordinate, distance: Distance
    )? {
        let p = plane.project(c)
        let wanted = 2 * SeaGraphBuilder.minimumClearance
        func free(_ q: SIMD2<Double>) -> Bool {
            grid.distance(q) >= wanted && !coastline.isLand(plane.coordinate(q))
        }
        if free(p) { return (c, .metres(0)) }
        // First try straight across the nearest shore, then rings of candidates outwards.
        if let shore = coastline.nearestShore(to: c) {
            let s = plane.project(shore.point)
            let d = s - p
            let length = (d * d).sum().squareRoot()
            if length > 0 {
                let q = s + d / length * (wanted + 5)
                if free(q) {
                    let position = plane.coordinate(q)
                    if c.distance(to: position) <= limit {
                        return (position, c.distance(to: position))
                    }
                }
            }
        }
        var radius = 10.0
        while radius <= limit.metres {
            let steps = max(16, Int(2 * Double.pi * radius / 10).clamped(to: 16...720))
            var best: SIMD2<Double>?
            for k in 0..<steps {
                let angle = 2 * Double.pi * Double(k) / Double(steps)
                let q = p + radius * SIMD2(cos(angle), sin(angle))
                if free(q) {
                    best = q
                    break
                }
            }
            if let best {
                let position = plane.coordinate(best)
                return (position, c.distance(to: position))
            }
            radius += radius < 200 ? 10 : radius < 1000 ? 25 : 50
        }
        return nil
    }

    /// The least distance, in metres, from the leg between two positions to the shore, capped
    /// at the clearance (a leg that keeps the clearance reads as the clearance).
    public func shoreDistance(from a: Coordinate, to b: Coordinate) -> Double {
        grid.minimumDistance(plane.project(a), plane.project(b), limit: clearance)
    }

    // MARK: Routes

    /// The shortest route by water through `stops` in order (two or more positions at sea),
    /// keeping the clearance wherever the water allows.
    ///
    /// A pair with no route keeping the clearance is routed on the router `narrowWater` gives (a
    /// graph with the minimum clearance; asked for only then, since it may have to be built), and
    /// only the stretch that needs it stays narrow: before and after it the route is made again
    /// on this graph, from the last point of the narrow route this graph's water reaches to the
    /// first point from which it reaches the end.
    /// - Parameters:
    ///   - labels: how to name each stop in messages.
    ///   - narrowWater: the narrow-water router, or nil (then such a pair has no route).
    /// - Returns: nil when some consecutive pair has no water connection.
    /// - Throws: ``RoutingError/onLand(label:position:island:nearestWater:distance:)`` or
    ///   ``RoutingError/outsideCoverage(label:position:)`` for a stop not at sea, and
    ///   ``RoutingError/unconfirmedLeg(from:to:)`` if a leg could not be confirmed.
    public func route(
        through stops: [Coordinate], labels: [String],
        narrowWater: () -> SeaRouter? = { nil }
    ) throws(RoutingError) -> SeaRoute? {
        precondition(stops.count >= 2 && labels.count == stops.count)
        for (c, label) in zip(stops, labels) { try checkAtSea(c, label: label) }
        var legs: [SeaRoute.Leg] = []
        var narrowed = false
        var narrow: SeaRouter??
        for k in 0..<(stops.count - 1) {
            if let path = planarPath(from: stops[k], to: stops[k + 1]) {
                legs += try confirmedLegs(path, endsAtStop: k + 1)
                continue
            }
            if narrow == nil { narrow = .some(narrowWater()) }
            guard let router = narrow ?? nil,
                let tight = router.planarPath(from: stops[k], to: stops[k + 1])
            else { return nil }
            narrowed = true
            legs += try confirmedLegs(splice(tight), endsAtStop: k + 1)
        }
        return SeaRoute(legs: legs, clearance: .metres(clearance), throughNarrowWater: narrowed)
    }

    /// A narrow-water path with the parts this graph can route replaced by this graph's routes.
    private func splice(_ narrowPath: [Vertex]) -> [Vertex] {
        // Points along the narrow path every 200 m: `after` is the last turning point at or
        // before the sample, `at` whether the sample is that turning point.
        var samples: [(p: SIMD2<Double>, after: Int, at: Bool)] = [(narrowPath[0].p, 0, true)]
        for i in 0..<(narrowPath.count - 1) {
            let a = narrowPath[i].p
            let d = narrowPath[i + 1].p - a
            let n = max(1, Int(((d * d).sum().squareRoot() / 200).rounded(.up)))
            for j in 1...n {
                samples.append(
                    j == n
                        ? (narrowPath[i + 1].p, i + 1, true)
                        : (a + d * (Double(j) / Double(n)), i, false))
            }
        }
        let end = samples.count - 1
        func vertex(_ k: Int) -> Vertex {
            k == 0
                ? narrowPath[0]
                : k == end ? narrowPath[narrowPath.count - 1] : endpoint(samples[k].p)
        }
        // The graph components each sample's water joins (each looked up once: it is a search within 40 km).
        var reached: [Int: Set<Int32>] = [:]
        func reach(_ k: Int) -> Set<Int32> {
            if let known = reached[k] { return known }
            let found = Set(connections(vertex(k)).map { components[$0.node] })
            reached[k] = found
            return found
        }
        // The last sample the start's water reaches; the first after it from which the end's does.
        let fromStart = reach(0)
        let toEnd = reach(end)
        var first = 0
        var last = end
        if !fromStart.isEmpty,
            let k = stride(from: end - 1, to: 0, by: -1).first(where: {
                !reach($0).isDisjoint(with: fromStart)
            })
        {
            first = k
        }
        if !toEnd.isEmpty,
            let k = (max(1, first)..<end).first(where: { !reach($0).isDisjoint(with: toEnd) })
        {
            last = k
        }
        var result = [narrowPath[0]]
        if first > 0, let head = planarPath(vertex(0), vertex(first)) {
            result = head
        } else {
            first = 0
        }
        let tail = last < end ? planarPath(vertex(last), vertex(end)) : nil
        if tail == nil { last = end }
        // The narrow stretch: the narrow path's turning points strictly between the two samples.
        let from = samples[first].after + 1
        let to = samples[last].at ? samples[last].after - 1 : samples[last].after
        if from <= to { result += narrowPath[from...to] }
        if let tail { result += tail } else { result.append(narrowPath[narrowPath.count - 1]) }
        return result
    }

    /// Throws unless `c` is at sea inside the coastline data.
    public func checkAtSea(_ c: Coordinate, label: String) throws(RoutingError) {
        guard coastline.covers(c) else { throw .outsideCoverage(label: label, position: c) }
        if coastline.isLand(c) {
            let water = nearestWater(to: c)
            throw .onLand(
                label: label, position: c, island: coastline.land(at: c)?.label ?? "land",
                nearestWater: water?.position, distance: water?.distance)
        }
    }

    /// The tightened planar path between two positions at sea, or nil if no water joins them.
    func planarPath(from a: Coordinate, to b: Coordinate) -> [Vertex]? {
        planarPath(endpoint(a), endpoint(b))
    }

    func planarPath(_ start: Vertex, _ goal: Vertex) -> [Vertex]? {
        if legClear(start, goal) { return [start, goal] }
        guard let nodes = search(from: start, to: goal) else { return nil }
        let path =
            [start] + nodes.map { Vertex(p: graph.nodes[$0], clearance: graph.clearance) } + [goal]
        return tighten(path)
    }

    /// A point of a path and the clearance its legs must keep near it.
    struct Vertex {
        var p: SIMD2<Double>
        var clearance: Double
    }

    func endpoint(_ c: Coordinate) -> Vertex { endpoint(plane.project(c)) }

    /// A route end at `p`: legs near it may come as close to shore as it is.
    func endpoint(_ p: SIMD2<Double>) -> Vertex { Vertex(p: p, clearance: legRule.endClearance(p)) }

    /// Whether the leg keeps the graph's clearance, or near an end that is closer to shore, the
    /// end's own clearance (see ``SeaRouterLegRule``).
    func legClear(_ a: Vertex, _ b: Vertex) -> Bool {
        legRule.isClear(a.p, a.clearance, b.p, b.clearance)
    }

    /// Labels the graph's connected components (breadth-first).
    static func components(of graph: SeaGraph) -> [Int32] {
        var label = [Int32](repeating: -1, count: graph.nodeCount)
        var next: Int32 = 0
        var queue: [Int] = []
        for s in 0..<graph.nodeCount where label[s] < 0 {
            label[s] = next
            queue.removeAll(keepingCapacity: true)
            queue.append(s)
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for k in Int(graph.offsets[u])..<Int(graph.offsets[u + 1]) {
                    let v = Int(graph.targets[k])
                    if label[v] < 0 {
                        label[v] = next
                        queue.append(v)
                    }
                }
            }
            next += 1
        }
        return label
    }

    /// Graph nodes an end can see, with the leg length; widening the search until some are found.
    func connections(_ v: Vertex) -> [(node: Int, cost: Double)] {
        var radius = 40_000.0
        while true {
            var found: [(node: Int, cost: Double)] = []
            buckets.forEach(near: v.p, radius: radius) { i in
                let d = graph.nodes[i] - v.p
                let length = (d * d).sum().squareRoot()
                guard length <= radius else { return }
                guard length == 0 || graph.isTangent(i, direction: d / length),
                    legClear(v, Vertex(p: graph.nodes[i], clearance: graph.clearance))
                else { return }
                found.append((i, plane.sphereDistance(v.p, graph.nodes[i])))
            }
            if !found.isEmpty || radius >= buckets.span { return found }
            radius *= 3
        }
    }

    /// A* from `a` to `b` through the graph; the node sequence, or nil.
    private func search(from a: Vertex, to b: Vertex) -> [Int]? {
        let starts = connections(a)
        let ends = connections(b)
        guard !starts.isEmpty, !ends.isEmpty else { return nil }
        let n = graph.nodeCount
        var g = [Double](repeating: .infinity, count: n)
        var parent = [Int32](repeating: -1, count: n)
        var closed = [Bool](repeating: false, count: n)
        var toGoal = [Double](repeating: .infinity, count: n)
        for e in ends { toGoal[e.node] = min(toGoal[e.node], e.cost) }
        var heap = MinHeap()
        let h = { (i: Int) -> Double in self.plane.sphereDistance(self.graph.nodes[i], b.p) }
        for s in starts where s.cost < g[s.node] {
            g[s.node] = s.cost
            heap.push(s.cost + h(s.node), Int32(s.node))
        }
        var best = Double.infinity
        var last = -1
        while let (f, item) = heap.pop() {
            let u = Int(item)
            if closed[u] { continue }
            if f >= best { break }
            closed[u] = true
            if toGoal[u] < .infinity, g[u] + toGoal[u] < best {
                best = g[u] + toGoal[u]
                last = u
            }
            for k in Int(graph.offsets[u])..<Int(graph.offsets[u + 1]) {
                let v = Int(graph.targets[k])
                let candidate = g[u] + Double(graph.costs[k])
                if candidate < g[v] {
                    g[v] = candidate
                    parent[v] = Int32(u)
                    heap.push(candidate + h(v), Int32(v))
                }
            }
        }
        return last >= 0 ? Self.unwind(parent, from: last) : nil
    }

    /// The node sequence ending at `last`, following `parent` links back to a start (-1).
    static func unwind(_ parent: [Int32], from last: Int) -> [Int] {
        var nodes: [Int] = []
        var u = last
        while u >= 0 {
            nodes.append(u)
            u = Int(parent[u])
        }
        return nodes.reversed()
    }

    // MARK: Tightening

    /// Pulls a path tight: shortcuts, then slides turning points towards their neighbours'
    /// straight line while both legs stay clear, repeated until nothing moves.
    func tighten(_ path: [Vertex]) -> [Vertex] {
        var path = shortcut(path)
        for _ in 0..<12 {
            guard path.count > 2 else { break }
            var moved = 0.0
            for i in 1..<(path.count - 1) {
                let a = path[i - 1]
                let b = path[i + 1]
                let v = path[i]
                let d = b.p - a.p
                let len2 = (d * d).sum()
                let t = len2 == 0 ? 0 : max(0, min(1, ((v.p - a.p) * d).sum() / len2))
                let target = a.p + t * d
                let step = target - v.p
                guard (step * step).sum() > 0.01 else { continue }
                var lo = 0.0
                var hi = 1.0
                for _ in 0..<10 {
                    let mid = (lo + hi) / 2
                    let q = Vertex(p: v.p + mid * step, clearance: v.clearance)
                    if legClear(a, q) && legClear(q, b) { lo = mid } else { hi = mid }
                }
                if lo > 0 {
                    path[i].p = v.p + lo * step
                    moved += lo * (step * step).sum().squareRoot()
                }
            }
            path = shortcut(path)
            if moved < 0.5 { break }
        }
        return path
    }

    /// Greedy shortcuts: from each kept point, jump to the farthest later point it can see.
    private func shortcut(_ path: [Vertex]) -> [Vertex] {
        guard path.count > 2 else { return path }
        var result = [path[0]]
        var i = 0
        while i < path.count - 1 {
            var j = path.count - 1
            while j > i + 1 && !legClear(path[i], path[j]) { j -= 1 }
            result.append(path[j])
            i = j
        }
        return result
    }

    // MARK: Confirmation

    /// Geodesic legs along the path, each confirmed at sea against the unsimplified coastline
    /// (a leg that fails is split at its planar midpoint, which is clear, and checked again).
    private func confirmedLegs(_ path: [Vertex], endsAtStop stop: Int) throws(RoutingError)
        -> [SeaRoute.Leg]
    {
        var points = path.map(\.p)
        var legs: [SeaRoute.Leg] = []
        var i = 0
        var splits = 0
        while i < points.count - 1 {
            let a = plane.coordinate(points[i])
            let b = plane.coordinate(points[i + 1])
            if coastline.firstLandCrossing(from: a, to: b, step: .metres(250)) != nil {
                splits += 1
                guard splits <= 64 else { throw .unconfirmedLeg(from: a, to: b) }
                points.insert((points[i] + points[i + 1]) / 2, at: i + 1)
                continue
            }
            let line = Geodesic.wgs84.inverse(from: a, to: b)
            let closest = grid.minimumDistance(points[i], points[i + 1], limit: clearance)
            legs.append(
                SeaRoute.Leg(
                    from: a, to: b, distance: line.distance,
                    bearing: Bearing(degrees: line.initialAzimuth),
                    closestShore: closest < clearance - 0.5 ? .metres(closest) : nil,
                    endsAtStop: i + 1 == points.count - 1 ? stop : nil))
            i += 1
        }
        return legs
    }
}

/// Graph nodes bucketed on a square grid, for "which nodes are near this point".
struct NodeBuckets: Sendable {
    private let origin: SIMD2<Double>
    private let cell: Double
    private let columns: Int
    private let rows: Int
    private let start: [Int32]
    private let items: [Int32]
    /// The diagonal of the nodes' bounding box: a radius this large covers them all.
    let span: Double

    init(_ nodes: [SIMD2<Double>], cell: Double) {
        self.cell = cell
        let lo = nodes.reduce(SIMD2(Double.infinity, .infinity)) { pointwiseMin($0, $1) }
        let hi = nodes.reduce(-SIMD2(Double.infinity, .infinity)) { pointwiseMax($0, $1) }
        origin = nodes.isEmpty ? .zero : lo
        let extent = nodes.isEmpty ? SIMD2<Double>.zero : hi - lo
        span = max(1, (extent * extent).sum().squareRoot())
        let columns = Int(extent.x / cell) + 1
        self.columns = columns
        rows = Int(extent.y / cell) + 1
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        func key(_ p: SIMD2<Double>) -> Int {
            Int((p.y - lo.y) / cell) * columns + Int((p.x - lo.x) / cell)
        }
        for p in nodes { counts[key(p) + 1] += 1 }
        for k in 1..<counts.count { counts[k] += counts[k - 1] }
        var fill = counts
        var items = [Int32](repeating: 0, count: nodes.count)
        for (i, p) in nodes.enumerated() {
            let k = key(p)
            items[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        start = counts
        self.items = items
    }

    /// Calls `body` with every node in the cells within `radius` of `p` (a superset of the nodes within `radius`).
    func forEach(near p: SIMD2<Double>, radius: Double, _ body: (Int) -> Void) {
        let c0 = max(0, Int(((p.x - radius - origin.x) / cell).rounded(.down)))
        let c1 = min(columns - 1, Int(((p.x + radius - origin.x) / cell).rounded(.down)))
        let r0 = max(0, Int(((p.y - radius - origin.y) / cell).rounded(.down)))
        let r1 = min(rows - 1, Int(((p.y + radius - origin.y) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        for r in r0...r1 {
            for c in c0...c1 {
                let k = r * columns + c
                for j in Int(start[k])..<Int(start[k + 1]) { body(Int(items[j])) }
            }
        }
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
