import Foundation

/// The JSON form of Selat's typed values (results, stored runs and plans): snake_case keys,
/// sorted, times as UTC ISO 8601 strings (``Timestamp``), units in the key (`distance_nm`,
/// `density_km2`, `hours_wib`). What the server sends and `--json` prints.
public enum ResultJSON {
    /// An encoder with Selat's conventions (a new one each time: encoders are not Sendable).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting =
            pretty
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// A decoder for what ``encoder(pretty:)`` writes (and for camelCase keys written earlier).
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }

    /// `value` as JSON text.
    public static func text<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        // Selat's result types hold only strings, numbers, arrays and objects: encoding cannot fail.
        let data = try! encoder(pretty: pretty).encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes `text`.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder().decode(type, from: Data(text.utf8))
    }
}
