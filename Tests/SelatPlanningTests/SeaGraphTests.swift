import Foundation
import SelatGeo
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatPlanning

/// A tiny hand-made coastline written in the `coastline.bin` format.
enum TinyCoast {
    /// Square islands (lon/lat rings, counter-clockwise), each with optional lakes (clockwise).
    static func write(
        _ polygons: [(exterior: [(Double, Double)], lakes: [[(Double, Double)]])], to path: String
    ) {
        var bytes = Array("SLCO".utf8)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { bytes += $0 } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { bytes += $0 } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        u32(1)
        u32(polygons.count)
        for (k, p) in polygons.enumerated() {
            u32(k)
            f64(1)
            let name = Array("Pulau \(k)".utf8)
            u16(name.count)
            bytes += name
            u32(1 + p.lakes.count)
            for ring in [p.exterior] + p.lakes {
                let closed = ring + [ring[0]]
                u32(closed.count)
                for (x, y) in closed {
                    f64(x)
                    f64(y)
                }
            }
        }
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func square(_ x: Double, _ y: Double, _ size: Double) -> [(Double, Double)] {
        [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
    }
}

@Suite("The routing graph: building, caching, enclosed water, narrow channels")
struct SeaGraphTests {
    /// One island 0.1° across with a lake 0.04° across in its middle, and a second island
    /// 100 m east of it (a channel narrower than twice the clearance).
    static func coast() throws -> Coastline {
        let dir = TemporaryDirectory("tiny-coast")
        let lake: [(Double, Double)] = [
            (104.03, 1.03), (104.03, 1.07), (104.07, 1.07), (104.07, 1.03),
        ]  // clockwise
        let gap = 100.0 / 111_320
        // Two specks at far corners widen the region the data covers.
        TinyCoast.write(
            [
                (TinyCoast.square(104.0, 1.0, 0.1), [lake]),
                (TinyCoast.square(104.1 + gap, 1.0, 0.1), []),
                (TinyCoast.square(103.8, 0.8, 0.001), []),
                (TinyCoast.square(104.4, 1.3, 0.001), []),
            ],
            to: dir.file("coastline.bin"))
        // read whole: the folder may go
        return try Coastline(contentsOf: URL(fileURLWithPath: dir.file("coastline.bin")))
    }

    /// Routers on that coast: the 185 m graph, and the 10 m (narrow-water) graph asked for 185 m.
    static func routers(_ coast: Coastline) throws -> (wide: SeaRouter, narrow: SeaRouter) {
        (
            try SeaRouter(
                coastline: coast, graph: SeaGraphBuilder(coastline: coast, clearance: 185.2).build()
            ),
            try SeaRouter(
                coastline: coast, graph: SeaGraphBuilder(coastline: coast, clearance: 10).build(),
                clearance: 185.2)
        )
    }

    @Test("a route round an island goes round it, and its legs stay at sea")
    func roundTheIsland() throws {
        let coast = try Self.coast()
        let router = try Self.routers(coast).wide
        let a = try Coordinate(latitude: 1.05, longitude: 103.98)
        let b = try Coordinate(latitude: 0.98, longitude: 104.05)
        let route = try #require(try router.route(through: [a, b], labels: ["a", "b"]))
        #expect(route.legs.count == 2)  // round the south-west corner
        for leg in route.legs {
            #expect(coast.firstLandCrossing(from: leg.from, to: leg.to, step: .metres(20)) == nil)
        }
        #expect(route.length.metres < a.distance(to: b).metres * 1.5)
    }

    @Test("a point in a lake has no water connection: no route, never a straight line")
    func enclosedLake() throws {
        let coast = try Self.coast()
        let (router, narrow) = try Self.routers(coast)
        let inLake = try Coordinate(latitude: 1.05, longitude: 104.05)
        let outside = try Coordinate(latitude: 1.05, longitude: 103.95)
        #expect(!coast.isLand(inLake))
        #expect(try router.route(through: [inLake, outside], labels: ["lake", "sea"]) == nil)
        #expect(try narrow.route(through: [inLake, outside], labels: ["lake", "sea"]) == nil)
        let m = try router.matrix([inLake, outside])
        #expect(m.nauticalMiles[0][1] == nil)
    }

    @Test(
        "a channel narrower than twice the clearance is closed to the clearance graph, open to the narrow one, and flagged"
    )
    func narrowChannel() throws {
        let coast = try Self.coast()
        // West of the channel's middle and east of it, both in open water beyond its ends.
        let a = try Coordinate(latitude: 1.05, longitude: 104.1 + 50.0 / 111_320)
        let b = try Coordinate(latitude: 0.95, longitude: 104.1)
        let (wide, narrow) = try Self.routers(coast)
        // The start is in the channel: 50 m from both shores.
        #expect(narrow.shoreDistance(a) < 60)
        let route = try #require(try narrow.route(through: [a, b], labels: ["channel", "south"]))
        #expect(!route.narrowLegs.isEmpty)
        for leg in route.legs {
            #expect(coast.firstLandCrossing(from: leg.from, to: leg.to, step: .metres(10)) == nil)
        }
        // Keeping 185 m from shore, there is no way out of a 100 m channel 11 km long.
        #expect(try wide.route(through: [a, b], labels: ["channel", "south"]) == nil)
    }

    @Test("a graph survives saving and loading byte for byte; damaged or foreign bytes are refused")
    func serialisation() throws {
        let coast = try Self.coast()
        let graph = SeaGraphBuilder(coastline: coast, clearance: 185.2).build()
        let bytes = graph.serialized()
        let back = try #require(SeaGraph(serialized: bytes))
        #expect(back.serialized() == bytes)
        #expect(
            back.nodeCount == graph.nodeCount && back.legCount == graph.legCount
                && back.fingerprint == coast.fingerprint)
        #expect(SeaGraph(serialized: bytes.dropLast(3)) == nil)
        var wrong = bytes
        wrong[4] = 99  // format version
        #expect(SeaGraph(serialized: wrong) == nil)
        #expect(SeaGraph(serialized: Data("not a graph".utf8)) == nil)
        let other = try Province.geo.coastline
        #expect(throws: RoutingError.self) { try SeaRouter(coastline: other, graph: back) }
    }

    @Test("the obstacle grid's clearance test agrees with brute force over every edge")
    func obstacleGridAgreesWithBruteForce() throws {
        var rng = SeededGenerator(seed: 5)
        var edges: [SIMD4<Double>] = []
        for _ in 0..<300 {
            let x = Double.random(in: 0...20_000, using: &rng)
            let y = Double.random(in: 0...20_000, using: &rng)
            edges.append(
                SIMD4(
                    x, y, x + .random(in: -400...400, using: &rng),
                    y + .random(in: -400...400, using: &rng)))
        }
        let grid = ObstacleGrid(
            edges: edges, reach: 300, cellSize: 500,
            bounds: (SIMD2(-400, -400), SIMD2(20_400, 20_400)))
        for _ in 0..<400 {
            let a = SIMD2(
                Double.random(in: 0...20_000, using: &rng), .random(in: 0...20_000, using: &rng))
            let b =
                a
                + SIMD2(
                    Double.random(in: -5000...5000, using: &rng),
                    .random(in: -5000...5000, using: &rng))
            let c = Double.random(in: 10...290, using: &rng)
            let brute = edges.map {
                ObstacleGrid.segmentDistanceSquared(a, b, SIMD2($0.x, $0.y), SIMD2($0.z, $0.w))
                    .squareRoot()
            }.min()!
            #expect(
                grid.isClear(a, b, clearance: c) == (brute >= c),
                "segment \(a)–\(b), clearance \(c), nearest \(brute)")
            #expect(abs(grid.minimumDistance(a, b, limit: 300) - min(brute, 300)) < 1e-6)
        }
    }

    @Test("Douglas–Peucker keeps every original vertex within the tolerance of the simplified ring")
    func simplification() throws {
        var rng = SeededGenerator(seed: 2)
        let ring = (0..<400).map { k -> SIMD2<Double> in
            let t = Double(k) / 400 * 2 * .pi
            let r = 5000 + Double.random(in: -60...60, using: &rng)
            return SIMD2(r * cos(t), r * sin(t))
        }
        let simple = SeaGraphBuilder.simplifyClosed(ring, tolerance: 40)
        #expect(simple.count < ring.count / 2)
        let closed = simple + [simple[0]]
        for p in ring {
            let d = zip(closed, closed.dropFirst()).map { ObstacleGrid.pointSegment2(p, $0, $1) }
                .min()!.squareRoot()
            #expect(d <= 40 + 1e-9)
        }
    }
}
