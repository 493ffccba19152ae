import Foundation
import SelatWords

#if canImport(Glibc)
    import Glibc
#endif

/// The words ArgumentParser itself writes around Selat's help and its own refusals (`USAGE:`,
/// `Missing expected argument`), said in this run's language. ArgumentParser has no catalogue of
/// its own, so the command line rewrites its fixed phrases, each from Selat's catalogue.
enum ParserWords {
    /// ArgumentParser's fixed phrases, as catalogue keys; the English text is what it writes.
    static let keys = [
        "cli.parser.overview", "cli.parser.usage", "cli.parser.usage_line",
        "cli.parser.arguments", "cli.parser.options", "cli.parser.subcommands",
        "cli.parser.values", "cli.parser.default_value", "cli.parser.default_subcommand",
        "cli.parser.show_help", "cli.parser.show_version", "cli.parser.see_help", "cli.parser.see",
        "cli.parser.more_information", "cli.parser.error", "cli.parser.help_line",
        "cli.parser.missing_argument", "cli.parser.unknown_option", "cli.parser.invalid_value",
        "cli.parser.missing_value", "cli.parser.the_value", "cli.parser.provide_one_of",
        "cli.parser.did_you_mean", "cli.parser.unexpected_argument",
    ]

    /// `text` as ArgumentParser wrote it, with its phrases in `language`.
    static func translate(_ text: String, to language: Language) -> String {
        guard language != .en else { return text }
        let english = Words(.en)
        let words = Words(language)
        var out = text
        for key in keys {
            out = out.replacingOccurrences(of: english(key), with: words(key))
        }
        // The list of allowed values: "'a', 'b' or 'c'" joined in the language's words.
        let offer = words("cli.parser.provide_one_of")
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.contains(offer) else { return String(line) }
            return line.replacingOccurrences(
                of: "' or '", with: "' " + words("kit.list_or_word") + " '"
            )
            .replacingOccurrences(of: "' and '", with: "' " + words("kit.list_or_word") + " '")
        }.joined(separator: "\n")
    }

    /// The width help is written to: `COLUMNS`, else the terminal's, else 80 (ArgumentParser's
    /// own rule for the text it wraps).
    static var width: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 20 {
            return n
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Wraps the usage lines ArgumentParser leaves longer than `width` (it never wraps them): at
    /// spaces outside `[…]` and `<…>`, continuing under the command. Other lines (messages a
    /// user may search for or copy) are left whole.
    static func wrapped(_ text: String, width: Int) -> String {
        let labels = ["cli.parser.usage", "cli.parser.usage_line"].flatMap { key in
            Language.allCases.map { Words($0)(key) }
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let body = line.drop(while: { $0 == " " })
            guard line.count > width, labels.contains(where: { body.hasPrefix($0 + " ") }) else {
                return String(line)
            }
            let lead = line.prefix(while: { $0 == " " })
            var tokens: [String] = []
            var token = ""
            var depth = 0
            for c in line.dropFirst(lead.count) {
                if c == "[" || c == "<" { depth += 1 }
                if c == "]" || c == ">" { depth = max(0, depth - 1) }
                if c == " " && depth == 0 {
                    if !token.isEmpty { tokens.append(token) }
                    token = ""
                } else {
                    token.append(c)
                }
            }
            if !token.isEmpty { tokens.append(token) }
            // Continuation lines start under the first word after the label (`PAKAI: `).
            let label = tokens.first.map { $0.hasSuffix(":") ? $0.count + 1 : 2 } ?? 2
            let indent = String(lead) + String(repeating: " ", count: min(label, width / 3))
            var lines: [String] = []
            var current = String(lead)
            for t in tokens {
                let start = current.allSatisfy { $0 == " " }
                if !start && current.count + 1 + t.count > width {
                    lines.append(current)
                    current = indent + t
                } else {
                    current += (start ? "" : " ") + t
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
