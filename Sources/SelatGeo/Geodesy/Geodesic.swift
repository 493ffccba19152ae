import Foundation

/// The solution of a geodesic inverse problem: the shortest path between two points on the ellipsoid.
public struct GeodesicLine: Sendable, Hashable {
    /// Length of the geodesic.
    public let distance: Distance
    /// Azimuth at the first point, degrees clockwise from true north in (−180°, 180°].
    public let initialAzimuth: Double
    /// Azimuth at the second point (the direction of travel on arrival), in (−180°, 180°].
    public let finalAzimuth: Double
    /// Arc length on the auxiliary sphere, in degrees.
    public let arcLength: Double
}

/// The solution of a geodesic direct problem: where a given course and distance lead.
public struct GeodesicDestination: Sendable, Hashable {
    /// The point reached.
    public let coordinate: Coordinate
    /// Azimuth of the geodesic at that point, in (−180°, 180°].
    public let finalAzimuth: Double
}

/// Geodesics on an ellipsoid of revolution, after Karney (2013), "Algorithms for geodesics",
/// J. Geodesy 87:43–55, doi:10.1007/s00190-012-0578-z.
///
/// The inverse problem (distance and azimuths between two points) is solved for every pair of
/// points, including nearly antipodal ones, by Newton's method on the auxiliary sphere started
/// from the astroid solution (§4–5), falling back to bisection. The direct problem (destination
/// from a start, azimuth and distance) uses the series of §3. Both are accurate to about 15 nm
/// (nanometres) for the Earth, far inside the 1 mm the tests require.
///
/// This is the exact path; ``Coordinate/haversineDistance(to:)`` is a faster spherical
/// approximation (error up to about 0.6 %).
public struct Geodesic: Sendable {
    /// The ellipsoid the geodesics lie on.
    public let ellipsoid: Ellipsoid

    private let a: Double
    private let f: Double
    private let f1: Double
    private let e2: Double
    private let ep2: Double
    private let n: Double
    private let b: Double
    private let series: GeodesicSeries.A3C3
    private let etol2: Double

    private static let tol0 = Double.ulpOfOne
    private static let tol1 = 200 * tol0
    private static let tol2 = tol0.squareRoot()
    private static let tolb = tol0
    private static let xthresh = 1000 * tol2
    private static let maxit1 = 20
    private static let maxit2 = maxit1 + Double.significandBitCount + 1 + 10

    /// The geodesic solver for WGS84.
    public static let wgs84 = Geodesic(.wgs84)

    /// Creates a solver for an ellipsoid.
    public init(_ ellipsoid: Ellipsoid) {
        self.ellipsoid = ellipsoid
        a = ellipsoid.equatorialRadius
        f = ellipsoid.flattening
        f1 = 1 - f
        e2 = ellipsoid.eccentricitySquared
        ep2 = ellipsoid.secondEccentricitySquared
        n = ellipsoid.thirdFlattening
        b = ellipsoid.polarRadius
        series = GeodesicSeries.A3C3(n: n)
        etol2 = 0.1 * Self.tol2 / (max(0.001, abs(f)) * min(1, 1 - f / 2) / 2).squareRoot()
    }

    // MARK: Direct problem

