import Foundation

/// Angle helpers that keep exact values exact (multiples of 90° stay exact), following the
/// careful reductions in Karney (2013), §2 and appendix. Internal to the geodesic solver.
enum AngleMath {
    static let degree = Double.pi / 180
    /// Smallest normalised number's square root: stands in for zero where a division needs it.
    static let tiny = Double.leastNormalMagnitude.squareRoot()

    /// Reduces an angle in degrees to (−180°, 180°], keeping the sign of ±180.
    static func normalize(_ x: Double) -> Double {
        let y = Foundation.remainder(x, 360)
        return abs(y) == 180 ? copysign(180, x) : y
    }

    /// Rounds tiny angles to zero in a way that makes `x` and `−x` round alike (Karney's AngRound).
    static func round(_ x: Double) -> Double {
        let z = 1.0 / 16
        var y = abs(x)
        y = y < z ? z - (z - y) : y
        return copysign(y, x)
    }

    /// Error-free sum: `s + t == u + v` exactly (Knuth's TwoSum).
    static func twoSum(_ u: Double, _ v: Double) -> (s: Double, t: Double) {
        let s = u + v
        var up = s - v
        var vpp = s - up
        up -= u
        vpp -= v
        let t = s != 0 ? 0 - (up + vpp) : s
        return (s, t)
    }

    /// The difference `y − x` reduced to [−180°, 180°], with its rounding error.
    static func difference(_ x: Double, _ y: Double) -> (d: Double, e: Double) {
        var (d, t) = twoSum(Foundation.remainder(-x, 360), Foundation.remainder(y, 360))
        (d, t) = twoSum(Foundation.remainder(d, 360), t)
        if d == 0 || abs(d) == 180 {
            d = copysign(d, t == 0 ? y - x : -t)
        }
        return (d, t)
    }

    /// Sine and cosine of an angle in degrees, exact at multiples of 90°.
    static func sincosd(_ x: Double) -> (sin: Double, cos: Double) {
        var r = fmod(x, 360)
        let q = Int((r / 90).rounded())
        r -= 90 * Double(q)
        r *= degree
        let s = Foundation.sin(r)
        let c = Foundation.cos(r)
        var sinx: Double
        var cosx: Double
        switch q & 3 {
        case 0: (sinx, cosx) = (s, c)
        case 1: (sinx, cosx) = (c, -s)
        case 2: (sinx, cosx) = (-s, -c)
        default: (sinx, cosx) = (-c, s)
        }
        cosx += 0
        if sinx == 0 { sinx = copysign(sinx, x) }
        return (sinx, cosx)
    }

    /// `atan2` in degrees, exact for the axes and diagonals.
    static func atan2d(_ y: Double, _ x: Double) -> Double {
        var y = y
        var x = x
        var q = 0
        if abs(y) > abs(x) {
            swap(&x, &y)
            q = 2
        }
        if x.sign == .minus {
            x = -x
            q += 1
        }
        var ang = Foundation.atan2(y, x) / degree
        switch q {
        case 1: ang = copysign(180, y) - ang
        case 2: ang = 90 - ang
        case 3: ang = -90 + ang
        default: break
        }
        return ang
    }

    /// Normalises `(s, c)` to unit length in place.
    static func norm(_ s: inout Double, _ c: inout Double) {
        let r = hypot(s, c)
        s /= r
        c /= r
    }

    /// Clenshaw sum `Σ_{l=1..n} c[l] sin(2lσ)` given `sin σ` and `cos σ`; `c[0]` is unused.
    static func sinSeries(_ sinx: Double, _ cosx: Double, _ c: [Double]) -> Double {
        let ar = 2 * (cosx - sinx) * (cosx + sinx)  // 2 cos 2σ
        var b1 = 0.0
        var b2 = 0.0
        var k = c.count - 1
        while k >= 1 {
            let b0 = c[k] + ar * b1 - b2
            b2 = b1
            b1 = b0
            k -= 1
        }
        return 2 * sinx * cosx * b1
    }
}
