import Foundation

/// A parsed JSON value that keeps booleans, numbers and null apart on every platform.
public indirect enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// Parses JSON text (UTF-8) strictly: see ``JSONParser``.
    /// - Throws: a message naming what is wrong and where (line and column).
    public static func parse(_ data: Data) throws(FormatError) -> JSONValue {
        try JSONParser.parse(data)
    }

    /// The number, if this is one.
    public var number: Double? { if case .number(let n) = self { n } else { nil } }

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// Compact JSON text with sorted keys.
    public var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.isFinite ? JSONText.shortest(n) : "null"
        case .string(let s): JSONText.string(s)
        case .array(let a): "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let o):
            "{"
                + o.keys.sorted().map { JSONText.string($0) + ":" + o[$0]!.text }.joined(
                    separator: ",") + "}"
        }
    }

    /// A short description for messages: `"abc"`, `an array`, `true`.
    public var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): "\(n)"
        case .string(let s): "\"\(s.count > 40 ? String(s.prefix(37)) + "..." : s)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
