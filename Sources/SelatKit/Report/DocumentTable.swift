import Foundation
import SelatFormats

/// A table for printed documents (briefings, reports): as Markdown or as HTML.
struct DocumentTable {
    var headers: [String]
    var rows: [[String]]

    var markdown: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
        }
        return line(headers) + line(headers.map { _ in "---" }) + rows.map(line).joined()
    }

    var html: String {
        let e = GPXDocument.escape
        return "<table><thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined()
            + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined()
            + "</tbody></table>\n"
    }
}
