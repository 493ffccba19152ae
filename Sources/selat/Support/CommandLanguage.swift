import Foundation
import SelatWords

/// The language of this run of `selat`: `--lang id|en` anywhere on the command line (read before
/// the arguments are parsed, so every command takes it), else `SELAT_LANG`, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`: `id_ID.UTF-8` means Bahasa Indonesia).
enum CommandLanguage {
    /// Set once, at start, by ``take(from:)``.
    nonisolated(unsafe) static var current: Language = .en

    /// Removes `--lang X` / `--lang=X` from `arguments` (up to a `--`) and sets ``current``.
    /// - Returns: the remaining arguments, or a message when the value is not a language.
    static func take(from arguments: [String], environment: [String: String]) -> (
        arguments: [String], problem: String?
    ) {
        var rest: [String] = []
        var chosen: String?
        var k = 0
        var ended = false
        while k < arguments.count {
            let a = arguments[k]
            if ended || a == "--" {
                ended = true
                rest.append(a)
            } else if a == "--lang" {
                guard k + 1 < arguments.count else {
                    return (
                        arguments, "--lang needs a value: id (Bahasa Indonesia) or en (English)"
                    )
                }
                chosen = arguments[k + 1]
                k += 1
            } else if a.hasPrefix("--lang=") {
                chosen = String(a.dropFirst("--lang=".count))
            } else {
                rest.append(a)
            }
            k += 1
        }
        if let chosen {
            guard let language = Language(rawValue: chosen.lowercased()) else {
                return (
                    arguments,
                    "--lang is id (Bahasa Indonesia) or en (English), not \"\(chosen)\""
                )
            }
            current = language
        } else {
            current = Language.from(environment: environment)
        }
        return (rest, nil)
    }
}

/// The text of catalogue entry `key` in this run's language (help texts, messages).
func cli(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
    Words(CommandLanguage.current)(key, values)
}

/// A phrase from below the command line (a progress message, a reason) in this run's language.
func cli(_ phrase: Phrase) -> String {
    phrase.text(Words(CommandLanguage.current))
}
