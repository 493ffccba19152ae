import Foundation

/// Every sentence Selat shows people, in each language: one catalogue (`messages.json`), keyed by
/// stable names such as `briefing.title`, each entry holding the English and the Indonesian text.
/// Texts name their blanks in braces: `"Plan {plan}, night {night}"`; ``text(_:_:_:)`` fills them.
///
/// The command line, the station server, its web app and the documents the core writes (briefings,
/// reports, maps) all take their words from here; tests check that every key has both languages,
/// the same blanks in each, and is used somewhere.
public struct Catalogue: Sendable {
    /// The texts by key, then by language.
    public let entries: [String: [Language: String]]

    /// The catalogue shipped with Selat.
    public static let shared: Catalogue = {
        guard let url = Bundle.module.url(forResource: "messages", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let catalogue = try? Catalogue(json: data)
        else {
            preconditionFailure(
                "Selat's message catalogue (messages.json) is missing or unreadable")
        }
        return catalogue
    }()

    /// Reads a catalogue: a JSON object of keys, each an object of language codes to texts.
    public init(json: Data) throws {
        let object = try JSONDecoder().decode([String: [String: String]].self, from: json)
        var entries: [String: [Language: String]] = [:]
        for (key, texts) in object {
            var byLanguage: [Language: String] = [:]
            for (code, text) in texts {
                guard let language = Language(rawValue: code) else { continue }
                byLanguage[language] = text
            }
            entries[key] = byLanguage
        }
        self.entries = entries
    }

    /// The text of `key` in `language` with its blanks filled from `values`. A key missing from the
    /// catalogue (a bug the tests catch) shows itself rather than a wrong sentence; a text missing
    /// in one language falls back to English.
    public func text(
        _ key: String, _ language: Language, _ values: KeyValuePairs<String, String> = [:]
    ) -> String {
        text(key, language, values.map { Phrase.Blank(name: $0.key, value: $0.value) })
    }

    /// The text of `key` in `language` with its blanks filled from `values`.
    func text(_ key: String, _ language: Language, _ values: [Phrase.Blank]) -> String {
        guard let entry = entries[key], let template = entry[language] ?? entry[.en] else {
            return "[\(key)]"
        }
        return Self.fill(template, values)
    }

    /// Replaces each `{name}` in `template` with its value; blanks without a value stay as they are.
    static func fill(_ template: String, _ values: [Phrase.Blank]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.name == name })?.value {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The names of the blanks in a text, in order: `["plan", "night"]`.
    public static func blanks(_ template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"),
            let close = rest[open...].firstIndex(of: "}")
        {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// The words of one language: `words["briefing.title", ["call_sign": "KP-1"]]`.
public struct Words: Sendable {
    public let language: Language
    public let catalogue: Catalogue

    public init(_ language: Language, catalogue: Catalogue = .shared) {
        self.language = language
        self.catalogue = catalogue
    }

    /// The text of `key` with its blanks filled.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:])
        -> String
    {
        catalogue.text(key, language, values)
    }

    /// A clock time for people to read: `21:40 WIB`, or `21.40 WIB` in Indonesian (PUEBI writes
    /// hours and minutes with a point).
    public func clock(_ text: String) -> String {
        language == .id ? text.replacingOccurrences(of: ":", with: ".") : text
    }

    /// A number for people to read: the decimal comma in Indonesian (`2,5`), the point in English;
    /// never for data files.
    public func number(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
