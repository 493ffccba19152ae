import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatKit

/// Reading JSON bodies with limits, and writing JSON answers.
enum RequestBody {
    /// The body as a JSON object: `application/json`, at most `limit` bytes, well-formed.
    static func object(_ request: Request, limit: Int = StationServer.Limits.jsonBytes)
        async throws -> [String: JSONValue]
    {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw Problem(
                .unsupportedMediaType, code: "wrong_content_type", title: "Send JSON",
                detail: "This route takes a JSON object with Content-Type: application/json.",
                field: "Content-Type", value: type.isEmpty ? "(none)" : type,
                allowed: "application/json")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw Problem(
                .contentTooLarge, code: "body_too_large", title: "Request too large",
                detail: "The body is larger than \(limit / 1024) KiB.")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(Data(buffer: buffer)) } catch {
            throw Problem(
                .badRequest, code: "malformed_json", title: "The body is not valid JSON",
                detail: error.description)
        }
        guard case .object(let object) = value else {
            throw Problem(
                .unprocessableContent, code: "not_an_object", title: "Send a JSON object",
                detail: "The body must be a JSON object, found \(value.summary).")
        }
        return object
    }

    /// A time written in any form the command line reads (WIB when it has no offset).
    static func time(_ text: String, field: String, code: String = "invalid_field") throws
        -> Timestamp
    {
        do throws(GeoError) {
            return try Timestamp.parse(text, defaultOffsetMinutes: 420).timestamp
        } catch {
            throw Problem.invalid(field, text, error.description, code: code)
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
            throw Problem.invalid(field, value.summary, "\(field) must be a string or a number")
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
            "\(field) is a whole number from \(range.lowerBound) to \(range.upperBound)",
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
