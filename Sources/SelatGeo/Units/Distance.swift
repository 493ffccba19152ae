import Foundation
import SelatWords

/// A length, stored in metres. The domain speaks nautical miles (1 nm = 1852 m exactly).
public struct Distance: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Metres per international nautical mile.
    public static let metresPerNauticalMile = 1852.0

    /// The length in metres.
    public let metres: Double

    /// Creates a distance from metres.
    public init(metres: Double) { self.metres = metres }
    /// Creates a distance from nautical miles.
    public static func nauticalMiles(_ value: Double) -> Distance {
        Distance(metres: value * metresPerNauticalMile)
    }
    /// Creates a distance from kilometres.
    public static func kilometres(_ value: Double) -> Distance { Distance(metres: value * 1000) }
    /// Creates a distance from metres.
    public static func metres(_ value: Double) -> Distance { Distance(metres: value) }

    /// The length in nautical miles.
    public var nauticalMiles: Double { metres / Self.metresPerNauticalMile }
    /// The length in kilometres.
    public var kilometres: Double { metres / 1000 }

    public static func < (lhs: Distance, rhs: Distance) -> Bool { lhs.metres < rhs.metres }
    public static func + (lhs: Distance, rhs: Distance) -> Distance {
        Distance(metres: lhs.metres + rhs.metres)
    }

    /// Metres below a kilometre, else kilometres with one decimal: `800 m`, `1.9 km` (grid and
    /// kernel sizes, which analysts set in metric units).
    public var metricText: String {
        metres >= 1000 ? String(format: "%.1f km", metres / 1000) : String(format: "%.0f m", metres)
    }

    /// Nautical miles with two decimals, e.g. `5.00 nm`.
    public var description: String { String(format: "%.2f nm", nauticalMiles) }

    /// Reads a distance as people write it: `5nm`, `5 NM`, `2.5 km`, `800m`, `0.5 nmi`.
    ///
    /// A bare number is refused: the unit must be said, since at sea "5" could be miles or km.
    /// - Throws: ``GeoError/unreadableQuantity(text:kind:reason:)`` naming the accepted units.
    public init(parsing text: String) throws(GeoError) {
        let units: [(String, Double)] = [
            ("nmi", Self.metresPerNauticalMile), ("nm", Self.metresPerNauticalMile),
            ("km", 1000), ("m", 1),
        ]
        let (value, factor) = try Quantity.parse(
            text, kind: .distance, units: units,
            hint: "geo.hint.distance")
        guard value >= 0 else {
            throw .unreadableQuantity(
                text: text, kind: .distance, reason: Phrase("geo.negative.distance"))
        }
        self.init(metres: value * factor)
    }
}

/// Shared reading of "number + unit" text.
enum Quantity {
    static func parse(
        _ text: String, kind: QuantityKind, units: [(String, Double)], hint: String
    )
        throws(GeoError)
        -> (Double, Double)
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else {
                throw .unreadableQuantity(
                    text: text, kind: kind,
                    reason: Phrase(
                        "geo.quantity.not_a_number", ["text": number], words: ["hint": hint]))
            }
            return (value, factor)
        }
        let reason =
            Double(trimmed) != nil
            ? Phrase("geo.quantity.no_unit", words: ["hint": hint]) : Phrase(hint)
        throw .unreadableQuantity(text: text, kind: kind, reason: reason)
    }
}
