import SelatGeo
import Testing

@testable import SelatModel

@Suite("Sightings cannot hold impossible values")
struct SightingTests {
    static let time = Timestamp(millisecondsSince1970: 1_763_650_800_000, offsetMinutes: 420)
    static let here = try! Coordinate(latitude: 1.18, longitude: 104.09)

    @Test("rows without an id get the same id for the same content, and a different one otherwise")
    func derivedIDsAreDeterministic() throws {
        let a = try Sighting(
            id: nil, observedAt: Self.time, position: Self.here, vesselType: .speedboat,
            personsAboard: 12)
        let b = try Sighting(
            id: nil, observedAt: Self.time, position: Self.here, vesselType: .speedboat,
            personsAboard: 12)
        let c = try Sighting(
            id: nil, observedAt: Self.time, position: Self.here, vesselType: .speedboat,
            personsAboard: 13)
        #expect(a.id == b.id)
        #expect(a.id != c.id)
        #expect(a.id.rawValue.count == 36)
        #expect(Array(a.id.rawValue)[14] == "8")  // UUID version 8
    }

    @Test("the digest covers every field except the id")
    func digestCoversContent() throws {
        let base = try Sighting(
            id: SightingID("A-1"), observedAt: Self.time, position: Self.here, notes: "x")
        let sameButID = try Sighting(
            id: SightingID("A-2"), observedAt: Self.time, position: Self.here, notes: "x")
        let otherNotes = try Sighting(
            id: SightingID("A-1"), observedAt: Self.time, position: Self.here, notes: "y")
        let noNotes = try Sighting(
            id: SightingID("A-1"), observedAt: Self.time, position: Self.here, notes: nil)
        let emptyNotes = try Sighting(
            id: SightingID("A-1"), observedAt: Self.time, position: Self.here, notes: "")
        #expect(base.contentDigest == sameButID.contentDigest)
        #expect(base.contentDigest != otherNotes.contentDigest)
        #expect(noNotes.contentDigest != emptyNotes.contentDigest)
    }

    enum BadValue: String, CaseIterable, Sendable {
        case negativePersons, heading361, headingNaN, speed150, notesTooLong, notesNUL,
            unitLineBreak

        var field: String {
            switch self {
            case .negativePersons: "persons_aboard"
            case .heading361, .headingNaN: "heading_deg"
            case .speed150: "speed_kn"
            case .notesTooLong, .notesNUL: "notes"
            case .unitLineBreak: "unit"
            }
        }

        func make() throws(ModelError) -> Sighting {
            let t = SightingTests.time
            let p = SightingTests.here
            switch self {
            case .negativePersons:
                return try Sighting(id: nil, observedAt: t, position: p, personsAboard: -1)
            case .heading361:
                return try Sighting(id: nil, observedAt: t, position: p, headingDegrees: 361)
            case .headingNaN:
                return try Sighting(id: nil, observedAt: t, position: p, headingDegrees: .nan)
            case .speed150:
                return try Sighting(id: nil, observedAt: t, position: p, speed: Speed(knots: 150))
            case .notesTooLong:
                return try Sighting(
                    id: nil, observedAt: t, position: p,
                    notes: String(repeating: "x", count: 10_001))
            case .notesNUL:
                return try Sighting(id: nil, observedAt: t, position: p, notes: "bad\u{0}byte")
            case .unitLineBreak:
                return try Sighting(id: nil, observedAt: t, position: p, unit: "two\nlines")
            }
        }
    }

    @Test("refuses out-of-range values", arguments: BadValue.allCases)
    func refusesOutOfRange(_ bad: BadValue) {
        #expect { try bad.make() } throws: { ($0 as? ModelError)?.field == bad.field }
    }

    @Test("ids: verbatim up to 64 characters, no control characters")
    func ids() throws {
        #expect(try SightingID(" POLAIR/2026/11/0042 ").rawValue == " POLAIR/2026/11/0042 ")
        #expect(try SightingID(String(repeating: "é", count: 64)).rawValue.count == 64)
        #expect(throws: ModelError.self) { try SightingID(String(repeating: "x", count: 65)) }
        #expect(throws: ModelError.self) { try SightingID("") }
        #expect(throws: ModelError.self) { try SightingID("a\tb") }
    }

    @Test("enumerations read loosely but list the allowed values when wrong")
    func enumerations() throws {
        #expect(try VesselType(parsing: "Speed Boat") == .speedboat)
        #expect(try Activity(parsing: "illegal-fishing") == .illegalFishing)
        #expect(try Activity(parsing: " TRAFFICKING ") == .trafficking)
        #expect { try VesselType(parsing: "jetski") } throws: {
            ($0 as? ModelError)?.description.contains(
                "speedboat, pompong, fishing, ferry, cargo, tanker, tug, unknown") == true
        }
    }

    @Test("confidence is kept as given: a number in 0…1 or a word")
    func confidence() throws {
        #expect(try Confidence(parsing: "0.8") == .value(0.8))
        #expect(try Confidence(parsing: "80%") == .value(0.8))
        #expect(try Confidence(parsing: "Medium") == .level(.medium))
        #expect(throws: ModelError.self) { try Confidence(parsing: "1.5") }
        #expect(throws: ModelError.self) { try Confidence(parsing: "sure") }
    }

    @Test("route legs are geodesic and named")
    func routeLegs() throws {
        let a = Route.Point(
            waypointName: "Nongsa",
            position: try Coordinate(latitude: 1.18865, longitude: 104.09461))
        let b = Route.Point(position: try Coordinate(latitude: 1.37, longitude: 104.09))
        let route = try Route(name: "test", points: [a, b])
        #expect(route.legs.count == 1)
        #expect(abs(route.legs[0].distance.nauticalMiles - 10.87) < 0.05)
        #expect(route.legs[0].bearing.degrees > 358 || route.legs[0].bearing.degrees < 1)
        #expect(throws: ModelError.self) { try Route(name: "one", points: [a]) }
    }
}

@Suite struct SightingExactTextTests {
    @Test(
        "plain decimals read back to the same bits, exponents written out",
        arguments: [
            0.00001, 1e-7, -3.5e-6, 104.0567, 1.1234567890123, 90, -180, 0, 359.99999999, 1e-300,
            12345678.9,
        ])
    func exactDecimalReadsBackExactly(_ value: Double) throws {
        let text = Sighting.exactDecimal(value)
        #expect(!text.contains("e"))
        #expect(
            try Sighting.parseNumber(text, field: "x").bitPattern == value.bitPattern, "\(text)")
    }

    @Test func everyFieldReadsBackToTheSameDigest() throws {
        let s = try Sighting(
            id: SightingID("EV-1"),
            observedAt: Timestamp(millisecondsSince1970: 1_790_000_000_123, offsetMinutes: 420),
            position: Coordinate(latitude: 1.000001234567, longitude: 104.00000000123),
            vesselType: .speedboat,
            activity: .smuggling, personsAboard: 7, headingDegrees: 0.00001,
            speed: Speed(knots: 22.123456789),
            source: nil, unit: "  POL 1 ", confidence: .value(0.123456789),
            notes: "two\nlines, \"quoted\"")
        let (back, _) = try Sighting.reading({ s.exactText($0) }, defaultOffsetMinutes: 0)
        #expect(back == s)
        #expect(back.contentDigest == s.contentDigest)
    }
}
