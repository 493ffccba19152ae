import Testing

@testable import SelatGeo

@Suite("Distances and speeds")
struct UnitsTests {
    @Test(
        "reads distances with their units",
        arguments: [
            ("5nm", 9260.0), ("5 NM", 9260.0), ("0.5 nmi", 926.0), ("2.5 km", 2500.0),
            ("800m", 800.0), ("0m", 0),
        ])
    func readsDistance(_ text: String, _ metres: Double) throws {
        #expect(abs(try Distance(parsing: text).metres - metres) < 1e-9)
    }

    @Test(
        "refuses distances without a unit, negative or unreadable",
        arguments: [
            ("5", "unit is missing"), ("-2km", "cannot be negative"), ("fivenm", "not a number"),
            ("5 miles", "use a number and a unit"), ("", "use a number and a unit"),
            ("nan km", "not a number"),
        ])
    func refusesDistance(_ text: String, _ expected: String) {
        #expect { try Distance(parsing: text) } throws: {
            ($0 as? GeoError)?.description.contains(expected) == true
        }
    }

    @Test(
        "reads speeds",
        arguments: [("25kn", 25.0), ("25 kt", 25.0), ("12 knots", 12.0), ("18.52 km/h", 10.0)])
    func readsSpeed(_ text: String, _ knots: Double) throws {
        #expect(abs(try Speed(parsing: text).knots - knots) < 1e-9)
    }

    @Test("refuses bad speeds", arguments: ["25", "-3kn", "fast"])
    func refusesSpeed(_ text: String) {
        #expect(throws: GeoError.self) { try Speed(parsing: text) }
    }

    @Test("a nautical mile is 1852 m and a knot covers it in an hour")
    func definitions() {
        #expect(Distance.nauticalMiles(1).metres == 1852)
        #expect(Speed(knots: 10).duration(toCover: .nauticalMiles(5)) == 1800)
        #expect(Bearing(degrees: -90).degrees == 270)
        #expect(Bearing(degrees: 359.7).description == "000°T")
    }

    @Test("reads a bounding box and refuses reversed edges")
    func boundingBox() throws {
        let box = try BoundingBox(parsing: "103.9,1.0,104.2,1.3")
        #expect(box.contains(try Coordinate(latitude: 1.1, longitude: 104)))
        #expect(throws: GeoError.self) { try BoundingBox(parsing: "104.2,1.0,103.9,1.3") }
        #expect(throws: GeoError.self) { try BoundingBox(parsing: "103.9,1.0,104.2") }
        #expect(throws: GeoError.self) { try BoundingBox(parsing: "103.9,1.0,104.2,x") }
    }
}
