import Foundation
import SelatWords

/// The names the planner gives the stops it makes — `cell -11:42 (3.8 nm SE of Nongsapura)`,
/// `cluster 3 (at Nongsapura)`, `Rendezvous at …` — stored with the plan as written here, and
/// spoken in the reader's language when a briefing is written. Names the planner did not make (a
/// base, a typed target or place) are shown as they are.
public enum PlanStopName {
    /// A hot-spot target: its label (`cell -11:42`, `cluster 3`) and where it is
    /// (``PlaceReference/words``).
    static func target(_ label: String, _ place: String) -> String { "\(label) (\(place))" }

    /// The meeting point of a joint patrol at a target.
    static func rendezvous(_ target: String) -> String { rendezvousPrefix + target }

    /// What the planner puts before a meeting point's name.
    public static let rendezvousPrefix = "Rendezvous at "

    /// `name` in `words`' language (English names are stored, so English is unchanged).
    public static func spoken(_ name: String, _ words: Words) -> String {
        guard words.language != .en else { return name }
        if name.hasPrefix(rendezvousPrefix) {
            return words(
                "plan.stop.rendezvous",
                ["place": spoken(String(name.dropFirst(rendezvousPrefix.count)), words)])
        }
        guard let match = name.wholeMatch(of: /(cell|cluster) (\S+) \((.+)\)/) else {
            return name
        }
        let place = self.place(String(match.output.3), words)
        return match.output.1 == "cell"
            ? words("plan.stop.cell", ["cell": String(match.output.2), "place": place])
            : words("plan.stop.cluster", ["cluster": String(match.output.2), "place": place])
    }

    /// ``PlaceReference/words`` (`at X`, `3.8 nm SE of X`) in `words`' language.
    static func place(_ text: String, _ words: Words) -> String {
        if let at = text.wholeMatch(of: /at (.+)/) {
            return words("plan.place.at", ["place": String(at.output.1)])
        }
        guard let away = text.wholeMatch(of: /([0-9.]+) nm (N|NE|E|SE|S|SW|W|NW) of (.+)/),
            let distance = Double(away.output.1)
        else { return text }
        return words(
            "plan.place.from",
            [
                "distance": words.number(distance, decimals: 1),
                "direction": words(compassKeys[String(away.output.2)] ?? "compass.n"),
                "place": String(away.output.3),
            ])
    }

    /// The catalogue's key of each compass point (Indonesian: U, TL, T, TG, S, BD, B, BL).
    static let compassKeys = [
        "N": "compass.n", "NE": "compass.ne", "E": "compass.e", "SE": "compass.se",
        "S": "compass.s", "SW": "compass.sw", "W": "compass.w", "NW": "compass.nw",
    ]
}
