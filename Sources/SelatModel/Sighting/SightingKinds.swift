import Foundation
import SelatWords

/// What kind of boat was seen.
public enum VesselType: String, TextEnumeration {
    case speedboat, pompong, fishing, ferry, cargo, tanker, tug, unknown
    public static let fieldName = "vessel_type"
}

/// What the boat was doing, as judged by whoever saw it.
public enum Activity: String, TextEnumeration {
    case trafficking, smuggling
    case illegalFishing = "illegal_fishing"
    case piracy, unknown, none
    public static let fieldName = "activity"
}

/// How the sighting was made.
public enum SightingSource: String, TextEnumeration {
    case patrol, radar, report, ais, aerial
    public static let fieldName = "source"
}

/// How sure the observer was: a number from 0 to 1, or a word.
///
/// Kept as given: a `medium` is stored as `medium`, never turned into a number behind the
/// officer's back.
public enum Confidence: Sendable, Hashable, Codable, CustomStringConvertible {
    case value(Double)
    case level(Level)

    public enum Level: String, TextEnumeration {
        case low, medium, high
        public static let fieldName = "confidence"
    }

    /// Reads `0.8`, `80%`, `low`, `medium` or `high`.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)``.
    public init(parsing text: String) throws(ModelError) {
        let t = TextChecks.trimmed(text)
        if let level = Level(rawValue: t) ?? Level(rawValue: t.lowercased()) {
            self = .level(level)
            return
        }
        var number = Substring(t)
        var scale = 1.0
        if number.hasSuffix("%") {
            number = number.dropLast()
            scale = 100
        }
        guard let value = Double(number), value.isFinite else {
            throw .invalidField(
                field: "confidence", value: text,
                reason: Phrase("model.confidence"))
        }
        try self.init(value / scale)
    }

    /// A numeric confidence, checked to lie in 0…1.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)``.
    public init(_ value: Double) throws(ModelError) {
        guard value.isFinite, (0...1).contains(value) else {
            throw .invalidField(
                field: "confidence", value: String(value),
                reason: Phrase("model.confidence"))
        }
        self = .value(value)
    }

    /// The text stored and exported: the number, or the word.
    public var description: String {
        switch self {
        case .value(let v): "\(v)"
        case .level(let l): l.rawValue
        }
    }
}
