import Foundation
import SelatWords

/// A latitude/longitude box: west, south, east, north edges in degrees (the RFC 7946 `bbox` order).
///
/// Boxes across the antimeridian are not supported (the Riau Islands are far from it).
public struct BoundingBox: Sendable, Hashable, Codable, CustomStringConvertible {
    public let west: Double
    public let south: Double
    public let east: Double
    public let north: Double

    /// Creates a box.
    /// - Throws: ``GeoError/invalidBoundingBox(text:reason:)`` when an edge is out of range or the
    ///   edges are out of order.
    public init(west: Double, south: Double, east: Double, north: Double) throws(GeoError) {
        let text = "\(west),\(south),\(east),\(north)"
        guard [west, south, east, north].allSatisfy(\.isFinite) else {
            throw .invalidBoundingBox(text: text, reason: Phrase("geo.box.finite"))
        }
        guard (-180...180).contains(west), (-180...180).contains(east) else {
            throw .invalidBoundingBox(text: text, reason: Phrase("geo.box.longitudes"))
        }
        guard (-90...90).contains(south), (-90...90).contains(north) else {
            throw .invalidBoundingBox(text: text, reason: Phrase("geo.box.latitudes"))
        }
        guard west <= east else {
            throw .invalidBoundingBox(
                text: text,
                reason: Phrase("geo.box.west_east", ["west": "\(west)", "east": "\(east)"]))
        }
        guard south <= north else {
            throw .invalidBoundingBox(
                text: text,
                reason: Phrase("geo.box.south_north", ["south": "\(south)", "north": "\(north)"]))
        }
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Reads `W,S,E,N`.
    /// - Throws: ``GeoError/invalidBoundingBox(text:reason:)``.
    public init(parsing text: String) throws(GeoError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else {
            throw .invalidBoundingBox(
                text: text, reason: Phrase("geo.box.count", ["count": "\(parts.count)"]))
        }
        var values: [Double] = []
        for part in parts {
            guard let value = Double(part) else {
                throw .invalidBoundingBox(
                    text: text, reason: Phrase("geo.not_a_number", ["text": String(part)]))
            }
            values.append(value)
        }
        do {
            try self.init(west: values[0], south: values[1], east: values[2], north: values[3])
        } catch {
            throw .invalidBoundingBox(text: text, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: GeoError) -> Phrase {
        if case .invalidBoundingBox(_, let reason) = error { return reason }
        return Phrase("geo.box.edges")
    }

    /// Whether `coordinate` lies inside or on the edge.
    public func contains(_ coordinate: Coordinate) -> Bool {
        coordinate.latitude >= south && coordinate.latitude <= north
            && coordinate.longitude >= west && coordinate.longitude <= east
    }

    /// The box around a circle of `radius` about `centre`, slightly enlarged so that it always
    /// contains every point within `radius` along a geodesic. Clamped at the poles and the antimeridian.
    public static func around(_ centre: Coordinate, radius: Distance) -> BoundingBox {
        // Metres per degree along the meridian is at least 110,574 m; along the parallel it is
        // 111,320·cos(lat) at most. Enlarge by 0.5 % for the ellipsoid.
        let dLat = radius.metres / 110_574 * 1.005
        let maxLat = min(89.9, abs(centre.latitude) + dLat)
        let dLon = min(180, radius.metres / (111_320 * cos(maxLat * .pi / 180)) * 1.005)
        let w = max(-180, centre.longitude - dLon)
        let e = min(180, centre.longitude + dLon)
        let s = max(-90, centre.latitude - dLat)
        let n = min(90, centre.latitude + dLat)
        // The edges are in range and ordered by construction.
        return BoundingBox(uncheckedWest: w, south: s, east: e, north: n)
    }

    private init(uncheckedWest west: Double, south: Double, east: Double, north: Double) {
        precondition(
            west <= east && south <= north && abs(west) <= 180 && abs(east) <= 180
                && abs(south) <= 90
                && abs(north) <= 90, "box edges out of order or range")
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    public var description: String { "\(west),\(south),\(east),\(north)" }
}
