import Foundation
import SelatTestSupport
import Testing

@testable import SelatGeo

struct GeodesicFixtureCase: CustomTestStringConvertible, Sendable {
    let row: [String: String]
    var testDescription: String {
        "\(row["kind"]!) \(row["lat1"]!),\(row["lon1"]!) → \(row["lat2"]!),\(row["lon2"]!)"
    }
    func d(_ key: String) -> Double { Double(row[key]!)! }
}

let geodesicCases: [GeodesicFixtureCase] = {
    let url = Bundle.module.url(
        forResource: "geodesic", withExtension: "csv", subdirectory: "Fixtures")!
    return try! readFixtureCSV(url).map(GeodesicFixtureCase.init)
}()

@Suite("Geodesic against Karney's GeographicLib")
struct GeodesicTests {
    @Test("the fixture covers every kind of case")
    func fixtureIsComplete() {
        let kinds = Set(geodesicCases.map { $0.row["kind"]! })
        #expect(geodesicCases.count >= 300)
        #expect(
            kinds.isSuperset(of: [
                "short", "tiny", "regional", "long", "antipodal", "equatorial", "meridional",
            ]))
    }

    @Test("inverse distance within 1 mm and azimuths within 1e-9°", arguments: geodesicCases)
    func inverseMatchesReference(_ c: GeodesicFixtureCase) throws {
        let p1 = try Coordinate(latitude: c.d("lat1"), longitude: c.d("lon1"))
        let p2 = try Coordinate(latitude: c.d("lat2"), longitude: c.d("lon2"))
        let line = Geodesic.wgs84.inverse(from: p1, to: p2)
        #expect(abs(line.distance.metres - c.d("s12_m")) <= Tolerance.geodesicDistanceMetres)
        if c.row["kind"] != "coincident" {
            let tolerance = Tolerance.azimuthDegrees(forLength: c.d("s12_m"))
            #expect(angleDifference(line.initialAzimuth, c.d("azi1_deg")) <= tolerance)
            #expect(angleDifference(line.finalAzimuth, c.d("azi2_deg")) <= tolerance)
        }
    }

    @Test(
        "direct destination within 1e-9° and final azimuth within 1e-9°", arguments: geodesicCases)
    func directMatchesReference(_ c: GeodesicFixtureCase) throws {
        let p1 = try Coordinate(latitude: c.d("lat1"), longitude: c.d("lon1"))
        let result = Geodesic.wgs84.destination(
            from: p1, azimuth: c.d("direct_azi1_deg"), distance: .metres(c.d("direct_s12_m")))
        #expect(abs(result.coordinate.latitude - c.d("direct_lat2")) <= Tolerance.geodesicDegrees)
        #expect(
            angleDifference(result.coordinate.longitude, c.d("direct_lon2"))
                <= Tolerance.geodesicDegrees)
        #expect(
            angleDifference(result.finalAzimuth, c.d("direct_azi2_deg"))
                <= Tolerance.geodesicDegrees)
    }

    @Test("going out and back along the inverse solution returns to the start")
    func directInvertsInverse() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let a = try Coordinate(
                latitude: .random(in: -1.6...5.4, using: &rng),
                longitude: .random(in: 103...109.8, using: &rng))
            let b = try Coordinate(
                latitude: .random(in: -1.6...5.4, using: &rng),
                longitude: .random(in: 103...109.8, using: &rng))
            let line = Geodesic.wgs84.inverse(from: a, to: b)
            let back = Geodesic.wgs84.destination(
                from: a, azimuth: line.initialAzimuth, distance: line.distance)
            #expect(back.coordinate.distance(to: b).metres < 1e-6, "seed 7: \(a) → \(b)")
        }
    }

    @Test("one degree of longitude on the equator is a·π/180")
    func equatorDegree() throws {
        let line = Geodesic.wgs84.inverse(
            from: try Coordinate(latitude: 0, longitude: 104),
            to: try Coordinate(latitude: 0, longitude: 105))
        #expect(abs(line.distance.metres - 6_378_137 * .pi / 180) < 1e-6)
        #expect(line.initialAzimuth == 90)
    }

    @Test("haversine stays within 0.6 % of the geodesic")
    func haversineIsApproximate() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let a = try Coordinate(
                latitude: .random(in: -60...60, using: &rng),
                longitude: .random(in: -180...180, using: &rng))
            let b = try Coordinate(
                latitude: .random(in: -60...60, using: &rng),
                longitude: .random(in: -180...180, using: &rng))
            let exact = a.distance(to: b).metres
            guard exact > 1000 else { continue }
            #expect(abs(a.haversineDistance(to: b).metres - exact) / exact < 0.006)
        }
    }
}
