import SelatKit
import SelatWords

/// A plan as the API answers it: the stored plan (its stop names as stored, in English, the
/// data), plus `stop_names`, each stop's name in the request's language, for people to read
/// (`cell -11:42 (3.8 nm SE of Nongsapura)` → `sel -11:42 (3,8 mil laut arah TG dari
/// Nongsapura)`).
struct PlanAnswer: Encodable {
    let plan: PatrolPlan
    let language: Language

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        try plan.encode(to: encoder)
        let words = Words(language)
        var names: [String: String] = [:]
        for night in plan.nights {
            for boat in night.boats {
                for stop in boat.stops { names[stop.name] = PlanStopName.spoken(stop.name, words) }
            }
        }
        var container = encoder.container(keyedBy: Key.self)
        // A name is its own key: not snake_cased (the encoder converts keys, so the names go
        // in as an array of pairs).
        try container.encode(
            names.keys.sorted().map { [$0, names[$0]!] }, forKey: Key(stringValue: "stopNames"))
    }
}
