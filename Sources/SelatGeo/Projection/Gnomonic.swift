import Foundation

/// The gnomonic projection of the sphere onto the plane tangent at a centre point: every great
/// circle maps to a straight line.
///
/// Sea routing uses it so that "the straight leg between two turning points" and "the straight
/// segment in the plane" are the same thing, and visibility between points is a planar segment
/// test. Positions are treated as points on a sphere of radius ``radius`` (R₁ of WGS84); on the
/// ellipsoid a great circle of geodetic positions departs from the geodesic by metres over
/// hundreds of kilometres, which the router checks leg by leg against the coastline anyway.
/// The scale grows away from the centre as 1/cos²ρ radially (ρ = angular distance): 1.006 at
/// 500 km. Snyder (1987), *Map Projections — A Working Manual*, USGS PP 1395, §22.
public struct Gnomonic: Sendable, Hashable {
    /// Mean radius R₁ of WGS84, metres.
    public static let radius = 6_371_008.771_415
    public let centre: Coordinate
    private let sinLat0: Double
    private let cosLat0: Double

    public init(centre: Coordinate) {
        self.centre = centre
        sinLat0 = sin(centre.latitude * .pi / 180)
        cosLat0 = cos(centre.latitude * .pi / 180)
    }

    /// Planar position (x east, y north, metres) of a position, or nil on or beyond the horizon
    /// (90° or more from the centre).
    public func project(latitude: Double, longitude: Double) -> SIMD2<Double>? {
        let phi = latitude * .pi / 180
        let dl = (longitude - centre.longitude) * .pi / 180
        let sinPhi = sin(phi)
        let cosPhi = cos(phi)
        let cosDl = cos(dl)
        let cosC = sinLat0 * sinPhi + cosLat0 * cosPhi * cosDl
        guard cosC > 1e-9 else { return nil }
        let x = Self.radius * cosPhi * sin(dl) / cosC
        let y = Self.radius * (cosLat0 * sinPhi - sinLat0 * cosPhi * cosDl) / cosC
        return SIMD2(x, y)
    }

    /// Planar position of a coordinate (which must be within 90° of the centre).
    public func project(_ c: Coordinate) -> SIMD2<Double> {
        guard let p = project(latitude: c.latitude, longitude: c.longitude) else {
            preconditionFailure("position \(c) is beyond the gnomonic horizon")
        }
        return p
    }

    /// Latitude and longitude (degrees) of a planar position.
    public func unproject(_ p: SIMD2<Double>) -> (latitude: Double, longitude: Double) {
        let rho = (p.x * p.x + p.y * p.y).squareRoot()
        if rho == 0 { return (centre.latitude, centre.longitude) }
        let c = atan(rho / Self.radius)
        let sinC = sin(c)
        let cosC = cos(c)
        let lat = asin(cosC * sinLat0 + p.y * sinC * cosLat0 / rho)
        let lon =
            centre.longitude * .pi / 180
            + atan2(p.x * sinC, rho * cosLat0 * cosC - p.y * sinLat0 * sinC)
        var longitude = lon * 180 / .pi
        if longitude > 180 { longitude -= 360 } else if longitude < -180 { longitude += 360 }
        return (lat * 180 / .pi, longitude)
    }

    /// The coordinate of a planar position.
    public func coordinate(_ p: SIMD2<Double>) -> Coordinate {
        let (lat, lon) = unproject(p)
        // Within the horizon these are always valid; clamp rounding at the poles.
        return (try? Coordinate(latitude: max(-90, min(90, lat)), longitude: lon)) ?? centre
    }

    /// Great-circle distance (metres, sphere of radius R₁) between two planar positions.
    public func sphereDistance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        // The points are R·tan(c) away on the tangent plane: lift them to the unit sphere.
        let ua = SIMD3(a.x / Self.radius, a.y / Self.radius, 1)
        let ub = SIMD3(b.x / Self.radius, b.y / Self.radius, 1)
        let cross = SIMD3(
            ua.y * ub.z - ua.z * ub.y, ua.z * ub.x - ua.x * ub.z, ua.x * ub.y - ua.y * ub.x)
        let crossLength = (cross * cross).sum().squareRoot()
        return Self.radius * atan2(crossLength, (ua * ub).sum())
    }
}
