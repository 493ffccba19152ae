import Foundation
import SelatWords

/// A speed over ground, stored in knots (nautical miles per hour).
public struct Speed: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The speed in knots.
    public let knots: Double

    /// Creates a speed from knots.
    public init(knots: Double) { self.knots = knots }
    /// Metres per second.
    public var metresPerSecond: Double { knots * Distance.metresPerNauticalMile / 3600 }

    /// Time to cover `distance` at this speed, in seconds (infinite at zero speed).
    public func duration(toCover distance: Distance) -> TimeInterval {
        knots > 0 ? distance.nauticalMiles / knots * 3600 : .infinity
    }

    public static func < (lhs: Speed, rhs: Speed) -> Bool { lhs.knots < rhs.knots }
    public var description: String { String(format: "%.1f kn", knots) }

    /// Reads a speed: `25kn`, `25 kt`, `25 knots`, `40 km/h`, `10 m/s`.
    /// - Throws: ``GeoError/unreadableQuantity(text:kind:reason:)``.
    public init(parsing text: String) throws(GeoError) {
        let knot = 1.0
        let units: [(String, Double)] = [
            ("knots", knot), ("knot", knot), ("kts", knot), ("kt", knot), ("kn", knot),
            ("km/h", 1000 / Distance.metresPerNauticalMile),
            ("kph", 1000 / Distance.metresPerNauticalMile),
            ("m/s", 3600 / Distance.metresPerNauticalMile),
        ]
        let (value, factor) = try Quantity.parse(
            text, kind: .speed, units: units,
            hint: "geo.hint.speed")
        guard value >= 0 else {
            throw .unreadableQuantity(
                text: text, kind: .speed, reason: Phrase("geo.negative.speed"))
        }
        self.init(knots: value * factor)
    }
}
