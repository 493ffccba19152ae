import Foundation

/// In JSON a time is a UTC ISO 8601 string (`"2026-11-20T14:40:00Z"`, milliseconds when not
/// zero). Decoding also takes any UTC offset (kept as the time's offset), and the object
/// `{"millisecondsSince1970": …, "offsetMinutes": …}` that plans stored before this form.
extension Timestamp: Codable {
    private enum LegacyKeys: String, CodingKey {
        case millisecondsSince1970, offsetMinutes
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(),
            let text = try? single.decode(String.self)
        {
            do {
                self = try Timestamp.parse(text, defaultOffsetMinutes: 0).timestamp
            } catch {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "\"\(text)\" is not an ISO 8601 time: \(error)")
            }
            return
        }
        let container = try decoder.container(keyedBy: LegacyKeys.self)
        self.init(
            millisecondsSince1970: try container.decode(Int64.self, forKey: .millisecondsSince1970),
            offsetMinutes: try container.decodeIfPresent(Int.self, forKey: .offsetMinutes) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601())
    }
}
