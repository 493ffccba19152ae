import Foundation
import SelatWords

/// A length of time as people type it: `20m`, `20 min`, `1.5h`, `90 minutes`, or a bare number in
/// the unit the option names (hours for an endurance, minutes for a dwell).
public enum TimeSpan {
    /// Seconds in `text`.
    /// - Parameter bareNumberUnit: seconds per unit for a number written without one.
    /// - Throws: ``GeoError/unreadableQuantity(text:kind:reason:)`` saying what to write.
    public static func seconds(parsing text: String, bareNumberUnit: TimeInterval) throws(GeoError)
        -> TimeInterval
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double
        if let bare = Double(trimmed), bare.isFinite {
            value = bare * bareNumberUnit
        } else {
            let units: [(String, Double)] = [
                ("minutes", 60), ("minute", 60), ("mins", 60), ("min", 60), ("m", 60),
                ("hours", 3600), ("hour", 3600), ("hrs", 3600), ("hr", 3600), ("h", 3600),
            ]
            let (number, factor) = try Quantity.parse(
                trimmed, kind: .time, units: units, hint: "geo.hint.time")
            value = number * factor
        }
        guard value >= 0 else {
            throw .unreadableQuantity(
                text: text, kind: .time, reason: Phrase("geo.negative.time"))
        }
        return value
    }
}
