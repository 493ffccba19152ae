import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatKit

/// An RFC 9457 problem document (`application/problem+json`): a stable `code`, a human title and
/// detail, and — where one input is at fault — the `field`, the `value` given and what is
/// `allowed`.
struct Problem: Error, HTTPResponseError, Encodable, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let title: String
    let detail: String
    var field: String?
    var value: String?
    var allowed: String?
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    init(
        _ status: HTTPResponse.Status, code: String, title: String, detail: String,
        field: String? = nil, value: String? = nil, allowed: String? = nil
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, field, value, allowed
    }

    func encode(to encoder: any Encoder) throws {
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
        let data = try encoder.encode(self)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
