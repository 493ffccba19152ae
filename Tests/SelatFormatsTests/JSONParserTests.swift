import Foundation
import SelatTestSupport
import Testing

@testable import SelatFormats

@Suite("Reading JSON")
struct JSONParserTests {
    /// A random value and a text for it, written with random spacing, escapes and number forms.
    struct Sample {
        var value: JSONValue
        var text: String
    }

    static let strings = [
        "", "KRI Siribua", "quote \" backslash \\ slash /", "é 日本 🚤", "line\nfeed\ttab",
        "\u{0}\u{1F}\u{7F}", "\u{2028}\u{2029}", "1°10,5' LU",
    ]

    static func sample(_ rng: inout SeededGenerator, depth: Int = 0) -> Sample {
        let space = [" ", "", "\n", "\t", "  \r\n"]
        func pad(_ s: String) -> String {
            space[Int.random(in: 0..<space.count, using: &rng)] + s
                + space[Int.random(in: 0..<space.count, using: &rng)]
        }
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
        case 0: return Sample(value: .null, text: pad("null"))
        case 1:
            let b = Bool.random(using: &rng)
            return Sample(value: .bool(b), text: pad(b ? "true" : "false"))
        case 2:
            // Integers, decimals and exponents, as JSON allows them.
            let forms: [(String, Double)] = [
                ("0", 0), ("-0", -0.0), ("104", 104), ("1.22", 1.22), ("-0.5", -0.5), ("1E+2", 100),
                ("2.5e-3", 0.0025), ("104.05519", 104.05519),
                ("12345678901234567890", 12_345_678_901_234_567_890),
                ("1e-7", 1e-7), ("0.1", 0.1), ("9007199254740993", 9_007_199_254_740_993),
            ]
            let (text, value) = forms[Int.random(in: 0..<forms.count, using: &rng)]
            return Sample(value: .number(value), text: pad(text))
        case 3:
            let s = strings[Int.random(in: 0..<strings.count, using: &rng)]
            return Sample(value: .string(s), text: pad(escaped(s, &rng)))
        case 4:
            var items: [Sample] = []
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                items.append(sample(&rng, depth: depth + 1))
            }
            return Sample(
                value: .array(items.map(\.value)),
                text: pad("[" + items.map(\.text).joined(separator: ",") + "]"))
        default:
            var members: [String: JSONValue] = [:]
            var parts: [String] = []
            for k in 0..<Int.random(in: 0...4, using: &rng) {
                let key = strings[Int.random(in: 0..<strings.count, using: &rng)] + "\(k)"
                let member = sample(&rng, depth: depth + 1)
                members[key] = member.value
                parts.append(pad(escaped(key, &rng)) + ":" + member.text)
            }
            return Sample(
                value: .object(members), text: pad("{" + parts.joined(separator: ",") + "}"))
        }
    }

    /// A string literal with each character written plainly or as an escape, at random.
    static func escaped(_ s: String, _ rng: inout SeededGenerator) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            let plain = scalar.value >= 0x20 && scalar != "\"" && scalar != "\\"
            if plain && Bool.random(using: &rng) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value > 0xFFFF {
                let v = scalar.value - 0x10000
                out += String(format: "\\u%04X\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
            } else if scalar == "\"" {
                out += "\\\""
            } else if scalar == "/" && Bool.random(using: &rng) {
                out += "\\/"
            } else {
                out += String(format: "\\u%04x", scalar.value)
            }
        }
        return out + "\""
    }

    @Test("random documents with every escape and number form read back as written")
    func randomDocuments() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<3000 {
            let s = Self.sample(&rng)
            let parsed = try JSONValue.parse(Data(s.text.utf8))
            #expect(parsed == s.value, "\(s.text)")
            if case .number(let n) = s.value, n == 0, case .number(let m) = parsed {
                #expect(n.sign == m.sign, "\(s.text)")
            }
        }
    }

    @Test(
        "malformed and ambiguous texts are refused with the place",
        arguments: [
            ("{", "ends inside an object"), ("[1,]", "unexpected character"),
            ("{\"a\":1,}", "key in quotes"),
            ("01", "leading zero"), ("1.", "after '.'"), (".5", "unexpected character"),
            ("-", "without digits"),
            ("1e", "exponent"), ("tru", "unknown word"), ("\"abc", "ends inside a string"),
            ("\"\\x\"", "unknown escape"), ("\"a\u{01}b\"", "control character"),
            ("{\"lat\":1,\"lat\":2}", "appears twice"), ("\"\\ud800\"", "surrogate"),
            ("\"\\udc00x\"", "surrogate"),
            ("1e400", "too large"), ("[1] x", "after the end"), ("{1:2}", "key in quotes"),
            ("", "ends where a value"),
            ("[\n1,\n2 3]", "line 3, column 3"), ("\"\\u12\"", "four hex digits"),
            ("nul", "unknown word"),
        ])
    func refusals(text: String, says: String) {
        #expect {
            try JSONValue.parse(Data(text.utf8))
        } throws: { error in
            guard let e = error as? FormatError, case .malformed(_, _, let reason) = e else {
                return false
            }
            return reason.hasPrefix("not valid JSON") && reason.contains(says)
                && reason.contains("line")
        }
    }

    @Test("bytes that are not UTF-8, and nesting past the limit, are refused; a UTF-8 BOM is not")
    func bytesAndDepth() throws {
        #expect(throws: FormatError.self) { try JSONValue.parse(Data([0x22, 0xFF, 0x22])) }
        #expect(throws: FormatError.self) { try JSONValue.parse(Data([0x22, 0xC3, 0x22])) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: FormatError.self) { try JSONValue.parse(Data(deep.utf8)) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValue.parse(Data(fine.utf8)) }
        #expect(try JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array("{}".utf8))) == .object([:]))
    }

    @Test(
        "never more lenient than Foundation: what it reads of mutated documents, Foundation reads too"
    )
    func mutations() throws {
        var rng = SeededGenerator(seed: 9)
        let alphabet = Array("{}[]\":,.-+eE0123456789 \\/utnfal\u{1}x".utf8)
        var accepted = 0
        for _ in 0..<4000 {
            var bytes = Array(Self.sample(&rng).text.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
                let k = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.remove(at: k)
                case 1:
                    bytes.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: k)
                default: bytes[k] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                }
            }
            let data = Data(bytes)
            guard (try? JSONValue.parse(data)) != nil else { continue }
            accepted += 1
            #expect(
                (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil,
                "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 100)
    }
}
