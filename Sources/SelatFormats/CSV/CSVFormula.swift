import Foundation

/// Cells that a spreadsheet would run as a formula (CSV injection, OWASP): a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe, which
/// Excel, LibreOffice and Google Sheets show as text (OWASP's advice). Plain numbers (`-1.5`,
/// `+7`) are left as they are: a spreadsheet reads them as numbers, never as formulas.
///
/// Selat's readers undo it, so every value reads back unchanged: a cell that starts with an
/// apostrophe followed by one of those characters or by another apostrophe loses that one
/// apostrophe. A value that itself starts that way is written with one more, so the rule is
/// exact both ways. (A partner's cell that really starts with `'=` or `''` reads without its
/// first apostrophe: the documented cost of reading Selat's own files back exactly.)
public enum CSVFormula {
    static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]  // = + - @ TAB CR
    static let apostrophe: UInt8 = 0x27

    /// The value as a spreadsheet-safe cell.
    public static func escape(_ value: String) -> String {
        var bytes = value.utf8.makeIterator()
        guard let first = bytes.next() else { return value }
        if triggers.contains(first) {
            return isPlainNumber(value) ? value : "'" + value
        }
        if first == apostrophe, let second = bytes.next(),
            triggers.contains(second) || second == apostrophe
        {
            return "'" + value
        }
        return value
    }

    /// The value a cell written by ``escape(_:)`` holds.
    public static func unescape(_ cell: String) -> String {
        var bytes = cell.utf8.makeIterator()
        guard bytes.next() == apostrophe, let second = bytes.next(),
            triggers.contains(second) || second == apostrophe
        else {
            return cell
        }
        return String(cell.dropFirst())
    }

    /// `-1.5`, `+7`, `-2e-5`: a sign, digits, an optional point and exponent, nothing else.
    public static func isPlainNumber(_ value: String) -> Bool {
        let b = Array(value.utf8)
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        var digits = 0
        while i < b.count, (0x30...0x39).contains(b[i]) {
            i += 1
            digits += 1
        }
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, (0x30...0x39).contains(b[i]) {
                i += 1
                digits += 1
            }
        }
        guard digits > 0 else { return false }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            var exponent = 0
            while i < b.count, (0x30...0x39).contains(b[i]) {
                i += 1
                exponent += 1
            }
            guard exponent > 0 else { return false }
        }
        return i == b.count
    }
}
