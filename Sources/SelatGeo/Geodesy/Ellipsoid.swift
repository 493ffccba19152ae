import Foundation

/// A biaxial ellipsoid of revolution, the figure positions are measured on.
///
/// Selat uses one ellipsoid, ``wgs84``: every position it reads or writes is WGS84, as GPS
/// receivers, chartplotters and GeoJSON (RFC 7946 §4) use.
public struct Ellipsoid: Sendable, Hashable {
    /// Equatorial radius in metres.
    public let equatorialRadius: Double
    /// Flattening `f = (a − b) / a`.
    public let flattening: Double

    /// The World Geodetic System 1984 ellipsoid (NIMA TR8350.2): a = 6378137 m, 1/f = 298.257223563.
    public static let wgs84 = Ellipsoid(
        equatorialRadius: 6_378_137, inverseFlattening: 298.257_223_563)

    /// Creates an ellipsoid from its equatorial radius and inverse flattening.
    ///
    /// - Precondition: `equatorialRadius > 0` and `inverseFlattening > 1`; Selat only models
    ///   oblate figures close to the Earth's.
    public init(equatorialRadius: Double, inverseFlattening: Double) {
        precondition(equatorialRadius > 0 && inverseFlattening > 1, "not an Earth-like ellipsoid")
        self.equatorialRadius = equatorialRadius
        self.flattening = 1 / inverseFlattening
    }

    /// Polar semi-axis `b = a (1 − f)` in metres.
    public var polarRadius: Double { equatorialRadius * (1 - flattening) }
    /// First eccentricity squared `e² = f (2 − f)`.
    public var eccentricitySquared: Double { flattening * (2 - flattening) }
    /// Second eccentricity squared `e′² = e² / (1 − e²)`.
    public var secondEccentricitySquared: Double {
        eccentricitySquared / ((1 - flattening) * (1 - flattening))
    }
    /// Third flattening `n = f / (2 − f)`.
    public var thirdFlattening: Double { flattening / (2 - flattening) }
    /// Mean radius `(2a + b) / 3` in metres (IUGG R₁), used by the spherical approximations.
    public var meanRadius: Double { (2 * equatorialRadius + polarRadius) / 3 }
}
