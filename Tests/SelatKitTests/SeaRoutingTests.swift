import Foundation
import SelatGeoData
import SelatKit
import SelatTestSupport
import Testing

@Suite("Sea routing as the CLI uses it: names, snapping, cache, fallbacks")
struct SeaRoutingTests {
    static let geo = try! GeoData.bundled()

    @Test(
        "ports and bases resolve by the start of their name and are moved off the land, saying how far"
    )
    func placesAreSnapped() throws {
        let dir = TemporaryDirectory("sea-routing")
        let routing = SeaRouting(
            geoData: Self.geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        let stop = try routing.stop("sri bintan", snap: nil, database: nil)
        #expect(stop.label == "Sri Bintan Pura Port (Tanjung Pinang)")
        #expect(!Self.geo.coastline.isLand(stop.position))
        let moved = try #require(stop.moved)
        #expect(moved.metres > 0 && moved.metres < 5000)
        let outcome = try routing.route([
            try routing.stop("Batam Centre", snap: nil, database: nil), stop,
        ])
        #expect(
            outcome.notes.map(\.words).contains {
                $0.contains("Sri Bintan Pura") && $0.contains("nearest navigable water")
            })
        #expect(outcome.route.length.nauticalMiles > 20 && outcome.route.length.nauticalMiles < 45)
    }

    @Test("ambiguous and unknown names are refused with the candidates or the accepted forms")
    func badNames() throws {
        let dir = TemporaryDirectory("sea-routing")
        let routing = SeaRouting(
            geoData: Self.geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        #expect { try routing.stop("Tanjung", snap: nil, database: nil) } throws: { error in
            "\(error)".contains("could be any of") && "\(error)".contains("Tanjung Uban")
        }
        #expect { try routing.stop("Atlantis", snap: nil, database: nil) } throws: { error in
            "\(error)".contains("not a position, a port or base")
                && "\(error)".contains("'list_places'")
        }
    }

    @Test(
        "a typed position on land fails with the island, unless --snap allows the move; too far is still refused"
    )
    func typedPositionOnLand() throws {
        let dir = TemporaryDirectory("sea-routing")
        let routing = SeaRouting(
            geoData: Self.geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        #expect { try routing.stop("1.12, 103.94", snap: nil, database: nil) } throws: { error in
            "\(error)".contains("is on land: Batam") && "\(error)".contains("'snap' 0.5nm")
        }
        let snapped = try routing.stop("1.12, 103.94", snap: .nauticalMiles(0.5), database: nil)
        #expect(!Self.geo.coastline.isLand(snapped.position))
        #expect(try #require(snapped.moved).metres < 926)
        #expect {
            try routing.stop("1.10, 103.95", snap: .nauticalMiles(0.5), database: nil)
        } throws: { error in
            "\(error)".contains("more than 'snap' 926 m")
        }
    }

    @Test("the graph is built once and then loaded from the cache; a damaged cache file is rebuilt")
    func cache() throws {
        let dir = TemporaryDirectory("sea-cache")
        let cache = SeaGraphCache(directory: URL(fileURLWithPath: dir.path))
        var messages: [String] = []
        let first = cache.graph(for: Self.geo.coastline, clearance: 185.2) {
            messages.append($0.description)
        }
        #expect(messages.first?.contains("Preparing sea routes") == true)
        let file = cache.file(for: Self.geo.coastline, clearance: 185.2)
        #expect(FileManager.default.fileExists(atPath: file.path))
        messages = []
        let second = cache.graph(for: Self.geo.coastline, clearance: 185.2) {
            messages.append($0.description)
        }
        #expect(messages.isEmpty)
        #expect(second.nodeCount == first.nodeCount && second.legCount == first.legCount)
        try Data("garbage".utf8).write(to: file)
        let third = cache.graph(for: Self.geo.coastline, clearance: 185.2) {
            messages.append($0.description)
        }
        #expect(messages.first?.contains("Preparing sea routes") == true)
        #expect(third.legCount == first.legCount)
    }

    @Test(
        "a points file with a bad row is refused naming the file, line and value; a good one gives a matrix"
    )
    func matrixFromFile() throws {
        let dir = TemporaryDirectory("sea-matrix")
        let routing = SeaRouting(
            geoData: Self.geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        let bad = dir.write("bad.csv", "name,latitude,longitude\nA,1.20,104.05\nB,1.2x,104.10\n")
        #expect { try routing.points(file: bad, snap: nil, database: nil) } throws: { error in
            "\(error)".contains("bad.csv") && "\(error)".contains("line 3")
                && "\(error)".contains("1.2x")
        }
        let noName = dir.write("noname.csv", "lat,lon\n1.2,104.0\n")
        #expect { try routing.points(file: noName, snap: nil, database: nil) } throws: { error in
            "\(error)".contains("\"name\" column")
        }
        let good = dir.write(
            "good.csv", "name,latitude,longitude\nA,1.20,104.05\nB,1.25,104.30\nUban,,\n")
        // A row whose position is empty is an error, not skipped.
        #expect(throws: KitError.self) { try routing.points(file: good, snap: nil, database: nil) }
        let names = dir.write("names.csv", "name\nSekupang\nTanjung Uban\nNongsapura\n")
        let stops = try routing.points(file: names, snap: nil, database: nil)
        let outcome = try routing.matrix(stops)
        let lines = outcome.csv.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == ",Sekupang,Tanjung Uban,Nongsapura")
        #expect(lines[1].hasPrefix("Sekupang,0.00,"))
    }
}

