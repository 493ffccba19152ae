import Foundation

/// Everything that can go wrong when reading geographic values typed or imported by a person.
///
/// Each case carries the offending text and says what was expected, so the command line can
/// show it as it is.
public enum GeoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A latitude outside −90…90 or not a finite number.
    case latitudeOutOfRange(Double)
    /// A longitude outside −180…180 or not a finite number.
    case longitudeOutOfRange(Double)
    /// Position text that could not be read; `reason` says what was expected.
    case unreadablePosition(text: String, reason: String)
    /// A distance, speed or other quantity that could not be read.
    case unreadableQuantity(text: String, kind: String, reason: String)
    /// A date/time that could not be read.
    case unreadableTime(text: String, reason: String)
    /// A bounding box whose edges are out of order or out of range.
    case invalidBoundingBox(text: String, reason: String)

    public var description: String {
        switch self {
        case .latitudeOutOfRange(let value):
            return
                "latitude \(value) is out of range: it must be a number from -90 (south) to 90 (north)"
        case .longitudeOutOfRange(let value):
            return
                "longitude \(value) is out of range: it must be a number from -180 (west) to 180 (east)"
        case .unreadablePosition(let text, let reason):
            return "cannot read the position \"\(text)\": \(reason). "
                + "Write it as decimal degrees (1.1234, 104.0567), with hemispheres (1.1234N 104.0567E), "
                + "degrees and minutes (1°07.404'N 104°03.402'E), degrees, minutes, seconds "
                + "(1°07'24.2\"N 104°03'24.1\"E) or the Indonesian way (1°07,404' LU 104°03,402' BT)"
        case .unreadableQuantity(let text, let kind, let reason):
            return "cannot read the \(kind) \"\(text)\": \(reason)"
        case .unreadableTime(let text, let reason):
            return "cannot read the time \"\(text)\": \(reason). "
                + "Write it as ISO 8601, e.g. 2026-11-20T21:40+07:00 or 2026-11-20T14:40:00Z, "
                + "or day first: 20-11-2026 21.40 WIB, 20 Nov 2026 21:40"
        case .invalidBoundingBox(let text, let reason):
            return
                "cannot read the box \"\(text)\": \(reason). Write it as WEST,SOUTH,EAST,NORTH in decimal degrees, "
                + "e.g. 103.9,1.0,104.2,1.3"
        }
    }
}
