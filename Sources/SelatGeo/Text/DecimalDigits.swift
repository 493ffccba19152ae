/// Whole numbers as ASCII decimal digits, written by hand into bytes: the exports and streamed
/// answers write several numbers a row, where `String(value)` and `String(format:)` would make a
/// string for each.
public enum DecimalDigits {
    /// How many digits `value` takes, at least `width` (zeros in front).
    @inlinable
    public static func count(_ value: UInt64, width: Int = 1) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return max(count, width)
    }

    /// Writes `value` zero-padded to `count` digits (from ``count(_:width:)``) into
    /// `buffer[start..<start + count]`.
    @inlinable
    public static func write(
        _ value: UInt64, count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) {
        var v = value
        for i in stride(from: start + count - 1, through: start, by: -1) {
            buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
    }
}
