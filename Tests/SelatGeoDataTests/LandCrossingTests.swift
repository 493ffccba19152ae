import Foundation
import SelatTestSupport
import Testing

@testable import SelatGeo
@testable import SelatGeoData

@Suite("Does a leg cross land?")
struct LandCrossingTests {
    var coast: Coastline { geoData.coastline }

    @Test("the indexed segment test equals brute force over every coastline edge")
    func indexedEqualsBruteForce() throws {
        var rng = SeededGenerator(seed: 17)
        var crossings = 0
        for _ in 0..<400 {
            // Short and long segments among Batam, Bintan and Karimun.
            let a = try Coordinate(
                latitude: 0.8 + rng.unit() * 0.6, longitude: 103.3 + rng.unit() * 1.3)
            let spread = rng.unit() < 0.5 ? 0.02 : 0.3
            let b = try Coordinate(
                latitude: a.latitude + (rng.unit() - 0.5) * spread,
                longitude: a.longitude + (rng.unit() - 0.5) * spread)
            let indexed = coast.crossingIndexed(a, b)
            let brute = coast.crossingBruteForce(a, b)
            #expect(indexed == brute, "\(a) → \(b)")
            if brute != nil { crossings += 1 }
        }
        #expect(crossings > 100 && crossings < 380)  // both kinds were tested
    }

    @Test(
        "a leg through Batam crosses it; legs in open water do not",
        arguments: [
            ((1.20, 104.00), (0.98, 104.05), "Batam"),
            ((1.25, 104.40), (0.95, 104.50), "Bintan"),
        ])
    func throughAnIsland(from: (Double, Double), to: (Double, Double), island: String) throws {
        let a = try Coordinate(latitude: from.0, longitude: from.1)
        let b = try Coordinate(latitude: to.0, longitude: to.1)
        let hit = try #require(coast.firstLandCrossing(from: a, to: b))
        #expect(hit.land?.label == island)
        #expect(hit.distance.metres > 0 && hit.distance.metres < a.distance(to: b).metres)
        // The crossing point is on the shore: within a few metres of the nearest coastline point.
        #expect(coast.nearestShore(to: hit.point)!.distance.metres < 5)
    }

    @Test("open-water legs stay at sea, including a long one to Natuna")
    func openWater() throws {
        let strait = try Coordinate(latitude: 1.20, longitude: 104.00)
        #expect(
            coast.firstLandCrossing(
                from: strait, to: try Coordinate(latitude: 1.22, longitude: 103.80)) == nil)
        // North of Bintan, out into the South China Sea.
        let east = try Coordinate(latitude: 1.45, longitude: 104.60)
        #expect(
            coast.firstLandCrossing(from: east, to: try Coordinate(latitude: 3.0, longitude: 107.5))
                == nil)
    }

    @Test("a leg starting on land crosses at its start")
    func startOnLand() throws {
        let batam = try Coordinate(latitude: 1.08, longitude: 104.03)
        let hit = try #require(
            coast.firstLandCrossing(
                from: batam, to: try Coordinate(latitude: 1.2, longitude: 104.0)))
        #expect(hit.distance.metres == 0 && hit.land?.label == "Batam")
    }

    @Test("segment intersection: crossing, touching, parallel, collinear overlap")
    func segments() {
        #expect(Coastline.segmentIntersection(0, 0, 2, 0, 1, -1, 0, 2) == 0.5)
        #expect(Coastline.segmentIntersection(0, 0, 2, 0, 2, 0, 0, 1) == 1)  // touches at the end
        #expect(Coastline.segmentIntersection(0, 0, 2, 0, 0, 1, 2, 0) == nil)  // parallel, apart
        // collinear overlap from t = 0.5
        #expect(Coastline.segmentIntersection(0, 0, 2, 0, 1, 0, 3, 0) == 0.5)
        #expect(Coastline.segmentIntersection(0, 0, 2, 0, 3, -1, 0, 2) == nil)  // beyond the end
    }
}
