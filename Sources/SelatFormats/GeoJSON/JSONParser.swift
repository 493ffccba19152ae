import Foundation

/// A strict JSON reader (RFC 8259) over bytes, into ``JSONValue``: what the station server reads
/// from every request and the importer from every GeoJSON file. Byte by byte, without Foundation's
/// decoder, which costs tens of microseconds on a small object.
///
/// Stricter than the RFC where the RFC leaves a choice that could change evidence unseen: a key
/// twice in one object, a string holding half of a surrogate pair, and a number too large for a
/// double are refused, not resolved by a guess. Nesting deeper than ``maximumDepth`` is refused.
struct JSONParser {
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON text (any value, surrounded by optional whitespace).
    /// - Throws: ``FormatError/malformed(file:location:reason:)`` saying what is wrong and where
    ///   (line and column).
    static func parse(_ data: Data) throws(FormatError) -> JSONValue {
        let result = data.withUnsafeBytes { raw -> Result<JSONValue, FormatError> in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self))
            do throws(FormatError) {
                // A UTF-8 byte order mark, as some Windows tools write, is not part of the text.
                if parser.bytes.count >= 3, parser.bytes[0] == 0xEF, parser.bytes[1] == 0xBB,
                    parser.bytes[2] == 0xBF
                {
                    parser.at = 3
                }
                parser.skipSpace()
                let value = try parser.value()
                parser.skipSpace()
                if parser.at < parser.bytes.count {
                    throw parser.fail("text after the end of the JSON value")
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func fail(_ what: String) -> FormatError {
        var line = 1
        var column = 1
        for k in 0..<min(at, bytes.count) {
            if bytes[k] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[k] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .malformed(
            file: "", location: "JSON",
            reason: "not valid JSON (\(what), at line \(line), column \(column))")
    }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    private mutating func value() throws(FormatError) -> JSONValue {
        guard at < bytes.count else { throw fail("the text ends where a value should be") }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character where a value should be")
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(FormatError)
        -> JSONValue
    {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { throw fail("unknown word") }
        for k in 0..<count where bytes[at + k] != word.utf8Start[k] {
            throw fail("unknown word")
        }
        at += count
        return value
    }

    private mutating func enter() throws(FormatError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw fail("nested deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func object() throws(FormatError) -> JSONValue {
        try enter()
        at += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
            at += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard at < bytes.count else { throw fail("the text ends inside an object") }
            guard bytes[at] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let keyStart = at
            let key = try string()
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else {
                throw fail("expected ':' after the key \"\(key)\"")
            }
            at += 1
            skipSpace()
            let member = try value()
            if members.updateValue(member, forKey: key) != nil {
                at = keyStart
                throw fail("the key \"\(key)\" appears twice in one object")
            }
            if try closes(UInt8(ascii: "}"), "an object") { return .object(members) }
        }
    }

    private mutating func array() throws(FormatError) -> JSONValue {
        try enter()
        at += 1
        var items: [JSONValue] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
            at += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            if try closes(UInt8(ascii: "]"), "an array") { return .array(items) }
        }
    }

    /// After a member of an object or array: true at its closing bracket (passed, the level
    /// left), false at a comma (passed); anything else is refused.
    private mutating func closes(_ bracket: UInt8, _ what: String) throws(FormatError) -> Bool {
        skipSpace()
        guard at < bytes.count else { throw fail("the text ends inside \(what)") }
        if bytes[at] == UInt8(ascii: ",") {
            at += 1
            return false
        }
        guard bytes[at] == bracket else {
            throw fail("expected ',' or '\(Character(UnicodeScalar(bracket)))' in \(what)")
        }
        at += 1
        depth -= 1
        return true
    }

    /// A number as the JSON grammar writes it, read by the C library (correctly rounded).
    private mutating func number() throws(FormatError) -> JSONValue {
        let start = at
        func digits() -> Int {
            let from = at
            while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) {
                at += 1
            }
            return at - from
        }
        if bytes[at] == UInt8(ascii: "-") { at += 1 }
        guard at < bytes.count else { throw fail("a number without digits") }
        if bytes[at] == UInt8(ascii: "0") {
            at += 1
        } else if digits() == 0 {
            throw fail("a number without digits")
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            guard digits() > 0 else { throw fail("a number with no digit after '.'") }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
                at += 1
            }
            guard digits() > 0 else { throw fail("a number with no digit in its exponent") }
        }
        if at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) {
            throw fail("a number with a leading zero")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            at = start
            throw fail("the number \(text) is too large")
        }
        return .number(value)
    }

    private mutating func string() throws(FormatError) -> String {
        at += 1
        let start = at
        // Fast path: no escapes — the bytes are the string (checked as UTF-8).
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                let text = try utf8(start, at)
                at += 1
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("a control character inside a string (write it as \\u00XX)") }
            at += 1
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: try utf8(start, at).unicodeScalars)
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                at += 1
                return String(scalars)
            }
            if b < 0x20 { throw fail("a control character inside a string (write it as \\u00XX)") }
            if b != UInt8(ascii: "\\") {
                // A run of plain bytes up to the next quote or escape.
                let from = at
                while at < bytes.count, bytes[at] != UInt8(ascii: "\""),
                    bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20
                {
                    at += 1
                }
                scalars.append(contentsOf: try utf8(from, at).unicodeScalars)
                continue
            }
            at += 1
            guard at < bytes.count else { break }
            let e = bytes[at]
            at += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let high = try hex4()
                if (0xD800...0xDBFF).contains(high) {
                    guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"),
                        bytes[at + 1] == UInt8(ascii: "u")
                    else { throw fail("half of a surrogate pair (\\u\(String(high, radix: 16)))") }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw fail("half of a surrogate pair (\\u\(String(high, radix: 16)))")
                    }
                    let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    scalars.append(Unicode.Scalar(value)!)
                } else if (0xDC00...0xDFFF).contains(high) {
                    throw fail("half of a surrogate pair (\\u\(String(high, radix: 16)))")
                } else {
                    scalars.append(Unicode.Scalar(high)!)
                }
            default:
                at -= 2
                throw fail("an unknown escape in a string")
            }
        }
        throw fail("the text ends inside a string")
    }

    private mutating func hex4() throws(FormatError) -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[at]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("\\u needs four hex digits")
            }
            value = value * 16 + digit
            at += 1
        }
        return value
    }

    /// The bytes `from..<to` as text; refused when they are not UTF-8.
    private func utf8(_ from: Int, _ to: Int) throws(FormatError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[from..<to])
        guard let text = String(validating: slice, as: UTF8.self) else {
            var copy = self
            copy.at = from
            throw copy.fail("text that is not UTF-8")
        }
        return text
    }
}
