import Foundation

/// Text put where HTML is rendered (Markdown, Google Earth's descriptions), shown as written.
public enum HTMLText {
    /// `text` with `&`, `<`, `>` (and with `quotes`, `"` and `'`) as entities; with `lineBreaks`,
    /// each line break becomes `<br>` so the lines show as typed.
    public static func escaped(_ text: String, quotes: Bool = false, lineBreaks: Bool = false)
        -> String
    {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\n" where lineBreaks: out += "<br>"
            case "\r" where lineBreaks: continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
