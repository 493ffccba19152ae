import Foundation
import SelatTestSupport
import Testing

@testable import SelatFormats

@Suite("JSON text")
struct JSONTextTests {
    @Test("strings escape quotes, backslashes and control characters")
    func strings() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
    }

    @Test("numbers have at most 7 decimals and no trailing zeros")
    func numbers() {
        #expect(JSONText.number(104.05519) == "104.05519")
        #expect(JSONText.number(1.123456789) == "1.1234568")
        #expect(JSONText.number(-0.00000001) == "0")
        #expect(JSONText.number(25) == "25")
    }

    @Test(
        "numbers are Foundation's %.Nf with trailing zeros cut, for positions, measures, ties, tiny and huge values"
    )
    func numbersAsPrintf() {
        var rng = SeededGenerator(seed: 22)
        func reference(_ x: Double, _ d: Int) -> String {
            var t = String(format: "%.\(d)f", x)
            if t.contains(".") {
                while t.hasSuffix("0") { t.removeLast() }
                if t.hasSuffix(".") { t.removeLast() }
            }
            return t == "-0" ? "0" : t
        }
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 1e-7, 5e-8, -5e-8, 1e-9, 99_999_999.99, 1e8, 1e15,
            123_456_789.123, 104.0551900, 1.2150000001, 0.1 + 0.2, 8.45, 8.55, 0.0000005,
        ]
        for _ in 0..<5_000 {
            // Positions as typed (6 decimals), measures (1 decimal), and any double.
            values.append((Double.random(in: -180...180, using: &rng) * 1e6).rounded() / 1e6)
            values.append((Double.random(in: 0...100, using: &rng) * 10).rounded() / 10)
            values.append(Double.random(in: -1e9...1e9, using: &rng))
            values.append(Double.random(in: -1...1, using: &rng) * 1e-6)
        }
        for x in values {
            for d in 0...9 {
                #expect(JSONText.number(x, decimals: d) == reference(x, d), "\(x) to \(d)")
            }
        }
    }

    @Test("parses JSON keeping booleans apart from numbers")
    func parse() throws {
        let v = try JSONValue.parse(Data("{\"a\":true,\"b\":1,\"c\":null,\"d\":[\"x\"]}".utf8))
        #expect(
            v
                == .object([
                    "a": .bool(true), "b": .number(1), "c": .null, "d": .array([.string("x")]),
                ]))
        #expect(throws: FormatError.self) { try JSONValue.parse(Data("{\"a\":".utf8)) }
    }
}
