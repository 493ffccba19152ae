import Foundation

/// Whether a leg keeps `clearance` from every shore, except within `ramp` of an end that is
/// itself closer to shore (a jetty): there the leg need only keep that end's own clearance.
struct SeaRouterLegRule: Sendable {
    let grid: ObstacleGrid
    let clearance: Double
    let ramp: Double

    /// The clearance legs must keep near an end at `p`: the rule's, or just under the end's own
    /// distance from shore if that is less (a jetty).
    func endClearance(_ p: SIMD2<Double>) -> Double { min(clearance, 0.95 * grid.distance(p)) }

    func isClear(_ a: SIMD2<Double>, _ ca: Double, _ b: SIMD2<Double>, _ cb: Double) -> Bool {
        let d = b - a
        let length = (d * d).sum().squareRoot()
        guard length > 0 else { return true }
        var s0 = 0.0
        var s1 = length
        if ca < clearance {
            let e = min(length, ramp)
            guard grid.isClear(a, a + d * (e / length), clearance: ca) else { return false }
            s0 = e
        }
        if cb < clearance {
            let e = min(length, ramp)
            guard grid.isClear(b - d * (e / length), b, clearance: cb) else { return false }
            s1 = length - e
        }
        return s1 <= s0
            || grid.isClear(a + d * (s0 / length), a + d * (s1 / length), clearance: clearance)
    }
}
