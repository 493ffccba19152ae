import Foundation
import SelatGeo

/// Sea distances between every pair of a set of points, as the patrol planner needs them.
public struct DistanceMatrix: Sendable, Codable {
    public let points: [Coordinate]
    /// `nauticalMiles[i][j]`: length of the shortest route by water from point i to point j,
    /// nil where no water joins them. Symmetric, zero on the diagonal.
    public let nauticalMiles: [[Double?]]
    /// `flagged[i][j]`: the route between i and j failed the caller's path check (e.g. it enters
    /// the neighbours' waters). Empty when no check was asked for.
    public let flagged: [[Bool]]

    public init(points: [Coordinate], nauticalMiles: [[Double?]], flagged: [[Bool]] = []) {
        self.points = points
        self.nauticalMiles = nauticalMiles
        self.flagged = flagged
    }
}

extension SeaRouter {
    /// All-pairs sea distances: one Dijkstra over the graph from each point, then each pair's
    /// path is pulled tight as ``route(through:labels:)`` does and measured geodesically.
    /// Sources run in parallel on the available cores. `flag`, if given, is asked about each pair's
    /// route (its turning points, in order) while the route is at hand; its answers are in `flagged`.
    /// - Throws: ``RoutingError`` if a point is not at sea.
    public func matrix(
        _ points: [Coordinate], labels: [String]? = nil,
        flag: (@Sendable ([Coordinate]) -> Bool)? = nil
    ) throws(RoutingError) -> DistanceMatrix {
        let names = labels ?? points.indices.map { "point \($0 + 1)" }
        for (c, label) in zip(points, names) { try checkAtSea(c, label: label) }
        let n = points.count
        let ends = points.map { endpoint($0) }
        let links = ends.map { connections($0) }
        let rows = ChunkResults<([Double?], [Bool])>(count: n, empty: ([], []))
        DispatchQueue.concurrentPerform(iterations: n) { i in
            var row = [Double?](repeating: nil, count: n)
            var flags = [Bool](repeating: false, count: flag == nil ? 0 : n)
            row[i] = 0
            let tree = links[i].isEmpty ? nil : shortestTree(from: links[i])
            for j in (i + 1)..<n {
                if let path = pathBetween(ends[i], ends[j], tree: tree, goalLinks: links[j]) {
                    let tight = tighten(path)
                    row[j] = geodesicLength(tight) / Distance.metresPerNauticalMile
                    if let flag { flags[j] = flag(tight.map { plane.coordinate($0.p) }) }
                }
            }
            rows.set(i, (row, flags))
        }
        var table = rows.values.map(\.0)
        var flagged = flag == nil ? [] : rows.values.map(\.1)
        for i in 0..<n {
            for j in 0..<i {
                table[i][j] = table[j][i]
                if flag != nil { flagged[i][j] = flagged[j][i] }
            }
        }
        return DistanceMatrix(points: points, nauticalMiles: table, flagged: flagged)
    }

    /// Dijkstra from an end's connections over the whole graph: distances and parents.
    private func shortestTree(from starts: [(node: Int, cost: Double)]) -> (
        g: [Double], parent: [Int32]
    ) {
        let count = graph.nodeCount
        var g = [Double](repeating: .infinity, count: count)
        var parent = [Int32](repeating: -1, count: count)
        var heap = MinHeap()
        for s in starts where s.cost < g[s.node] {
            g[s.node] = s.cost
            heap.push(s.cost, Int32(s.node))
        }
        while let (d, item) = heap.pop() {
            let u = Int(item)
            if d > g[u] { continue }
            for k in Int(graph.offsets[u])..<Int(graph.offsets[u + 1]) {
                let v = Int(graph.targets[k])
                let candidate = d + Double(graph.costs[k])
                if candidate < g[v] {
                    g[v] = candidate
                    parent[v] = Int32(u)
                    heap.push(candidate, Int32(v))
                }
            }
        }
        return (g, parent)
    }

    private func pathBetween(
        _ a: Vertex, _ b: Vertex, tree: (g: [Double], parent: [Int32])?,
        goalLinks: [(node: Int, cost: Double)]
    ) -> [Vertex]? {
        if legClear(a, b) { return [a, b] }
        guard let tree else { return nil }
        var best = Double.infinity
        var last = -1
        for link in goalLinks where tree.g[link.node] + link.cost < best {
            best = tree.g[link.node] + link.cost
            last = link.node
        }
        guard last >= 0 else { return nil }
        return [a]
            + Self.unwind(tree.parent, from: last).map {
                Vertex(p: graph.nodes[$0], clearance: graph.clearance)
            } + [b]
    }

    /// Geodesic length of a planar path, metres.
    func geodesicLength(_ path: [Vertex]) -> Double {
        var total = 0.0
        for k in 1..<path.count {
            total +=
                Geodesic.wgs84.inverse(
                    from: plane.coordinate(path[k - 1].p), to: plane.coordinate(path[k].p)
                ).distance.metres
        }
        return total
    }
}
