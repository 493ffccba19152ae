import Foundation
import SelatGeo
import SelatWords

/// The columns of a sighting in CSV and GeoJSON, in the documented order.
public enum SightingColumn: String, CaseIterable, Sendable {
    case id
    case observedAt = "observed_at"
    case lat, lon
    case vesselType = "vessel_type"
    case activity
    case personsAboard = "persons_aboard"
    case headingDeg = "heading_deg"
    case speedKn = "speed_kn"
    case source, unit, confidence, notes

    /// The column's position in ``allCases`` (a fast array index).
    public var ordinal: Int {
        switch self {
        case .id: 0
        case .observedAt: 1
        case .lat: 2
        case .lon: 3
        case .vesselType: 4
        case .activity: 5
        case .personsAboard: 6
        case .headingDeg: 7
        case .speedKn: 8
        case .source: 9
        case .unit: 10
        case .confidence: 11
        case .notes: 12
        }
    }

    /// Columns without which a row cannot be a sighting.
    public static let required: [SightingColumn] = [.observedAt, .lat, .lon]
}

extension Sighting {
    /// Makes a sighting from text fields, as read from a CSV row or GeoJSON properties.
    ///
    /// Empty optional fields are absent. Numbers must be plain decimals (`12`, `25.5`); `NaN`,
    /// infinities and thousands separators are refused.
    ///
    /// - Parameters:
    ///   - text: A function returning the raw text of a column, or `nil` if the column is absent.
    ///   - defaultOffsetMinutes: The UTC offset for times written without one.
    /// - Returns: The sighting and whether its time used the default offset.
    /// - Throws: ``ModelError`` naming the field.
    public static func reading(
        _ text: (SightingColumn) -> String?, defaultOffsetMinutes: Int
    ) throws(ModelError) -> (sighting: Sighting, usedDefaultOffset: Bool) {
        func value(_ column: SightingColumn) -> String? {
            guard let raw = text(column) else { return nil }
            return TextChecks.isBlank(raw) ? nil : raw
        }
        func required(_ column: SightingColumn) throws(ModelError) -> String {
            guard let v = value(column) else { throw .missingField(field: column.rawValue) }
            return TextChecks.trimmed(v)
        }
        func number(_ column: SightingColumn) throws(ModelError) -> Double? {
            guard let v = value(column).map(TextChecks.trimmed) else { return nil }
            return try parseNumber(v, field: column.rawValue)
        }

        let timeText = try required(.observedAt)
        let parsedTime: (timestamp: Timestamp, usedDefaultOffset: Bool)
        do {
            parsedTime = try Timestamp.parse(timeText, defaultOffsetMinutes: defaultOffsetMinutes)
        } catch { throw .unreadable(field: "observed_at", error) }

        let latText = try required(.lat)
        let lonText = try required(.lon)
        let lat = try parseNumber(latText, field: "lat")
        let lon = try parseNumber(lonText, field: "lon")
        let position: Coordinate
        do {
            position = try Coordinate(latitude: lat, longitude: lon)
        } catch {
            if abs(lat) > 90 && abs(lon) <= 90 {
                throw .invalidField(
                    field: "lat", value: latText,
                    reason: Phrase("model.lat_lon_swapped", ["lon": lonText]))
            }
            let field = abs(lat) > 90 ? "lat" : "lon"
            throw .invalidField(
                field: field, value: field == "lat" ? latText : lonText,
                reason: field == "lat"
                    ? Phrase("model.latitude_range") : Phrase("model.longitude_range"))
        }

        var persons: Int?
        if let p = value(.personsAboard).map(TextChecks.trimmed) {
            guard let n = Int(p) else {
                throw .invalidField(
                    field: "persons_aboard", value: p, reason: Phrase("model.whole_number"))
            }
            persons = n
        }
        let id: SightingID? = try value(.id).map { text throws(ModelError) in try SightingID(text) }
        let vessel =
            try value(.vesselType).map { t throws(ModelError) in try VesselType(parsing: t) }
            ?? .unknown
        let activity =
            try value(.activity).map { t throws(ModelError) in try Activity(parsing: t) }
            ?? .unknown
        let source = try value(.source).map { t throws(ModelError) in try SightingSource(parsing: t)
        }
        let confidence = try value(.confidence).map { t throws(ModelError) in
            try Confidence(parsing: t)
        }
        let speed = try number(.speedKn).map { Speed(knots: $0) }
        let sighting = try Sighting(
            id: id, observedAt: parsedTime.timestamp, position: position, vesselType: vessel,
            activity: activity,
            personsAboard: persons, headingDegrees: try number(.headingDeg), speed: speed,
            source: source,
            unit: value(.unit), confidence: confidence, notes: value(.notes))
        return (sighting, parsedTime.usedDefaultOffset)
    }

    /// A plain decimal number; NaN, infinity, hex and thousands separators are refused.
    public static func parseNumber(_ text: String, field: String) throws(ModelError) -> Double {
        let allowed = text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B
        }
        guard allowed, let value = Double(text), value.isFinite else {
            throw .invalidField(
                field: field, value: text,
                reason: Phrase(text.contains(",") ? "model.decimal_comma" : "model.decimal_number"))
        }
        return value
    }
}
