import Foundation

/// Small helpers for writing JSON text by hand, so number formatting and key order are exact.
public enum JSONText {
    /// A JSON string literal (RFC 8259 §7).
    public static func string(_ value: String) -> String {
        // Most strings (ids, codes, times) need no escape: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + value + "\""
        }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A finite number in its shortest form that reads back to the same value: whole numbers
    /// without a fraction (`104`), others as Swift writes them (`1.22`, `1e-07`).
    public static func shortest(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A number with at most `decimals` decimals and no trailing zeros (RFC 7946 §11.2 advises
    /// about 6–7 decimals for coordinates).
    public static func number(_ value: Double, decimals: Int = 7) -> String {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        // Most numbers (positions to 6 decimals, speeds to 1) already have a shortest form
        // within `decimals`: then it is what printf's rounding gives too. Below 1e8 a double is
        // within 7.5e-9 of its shortest form, less than half a step of the 7th decimal, so
        // rounding to `decimals` ≤ 7 lands on that form. Anything else goes through printf.
        if decimals <= 7, abs(value) < 1e8 {
            var text = value.description
            let utf8 = text.utf8
            if !utf8.contains(UInt8(ascii: "e")), let dot = utf8.firstIndex(of: UInt8(ascii: ".")),
                utf8.distance(from: dot, to: utf8.endIndex) - 1 <= decimals
            {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
                return text == "-0" ? "0" : text
            }
        }
        return printed(value, decimals: decimals)
    }

    /// `value` as printf's `%.*f` writes it (C's rounding, as Foundation's String(format:) gives,
    /// without its cost), trailing zeros cut.
    static func printed(_ value: Double, decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            let base = buffer.baseAddress!
            var length = Int(
                withVaList([Int32(max(0, min(decimals, 20))), value]) {
                    vsnprintf(base, 352, "%.*f", $0)
                })
            length = min(max(length, 0), 351)
            if buffer[0..<length].contains(46) {  // "."
                while length > 0 && buffer[length - 1] == 48 { length -= 1 }  // "0"
                if length > 0 && buffer[length - 1] == 46 { length -= 1 }
            }
            if length == 2 && buffer[0] == 45 && buffer[1] == 48 { return "0" }  // "-0"
            return String(
                decoding: UnsafeRawBufferPointer(start: base, count: length), as: UTF8.self)
        }
    }
}