@Suite("Sea routing refuses enclosed water in the real coastline")
struct EnclosedWaterTests {
    @Test("a position in a lagoon inside an island off Kijang: no route, and the message says why")
    func lagoon() throws {
        let dir = TemporaryDirectory("sea-lagoon")
        let routing = SeaRouting(
            geoData: SeaRoutingTests.geo,
            cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        let inLagoon = try routing.stop("0.876188, 104.629049", snap: nil, database: nil)
        #expect(SeaRoutingTests.geo.coastline.enclosingLand(of: inLagoon.position) != nil)
        let kijang = try routing.stop("Kijang", snap: nil, database: nil)
        #expect { try routing.route([inLagoon, kijang]) } throws: { error in
            "\(error)".contains("No water connects")
                && "\(error)".contains("lake or lagoon enclosed by")
        }
    }
}

@Suite("Narrow water in the real coastline")
struct NarrowWaterTests {
    @Test(
        "from water south of Batam whose every way out is narrower than 0.2 nm: the route narrows only there and says so"
    )
    func narrowsOnlyWhereItMust() throws {
        let dir = TemporaryDirectory("sea-narrow")
        let routing = SeaRouting(
            geoData: SeaRoutingTests.geo,
            cache: SeaGraphCache(directory: URL(fileURLWithPath: dir.path)))
        let a = try routing.stop("1.002499, 103.961766", snap: nil, database: nil)
        let b = try routing.stop("1.194600, 103.491763", snap: nil, database: nil)
        #expect(
            try routing.router().route(through: [a.position, b.position], labels: ["a", "b"]) == nil
        )
        let outcome = try routing.route([a, b])
        #expect(outcome.notes.map(\.words).contains { $0.contains("No route keeps 0.10 nm") })
        let route = outcome.route
        #expect(!route.narrowLegs.isEmpty)
        #expect(
            route.narrowLegs.count * 2 < route.legs.count,
            "only the narrow stretch comes close: \(route.narrowLegs) of \(route.legs.count)")
        for leg in route.legs {
            #expect(
                SeaRoutingTests.geo.coastline.firstLandCrossing(
                    from: leg.from, to: leg.to, step: .metres(20)) == nil)
            if let close = leg.closestShore { #expect(close.metres >= 9) }
        }
    }
}
