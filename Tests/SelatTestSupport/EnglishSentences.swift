import SelatWords

/// The English sentences of the message catalogue that a page written in Indonesian must not
/// contain: each entry's longest run of words between blanks, when it has two words or more and
/// is not also in the Indonesian text.
public func englishSentencesOfTheCatalogue() -> [(key: String, text: String)] {
    Catalogue.shared.entries.compactMap { key, texts in
        guard let en = texts[.en], let id = texts[.id], en != id else { return nil }
        let runs = en.split(whereSeparator: { $0 == "{" || $0 == "}" }).enumerated()
            .filter { $0.offset % 2 == (en.hasPrefix("{") ? 1 : 0) }
            .map { $0.element.trimmingCharacters(in: " .,;:()—–-%`") }
        guard let longest = runs.max(by: { $0.count < $1.count }),
            longest.split(separator: " ").count >= 2, !id.contains(longest)
        else { return nil }
        return (key, longest)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        return String(
            drop(while: { chars.contains($0) }).reversed().drop(while: { chars.contains($0) })
                .reversed())
    }
}
