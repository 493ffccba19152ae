import Foundation

/// Convex hull of points on a plane by Andrew's monotone chain (Andrew 1979, "Another efficient
/// algorithm for convex hulls in two dimensions", Inf. Process. Lett. 9:216–219).
enum ConvexHull {
    typealias Point = (x: Double, y: Double)

    /// The hull anticlockwise, first point not repeated; collinear points dropped.
    /// - Complexity: O(n log n).
    static func of(_ points: [Point]) -> [Point] {
        let p = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard p.count >= 3 else { return p }
        func cross(_ o: Point, _ a: Point, _ b: Point) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [Point] = []
        var upper: [Point] = []
        for q in p {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0
            { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0
            { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The hull widened by `margin`: the hull of circles (16-gons) of that radius around the
    /// hull's corners. Keeps a cluster of points on a line, or on one spot, a real polygon.
    static func widened(_ points: [Point], margin: Double) -> [Point] {
        let core = of(points)
        var around: [Point] = []
        around.reserveCapacity(core.count * 16)
        for q in core {
            for k in 0..<16 {
                let a = Double(k) * .pi / 8
                around.append((q.x + margin * cos(a), q.y + margin * sin(a)))
            }
        }
        return of(around)
    }
}
