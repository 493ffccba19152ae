import Foundation
import SelatGeo
import SelatGeoData
import Testing

@testable import SelatPlanning

/// The province's coastline and its routing graph, built once for the whole test run.
enum Province {
    static let geo = try! GeoData.bundled()
    static let router: SeaRouter = {
        let graph = SeaGraphBuilder(coastline: geo.coastline, clearance: 185.2).build()
        return try! SeaRouter(coastline: geo.coastline, graph: graph)
    }()
    static let reference = SeaRouteReference(coastline: geo.coastline, clearance: 185.2)

    static func place(_ prefix: String) -> Coordinate {
        let p = geo.places.first { $0.name.hasPrefix(prefix) }!.position
        return router.nearestWater(to: p, within: .kilometres(5))!.position
    }
}

@Suite("Sea routes among the Riau islands")
struct SeaRouterTests {
    @Test(
        "known routes stay at sea, leg by leg, and are within 1 % of the exact shortest route (a brute-force lower bound)",
        arguments: [
            ("Sekupang", "Tanjung Balai Karimun"), ("Batam Centre", "Sri Bintan Pura"),
            ("Nongsapura", "Tanjung Uban"),
        ])
    func knownRoutes(from: String, to: String) throws {
        let a = Province.place(from)
        let b = Province.place(to)
        let route = try #require(try Province.router.route(through: [a, b], labels: [from, to]))
        #expect(route.legs.count >= 2)  // none of these is a straight line: land is in the way
        for leg in route.legs {
            #expect(
                Province.geo.coastline.firstLandCrossing(
                    from: leg.from, to: leg.to, step: .metres(25)) == nil,
                "leg \(leg.from) → \(leg.to) touches land")
        }
        let exact = try #require(Province.reference.route(from: a, to: b, bound: route.length))
        let excess = route.length.metres / exact.length.metres - 1
        #expect(excess < 0.01, "Selat \(route.length) vs exact \(exact.length)")
        #expect(excess > -0.001, "the reference is a lower bound: Selat cannot be shorter")
        // Straight-line distance is a lower bound.
        #expect(route.length.metres >= a.distance(to: b).metres)
    }

    @Test("legs keep the clearance except those it flags, which say how close they come")
    func clearanceIsKeptOrFlagged() throws {
        let a = Province.place("Sekupang")
        let b = Province.place("Tanjung Balai Karimun")
        let route = try #require(try Province.router.route(through: [a, b], labels: ["a", "b"]))
        for (k, leg) in route.legs.enumerated() {
            let d = Province.router.shoreDistance(from: leg.from, to: leg.to)
            if let close = leg.closestShore {
                #expect(abs(close.metres - d) < 1)
                #expect(
                    k == 0 || k == route.legs.count - 1,
                    "only legs at a stop near the shore come closer here")
            } else {
                #expect(d >= 185.2 - 0.5)
            }
        }
    }

    @Test("a start on land fails, naming the island and the nearest water")
    func startOnLand() throws {
        let onBatam = try Coordinate(latitude: 1.10, longitude: 103.95)  // 1.5 km inland
        #expect(Province.geo.coastline.isLand(onBatam))
        let b = Province.place("Tanjung Uban")
        do {
            _ = try Province.router.route(through: [onBatam, b], labels: ["my start", "Uban"])
            Issue.record("expected an error")
        } catch let error {
            guard case .onLand(let label, _, let island, let water, let distance) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(label == "my start")
            #expect(island == "Batam")
            let w = try #require(water)
            #expect(!Province.geo.coastline.isLand(w))
            #expect(try #require(distance).metres > 1000 && distance!.metres < 2500)
            #expect(error.description.contains("Batam") && error.description.contains("'snap'"))
        }
    }

    @Test("outside the coastline data is refused, not guessed")
    func outsideCoverage() throws {
        let far = try Coordinate(latitude: 10, longitude: 115)
        #expect(throws: RoutingError.self) {
            try Province.router.route(
                through: [far, Province.place("Sekupang")], labels: ["far", "b"])
        }
    }

    @Test("via stops are visited in order and each leg ending at one says so")
    func viaStops() throws {
        let a = Province.place("Sekupang")
        let v = Province.place("Nongsapura")
        let b = Province.place("Tanjung Uban")
        let route = try #require(
            try Province.router.route(through: [a, v, b], labels: ["a", "v", "b"]))
        let stops = route.legs.compactMap(\.endsAtStop)
        #expect(stops == [1, 2])
        let direct = try #require(try Province.router.route(through: [a, b], labels: ["a", "b"]))
        #expect(route.length > direct.length)
    }

    @Test("the distance matrix is symmetric, zero on the diagonal, and agrees with single routes")
    func matrixAgreesWithRoutes() throws {
        let names = [
            "Sekupang", "Nongsapura", "Tanjung Uban", "Batam Centre", "Tanjung Balai Karimun",
        ]
        let points = names.map(Province.place)
        let m = try Province.router.matrix(points, labels: names)
        for i in points.indices {
            #expect(m.nauticalMiles[i][i] == 0)
            for j in points.indices where j != i {
                let d = try #require(m.nauticalMiles[i][j])
                #expect(d == m.nauticalMiles[j][i])
                if j > i {
                    let r = try #require(
                        try Province.router.route(
                            through: [points[i], points[j]], labels: ["a", "b"]))
                    #expect(
                        abs(d / r.length.nauticalMiles - 1) < 0.005,
                        "\(names[i])–\(names[j]): matrix \(d) nm, route \(r.length.nauticalMiles) nm"
                    )
                }
            }
        }
    }

    @Test(
        "the matrix asks the path check about each pair's route and reports its answers symmetrically"
    )
    func matrixFlagsRoutes() throws {
        let names = [
            "Sekupang", "Nongsapura", "Tanjung Uban", "Batam Centre", "Tanjung Balai Karimun",
        ]
        let points = names.map(Province.place)
        // Flag routes that reach north of 1.15° N.
        let m = try Province.router.matrix(
            points, labels: names, flag: { path in path.contains { $0.latitude > 1.15 } })
        #expect(m.flagged.count == points.count)
        var flaggedPairs = 0
        for i in points.indices {
            #expect(!m.flagged[i][i])
            for j in points.indices where j > i {
                #expect(m.flagged[i][j] == m.flagged[j][i])
                let r = try #require(
                    try Province.router.route(through: [points[i], points[j]], labels: ["a", "b"]))
                let north = r.points.map(\.latitude).max()!
                if abs(north - 1.15) > 0.01 {
                    #expect(m.flagged[i][j] == (north > 1.15), "\(names[i])–\(names[j])")
                }
                if m.flagged[i][j] { flaggedPairs += 1 }
            }
        }
        #expect(flaggedPairs > 0 && flaggedPairs < 10)
        #expect(try Province.router.matrix(points, labels: names).flagged.isEmpty)
    }

    @Test(
        "seeded random pairs in the Batam–Bintan area: never over land, never shorter than exact, median within 0.5 %"
    )
    func randomPairs() throws {
        var rng = SeededGenerator(seed: 11)
        var excess: [Double] = []
        var drawn = 0
        while excess.count < 12 {
            drawn += 1
            try #require(drawn < 2_000, "too few routable pairs drawn")
            let a = try Coordinate(
                latitude: .random(in: 0.8...1.3, using: &rng),
                longitude: .random(in: 103.8...104.5, using: &rng))
            let b = try Coordinate(
                latitude: .random(in: 0.8...1.3, using: &rng),
                longitude: .random(in: 103.8...104.5, using: &rng))
            guard !Province.geo.coastline.isLand(a), !Province.geo.coastline.isLand(b),
                Province.router.shoreDistance(a) >= 185, Province.router.shoreDistance(b) >= 185,
                let route = try Province.router.route(through: [a, b], labels: ["a", "b"])
            else { continue }
            for leg in route.legs {
                #expect(
                    Province.geo.coastline.firstLandCrossing(
                        from: leg.from, to: leg.to, step: .metres(50)) == nil)
            }
            let exact = try #require(Province.reference.route(from: a, to: b, bound: route.length))
            excess.append(route.length.metres / exact.length.metres - 1)
        }
        excess.sort()
        #expect(excess.first! > -0.001)
        #expect(excess[excess.count / 2] < 0.005)
        #expect(excess.last! < 0.03)
    }
}
