import Hummingbird
import SelatWords

/// The language a request is answered in, for the pages people read (briefings): `?lang=id|en`
/// when given, else the browser's `Accept-Language`, else English.
enum ServerLanguage {
    static func of(_ request: Request) throws -> Language {
        if let asked = request.uri.queryParameters.get("lang") {
            guard let language = Language(rawValue: asked.lowercased()) else {
                throw Problem.invalid(
                    "lang", asked, "lang is id (Bahasa Indonesia) or en (English)",
                    code: "out_of_range")
            }
            return language
        }
        return Language.from(acceptLanguage: request.headers[.acceptLanguage] ?? "")
    }
}
