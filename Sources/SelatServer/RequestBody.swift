import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatKit
import SelatWords

/// Reading JSON bodies with limits, and writing JSON answers.
enum RequestBody {
    /// The body as a JSON object: `application/json`, at most `limit` bytes, well-formed.
    static func object(_ request: Request, limit: Int = StationServer.Limits.jsonBytes)
        async throws -> [String: JSONValue]
    {
        let buffer = try await json(request, limit: limit)
        let value: JSONValue
        do { value = try JSONValue.parse(Data(buffer: buffer)) } catch {
            throw Problem(
                .badRequest, code: "malformed_json", title: Phrase("problem.title.malformed_json"),
                detail: Phrase("problem.malformed_json", ["reason": error.description]))
        }
        guard case .object(let object) = value else {
            throw Problem(
                .unprocessableContent, code: "not_an_object",
                title: Phrase("problem.title.not_an_object"),
                detail: Phrase("problem.not_an_object", ["found": value.summary]))
        }
        return object
    }

    /// The body's bytes, when it is `application/json` of at most `limit` bytes.
    static func json(_ request: Request, limit: Int) async throws -> ByteBuffer {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw Problem(
                .unsupportedMediaType, code: "wrong_content_type",
                title: Phrase("problem.title.send_json"),
                detail: Phrase("problem.send_json"),
                field: "Content-Type", value: type.isEmpty ? "(none)" : type,
                allowed: "application/json")
        }
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch {
            throw Problem(
                .contentTooLarge, code: "body_too_large", title: Phrase("problem.title.too_large"),
                detail: Phrase("problem.body_kib", ["kib": "\(limit / 1024)"]))
        }
    }

    /// A time written in any form the command line reads (WIB when it has no offset).
    static func time(_ text: String, field: String, code: String = "invalid_field") throws
        -> Timestamp
    {
        do throws(GeoError) {
            return try Timestamp.parse(text, defaultOffsetMinutes: 420).timestamp
        } catch {
            throw Problem.invalid(field, text, words: { error.words($0.words) }, code: code)
        }
    }

    /// A field's value as the text a CSV cell would hold: strings as they are, numbers in their
    /// shortest exact form, null as absent; anything else is refused naming the field.
    static func text(_ value: JSONValue, field: String) throws -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s
        case .number(let n): return Sighting.exactDecimal(n)
        default:
            throw Problem.invalid(
                field, value.summary, Phrase("problem.string_or_number", ["field": field]))
        }
    }
}

/// A JSON number that must be a whole number in `range`, exactly (no rounding, no trap on 1e30).
func wholeNumber<T: FixedWidthInteger>(
    _ value: JSONValue, field: String, in range: ClosedRange<T>
) throws -> T {
    guard case .number(let n) = value, let v = T(exactly: n), range.contains(v) else {
        throw Problem.invalid(
            field, value.summary,
            Phrase(
                "problem.whole_in_range",
                ["field": field, "low": "\(range.lowerBound)", "high": "\(range.upperBound)"]),
            code: "out_of_range")
    }
    return v
}

/// A JSON answer (``ResultJSON``: snake_case keys, UTC times).
func jsonResponse<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status,
        headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
        body: .init(byteBuffer: ByteBuffer(string: ResultJSON.text(value))))
}

/// A text answer of a given type.
func textResponse(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: type, .cacheControl: "no-store"],
        body: .init(byteBuffer: ByteBuffer(string: text)))
}
