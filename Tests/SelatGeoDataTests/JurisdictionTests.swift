import Foundation
import Testing

@testable import SelatGeo
@testable import SelatGeoData

@Suite("Whose side of the boundary")
struct JurisdictionTests {
    var chains: BoundaryChains { geoData.boundaries }

    func isIndonesian(_ j: Jurisdiction) -> Bool { if case .indonesian = j { true } else { false } }
    func isOther(_ j: Jurisdiction) -> Bool { if case .foreign = j { true } else { false } }

    @Test("a point 0.3 nm either side of the middle of every segment gets that segment's sides")
    func bothSidesOfEverySegment() throws {
        #expect(chains.segments.count == 44)
        for s in chains.segments {
            let a = try Coordinate(latitude: s.a.y, longitude: s.a.x)
            let b = try Coordinate(latitude: s.b.y, longitude: s.b.x)
            let line = Geodesic.wgs84.inverse(from: a, to: b)
            let middle = a.destination(
                bearing: Bearing(degrees: line.initialAzimuth),
                distance: Distance(metres: line.distance.metres / 2))
            let heading = Geodesic.wgs84.inverse(from: middle, to: b).initialAzimuth
            let right = middle.destination(
                bearing: Bearing(degrees: heading + 90), distance: .nauticalMiles(0.3))
            let left = middle.destination(
                bearing: Bearing(degrees: heading - 90), distance: .nauticalMiles(0.3))
            let jr = chains.jurisdiction(of: right)
            let jl = chains.jurisdiction(of: left)
            #expect(isIndonesian(jr), "\(s.from)–\(s.to) right: \(jr.text)")
            #expect(isOther(jl), "\(s.from)–\(s.to) left: \(jl.text)")
            // (A segment shorter than the offset, like E15–E16 at ~60 m, may hand the point to its neighbour.)
            if case .foreign(let b) = jl, line.distance.nauticalMiles > 1 {
                #expect(
                    b.otherSide == s.otherSide && b.segment == "\(s.from)–\(s.to)",
                    "\(b.segment) for \(s.from)–\(s.to)")
            }
        }
    }

    @Test(
        "known waters",
        arguments: [
            // off Batam's north coast
            (1.20, 104.00, "Indonesian side of the Indonesia-Singapore"),
            (1.22, 103.62, "Singapore side of the Indonesia-Singapore territorial sea, 2009"),
            (1.16, 103.62, "Indonesian side of the Indonesia-Singapore territorial sea, 2009"),
            (1.50, 103.00, "Malaysia side of the Indonesia-Malaysia line, southern Malacca"),
            (3.00, 104.50, "Malaysia side of the Indonesia-Malaysia continental shelf"),
            (3.00, 105.00, "Indonesian side of the Indonesia-Malaysia continental shelf"),
            (
                1.38, 104.30,
                "Singapore or Malaysia side of the Indonesian WPP-711 fisheries limit (a regulatory line, NOT"
            ),
        ])
    func knownWaters(_ lat: Double, _ lon: Double, _ expected: String) throws {
        let j = chains.jurisdiction(of: try Coordinate(latitude: lat, longitude: lon))
        #expect(j.text.hasPrefix(expected), "\(j.text)")
    }

    @Test(
        "beyond the ends of the segments, or far from them, the answer is unknown, never a guess",
        arguments: [
            (1.47, 104.53, "beyond boundary point E17"),  // Pedra Branca area: undelimited
            (7.00, 106.50, "beyond boundary point S10"),
            (-0.50, 104.70, "nm from the nearest boundary segment"),
            (3.10, 100.50, "beyond boundary point M1"),
        ])
    func unknownOutside(_ lat: Double, _ lon: Double, _ words: String) throws {
        let j = chains.jurisdiction(of: try Coordinate(latitude: lat, longitude: lon))
        guard case .unknown(let reason) = j else {
            Issue.record("expected unknown, got \(j.text)")
            return
        }
        #expect(reason.contains(words), "\(reason)")
    }
}
