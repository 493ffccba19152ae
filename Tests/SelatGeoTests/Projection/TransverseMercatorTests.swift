import Foundation
import SelatTestSupport
import Testing

@testable import SelatGeo

@Suite("Transverse Mercator")
struct TransverseMercatorTests {
    static let rows = try! readFixtureCSV(
        Bundle.module.url(forResource: "utm", withExtension: "csv", subdirectory: "Fixtures")!)

    @Test("UTM zones 48N and 49N agree with PROJ to a millimetre over the province")
    func agreesWithPROJ() throws {
        #expect(Self.rows.count == 300)
        for row in Self.rows {
            let zone = Double(row["zone"]!)!
            let utm = TransverseMercator(
                centralMeridian: zone * 6 - 183, scale: 0.9996, falseEasting: 500_000)
            let c = try Coordinate(latitude: Double(row["lat"]!)!, longitude: Double(row["lon"]!)!)
            let p = utm.project(c)
            #expect(abs(p.x - Double(row["x"]!)!) < 1e-3, "\(row)")
            #expect(abs(p.y - Double(row["y"]!)!) < 1e-3, "\(row)")
            let back = utm.unproject(x: p.x, y: p.y)
            #expect(
                abs(back.latitude - c.latitude) < 1e-9 && abs(back.longitude - c.longitude) < 1e-9)
        }
    }

    @Test("a projection centred on the data puts its origin at (0, 0) and is conformal there")
    func centredOrigin() throws {
        let box = try BoundingBox(west: 103.6, south: 0.8, east: 104.6, north: 1.4)
        let tm = TransverseMercator.centred(on: box)
        #expect(tm.centralMeridian == 104.0 && tm.originLatitude == 1.0)
        let o = tm.project(try Coordinate(latitude: 1, longitude: 104))
        #expect(abs(o.x) < 1e-6 && abs(o.y) < 1e-6)
        // 1 km east and north of the origin by geodesic measure is 1 km on the plane (k = 1 there).
        let start = try Coordinate(latitude: 1, longitude: 104)
        let east = start.destination(
            bearing: Bearing(degrees: 90), distance: Distance(metres: 1000))
        let north = start.destination(
            bearing: Bearing(degrees: 0), distance: Distance(metres: 1000))
        #expect(abs(tm.project(east).x - 1000) < 0.01)
        #expect(abs(tm.project(north).y - 1000) < 0.01)
    }
}
