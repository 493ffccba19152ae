import Foundation
import SelatWords

/// A sighting's stable identifier: a UUID made by Selat, or the sender's own identifier of up to
/// 64 characters, kept verbatim so records can be matched with the partner agency's system.
public struct SightingID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The identifier exactly as stored.
    public let rawValue: String

    /// The longest identifier accepted, in characters.
    public static let maxLength = 64

    /// Accepts a sender's identifier verbatim.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)`` if it is empty, longer than
    ///   64 characters or contains control characters (tabs, line breaks, NUL).
    public init(_ rawValue: String) throws(ModelError) {
        guard !rawValue.isEmpty else { throw .missingField(field: "id") }
        guard !TextChecks.isLonger(rawValue, than: Self.maxLength) else {
            throw .invalidField(
                field: "id", value: rawValue,
                reason: Phrase(
                    "model.id_length", ["limit": "\(Self.maxLength)", "count": "\(rawValue.count)"])
            )
        }
        guard !TextChecks.containsControl(rawValue) else {
            throw .invalidField(
                field: "id", value: rawValue,
                reason: Phrase("model.id_control"))
        }
        self.rawValue = rawValue
    }

    private init(unchecked: String) { rawValue = unchecked }

    /// A new random identifier (UUID version 4, lowercase).
    public static func random() -> SightingID {
        SightingID(unchecked: UUID().uuidString.lowercased())
    }

    /// A deterministic identifier from a content digest: the first 128 bits as a UUID of
    /// version 8 (RFC 9562 §5.8), so re-importing the same row yields the same id.
    public static func derived(from digest: [UInt8]) -> SightingID {
        precondition(digest.count >= 16)
        var b = Array(digest.prefix(16))
        b[6] = (b[6] & 0x0f) | 0x80
        b[8] = (b[8] & 0x3f) | 0x80
        let hex = SHA256.hex(b)
        let chars = Array(hex)
        let text =
            String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
        return SightingID(unchecked: text)
    }

    public static func < (lhs: SightingID, rhs: SightingID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
