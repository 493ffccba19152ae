import Foundation
import SelatGeo

/// One line of the audit trail: who did what, when, to which records, from where, and whether it
/// was allowed. Never holds a password, token or cookie.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Position in the trail (1, 2, …), given by the store.
    public var sequence: Int64
    public let at: Timestamp
    /// The user, or nil before one is known (a failed login names the name tried in `target`).
    public let user: String?
    /// What was done: `login`, `login_failed`, `logout`, `sighting_add`, `import`, `refused`, ….
    public let action: String
    /// Which records or what it was aimed at (sighting ids, a run number, a route).
    public let target: String?
    /// More, in a few words (the HTTP method and path of a refusal, counts).
    public let detail: String?
    /// The client's address.
    public let address: String?

    public init(
        sequence: Int64 = 0, at: Timestamp, user: String?, action: String, target: String?,
        detail: String?, address: String?
    ) {
        self.sequence = sequence
        self.at = at
        self.user = user.map(Self.storable)
        self.action = Self.storable(action)
        self.target = target.map(Self.storable)
        self.detail = detail.map(Self.storable)
        self.address = address.map(Self.storable)
    }

    /// Text as the trail can keep it on both engines, unchanged unless it holds control
    /// characters (a client's junk: PostgreSQL refuses NUL in text, SQLite reads text up to it):
    /// those are written as `\u{…}`, visibly, so what was sent is still told.
    static func storable(_ text: String) -> String {
        // Control characters are all below U+00A0: a scan of the bytes finds none in most text.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }),
            text.unicodeScalars.contains(where: Self.isControl)
        else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if Self.isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Unicode's control characters (general category Cc: U+0000–U+001F and U+007F–U+009F, a set
    /// the standard never changes) other than newline and tab; a range test, not a table lookup.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
    }
}

/// The audit trail's chain: each entry's link covers the link before it and every field, so an
/// entry edited, deleted, inserted or reordered outside Selat is found by `selat verify`.
public enum AuditChain {
    /// SHA-256 over "selat-audit-v1", the previous link, the sequence number and the fields.
    public static func link(previous: [UInt8], _ e: AuditEntry) -> [UInt8] {
        var c = CanonicalEncoder(capacity: 160)
        c.text("selat-audit-v1")
        c.bytesField(previous)
        c.word(0x49, UInt64(bitPattern: e.sequence))
        c.word(0x49, UInt64(bitPattern: e.at.millisecondsSince1970))
        c.text(e.user)
        c.text(e.action)
        c.text(e.target)
        c.text(e.detail)
        c.text(e.address)
        return SHA256.hash(c.bytes)
    }
}
