/// A sentence not yet in any language: a catalogue key and the values of its blanks. The core
/// carries phrases in its typed errors (the reason a value was refused) so that each front end
/// can word them in its user's language, at the edge.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    /// The catalogue key (`geo.reason.minutes_range`).
    public let key: String
    /// The blanks' values, by name, in order.
    public let values: [Blank]

    /// One named blank and its value: data (numbers, names, the text a user gave) as it is, or
    /// — when `isKey` — a catalogue key whose text fills the blank (`degrees`, `derajat`).
    public struct Blank: Sendable, Hashable {
        public let name: String
        public let value: String
        public var isKey = false
    }

    /// - Parameters:
    ///   - values: blanks filled with data, as given.
    ///   - words: blanks filled with the text of another catalogue key.
    public init(
        _ key: String, _ values: KeyValuePairs<String, String> = [:],
        words: KeyValuePairs<String, String> = [:]
    ) {
        self.key = key
        self.values =
            values.map { Blank(name: $0.key, value: $0.value) }
            + words.map { Blank(name: $0.key, value: $0.value, isKey: true) }
    }

    /// The phrase in `words`' language.
    public func text(_ words: Words) -> String {
        let filled = values.map {
            $0.isKey ? Blank(name: $0.name, value: words($0.value)) : $0
        }
        return words.catalogue.text(key, words.language, filled)
    }

    /// The English text (logs, test failures).
    public var description: String { text(Words(.en)) }
}
