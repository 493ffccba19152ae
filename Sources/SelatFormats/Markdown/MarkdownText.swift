import Foundation

/// Stored text put into Markdown (reports, briefings). Markdown passes HTML through, so a name or
/// note holding `<script>` or `<img onerror=…>` would run when the file is previewed or turned
/// into HTML: `&`, `<` and `>` are written as entities, and table cells escape `|`.
public enum MarkdownText {
    /// `text` with HTML markup shown as text.
    public static func escaped(_ text: String) -> String { HTMLText.escaped(text) }

    /// A table cell: escaped, with `|` escaped and line breaks as spaces.
    public static func cell(_ text: String) -> String {
        escaped(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
            of: "\r\n", with: " "
        )
        .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
