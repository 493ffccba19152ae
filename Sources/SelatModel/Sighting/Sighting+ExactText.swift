import Foundation
import SelatGeo

extension Sighting {
    /// The column's value written so that ``reading(_:defaultOffsetMinutes:)`` gives back exactly
    /// the same value (numbers to their last bit, the time with its offset and milliseconds), or
    /// nil when the field is absent. Evidence bundles write sightings this way, so a court can
    /// recompute each record's ``contentDigest`` from the file.
    public func exactText(_ column: SightingColumn) -> String? {
        switch column {
        case .id: id.rawValue
        case .observedAt: observedAt.asWritten
        case .lat: Self.exactDecimal(position.latitude)
        case .lon: Self.exactDecimal(position.longitude)
        case .vesselType: vesselType.rawValue
        case .activity: activity.rawValue
        case .personsAboard: personsAboard.map(String.init)
        case .headingDeg: headingDegrees.map(Self.exactDecimal)
        case .speedKn: speed.map { Self.exactDecimal($0.knots) }
        case .source: source?.rawValue
        case .unit: unit
        case .confidence:
            switch confidence {
            case .value(let v)?: Self.exactDecimal(v)
            case .level(let l)?: l.rawValue
            case nil: nil
            }
        case .notes: notes
        }
    }

    /// A finite number as a plain decimal (no exponent) that reads back to the same `Double`:
    /// the shortest round-trip digits, with the exponent written out (`1e-05` → `0.00001`).
    public static func exactDecimal(_ value: Double) -> String {
        let shortest = "\(value)"
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(shortest[shortest.index(after: e)...])
        else { return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest }
        var mantissa = shortest[..<e]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent  // digits before the decimal point
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (negative ? "-" : "") + text
    }
}
