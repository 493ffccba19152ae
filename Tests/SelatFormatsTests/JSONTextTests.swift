import Foundation
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
