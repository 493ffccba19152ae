import Foundation

/// Stored text made safe to show on a terminal: a value imported from a file may hold control
/// characters (ESC starts sequences that recolour, move the cursor or retitle the window) or
/// Unicode direction overrides that make text read differently from what it is. Each is shown
/// as a visible escape instead (`\e`, `\r`, `\x07`, `\u{202E}`), so an officer sees exactly
/// what is stored. Line breaks and tabs are kept.
public enum TerminalText {
    /// `text` with control and direction-override characters shown as escapes.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard
            text.unicodeScalars.contains(where: {
                needsEscape($0, keepingLineBreaks: keepingLineBreaks)
            })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0D: out += "\\r"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0..<0x80: out += String(format: "\\x%02X", scalar.value)
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar, keepingLineBreaks: Bool) -> Bool {
        switch s.value {
        case 0x0A, 0x09: !keepingLineBreaks
        case 0..<0x20, 0x7F, 0x80...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
