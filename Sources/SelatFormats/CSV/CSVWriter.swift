import Foundation

/// Writes CSV per RFC 4180: comma-separated, CRLF-free (LF line ends, as most tools prefer),
/// fields quoted only when they hold a comma, quote, line break or leading/trailing space.
public enum CSVWriter {
    /// One field, quoted if needed.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, with its line break.
    public static func record(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\n"
    }
}
