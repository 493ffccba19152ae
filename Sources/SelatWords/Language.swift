import Foundation

/// A language Selat speaks. Data keys (CSV columns, GeoJSON properties, API fields, enum values)
/// stay English identifiers in every language; only the words people read change.
public enum Language: String, CaseIterable, Sendable, Codable {
    /// Bahasa Indonesia.
    case id
    /// English.
    case en

    /// Reads a language tag or locale name: `id`, `id-ID`, `id_ID.UTF-8`, `in` (the tag Indonesian had
    /// before 1989, still sent by some phones), `en`, `en-GB`, `C`/`POSIX` (English). Nil for any other.
    public init?(code: String) {
        let base = code.lowercased().split(whereSeparator: { "-_.@".contains($0) }).first.map(
            String.init)
        switch base {
        case "id", "in", "ind", "indonesian", "indonesia": self = .id
        case "en", "eng", "english", "c", "posix": self = .en
        default: return nil
        }
    }

    /// The language of a command: `SELAT_LANG`, else the POSIX locale variables in their order of
    /// precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`); English when none names Indonesian or English.
    /// (`--lang` is read before this, by the command line.)
    public static func from(environment: [String: String]) -> Language {
        // The first variable that is set decides, as in POSIX, even when it names neither language.
        for name in ["SELAT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(code: value) ?? .en
        }
        return .en
    }

    /// The language a browser prefers, from its `Accept-Language` header (RFC 9110 §12.5.4): the
    /// highest-weighted range that is Indonesian or English (`*` means English); English when
    /// neither is acceptable.
    public static func from(acceptLanguage header: String) -> Language {
        var best: (language: Language, q: Double)?
        for item in header.split(separator: ",") {
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = fields.first, !range.isEmpty else { continue }
            var q = 1.0
            for parameter in fields.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            guard q > 0 else { continue }
            let language = range == "*" ? .en : Language(code: range)
            guard let language else { continue }
            if best == nil || q > best!.q { best = (language, q) }
        }
        return best?.language ?? .en
    }
}
