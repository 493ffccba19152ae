import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatStore

@Suite("Searches that stream, stop at their limit and count from the index")
struct SightingStreamTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_763_650_800_000, offsetMinutes: 420)

    @Test(
        "streamed answers are brute force's rows in time then log order; counts are brute force's; a reader can stop",
        arguments: StoreEngine.allCases)
    func streamMatchesBruteForce(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        var rng = SeededGenerator(seed: 22)
        var all: [Sighting] = []
        for i in 0..<3000 {
            // A dense spot holding a third of the rows, and many equal times (ties go by log order).
            let dense = i % 3 == 0
            let lat =
                dense
                ? 1.2 + .random(in: -0.01...0.01, using: &rng) : .random(in: 0.9...1.5, using: &rng)
            let lon =
                dense
                ? 104.05 + .random(in: -0.01...0.01, using: &rng)
                : .random(in: 103.6...104.4, using: &rng)
            all.append(
                try Sighting(
                    id: SightingID("T\(i)"),
                    observedAt: Timestamp(
                        millisecondsSince1970: Self.t0.millisecondsSince1970
                            + Int64.random(in: 0...400, using: &rng) * 60_000),
                    position: Coordinate(latitude: lat, longitude: lon),
                    vesselType: .speedboat,
                    activity: Bool.random(using: &rng) ? .trafficking : .smuggling))
        }
        _ = try db.insert(all)
        let logOrder = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.id, $0) })
        func ordered(_ rows: [Sighting]) -> [SightingID] {
            rows.sorted {
                ($0.observedAt.millisecondsSince1970, logOrder[$0.id]!)
                    < ($1.observedAt.millisecondsSince1970, logOrder[$1.id]!)
            }.map(\.id)
        }
        for round in 0..<30 {
            var q = SightingQuery()
            let centre = try Coordinate(
                latitude: round % 2 == 0 ? 1.2 : .random(in: 0.9...1.5, using: &rng),
                longitude: round % 2 == 0 ? 104.05 : .random(in: 103.6...104.4, using: &rng))
            let radius = Distance.nauticalMiles(.random(in: 0.3...15, using: &rng))
            let area = round % 5 != 4
            if area { q.near = (centre, radius) }
            if Bool.random(using: &rng) { q.activities = [.trafficking] }
            if Bool.random(using: &rng) {
                q.since = Timestamp(
                    millisecondsSince1970: Self.t0.millisecondsSince1970 + 6_000_000)
            }
            let expected = ordered(
                all.filter { s in
                    (!area || centre.distance(to: s.position) <= radius)
                        && (q.since.map { s.observedAt >= $0 } ?? true)
                        && (q.activities.isEmpty || q.activities.contains(s.activity))
                })
            var got: [SightingID] = []
            let given = try db.forEachSighting(matching: q) { s in
                got.append(s.sighting.id)
                return true
            }
            #expect(got == expected, "round \(round)")
            #expect(given == expected.count)
            #expect(try db.sightingCount(matching: q) == expected.count, "round \(round)")
            // A limit: the first rows only.
            var limited = q
            limited.limit = 7
            var first: [SightingID] = []
            try db.forEachSighting(matching: limited) { s in
                first.append(s.sighting.id)
                return true
            }
            #expect(first == Array(expected.prefix(7)), "round \(round)")
            #expect(try db.sightingCount(matching: limited) == expected.count)
            // The reader stops after three.
            var stopped: [SightingID] = []
            let handed = try db.forEachSighting(matching: q) { s in
                stopped.append(s.sighting.id)
                return stopped.count < 3
            }
            #expect(stopped == Array(expected.prefix(3)))
            #expect(handed == min(3, expected.count))
        }
    }

    @Test(
        "at a circle's edge, half a metre inside is streamed and counted, half a metre outside is not",
        arguments: StoreEngine.allCases)
    func circleEdge(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let centre = try Coordinate(latitude: 1.2, longitude: 104.05)
        let radius = Distance.nauticalMiles(5)
        var all: [Sighting] = []
        var inside: [SightingID] = []
        for (i, bearing) in stride(from: 0.0, to: 360, by: 15).enumerated() {
            for (j, offset) in [-0.5, 0.5, -20, 20].enumerated() {
                let p = centre.destination(
                    bearing: Bearing(degrees: bearing),
                    distance: .metres(radius.metres + offset))
                let id = try SightingID("E\(i)-\(j)")
                all.append(
                    try Sighting(
                        id: id,
                        observedAt: Timestamp(
                            millisecondsSince1970: Self.t0.millisecondsSince1970
                                + Int64(i * 4 + j) * 60_000),
                        position: p, vesselType: .speedboat, activity: .smuggling))
                // The independent answer: Karney's geodesic distance, not the store's test.
                if centre.distance(to: p) <= radius { inside.append(id) }
            }
        }
        #expect(inside.count == all.count / 2)
        _ = try db.insert(all)
        var q = SightingQuery()
        q.near = (centre, radius)
        var got: [SightingID] = []
        try db.forEachSighting(matching: q) { s in
            got.append(s.sighting.id)
            return true
        }
        #expect(got == inside)
        #expect(try db.sightingCount(matching: q) == inside.count)
    }
}