    /// Solves the direct problem: the point reached by following the geodesic that leaves `start`
    /// on `azimuth` (degrees true) for `distance`.
    ///
    /// - Parameters:
    ///   - start: The starting point.
    ///   - azimuth: The initial azimuth, degrees clockwise from true north (any value; reduced mod 360).
    ///   - distance: The distance along the geodesic (negative goes backwards).
    /// - Returns: The destination and the azimuth on arrival.
    /// - Complexity: O(1).
    public func destination(from start: Coordinate, azimuth: Double, distance: Distance)
        -> GeodesicDestination
    {
        let lat1 = AngleMath.round(start.latitude)
        let azi1 = AngleMath.normalize(azimuth)
        let (salp1, calp1) = AngleMath.sincosd(AngleMath.round(azi1))

        var (sbet1, cbet1) = AngleMath.sincosd(lat1)
        sbet1 *= f1
        AngleMath.norm(&sbet1, &cbet1)
        cbet1 = max(AngleMath.tiny, cbet1)

        let salp0 = salp1 * cbet1
        let calp0 = hypot(calp1, salp1 * sbet1)
        var ssig1 = sbet1
        let somg1 = salp0 * sbet1
        var csig1 = (sbet1 != 0 || calp1 != 0) ? cbet1 * calp1 : 1
        let comg1 = csig1
        AngleMath.norm(&ssig1, &csig1)

        let k2 = calp0 * calp0 * ep2
        let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
        let a1m1 = GeodesicSeries.a1m1(eps)
        let c1a = GeodesicSeries.c1(eps)
        let c1pa = GeodesicSeries.c1p(eps)
        let b11 = AngleMath.sinSeries(ssig1, csig1, c1a)
        let s = sin(b11)
        let c = cos(b11)
        let stau1 = ssig1 * c + csig1 * s
        let ctau1 = csig1 * c - ssig1 * s

        let tau12 = distance.metres / (b * (1 + a1m1))
        let st = sin(tau12)
        let ct = cos(tau12)
        let b12 = -AngleMath.sinSeries(stau1 * ct + ctau1 * st, ctau1 * ct - stau1 * st, c1pa)
        let sig12 = tau12 - (b12 - b11)
        let ssig12 = sin(sig12)
        let csig12 = cos(sig12)

        let ssig2 = ssig1 * csig12 + csig1 * ssig12
        var csig2 = csig1 * csig12 - ssig1 * ssig12
        let sbet2 = calp0 * ssig2
        var cbet2 = hypot(salp0, calp0 * csig2)
        if cbet2 == 0 {
            cbet2 = AngleMath.tiny
            csig2 = AngleMath.tiny
        }
        let somg2 = salp0 * ssig2
        let comg2 = csig2
        let salp2 = salp0
        let calp2 = calp0 * csig2

        let omg12 = atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1)
        let c3a = series.c3(eps)
        let a3c = -f * salp0 * series.a3(eps)
        let b31 = AngleMath.sinSeries(ssig1, csig1, c3a)
        let lam12 = omg12 + a3c * (sig12 + (AngleMath.sinSeries(ssig2, csig2, c3a) - b31))
        let lon12 = lam12 / AngleMath.degree
        let lon2 = AngleMath.normalize(
            AngleMath.normalize(start.longitude) + AngleMath.normalize(lon12))
        let lat2 = AngleMath.atan2d(sbet2, f1 * cbet2)
        let azi2 = AngleMath.atan2d(salp2, calp2)
        // lat2 and lon2 are in range by construction; clamp guards the last ulp.
        let coordinate = Coordinate(uncheckedLatitude: min(90, max(-90, lat2)), longitude: lon2)
        return GeodesicDestination(coordinate: coordinate, finalAzimuth: azi2)
    }

    // MARK: Inverse problem

    /// Solves the inverse problem: the shortest geodesic between two points.
    ///
    /// - Parameters:
    ///   - from: The first point.
    ///   - to: The second point.
    /// - Returns: The distance and the azimuths at both ends. For coincident points the distance
    ///   is zero and the azimuths are those of a northward line; for exactly antipodal points
    ///   (where every azimuth is shortest) one of the shortest geodesics is returned.
    /// - Complexity: O(1); at most about 80 iterations, typically 2–4.
    public func inverse(from: Coordinate, to: Coordinate) -> GeodesicLine {
        var (lon12, lon12s) = AngleMath.difference(from.longitude, to.longitude)
        var lonsign: Double = lon12.sign == .minus ? -1 : 1
        lon12 = lonsign * AngleMath.round(lon12)
        lon12s = AngleMath.round((180 - lon12) - lonsign * lon12s)
        let lam12 = lon12 * AngleMath.degree
        var slam12: Double
        var clam12: Double
        if lon12 > 90 {
            (slam12, clam12) = AngleMath.sincosd(lon12s)
            clam12 = -clam12
        } else {
            (slam12, clam12) = AngleMath.sincosd(lon12)
        }

        var lat1 = AngleMath.round(from.latitude)
        var lat2 = AngleMath.round(to.latitude)
        // Make lat1 the one farther from the equator, and non-positive.
        let swapp: Double = abs(lat1) < abs(lat2) ? -1 : 1
        if swapp < 0 {
            lonsign *= -1
            swap(&lat1, &lat2)
        }
        let latsign: Double = lat1 < 0 ? 1 : -1
        lat1 *= latsign
        lat2 *= latsign

        var (sbet1, cbet1) = AngleMath.sincosd(lat1)
        sbet1 *= f1
        AngleMath.norm(&sbet1, &cbet1)
        cbet1 = max(AngleMath.tiny, cbet1)
        var (sbet2, cbet2) = AngleMath.sincosd(lat2)
        sbet2 *= f1
        AngleMath.norm(&sbet2, &cbet2)
        cbet2 = max(AngleMath.tiny, cbet2)

        // If the points are at equal and opposite latitudes, make the values exactly so.
        if cbet1 < -sbet1 {
            if cbet2 == cbet1 { sbet2 = copysign(sbet1, sbet2) }
        } else if abs(sbet2) == -sbet1 {
            cbet2 = cbet1
        }

        let dn1 = (1 + ep2 * sbet1 * sbet1).squareRoot()
        let dn2 = (1 + ep2 * sbet2 * sbet2).squareRoot()

        var a12 = 0.0
        var sig12 = 0.0
        var s12x = 0.0
        var m12x = 0.0
        var salp1 = 0.0
        var calp1 = 0.0
        var salp2 = 0.0
        var calp2 = 0.0

        var meridian = lat1 == -90 || slam12 == 0
        if meridian {
            // Along a meridian: α₁ = λ₁₂, α₂ = 0.
            calp1 = clam12
            salp1 = slam12
            calp2 = 1
            salp2 = 0
            let ssig1 = sbet1
            let csig1 = calp1 * cbet1
            let ssig2 = sbet2
            let csig2 = calp2 * cbet2
            sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
            let lengths = self.lengths(
                eps: n, sig12: sig12, ssig1: ssig1, csig1: csig1, dn1: dn1,
                ssig2: ssig2, csig2: csig2, dn2: dn2)
            s12x = lengths.s12b
            m12x = lengths.m12b
            // The meridian is the shortest path only while m12 ≥ 0 (no conjugate point).
            if sig12 < 1 || m12x >= 0 {
                if sig12 < 3 * AngleMath.tiny || (sig12 < Self.tol0 && (s12x < 0 || m12x < 0)) {
                    sig12 = 0
                    m12x = 0
                    s12x = 0
                }
                m12x *= b
                s12x *= b
                a12 = sig12 / AngleMath.degree
            } else {
                meridian = false
            }
        }

        if !meridian && sbet1 == 0 && (f <= 0 || lon12s >= f * 180) {
            // Along the equator.
            calp1 = 0
            calp2 = 0
            salp1 = 1
            salp2 = 1
            s12x = a * lam12
            sig12 = lam12 / f1
            m12x = b * sin(sig12)
            a12 = lon12 / f1
        } else if !meridian {
            let start = inverseStart(
                sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                lam12: lam12, slam12: slam12, clam12: clam12)
            sig12 = start.sig12
            salp1 = start.salp1
            calp1 = start.calp1
            if sig12 >= 0 {
                // Short lines: the closed-form solution is accurate enough.
                salp2 = start.salp2
                calp2 = start.calp2
                s12x = sig12 * b * start.dnm
                m12x = start.dnm * start.dnm * b * sin(sig12 / start.dnm)
                a12 = sig12 / AngleMath.degree
            } else {
                let solved = solveByNewton(
                    sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                    slam12: slam12, clam12: clam12, salp1: salp1, calp1: calp1)
                salp1 = solved.salp1
                calp1 = solved.calp1
                salp2 = solved.step.salp2
                calp2 = solved.step.calp2
                sig12 = solved.step.sig12
                let lengths = self.lengths(
                    eps: solved.step.eps, sig12: sig12, ssig1: solved.step.ssig1,
                    csig1: solved.step.csig1,
                    dn1: dn1, ssig2: solved.step.ssig2, csig2: solved.step.csig2, dn2: dn2)
                s12x = lengths.s12b * b
                m12x = lengths.m12b * b
                a12 = sig12 / AngleMath.degree
            }
        }
        _ = m12x

        // Undo the symmetry reductions.
        if swapp < 0 {
            swap(&salp1, &salp2)
            swap(&calp1, &calp2)
        }
        salp1 *= swapp * lonsign
        calp1 *= swapp * latsign
        salp2 *= swapp * lonsign
        calp2 *= swapp * latsign
        return GeodesicLine(
            distance: Distance(metres: 0 + s12x),
            initialAzimuth: AngleMath.atan2d(salp1, calp1),
            finalAzimuth: AngleMath.atan2d(salp2, calp2),
            arcLength: a12)
    }

    // MARK: Pieces of the inverse solution

    private struct Start {
        var sig12: Double
        var salp1: Double
        var calp1: Double
        var salp2: Double
        var calp2: Double
        var dnm: Double
    }

    /// A first guess at α₁ (Karney §4–5): the short-line closed form, the spherical
    /// approximation, or, for nearly antipodal points, the astroid solution.
    private func inverseStart(
        sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
        lam12: Double, slam12: Double, clam12: Double
    ) -> Start {
        var result = Start(sig12: -1, salp1: 0, calp1: 0, salp2: .nan, calp2: .nan, dnm: .nan)
        let sbet12 = sbet2 * cbet1 - cbet2 * sbet1
        let cbet12 = cbet2 * cbet1 + sbet2 * sbet1
        let sbet12a = sbet2 * cbet1 + cbet2 * sbet1
        let shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5
        var somg12: Double
        var comg12: Double
        if shortline {
            var sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2)
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2)
            result.dnm = (1 + ep2 * sbetm2).squareRoot()
            let omg12 = lam12 / (f1 * result.dnm)
            somg12 = sin(omg12)
            comg12 = cos(omg12)
        } else {
            somg12 = slam12
            comg12 = clam12
        }

        var salp1 = cbet2 * somg12
        var calp1 =
            comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
        let ssig12 = hypot(salp1, calp1)
        let csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12

        if shortline && ssig12 < etol2 {
            var salp2 = cbet1 * somg12
            var calp2 =
                sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12)
            AngleMath.norm(&salp2, &calp2)
            result.salp2 = salp2
            result.calp2 = calp2
            result.sig12 = atan2(ssig12, csig12)
        } else if abs(n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * abs(n) * Double.pi * cbet1 * cbet1 {
            // The spherical estimate above is good enough to start Newton's method.
        } else {
            // Nearly antipodal: scale to the astroid problem (§5).
            let lam12x = atan2(-slam12, -clam12)
            let k2 = sbet1 * sbet1 * ep2
            let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
            let lamscale = f * cbet1 * series.a3(eps) * Double.pi
            let betscale = lamscale * cbet1
            let x = lam12x / lamscale
            let y = sbet12a / betscale
            if y > -Self.tol1 && x > -1 - Self.xthresh {
                salp1 = min(1, -x)
                calp1 = -(1 - salp1 * salp1).squareRoot()
            } else {
                let k = Self.astroid(x, y)
                let omg12a = lamscale * (-x * k / (1 + k))
                somg12 = sin(omg12a)
                comg12 = -cos(omg12a)
                salp1 = cbet2 * somg12
                calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
            }
        }
        if !(salp1 <= 0) {
            AngleMath.norm(&salp1, &calp1)
        } else {
            salp1 = 1
            calp1 = 0
        }
        result.salp1 = salp1
        result.calp1 = calp1
        return result
    }

    /// The positive root `k` of the astroid equation (Karney eq. 55):
    /// `k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0`.
    static func astroid(_ x: Double, _ y: Double) -> Double {
        let p = x * x
        let q = y * y
        let r = (p + q - 1) / 6
        guard !(q == 0 && r <= 0) else { return 0 }
        let s = p * q / 4
        let r2 = r * r
        let r3 = r * r2
        let disc = s * (s + 2 * r3)
        var u = r
        if disc >= 0 {
            var t3 = s + r3
            t3 += t3 < 0 ? -disc.squareRoot() : disc.squareRoot()
            let t = cbrt(t3)
            u += t + (t != 0 ? r2 / t : 0)
        } else {
            let ang = atan2((-disc).squareRoot(), -(s + r3))
            u += 2 * r * cos(ang / 3)
        }
        let v = (u * u + q).squareRoot()
        let uv = u < 0 ? q / (v - u) : u + v
        let w = (uv - q) / (2 * v)
        return uv / ((uv + w * w).squareRoot() + w)
    }

    private struct LambdaStep {
        var lam12: Double
        var salp2: Double
        var calp2: Double
        var sig12: Double
        var ssig1: Double
        var csig1: Double
        var ssig2: Double
        var csig2: Double
        var eps: Double
        var dlam12: Double
    }

    /// The longitude residual λ₁₂(α₁) − λ₁₂ and its derivative (Karney §4, eqs. 38–46).
    private func lambda12(
        sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
        salp1: Double, calp1 calp1In: Double, slam120: Double, clam120: Double, derivative: Bool
    ) -> LambdaStep {
        var calp1 = calp1In
        if sbet1 == 0 && calp1 == 0 { calp1 = -AngleMath.tiny }
        let salp0 = salp1 * cbet1
        let calp0 = hypot(calp1, salp1 * sbet1)

        var ssig1 = sbet1
        let somg1 = salp0 * sbet1
        var csig1 = calp1 * cbet1
        let comg1 = csig1
        AngleMath.norm(&ssig1, &csig1)

        let salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1
        let calp2: Double
        if cbet2 != cbet1 || abs(sbet2) != -sbet1 {
            let t =
                cbet1 < -sbet1
                ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)
            calp2 = ((calp1 * cbet1) * (calp1 * cbet1) + t).squareRoot() / cbet2
        } else {
            calp2 = abs(calp1)
        }
        var ssig2 = sbet2
        let somg2 = salp0 * sbet2
        var csig2 = calp2 * cbet2
        let comg2 = csig2
        AngleMath.norm(&ssig2, &csig2)

        let sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
        let somg12 = max(0, comg1 * somg2 - somg1 * comg2)
        let comg12 = comg1 * comg2 + somg1 * somg2
        let eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120)
        let k2 = calp0 * calp0 * ep2
        let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
        let c3a = series.c3(eps)
        let b312 = AngleMath.sinSeries(ssig2, csig2, c3a) - AngleMath.sinSeries(ssig1, csig1, c3a)
        let domg12 = -f * series.a3(eps) * salp0 * (sig12 + b312)
        let lam12 = eta + domg12

        var dlam12 = 0.0
        if derivative {
            if calp2 == 0 {
                dlam12 = -2 * f1 * dn1 / sbet1
            } else {
                let lengths = self.lengths(
                    eps: eps, sig12: sig12, ssig1: ssig1, csig1: csig1, dn1: dn1,
                    ssig2: ssig2, csig2: csig2, dn2: dn2)
                dlam12 = lengths.m12b * f1 / (calp2 * cbet2)
            }
        }
        return LambdaStep(
            lam12: lam12, salp2: salp2, calp2: calp2, sig12: sig12, ssig1: ssig1, csig1: csig1,
            ssig2: ssig2, csig2: csig2, eps: eps, dlam12: dlam12)
    }

    /// Newton's method on α₁ with a bracketing bisection fallback (Karney §4).
    private func solveByNewton(
        sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
        slam12: Double, clam12: Double, salp1 salp1In: Double, calp1 calp1In: Double
    ) -> (salp1: Double, calp1: Double, step: LambdaStep) {
        var salp1 = salp1In
        var calp1 = calp1In
        var salp1a = AngleMath.tiny
        var calp1a = 1.0
        var salp1b = AngleMath.tiny
        var calp1b = -1.0
        var tripn = false
        var tripb = false
        var numit = 0
        while true {
            let step = lambda12(
                sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                salp1: salp1, calp1: calp1, slam120: slam12, clam120: clam12,
                derivative: numit < Self.maxit1)
            let v = step.lam12
            if tripb || !(abs(v) >= (tripn ? 8 : 1) * Self.tol0) || numit == Self.maxit2 {
                return (salp1, calp1, step)
            }
            // Keep the bracket [α₁a, α₁b] around the root.
            if v > 0 && (numit > Self.maxit1 || calp1 / salp1 > calp1b / salp1b) {
                salp1b = salp1
                calp1b = calp1
            } else if v < 0 && (numit > Self.maxit1 || calp1 / salp1 < calp1a / salp1a) {
                salp1a = salp1
                calp1a = calp1
            }
            numit += 1
            if numit - 1 < Self.maxit1 && step.dlam12 > 0 {
                let dalp1 = -v / step.dlam12
                if abs(dalp1) < Double.pi {
                    let sdalp1 = sin(dalp1)
                    let cdalp1 = cos(dalp1)
                    let nsalp1 = salp1 * cdalp1 + calp1 * sdalp1
                    if nsalp1 > 0 {
                        calp1 = calp1 * cdalp1 - salp1 * sdalp1
                        salp1 = nsalp1
                        AngleMath.norm(&salp1, &calp1)
                        tripn = abs(v) <= 16 * Self.tol0
                        continue
                    }
                }
            }
            salp1 = (salp1a + salp1b) / 2
            calp1 = (calp1a + calp1b) / 2
            AngleMath.norm(&salp1, &calp1)
            tripn = false
            tripb =
                abs(salp1a - salp1) + (calp1a - calp1) < Self.tolb
                || abs(salp1 - salp1b) + (calp1 - calp1b) < Self.tolb
        }
    }

    /// Distance `s₁₂/b` and reduced length `m₁₂/b` on the auxiliary sphere (Karney eqs. 38–41).
    private func lengths(
        eps: Double, sig12: Double, ssig1: Double, csig1: Double, dn1: Double,
        ssig2: Double, csig2: Double, dn2: Double
    ) -> (s12b: Double, m12b: Double) {
        let a1m1 = GeodesicSeries.a1m1(eps)
        let a2m1 = GeodesicSeries.a2m1(eps)
        let c1a = GeodesicSeries.c1(eps)
        let c2a = GeodesicSeries.c2(eps)
        let m0x = a1m1 - a2m1
        let a1 = 1 + a1m1
        let a2 = 1 + a2m1
        let b1 = AngleMath.sinSeries(ssig2, csig2, c1a) - AngleMath.sinSeries(ssig1, csig1, c1a)
        let s12b = a1 * (sig12 + b1)
        let b2 = AngleMath.sinSeries(ssig2, csig2, c2a) - AngleMath.sinSeries(ssig1, csig1, c2a)
        let j12 = m0x * sig12 + (a1 * b1 - a2 * b2)
        let m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12
        return (s12b, m12b)
    }
}

extension Geodesic {
    /// The polyline with points added along each geodesic segment at most `spacing` apart, so a
    /// map that joins points with straight lines draws the line actually sailed.
    public func densified(_ points: [Coordinate], spacing: Distance) -> [Coordinate] {
        guard var previous = points.first else { return [] }
        var out = [previous]
        for next in points.dropFirst() {
            let line = inverse(from: previous, to: next)
            let pieces = max(1, Int((line.distance.metres / spacing.metres).rounded(.up)))
            for k in 1..<pieces {
                out.append(
                    destination(
                        from: previous, azimuth: line.initialAzimuth,
                        distance: .metres(line.distance.metres * Double(k) / Double(pieces))
                    ).coordinate)
            }
            out.append(next)
            previous = next
        }
        return out
    }
}
