import SelatGeo
import Testing

@Suite("Decimal digits written by hand")
struct DecimalDigitsTests {
    @Test(
        "digits equal Swift's own, zero-padded to the width",
        arguments: [
            (UInt64(0), 1), (0, 3), (7, 2), (10, 1), (999, 3), (1000, 2), (2026, 4), (59, 2),
            (123_456_789, 12), (UInt64.max, 1),
        ])
    func digits(value: UInt64, width: Int) {
        let count = DecimalDigits.count(value, width: width)
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: count + 2)
        bytes.withUnsafeMutableBufferPointer {
            DecimalDigits.write(value, count: count, into: $0, at: 1)
        }
        let plain = String(value)
        let expected = String(repeating: "0", count: max(0, width - plain.count)) + plain
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + expected + "x")
    }
}
