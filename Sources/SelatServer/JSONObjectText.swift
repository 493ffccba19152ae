import Foundation
import HTTPTypes
import Hummingbird
import SelatKit

/// A JSON object written by hand, for the answers the server sends most (a sighting after each
/// `POST`): Foundation's encoder costs tens of microseconds an object. The output is what
/// ``ResultJSON`` writes — keys sorted, absent values left out, times in UTC ISO 8601 — and a
/// test holds the two equal.
struct JSONObjectText {
    private var members: [(key: String, value: String)] = []

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        members.append((key, JSONText.string(value)))
    }

    mutating func add(_ key: String, _ value: Double?) {
        guard let value else { return }
        members.append((key, Self.number(value)))
    }

    mutating func add(_ key: String, _ value: Int64) {
        members.append((key, String(value)))
    }

    mutating func add(_ key: String, _ value: Int?) {
        guard let value else { return }
        members.append((key, String(value)))
    }

    mutating func add(_ key: String, _ value: Bool) {
        members.append((key, value ? "true" : "false"))
    }

    mutating func add(_ key: String, _ value: Timestamp) {
        members.append((key, JSONText.string(value.iso8601())))
    }

    mutating func add(_ key: String, _ values: [String]) {
        members.append((key, "[" + values.map(JSONText.string).joined(separator: ",") + "]"))
    }

    /// The object, keys in sorted order.
    var text: String {
        let ordered =
            zip(members, members.dropFirst()).allSatisfy { $0.key < $1.key }
            ? members : members.sorted { $0.key < $1.key }
        var out = "{"
        out.reserveCapacity(ordered.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 4 })
        for (k, member) in ordered.enumerated() {
            if k > 0 { out += "," }
            out += JSONText.string(member.key)
            out += ":"
            out += member.value
        }
        out += "}"
        return out
    }

    /// A number as JSON: whole numbers without a fraction, others in Swift's shortest form that
    /// reads back to the same value; infinities and NaN as the strings ResultJSON writes.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return JSONText.shortest(value)
    }
}

extension APISighting {
    /// The sighting as the JSON ``ResultJSON`` would write, without Foundation's encoder.
    var jsonText: String {
        // Added in key order, so the object needs no sort.
        var o = JSONObjectText()
        o.add("activity", activity)
        o.add("agency", agency)
        o.add("confidence", confidence)
        o.add("flags", flags)
        o.add("heading_deg", headingDeg)
        o.add("id", id)
        o.add("lat", lat)
        o.add("lon", lon)
        o.add("notes", notes)
        o.add("observed_at", observedAt)
        o.add("observed_offset", observedOffset)
        o.add("personal_hidden", personalHidden)
        o.add("persons_aboard", personsAboard)
        o.add("sequence", sequence)
        o.add("source", source)
        o.add("speed_kn", speedKn)
        o.add("stored_at", storedAt)
        o.add("unit", unit)
        o.add("vessel_type", vesselType)
        return o.text
    }
}

/// A sighting's answer, written by hand (``APISighting/jsonText``).
func jsonResponse(_ value: APISighting, status: HTTPResponse.Status = .ok) -> Response {
    textResponse(value.jsonText, type: "application/json; charset=utf-8", status: status)
}
