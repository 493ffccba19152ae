import Foundation

/// A position on the WGS84 ellipsoid in decimal degrees; it cannot hold an invalid position.
///
/// Latitude is positive north, longitude positive east. Construction validates both: finite,
/// latitude in [−90, 90], longitude in [−180, 180].
public struct Coordinate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Latitude in degrees, −90…90, positive north.
    public let latitude: Double
    /// Longitude in degrees, −180…180, positive east.
    public let longitude: Double

    /// Creates a coordinate, checking that it is a real position.
    ///
    /// - Throws: ``GeoError/latitudeOutOfRange(_:)`` or ``GeoError/longitudeOutOfRange(_:)``
    ///   for values out of range or not finite (NaN, infinity).
    public init(latitude: Double, longitude: Double) throws(GeoError) {
        guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
            throw .latitudeOutOfRange(latitude)
        }
        guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
            throw .longitudeOutOfRange(longitude)
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// For values already known to be in range (results of geodesic computations).
    init(uncheckedLatitude latitude: Double, longitude: Double) {
        precondition(
            latitude.isFinite && abs(latitude) <= 90 && longitude.isFinite && abs(longitude) <= 180,
            "coordinate out of range: \(latitude), \(longitude)")
        self.latitude = latitude
        self.longitude = longitude
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lat = try container.decode(Double.self, forKey: .latitude)
        let lon = try container.decode(Double.self, forKey: .longitude)
        do {
            try self.init(latitude: lat, longitude: lon)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .latitude, in: container, debugDescription: error.description)
        }
    }

    /// Decimal degrees, latitude first, six decimals (about 0.1 m).
    public var description: String {
        String(format: "%.6f, %.6f", latitude, longitude)
    }
}

extension Coordinate {
    /// Geodesic distance on WGS84 (Karney's method, exact to nanometres).
    public func distance(to other: Coordinate) -> Distance {
        Geodesic.wgs84.inverse(from: self, to: other).distance
    }

    /// Initial true bearing of the geodesic to `other`.
    public func bearing(to other: Coordinate) -> Bearing {
        Bearing(degrees: Geodesic.wgs84.inverse(from: self, to: other).initialAzimuth)
    }

    /// The point reached by going `distance` on the initial bearing `bearing` along a geodesic.
    public func destination(bearing: Bearing, distance: Distance) -> Coordinate {
        Geodesic.wgs84.destination(from: self, azimuth: bearing.degrees, distance: distance)
            .coordinate
    }

    /// Great-circle distance on a sphere of the WGS84 mean radius (haversine formula).
    ///
    /// An approximation: within about 0.6 % of the geodesic distance. Use it to prefilter
    /// candidates, never for a figure a person will read.
    public func haversineDistance(to other: Coordinate) -> Distance {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * rad) * cos(other.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return Distance(metres: 2 * Ellipsoid.wgs84.meanRadius * asin(min(1, h.squareRoot())))
    }
}
