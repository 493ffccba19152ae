import Foundation
import SelatTestSupport
import Testing

@testable import SelatGeo
@testable import SelatGeoData

let geoData: GeoData = try! GeoData.bundled()

@Suite("The coastline: where the land is")
struct CoastlineTests {
    var coast: Coastline { geoData.coastline }

    @Test(
        "known places are land or sea",
        arguments: [
            (104.03, 1.08, true, "Batam"), (104.50, 1.10, true, "Bintan"),
            (103.40, 1.05, true, "Karimun Besar"),
            (104.45, 1.05, false, "Teluk Bintan (a bay)"), (104.0, 1.20, false, "Singapore Strait"),
            (103.75, 1.13, false, "Phillip Channel"),
        ])
    func knownPlaces(_ lon: Double, _ lat: Double, _ land: Bool, _ what: String) throws {
        #expect(coast.isLand(try Coordinate(latitude: lat, longitude: lon)) == land, "\(what)")
    }

    @Test("islands are named where GeoData knows the name, else by area")
    func names() throws {
        #expect(coast.land(at: try Coordinate(latitude: 1.08, longitude: 104.03))?.label == "Batam")
        #expect(
            coast.land(at: try Coordinate(latitude: 1.10, longitude: 104.50))?.label == "Bintan")
        #expect(coast.land(at: try Coordinate(latitude: 1.2, longitude: 104.0)) == nil)
        let unnamed = coast.polygons.first { $0.name == nil && $0.areaKm2 > 1 }!
        #expect(unnamed.label.hasPrefix("unnamed island, ") && unnamed.label.hasSuffix(" km²"))
    }

    @Test("agrees with GMT's own classification of GSHHG full resolution on 100,000 random points")
    func agreesWithGMT() throws {
        let url = Bundle.module.url(
            forResource: "gmt-land-100k", withExtension: "csv", subdirectory: "Fixtures")!
        let text = try String(contentsOf: url, encoding: .utf8)
        var checked = 0
        var disagree: [String] = []
        var land = 0
        var rawMismatches = 0
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            let c = try Coordinate(latitude: Double(f[1])!, longitude: Double(f[0])!)
            let expected = f[2] == "1"
            if expected { land += 1 }
            if coast.isLand(c) != expected {
                // Only a point closer to the shore than GSHHG's own coordinate precision may differ.
                let shore = coast.nearestShore(to: c)!.distance.metres
                if shore > 1 { disagree.append("\(line) (\(shore) m from shore)") }
                rawMismatches += 1
            }
            checked += 1
        }
        #expect(checked == 100_000)
        #expect(land > 5_000)
        #expect(disagree.isEmpty, "\(disagree.prefix(10))")
        #expect(
            rawMismatches <= 10,
            "\(rawMismatches) points within 1 m of the shore classified differently")
    }

    @Test("the land mask agrees with even–odd over the polygons themselves")
    func maskMatchesPolygons() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<3_000 {
            // Points near Batam, Bintan and Karimun, where the islands are many and small.
            let c = try Coordinate(
                latitude: .random(in: 0.7...1.4, using: &rng),
                longitude: .random(in: 103.3...104.7, using: &rng))
            let direct = coast.polygons.indices.contains {
                Coastline.evenOdd(coastRings($0), x: c.longitude, y: c.latitude)
            }
            #expect(coast.isLand(c) == direct, "\(c)")
        }
    }

    @Test("nearest shore matches a brute-force search over every coastline edge")
    func nearestShore() throws {
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<40 {
            let c = try Coordinate(
                latitude: .random(in: 0.7...1.4, using: &rng),
                longitude: .random(in: 103.3...104.7, using: &rng))
            let scale = cos(c.latitude * .pi / 180)
            var best = (d: Double.infinity, x: 0.0, y: 0.0)
            for i in coast.polygons.indices {
                for ring in coastRings(i) {
                    for (a, b) in zip(ring, ring.dropFirst()) {
                        let (x, y) = Coastline.closestPoint(
                            on: SIMD4(a.x, a.y, b.x, b.y), x: c.longitude, y: c.latitude,
                            xScale: scale)
                        let d =
                            ((x - c.longitude) * scale) * ((x - c.longitude) * scale)
                            + (y - c.latitude) * (y - c.latitude)
                        if d < best.d { best = (d, x, y) }
                    }
                }
            }
            let expected = c.distance(to: try Coordinate(latitude: best.y, longitude: best.x))
            let shore = try #require(coast.nearestShore(to: c))
            #expect(abs(shore.distance.metres - expected.metres) < 0.01, "\(c)")
        }
    }

    func coastRings(_ i: Int) -> [LandMask.Ring] { coast.rings(ofPolygon: i) }
}

@Suite("Reference places")
struct PlacesTests {
    @Test("ports and bases load with their sources")
    func load() {
        #expect(geoData.ports.count >= 20)
        #expect(geoData.bases.count >= 8)
        #expect(geoData.ports.allSatisfy { !$0.source.isEmpty })
        #expect(geoData.ports.contains { $0.name.hasPrefix("Nongsapura") })
    }

    @Test("nearest port to Nongsa is Nongsapura, with distance and bearing")
    func nearestPort() throws {
        let near = try #require(
            geoData.nearest(.port, to: try Coordinate(latitude: 1.20, longitude: 104.10)))
        #expect(near.place.name.hasPrefix("Nongsapura"))
        #expect(near.distance.nauticalMiles < 1)
    }
}
