import Foundation

/// Writes CSV per RFC 4180: comma-separated, CRLF-free (LF line ends, as most tools prefer),
/// fields quoted only when they hold a comma, quote, line break or leading/trailing space (or
/// begin with a byte-order mark). Cells a spreadsheet would run as formulas are written as
/// text (``CSVFormula``); Selat's reader undoes it.
public enum CSVWriter {
    /// One field, spreadsheet-safe and quoted if needed.
    public static func field(_ value: String) -> String { quoted(CSVFormula.escape(value)) }

    /// One field, quoted if needed, without the formula guard.
    static func quoted(_ value: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        // A leading byte-order mark is quoted too, or a reader would take it for the file's own.
        let scalars = value.unicodeScalars
        let needsQuotes =
            scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || scalars.first == " " || scalars.last == " " || scalars.first == "\u{FEFF}"
        guard needsQuotes else { return value }
        // Quotes doubled scalar by scalar: a quote followed by a combining mark is one Character,
        // which a Character-level replace would leave single (and the field would end early).
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in scalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    /// One record, with its line break.
    public static func record(_ values: [String]) -> String {
        // One empty field would be an empty line, which readers skip: quote it.
        if values == [""] { return "\"\"\n" }
        return values.map(field).joined(separator: ",") + "\n"
    }
}
