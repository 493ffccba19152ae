import Foundation
import SelatGeo
import SelatGeoData

/// A near-exact lower bound on the shortest route by water keeping a clearance, by brute force:
/// a check on ``SeaRouter`` for tests and benchmarks, far too slow for use.
///
/// The water at least `clearance` from every coastline edge is bounded by straight pieces and
/// by circular arcs of radius `clearance` round the coastline's convex corners; a shortest path
/// is straight between points where it touches those arcs tangentially. Here every convex
/// corner of the *unsimplified* coastline gets points on its arc every ``arcStep`` (and at the
/// arc's two ends), and every pair of them tangent at both ends whose leg keeps the clearance
/// is a leg — no simplification, no neighbour radius, no lattice, no tightening. Legs and
/// points may come ``slack`` (5 m) inside the clearance (see ``route(from:to:bound:)``), so the
/// answer is, if anything, a little short: Selat's excess over it overstates Selat's true excess.
///
/// Only points inside the ellipse |A−p| + |p−B| ≤ bound are considered: when a route of length
/// `bound` is known, no shorter path leaves that ellipse, so this restriction loses nothing.
public struct SeaRouteReference: Sendable {
    public let clearance: Double
    public let arcStep: Double
    /// Metres a reference leg may come inside the clearance (see ``route(from:to:bound:)``).
    public static let slack = 5.0
    let plane: Gnomonic
    let grid: ObstacleGrid
    let coastline: Coastline
    private let nodes: [SIMD2<Double>]
    private let normals: [SIMD2<Double>]
    private let spread: Double

    /// - Parameter arcStep: degrees between points on each corner's arc.
    public init(coastline: Coastline, clearance: Double, arcStep: Double = 10) {
        self.coastline = coastline
        self.clearance = clearance
        self.arcStep = arcStep
        plane = SeaGraphBuilder.plane(for: coastline)
        let rings = SeaGraphBuilder.planarRings(coastline, plane: plane)
        grid = SeaGraphBuilder.obstacles(rings, reach: clearance + 1)
        let step = arcStep * .pi / 180
        var nodes: [SIMD2<Double>] = []
        var normals: [SIMD2<Double>] = []
        for ring in rings where ring.count >= 4 {
            let points = Array(ring.dropLast())
            let n = points.count
            for k in 0..<n {
                let a = points[k] - points[(k + n - 1) % n]
                let b = points[(k + 1) % n] - points[k]
                let la = (a * a).sum().squareRoot()
                let lb = (b * b).sum().squareRoot()
                guard la > 0, lb > 0 else { continue }
                let ua = a / la
                let ub = b / lb
                let turn = atan2(ua.x * ub.y - ua.y * ub.x, (ua * ub).sum())
                guard turn > 0 else { continue }
                let start = atan2(-ua.x, ua.y)
                let count = max(1, Int((turn / step).rounded(.up)))
                let spacing = turn / Double(count)
                let r = clearance / cos(spacing / 2) + 0.01
                for j in 0...count {  // both ends of the arc too: the tangent points of the edges
                    let angle = start + spacing * Double(j)
                    let normal = SIMD2(cos(angle), sin(angle))
                    let p = points[k] + (j == 0 || j == count ? clearance + 0.01 : r) * normal
                    if grid.distance(p) >= clearance - Self.slack,
                        !coastline.isLand(plane.coordinate(p))
                    {
                        nodes.append(p)
                        normals.append(normal)
                    }
                }
            }
        }
        self.nodes = nodes
        self.normals = normals
        spread = sin(step / 2 + 3 * .pi / 180)
    }

    /// Turning points in the whole coastline.
    public var nodeCount: Int { nodes.count }

    /// The exact route length and its turning points, or nil if none is shorter than `bound`.
    public func route(from a: Coordinate, to b: Coordinate, bound: Distance) -> (
        length: Distance, points: [Coordinate], considered: Int
    )? {
        let pa = plane.project(a)
        let pb = plane.project(b)
        // Planar lengths exceed geodesic ones by the gnomonic scale (under 0.5 % within 700 km
        // of the centre) and by the sphere of radius R₁ against the ellipsoid (up to 0.6 % north
        // to south near the equator, where the meridian's radius of curvature is 6,335 km).
        let limit = bound.metres * 1.015 + 1
        var chosen: [Int] = []
        for (i, p) in nodes.enumerated() {
            let da = p - pa
            let db = p - pb
            if (da * da).sum().squareRoot() + (db * db).sum().squareRoot() <= limit {
                chosen.append(i)
            }
        }
        let n = chosen.count
        let pts = chosen.map { nodes[$0] } + [pa, pb]
        let nrm = chosen.map { normals[$0] }
        // Legs near an end may come as close to shore as the end is (as the router allows).
        // Legs may also come `slack` closer than the clearance: where a densely digitised shore
        // curves gently, the exact path is tangent to the envelope of many corners' circles and
        // a leg through a point on one arc grazes the next circle by a few metres. The slack
        // lets such legs through, so the reference is, if anything, a little short: a lower
        // bound on the exact length.
        let probe = SeaRouterLegRule(
            grid: grid, clearance: clearance - Self.slack, ramp: SeaRouter.endRamp)
        let clear: [Double] =
            Array(repeating: clearance - Self.slack, count: n) + [
                probe.endClearance(pa), probe.endClearance(pb),
            ]
        var adjacency = [[(Int, Double)]](repeating: [], count: n + 2)
        let spread = self.spread
        let chunks = max(1, min(n + 2, 64))
        let sink = ChunkResults<[(Int, Int)]>(count: chunks, empty: [])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(Int, Int)] = []
            var i = chunk
            while i < n + 2 {
                for j in (i + 1)..<(n + 2) {
                    let d = pts[j] - pts[i]
                    let len = (d * d).sum().squareRoot()
                    guard len > 0 else { continue }
                    let u = d / len
                    if i < n, abs((u * nrm[i]).sum()) > spread { continue }
                    if j < n, abs((u * nrm[j]).sum()) > spread { continue }
                    if probe.isClear(pts[i], clear[i], pts[j], clear[j]) { local.append((i, j)) }
                }
                i += chunks
            }
            sink.set(chunk, local)
        }
        for (i, j) in sink.values.joined() {
            let w = plane.sphereDistance(pts[i], pts[j])
            adjacency[i].append((j, w))
            adjacency[j].append((i, w))
        }
        // Dijkstra from A (index n) to B (n + 1).
        var g = [Double](repeating: .infinity, count: n + 2)
        var parent = [Int](repeating: -1, count: n + 2)
        var heap = MinHeap()
        g[n] = 0
        heap.push(0, Int32(n))
        while let (d, item) = heap.pop() {
            let u = Int(item)
            if d > g[u] { continue }
            if u == n + 1 { break }
            for (v, w) in adjacency[u] where d + w < g[v] {
                g[v] = d + w
                parent[v] = u
                heap.push(d + w, Int32(v))
            }
        }
        guard g[n + 1] < .infinity else { return nil }
        var seq = [n + 1]
        while seq.last! != n { seq.append(parent[seq.last!]) }
        let points = seq.reversed().map { plane.coordinate(pts[$0]) }
        var length = 0.0
        for k in 1..<points.count {
            length += Geodesic.wgs84.inverse(from: points[k - 1], to: points[k]).distance.metres
        }
        return (.metres(length), points, n)
    }
}
