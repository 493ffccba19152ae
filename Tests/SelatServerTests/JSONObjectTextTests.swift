import Foundation
import SelatKit
import SelatTestSupport
import Testing

@testable import SelatServer
@testable import SelatStore

@Suite("Answers written by hand")
struct JSONObjectTextTests {
    /// Texts that need escaping, and some that do not.
    static let texts = [
        "KRI Siribua", "quote \" and backslash \\", "apostrophe ' and <b>", "percent % and &amp;",
        "Tanjung Pinang — Kepri", "emoji 🚤 and 日本", "", "slash / stays",
    ]

    @Test("a sighting's hand-written JSON is the same document Foundation's encoder writes")
    func sightingMatchesFoundation() throws {
        var rng = SeededGenerator(seed: 11)
        for k in 0..<500 {
            func maybe<T>(_ value: T) -> T? { Bool.random(using: &rng) ? value : nil }
            let ms = Int64.random(in: 631_152_000_000...1_790_000_000_000, using: &rng)
            let sighting = try Sighting(
                id: SightingID("S\(k)-\(Self.texts[k % Self.texts.count].count)"),
                observedAt: Timestamp(
                    millisecondsSince1970: Bool.random(using: &rng) ? ms / 60_000 * 60_000 : ms,
                    offsetMinutes: [420, 480, 540, 0][k % 4]),
                position: Coordinate(
                    latitude: [1.0, -0.5, 1.22, 1e-7, 0.123456789][k % 5]
                        + Double.random(in: 0...0.5, using: &rng).rounded(toPlaces: k % 8),
                    longitude: 104 + Double.random(in: 0...1, using: &rng).rounded(toPlaces: k % 7)),
                vesselType: VesselType.allCases[k % VesselType.allCases.count],
                activity: Activity.allCases[k % Activity.allCases.count],
                personsAboard: maybe(Int.random(in: 0...200, using: &rng)),
                headingDegrees: maybe(Double(Int.random(in: 0..<3600, using: &rng)) / 10),
                speed: maybe(Speed(knots: Double.random(in: 0...40, using: &rng))),
                source: maybe(SightingSource.allCases[k % SightingSource.allCases.count]),
                unit: maybe(Self.texts[(k + 1) % Self.texts.count]),
                notes: maybe(Self.texts[(k + 3) % Self.texts.count]),
                onLand: k % 9 == 0)
            let stored = StoredSighting(
                sighting: sighting, sequence: Int64(k + 1),
                createdAt: Timestamp(millisecondsSince1970: ms + 1234))
            let api = APISighting(
                stored, agency: maybe("POLAIRUD"), showPersonal: Bool.random(using: &rng))
            let mine = try JSONSerialization.jsonObject(with: Data(api.jsonText.utf8))
            let foundation = try JSONSerialization.jsonObject(
                with: Data(ResultJSON.text(api).utf8))
            #expect(
                (mine as? NSDictionary) == (foundation as? NSDictionary),
                "\(api.jsonText)\n\(ResultJSON.text(api))")
        }
    }

    @Test("every character, control characters included, reads back from its JSON string")
    func stringsRoundTrip() throws {
        var all = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        all += ["\u{7F}", "\u{A0}", "é", "—", "\u{2028}", "🚤", "日本", "\"\\/"]
        for text in all + [all.joined()] {
            let json = "[" + JSONText.string(text) + "]"
            let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(back == [text], "\(json)")
        }
    }

    @Test(
        "numbers and strings as JSON",
        arguments: [
            (104.0, "104"), (-0.5, "-0.5"), (1.22, "1.22"), (1e-7, "1e-07"), (1e300, "1e+300"),
        ])
    func numbers(value: Double, text: String) throws {
        let written = JSONObjectText.number(value)
        #expect(written == text)
        #expect(Double(written) == value)
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = Foundation.pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
