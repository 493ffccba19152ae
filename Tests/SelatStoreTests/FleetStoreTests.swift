import Foundation
import SelatGeo
import SelatModel
import SelatStore
import SelatTestSupport
import Testing

@Suite("Agencies, bases and boats in the database")
struct FleetStoreTests {
    static func fleet() throws -> (agency: Agency, base: Base, boat: Boat) {
        let agency = try Agency(code: "polairud", name: "Ditpolairud Polda Kepri", country: "id")
        let base = try Base(
            name: "Sekupang pier", agency: "POLAIRUD",
            position: Coordinate(latitude: 1.1257, longitude: 103.9266))
        let boat = try Boat(
            callSign: "kp-01", agency: "POLAIRUD", homeBase: "sekupang PIER",
            cruiseSpeed: Speed(knots: 28),
            enduranceHours: 8, crew: 6)
        return (agency, base, boat)
    }

    @Test(
        "codes are normalised to upper case; a fleet round-trips; the boat's base is found whatever its case",
        arguments: StoreEngine.allCases)
    func roundTrip(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let (agency, base, boat) = try Self.fleet()
        #expect(agency.code == "POLAIRUD" && agency.country == "ID" && boat.callSign == "KP-01")
        try db.add(agencies: [agency], bases: [base], boats: [boat])
        #expect(try db.agencies() == [agency])
        #expect(try db.bases() == [base])
        let stored = try #require(try db.boats().first)
        #expect(
            stored.callSign == "KP-01" && stored.homeBase == "Sekupang pier"
                && stored.cruiseSpeed.knots == 28)
        #expect(abs(boat.radius.nauticalMiles - 112) < 1e-9)  // 28 kn × 8 h / 2
    }

    @Test("a batch with one bad item stores nothing", arguments: StoreEngine.allCases)
    func allOrNothing(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let (agency, base, _) = try Self.fleet()
        let orphan = try Boat(
            callSign: "KP-02", agency: "POLAIRUD", homeBase: "Nowhere",
            cruiseSpeed: Speed(knots: 20),
            enduranceHours: 6, crew: 4)
        #expect(throws: StoreError.notFound(kind: "base", key: "Nowhere")) {
            try db.add(agencies: [agency], bases: [base], boats: [orphan])
        }
        #expect(try db.agencies().isEmpty && db.bases().isEmpty)
    }

    @Test(
        "duplicates and unknown agencies are refused; removing what is in use names the users",
        arguments: StoreEngine.allCases)
    func refusals(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let (agency, base, boat) = try Self.fleet()
        try db.add(agencies: [agency], bases: [base], boats: [boat])
        #expect(throws: StoreError.nameTaken(kind: "agency", name: "POLAIRUD")) {
            try db.add(agencies: [agency])
        }
        #expect(throws: StoreError.nameTaken(kind: "base", name: "Sekupang pier")) {
            try db.add(bases: [base])
        }
        let stray = try Base(
            name: "Elsewhere", agency: "BAKAMLA", position: Coordinate(latitude: 1, longitude: 104))
        #expect(throws: StoreError.notFound(kind: "agency", key: "BAKAMLA")) {
            try db.add(bases: [stray])
        }
        #expect { try db.removeBase("Sekupang pier") } throws: { "\($0)".contains("boat KP-01") }
        #expect { try db.removeAgency("polairud") } throws: {
            "\($0)".contains("base Sekupang pier")
        }
        #expect(throws: StoreError.notFound(kind: "boat", key: "KP-99")) {
            try db.removeBoat("kp-99")
        }
        try db.removeBoat("kp-01")
        try db.removeBase("SEKUPANG PIER")
        try db.removeAgency("POLAIRUD")
        #expect(try db.agencies().isEmpty && db.bases().isEmpty && db.boats().isEmpty)
    }

    @Test("a boat in range is accepted")
    func inRange() throws {
        #expect(throws: Never.self) {
            try Boat(
                callSign: "KP-1", agency: "X-1", homeBase: "b", cruiseSpeed: Speed(knots: 28),
                enduranceHours: 8, crew: 6)
        }
    }

    @Test(
        "values out of range are refused with the field and the range",
        arguments: [
            (0.5, 8.0, 6, "1–60 kn"), (200.0, 8.0, 6, "1–60 kn"), (28.0, 0.1, 6, "0.5–96 hours"),
            (28.0, 8.0, 0, "1–200"),
        ])
    func ranges(speed: Double, hours: Double, crew: Int, message: String) throws {
        #expect {
            try Boat(
                callSign: "KP-1", agency: "X-1", homeBase: "b", cruiseSpeed: Speed(knots: speed),
                enduranceHours: hours, crew: crew)
        } throws: { "\($0)".contains(message) }
    }

    @Test("agency codes and countries are checked")
    func agencyFields() throws {
        #expect { try Agency(code: "x", name: "n", country: "ID") } throws: {
            "\($0)".contains("2–20 letters")
        }
        #expect { try Agency(code: "MMEA", name: "n", country: "Malaysia") } throws: {
            "\($0)".contains("two-letter")
        }
    }
}
