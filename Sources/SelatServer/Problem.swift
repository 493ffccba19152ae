import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatKit
import SelatWords

/// An RFC 9457 problem document (`application/problem+json`): a stable `code`, a human title and
/// detail, and — where one input is at fault — the `field`, the `value` given and what is
/// `allowed`.
///
/// The title and detail are not words yet: they are worded when the answer is written, in the
/// request's language (`?lang=`, else `Accept-Language`), so the web app shows them in Indonesian
/// to an officer who reads Indonesian.
struct Problem: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let title: Phrase
    let detail: Detail
    var field: String?
    var value: String?
    var allowed: String?
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    /// The detail, worded with the server's control names in the request's language.
    struct Detail: Sendable {
        let words: @Sendable (ControlNames) -> String
    }

    init(
        _ status: HTTPResponse.Status, code: String, title: Phrase, detail: Phrase,
        field: String? = nil, value: String? = nil, allowed: String? = nil
    ) {
        self.init(
            status, code: code, title: title, words: { detail.text($0.words) }, field: field,
            value: value, allowed: allowed)
    }

    /// A problem whose detail is worded by `words` (an error of the core, in the user's language).
    init(
        _ status: HTTPResponse.Status, code: String, title: Phrase,
        words: @escaping @Sendable (ControlNames) -> String,
        field: String? = nil, value: String? = nil, allowed: String? = nil
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = Detail(words: words)
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    /// The title and detail in `language`.
    func words(_ language: Language) -> (title: String, detail: String) {
        let names = ControlNames.api.speaking(language)
        return (title.text(names.words), detail.words(names))
    }

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, field, value, allowed
    }

    /// The document in `language`.
    struct Document: Encodable {
        let problem: Problem
        let language: Language

        func encode(to encoder: any Encoder) throws {
            try problem.encode(to: encoder, in: language)
        }
    }

    func encode(to encoder: any Encoder, in language: Language) throws {
        let (title, detail) = words(language)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("urn:selat:problem:\(code)", forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(status.code, forKey: .status)
        try c.encode(detail, forKey: .detail)
        try c.encode(code, forKey: .code)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(allowed, forKey: .allowed)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(
            Document(problem: self, language: ServerLanguage.answering(request)))
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
