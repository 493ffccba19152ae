import Testing

@testable import SelatGeo

@Suite("Reading positions as people write them")
struct CoordinateParsingTests {
    static let good: [(String, Double, Double)] = [
        ("1.1234, 104.0567", 1.1234, 104.0567),
        ("1.1234,104.0567", 1.1234, 104.0567),
        ("-0.9 104.4", -0.9, 104.4),
        ("1.1234N 104.0567E", 1.1234, 104.0567),
        ("1.1234 N, 104.0567 E", 1.1234, 104.0567),
        ("N1.1234 E104.0567", 1.1234, 104.0567),
        ("0.9S 104.4E", -0.9, 104.4),
        ("104.0567E 1.1234N", 1.1234, 104.0567),
        ("1°07.404'N 104°03.402'E", 1 + 7.404 / 60, 104 + 3.402 / 60),
        ("01 07.404N 104 03.402E", 1 + 7.404 / 60, 104 + 3.402 / 60),
        ("N 01°07.404' E 104°03.402'", 1 + 7.404 / 60, 104 + 3.402 / 60),
        ("1°07'24.2\"N 104°03'24.1\"E", 1 + 7 / 60.0 + 24.2 / 3600, 104 + 3 / 60.0 + 24.1 / 3600),
        ("1 07 24.2 N 104 03 24.1 E", 1 + 7 / 60.0 + 24.2 / 3600, 104 + 3 / 60.0 + 24.1 / 3600),
        ("1°07′24.2″N 104°03′24.1″E", 1 + 7 / 60.0 + 24.2 / 3600, 104 + 3 / 60.0 + 24.1 / 3600),
        ("1°07'24.2''N 104°03'24.1''E", 1 + 7 / 60.0 + 24.2 / 3600, 104 + 3 / 60.0 + 24.1 / 3600),
        ("1° 07.404' 104° 03.402'", 1 + 7.404 / 60, 104 + 3.402 / 60),
        ("-1 30 104 30", -1.5, 104.5),
        ("0°54.5'S 104°27'E", -(54.5 / 60), 104.45),
        ("1.1U 104.0T", 1.1, 104.0),
        ("  1.5 ,  104.25  ", 1.5, 104.25),
        ("90, 180", 90, 180),
        ("-90 -180", -90, -180),
    ]

    @Test("reads every accepted notation", arguments: good)
    func readsAccepted(_ text: String, _ lat: Double, _ lon: Double) throws {
        let c = try Coordinate(parsing: text)
        #expect(abs(c.latitude - lat) < 1e-12)
        #expect(abs(c.longitude - lon) < 1e-12)
    }

    static let bad: [(String, String)] = [
        ("", "empty"),
        ("1.5", "expected two parts"),
        ("1.5 104.2 3.3", "3 numbers cannot be split"),
        ("1,5 104,2", "more than one comma"),
        ("91, 104", "latitude 91.0 is out of range"),
        ("104.05, 1.12", "look swapped"),
        ("1.1, 181", "longitude 181.0 is out of range"),
        ("1.1N 1.2S", "two latitudes"),
        ("104E 3E", "two longitudes"),
        ("1°65.0'N 104°03.4'E", "under 60"),
        ("1°07'61\"N 104°03'24\"E", "under 60"),
        ("1.5°07.4'N 104°03.4'E", "must be whole"),
        ("-1.1S 104E", "both a minus sign and a hemisphere"),
        ("1.1N 104", "needs both a number and a hemisphere"),
        ("Nongsa", "unexpected word"),
        ("1.1 ; 104x", "unexpected character"),
        ("1..1 104", "two decimal points"),
        ("nan, 104", "unexpected word"),
        ("1.1, -", "is not a number"),
        ("° 1 104", "must follow a number"),
        ("1 -07 104 03", "only the degrees may carry a sign"),
        ("1'07 104 03", "stands where the degrees go"),
    ]

    @Test("refuses unreadable or ambiguous text and says why", arguments: bad)
    func refusesBad(_ text: String, _ expected: String) {
        do {
            let c = try Coordinate(parsing: text)
            Issue.record("accepted \"\(text)\" as \(c)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test("rejects NaN and out-of-range numbers at construction")
    func rangeChecks() {
        #expect(throws: GeoError.latitudeOutOfRange(90.0001)) {
            try Coordinate(latitude: 90.0001, longitude: 0)
        }
        #expect(throws: GeoError.self) { try Coordinate(latitude: .nan, longitude: 0) }
        #expect(throws: GeoError.self) { try Coordinate(latitude: 0, longitude: .infinity) }
    }

    @Test(
        "every notation reads back to within its printed precision",
        arguments: Coordinate.Notation.allCases)
    func formatsRoundTrip(_ notation: Coordinate.Notation) throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let c = try Coordinate(
                latitude: .random(in: -89.9...89.9, using: &rng),
                longitude: .random(in: -179.9...179.9, using: &rng))
            let back = try Coordinate(parsing: c.formatted(notation))
            let tolerance = notation == .decimal ? 1e-6 : notation == .degreesMinutes ? 1e-5 : 3e-5
            #expect(abs(back.latitude - c.latitude) < tolerance, "\(c.formatted(notation))")
            #expect(abs(back.longitude - c.longitude) < tolerance, "\(c.formatted(notation))")
        }
    }

    @Test("formats as chartplotters show positions")
    func chartplotterFormat() throws {
        let c = try Coordinate(parsing: "1°07.404'N 104°03.402'E")
        #expect(c.formatted(.degreesMinutes) == "1°07.404'N 104°03.402'E")
        #expect(
            try Coordinate(latitude: -0.5, longitude: 104.9999999).formatted(.degreesMinutes)
                == "0°30.000'S 105°00.000'E")
    }

    @Test("a huge number is refused with a message, not a crash (found by fuzzing)")
    func hugeNumberIsRefused() {
        #expect(throws: GeoError.self) {
            try Coordinate(parsing: String(repeating: "9", count: 100) + "1 16")
        }
        #expect(throws: GeoError.self) { try Coordinate(parsing: "1e300, 104") }
    }
}
