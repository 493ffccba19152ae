import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatAnalysis

@Suite("Kernel density and contours")
struct KernelDensityTests {
    static let tm = TransverseMercator(centralMeridian: 104, originLatitude: 1)

    static func sample(_ points: [(Double, Double)]) -> SightingSample {
        var s = SightingSample()
        for (lat, lon) in points {
            s.append(
                latitude: lat, longitude: lon, time: 0, vesselType: .speedboat, activity: .unknown)
        }
        return s
    }

    @Test("the grid holds one unit of mass per sighting")
    func massIsConserved() throws {
        var rng = SeededGenerator(seed: 3)
        let s = Self.sample(
            (0..<500).map { _ in (1 + rng.normal() * 0.02, 104 + rng.normal() * 0.02) })
        let points = ProjectedPoints(s, projection: Self.tm)
        let kde = try KernelDensity(points: points, bandwidth: 1500, cellSize: 100)
        let mass = kde.values.reduce(0, +) * (kde.cellSize * kde.cellSize / 1e6)
        #expect(abs(mass - 500) / 500 < 0.005)
    }

    @Test(
        "one sighting's contour is a circle of the radius the quartic kernel predicts, anticlockwise"
    )
    func singlePointContour() throws {
        let s = Self.sample([(1.0, 104.0)])
        let points = ProjectedPoints(s, projection: Self.tm)
        let h = 2000.0
        let kde = try KernelDensity(points: points, bandwidth: h, cellSize: 20)
        // Level at half the peak: (1 − r²/h²)² = 1/2 → r = h √(1 − 1/√2).
        let peak = 3 / (Double.pi * h * h) * 1e6
        let polygons = kde.contour(level: peak / 2)
        #expect(polygons.count == 1 && polygons[0].count == 1)
        let ring = polygons[0][0]
        let r = h * (1 - 1 / 2.0.squareRoot()).squareRoot()
        let area = MarchingSquares.signedArea(ring)
        #expect(area > 0)
        #expect(abs(area - Double.pi * r * r) / (Double.pi * r * r) < 0.01)
        #expect(ring.first! == ring.last!)
    }

    @Test("a ring of sightings gives an outer boundary with a hole")
    func annulusHasHole() throws {
        let points = (0..<720).map { k -> (Double, Double) in
            let a = Double(k) * .pi / 360
            let p = Self.tm.unproject(x: 6000 * cos(a), y: 6000 * sin(a))
            return (p.latitude, p.longitude)
        }
        let pp = ProjectedPoints(Self.sample(points), projection: Self.tm)
        let kde = try KernelDensity(points: pp, bandwidth: 1000, cellSize: 100)
        let polygons = kde.contour(level: kde.values.max()! / 3)
        #expect(polygons.count == 1)
        #expect(polygons[0].count == 2)
        #expect(
            MarchingSquares.signedArea(polygons[0][0]) > 0
                && MarchingSquares.signedArea(polygons[0][1]) < 0)
    }

    @Test("percent-volume levels enclose the stated share")
    func percentVolume() throws {
        var rng = SeededGenerator(seed: 4)
        let s = Self.sample(
            (0..<300).map { _ in (1 + rng.normal() * 0.03, 104 + rng.normal() * 0.03) })
        let kde = try KernelDensity(
            points: ProjectedPoints(s, projection: Self.tm), bandwidth: 2000, cellSize: 200)
        let total = kde.values.reduce(0, +)
        for (percent, level) in zip([50.0, 75, 90], kde.percentVolumeLevels([50, 75, 90])) {
            let inside = kde.values.filter { $0 >= level }.reduce(0, +)
            #expect(inside / total >= percent / 100 && inside / total < percent / 100 + 0.02)
        }
    }

    @Test("the spatial Silverman bandwidth follows its formula")
    func silverman() {
        // Four points on a 1 km square around the centre: SD = Dm = 707 m, n = 4.
        let ring = [(0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0)].map {
            Self.tm.unproject(x: 707.1068 * $0.0, y: 707.1068 * $0.1)
        }
        let s = Self.sample(ring.map { ($0.latitude, $0.longitude) })
        let h = KernelDensity.silvermanBandwidth(ProjectedPoints(s, projection: Self.tm))!
        let expected = 0.9 * min(707.1068, (1 / log(2.0)).squareRoot() * 707.1068) * pow(4.0, -0.2)
        #expect(abs(h - expected) < 0.01)
    }
}
