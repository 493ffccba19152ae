import Foundation
import SelatWords

/// Everything that can go wrong when reading geographic values typed or imported by a person.
///
/// Each case carries the offending text and, as a ``Phrase``, what was expected, so that each
/// front end can say it in its user's language (``words(_:)``).
public enum GeoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A latitude outside −90…90 or not a finite number.
    case latitudeOutOfRange(Double)
    /// A longitude outside −180…180 or not a finite number.
    case longitudeOutOfRange(Double)
    /// Position text that could not be read; `reason` says what was expected.
    case unreadablePosition(text: String, reason: Phrase)
    /// A distance, speed or other quantity that could not be read.
    case unreadableQuantity(text: String, kind: QuantityKind, reason: Phrase)
    /// A date/time that could not be read.
    case unreadableTime(text: String, reason: Phrase)
    /// A bounding box whose edges are out of order or out of range.
    case invalidBoundingBox(text: String, reason: Phrase)

    /// The English words (logs, test failures).
    public var description: String { words(Words(.en)) }

    /// The error in `w`'s language, with the forms that are read.
    public func words(_ w: Words) -> String {
        switch self {
        case .latitudeOutOfRange(let value):
            w("geo.latitude_range", ["value": "\(value)"])
        case .longitudeOutOfRange(let value):
            w("geo.longitude_range", ["value": "\(value)"])
        case .unreadablePosition(let text, let reason):
            w("geo.unreadable_position", ["text": text, "reason": reason.text(w)])
        case .unreadableQuantity(let text, let kind, let reason):
            w(
                "geo.unreadable_quantity",
                ["kind": w(kind.key), "text": text, "reason": reason.text(w)])
        case .unreadableTime(let text, let reason):
            w("geo.unreadable_time", ["text": text, "reason": reason.text(w)])
        case .invalidBoundingBox(let text, let reason):
            w("geo.invalid_box", ["text": text, "reason": reason.text(w)])
        }
    }
}

/// What kind of quantity could not be read.
public enum QuantityKind: String, Sendable, Equatable {
    case distance, speed, time

    /// Its catalogue key.
    var key: String {
        switch self {
        case .distance: "geo.kind.distance"
        case .speed: "geo.kind.speed"
        case .time: "geo.kind.time"
        }
    }
}
