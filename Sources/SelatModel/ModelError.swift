import Foundation
import SelatGeo
import SelatWords

/// A value that cannot go into a sighting, waypoint or route, with the field it belongs to.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field's value is not acceptable; `reason` says what is expected.
    case invalidField(field: String, value: String, reason: Phrase)
    /// A required field is missing or empty.
    case missingField(field: String)
    /// A position, time or quantity that could not be read.
    case unreadable(field: String, GeoError)

    /// The field the problem is in.
    public var field: String {
        switch self {
        case .invalidField(let field, _, _), .missingField(let field), .unreadable(let field, _):
            field
        }
    }

    /// The same error with its field named inside a larger object (`fields.` + `lat`).
    public func prefixed(_ prefix: String) -> ModelError {
        switch self {
        case .invalidField(let field, let value, let reason):
            .invalidField(field: prefix + field, value: value, reason: reason)
        case .missingField(let field): .missingField(field: prefix + field)
        case .unreadable(let field, let error): .unreadable(field: prefix + field, error)
        }
    }

    /// The English words (logs, test failures).
    public var description: String { words(Words(.en)) }

    /// The error in `w`'s language.
    public func words(_ w: Words) -> String {
        switch self {
        case .invalidField(let field, let value, let reason):
            w(
                "model.invalid_field",
                ["field": field, "value": ModelError.clip(value), "reason": reason.text(w)])
        case .missingField(let field):
            w("model.missing_field", ["field": field])
        case .unreadable(_, let error):
            error.words(w)
        }
    }

    /// Shortens long values for messages.
    public static func clip(_ value: String) -> String {
        value.count > 60 ? String(value.prefix(57)) + "..." : value
    }
}

/// Enumerations read from text: case-insensitive, spaces and hyphens read as underscores.
public protocol TextEnumeration: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable
{
    /// The field name used in messages (`vessel_type`).
    static var fieldName: String { get }
}

extension TextEnumeration {
    /// Reads a value, listing the allowed ones when it is unknown.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)``.
    public init(parsing text: String) throws(ModelError) {
        if let exact = Self(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard
            let value = Self(rawValue: key)
                ?? Self.allCases.first(where: {
                    $0.rawValue.replacingOccurrences(of: "_", with: "")
                        == key.replacingOccurrences(of: "_", with: "")
                })
        else {
            throw .invalidField(
                field: Self.fieldName, value: text,
                reason: Phrase(
                    "model.use_one_of",
                    ["values": Self.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        self = value
    }
}
