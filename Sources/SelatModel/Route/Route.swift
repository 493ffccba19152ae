import Foundation
import SelatGeo
import SelatWords

/// An ordered list of points: a known crossing route, a patrol route, a planned leg.
public struct Route: Sendable, Hashable, Codable {
    /// What a route describes.
    public enum Kind: String, TextEnumeration {
        case crossing, patrol, planned, other
        public static let fieldName = "kind"
    }

    /// One point of a route: a stored waypoint (by name) or a bare position.
    public struct Point: Sendable, Hashable, Codable {
        /// The waypoint's name, if the point is a waypoint.
        public let waypointName: String?
        public let position: Coordinate

        public init(waypointName: String? = nil, position: Coordinate) {
            self.waypointName = waypointName
            self.position = position
        }

        /// The waypoint's name, or the position in degrees and minutes.
        public var label: String { waypointName ?? position.formatted(.degreesMinutes) }
    }

    /// One leg between consecutive points, measured along the geodesic.
    public struct Leg: Sendable, Hashable {
        public let from: Point
        public let to: Point
        public let distance: Distance
        /// Initial true bearing of the leg.
        public let bearing: Bearing
    }

    public let name: String
    public let kind: Kind
    public let points: [Point]
    public let notes: String?

    /// Makes a route.
    /// - Throws: ``ModelError`` if the name is empty or there are fewer than two points.
    public init(name: String, kind: Kind = .other, points: [Point], notes: String? = nil)
        throws(ModelError)
    {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missingField(field: "name") }
        guard trimmed.count <= 100,
            !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidField(
                field: "name", value: name, reason: Phrase("model.route_name"))
        }
        guard points.count >= 2 else {
            throw .invalidField(
                field: "points", value: String(points.count),
                reason: Phrase("model.route_points"))
        }
        self.name = trimmed
        self.kind = kind
        self.points = points
        self.notes = notes
    }

    /// The legs, each with its geodesic distance and initial true bearing.
    public var legs: [Leg] {
        zip(points, points.dropFirst()).map { a, b in
            let line = Geodesic.wgs84.inverse(from: a.position, to: b.position)
            return Leg(
                from: a, to: b, distance: line.distance,
                bearing: Bearing(degrees: line.initialAzimuth))
        }
    }

    /// Total length along the legs.
    public var length: Distance { legs.reduce(Distance(metres: 0)) { $0 + $1.distance } }
}
