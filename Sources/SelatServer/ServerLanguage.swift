import Hummingbird
import SelatWords

/// The language a request is answered in, for the pages people read (briefings): `?lang=id|en`
/// when given, else the browser's `Accept-Language`, else English.
enum ServerLanguage {
    static func of(_ request: Request) throws -> Language {
        if let asked = request.uri.queryParameters.get("lang") {
            guard let language = Language(rawValue: asked.lowercased()) else {
                throw Problem.invalid(
                    "lang", asked, Phrase("problem.lang"), code: "out_of_range")
            }
            return language
        }
        return Language.from(acceptLanguage: request.headers[.acceptLanguage] ?? "")
    }

    /// The language of an answer (a problem document): as ``of(_:)``, English when `?lang=` is
    /// not a language (that mistake is itself answered in English).
    static func answering(_ request: Request) -> Language {
        (try? of(request)) ?? .en
    }
}
