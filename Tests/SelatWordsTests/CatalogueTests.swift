import Foundation
import Testing

@testable import SelatWords

/// The catalogue itself: both languages everywhere, the same blanks, every entry used, every key
/// used present.
@Suite("The message catalogue")
struct CatalogueTests {
    static let catalogue = Catalogue.shared

    /// The repository's `Sources` folder (this file is Tests/SelatWordsTests/…).
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The text of every Swift, JavaScript and HTML source file, except the catalogue.
    static let sourceTexts: [(name: String, text: String)] = {
        var out: [(String, String)] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard ["swift", "js", "html"].contains(url.pathExtension),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            out.append((url.lastPathComponent, text))
        }
        return out
    }()

    @Test("every entry has an English and an Indonesian text, with the same blanks")
    func complete() {
        #expect(Self.catalogue.entries.count > 20)
        for (key, texts) in Self.catalogue.entries {
            for language in Language.allCases {
                let text = texts[language]?.trimmingCharacters(in: .whitespaces) ?? ""
                #expect(!text.isEmpty, "\(key) has no \(language.rawValue) text")
            }
            if let en = texts[.en], let id = texts[.id] {
                #expect(
                    Set(Catalogue.blanks(en)) == Set(Catalogue.blanks(id)),
                    "\(key): the blanks differ between English and Indonesian")
            }
        }
    }

    @Test("every entry is used by some source file, by its full key")
    func noUnusedEntries() {
        for key in Self.catalogue.entries.keys {
            let quoted = ["\"\(key)\"", "'\(key)'"]
            let used = Self.sourceTexts.contains { file in
                quoted.contains { file.text.contains($0) }
            }
            #expect(used, "catalogue entry \(key) is used nowhere")
        }
    }

    @Test("every key the code asks for is in the catalogue")
    func noMissingKeys() throws {
        // words("key"), w("key"), n("key"), $0("key"), Words(…)("key"), Phrase("key"), t('key') in
        // the web app, data-i18n="key".
        let pattern = try Regex(
            #"(?:\bwords|\bw|\bn|\$0|\)|\bt|\bPhrase)\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']|data-i18n(?:-[a-z]+)?="([a-z][a-z0-9_.]*)""#
        )
        var asked = 0
        for file in Self.sourceTexts {
            for match in file.text.matches(of: pattern) {
                let key = (match.output[1].substring ?? match.output[2].substring).map(String.init)
                guard let key else { continue }
                asked += 1
                #expect(
                    Self.catalogue.entries[key] != nil,
                    "\(file.name) asks for \(key), which the catalogue lacks")
            }
        }
        #expect(asked >= Self.catalogue.entries.count / 2)
    }

    @Test("blanks are filled by name; a missing key shows itself")
    func filling() {
        let words = Words(.id)
        #expect(
            words("briefing.map.title", ["call_sign": "KP-1", "night": "2"]) == "KP-1, malam ke-2")
        #expect(Words(.en)("briefing.map.title", ["night": "2"]) == "{call_sign}, night 2")
        #expect(words("no.such.key") == "[no.such.key]")
        #expect(words.number(2.5, decimals: 1) == "2,5")
        #expect(Words(.en).number(2.5, decimals: 1) == "2.5")
        #expect(words.number(-0.04, decimals: 1) == "-0,0")
    }

    @Test(
        "the language comes from SELAT_LANG, then LC_ALL, LC_MESSAGES, LANG",
        arguments: [
            (["LANG": "id_ID.UTF-8"], Language.id), (["LANG": "en_US.UTF-8"], .en),
            (["SELAT_LANG": "en", "LANG": "id_ID.UTF-8"], .en),
            (["SELAT_LANG": "id", "LANG": "en_GB.UTF-8"], .id),
            (["LC_ALL": "id_ID", "LANG": "en_US"], .id),
            (["LC_MESSAGES": "C", "LANG": "id_ID"], .en), ([:], .en),
            (["LANG": "fr_FR.UTF-8"], .en), (["LANG": "in_ID"], .id),
        ])
    func fromEnvironment(_ environment: [String: String], _ expected: Language) {
        #expect(Language.from(environment: environment) == expected)
    }

    @Test(
        "a browser's Accept-Language picks the language it weights highest",
        arguments: [
            ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", Language.id), ("en-GB,en;q=0.9,id;q=0.8", .en),
            ("ms-MY,id;q=0.5,en;q=0.4", .id), ("fr-FR,de;q=0.9", .en), ("", .en),
            ("en;q=0.2, id;q=0.8", .id), ("id;q=0, en", .en), ("*", .en), ("in-ID", .id),
        ])
    func fromBrowser(_ header: String, _ expected: Language) {
        #expect(Language.from(acceptLanguage: header) == expected)
    }
}
