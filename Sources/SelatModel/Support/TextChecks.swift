import Foundation

/// Fast checks on text fields, used on every imported row.
enum TextChecks {
    /// Line feed, carriage return and tab, as a mask for ``containsControl(_:allowing:)``.
    static let lineBreaksAndTabs: UInt32 = 1 << 0x0A | 1 << 0x0D | 1 << 0x09

    /// Whether `text` contains a control character (Unicode category Cc: U+0000–U+001F,
    /// U+007F–U+009F), other than those in `allowed` (a bit mask of C0 codes).
    static func containsControl(_ text: String, allowing allowed: UInt32 = 0) -> Bool {
        // ASCII fast path: no byte below 0x20 or equal to 0x7F, and no C1 lead (0xC2 0x80–0x9F).
        var sawC2 = false
        var suspicious = false
        for byte in text.utf8 {
            if (byte < 0x20 && allowed & (1 << UInt32(byte)) == 0) || byte == 0x7F
                || (sawC2 && byte >= 0x80 && byte <= 0x9F)
            {
                suspicious = true
                break
            }
            sawC2 = byte == 0xC2
        }
        guard suspicious else { return false }
        return firstControl(text, allowing: allowed) != nil
    }

    /// The first control character, for messages.
    static func firstControl(_ text: String, allowing allowed: UInt32 = 0) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            (s.value < 0x20 && allowed & (1 << s.value) == 0) || (0x7F...0x9F).contains(s.value)
        }
    }

    /// Whether `text` has more than `limit` characters, counting graphemes only when it might.
    static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }

    /// `text` without leading/trailing spaces and tabs; returns `text` itself when there are none.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `text` is empty or only spaces and tabs.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
