import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// Seeded synthetic sightings with three planted hotspots of known trend, over 12 months.
struct PlantedData {
    /// Persistent (same rate every month), intensifying (rising), new (last month only).
    static let persistent = try! Coordinate(latitude: 1.225, longitude: 104.12)
    static let intensifying = try! Coordinate(latitude: 1.10, longitude: 103.62)
    static let new = try! Coordinate(latitude: 1.32, longitude: 104.40)

    static func sightings(seed: UInt64) -> [Sighting] {
        let coast = try! GeoData.bundled().coastline
        var rng = SeededGenerator(seed: seed)
        var out: [Sighting] = []
        func time(month: Int) -> Timestamp {
            // Within calendar month `month` (WIB) after December 2025, on days 1–28, at a random hour.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
            let first = calendar.date(from: DateComponents(year: 2025, month: 12 + month, day: 1))!
            let ms = Int64(first.timeIntervalSince1970 * 1000) + Int64(rng.unit() * 28 * 86_400_000)
            return Timestamp(millisecondsSince1970: ms)
        }
        func add(_ c: Coordinate, month: Int, activity: Activity) {
            guard !coast.isLand(c) else { return }
            out.append(
                try! Sighting(
                    id: SightingID("P\(out.count)"), observedAt: time(month: month), position: c,
                    vesselType: .speedboat, activity: activity, unit: "SYNTHETIC"))
        }
        func near(_ c: Coordinate, sd: Double) -> Coordinate {
            try! Coordinate(
                latitude: c.latitude + rng.normal() * sd, longitude: c.longitude + rng.normal() * sd
            )
        }
        for month in 0..<12 {
            for _ in 0..<250 {  // background: anywhere at sea in the box
                add(
                    try! Coordinate(
                        latitude: 0.95 + rng.unit() * 0.5, longitude: 103.5 + rng.unit() * 1.0),
                    month: month, activity: .unknown)
            }
            for _ in 0..<40 {
                add(near(persistent, sd: 0.004), month: month, activity: .trafficking)
            }
            for _ in 0..<(4 + 6 * month) {
                add(near(intensifying, sd: 0.004), month: month, activity: .smuggling)
            }
            if month == 11 {
                for _ in 0..<70 { add(near(new, sd: 0.004), month: month, activity: .trafficking) }
            }
        }
        return out
    }
}

/// Even–odd test of a position in a GeoJSON Polygon's outer ring.
func polygonContains(_ geometry: [String: Any], _ c: Coordinate) -> Bool {
    guard geometry["type"] as? String == "Polygon",
        let rings = geometry["coordinates"] as? [[[Double]]]
    else { return false }
    let ring = rings[0]
    var inside = false
    var j = ring.count - 1
    for i in 0..<ring.count {
        let a = ring[i]
        let b = ring[j]
        if (a[1] > c.latitude) != (b[1] > c.latitude)
            && c.longitude < (b[0] - a[0]) * (c.latitude - a[1]) / (b[1] - a[1]) + a[0]
        {
            inside.toggle()
        }
        j = i
    }
    return inside
}

@Suite("Hotspots on the sighting log, planted and found", .serialized)
struct HotspotRunnerTests {
    static let dir = TemporaryDirectory("hotspots")
    static let db: SelatDatabase = {
        let db = try! SelatDatabase(path: dir.file("planted.sqlite"))
        _ = try! db.insert(PlantedData.sightings(seed: 42))
        return db
    }()
    static let runner = HotspotRunner(database: db, geoData: try! GeoData.bundled())

    static func features(_ path: String) throws -> [[String: Any]] {
        let root =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as! [String: Any]
        #expect(root["type"] as? String == "FeatureCollection")
        return root["features"] as! [[String: Any]]
    }

    static func cell(containing c: Coordinate, in features: [[String: Any]]) -> [String: Any]? {
        features.first { polygonContains($0["geometry"] as! [String: Any], c) }?["properties"]
            as? [String: Any]
    }

    @Test("Gi* finds every planted hotspot at 95 % and no hot cell, even at 90 %, far from them")
    func giStarFindsPlanted() throws {
        var request = HotspotRequest()
        request.cell = Distance(metres: 1000)
        let out = Self.dir.file("gistar.geojson")
        let outcome = try Self.runner.run(request, command: "test", out: out)
        let features = try Self.features(out)
        #expect(features.count == outcome.written?.features)
        for planted in [PlantedData.persistent, PlantedData.intensifying, PlantedData.new] {
            let p = try #require(
                Self.cell(containing: planted, in: features), "no cell at \(planted)")
            #expect((p["bin"] as! Int) >= 2, "planted hotspot at \(planted) has bin \(p["bin"]!)")
            #expect(p["hours_wib"] is [Int])
        }
        // Every study-area cell is there, zero counts included; no hot cell far from a planted centre.
        #expect(features.contains { ($0["properties"] as! [String: Any])["count"] as! Int == 0 })
        for f in features {
            let p = f["properties"] as! [String: Any]
            guard (p["bin"] as! Int) >= 1 else { continue }
            let ring = ((f["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
            let centre = try Coordinate(
                latitude: ring.map { $0[1] }.reduce(0, +) / Double(ring.count),
                longitude: ring.map { $0[0] }.reduce(0, +) / Double(ring.count))
            let nearest = [PlantedData.persistent, PlantedData.intensifying, PlantedData.new].map {
                centre.distance(to: $0).metres
            }.min()!
            #expect(
                nearest < 4000,
                "hot cell \(p["cell"]!) is \(Int(nearest)) m from every planted hotspot")
        }
        #expect(outcome.hotspots.count >= 3)
        #expect(outcome.words(.neutral).contains("Hot spot regions"))
        // The typed cells are the file's hot cells.
        #expect(
            outcome.results.cells.filter { $0.bin >= 1 }.count
                == features.filter { (($0["properties"] as! [String: Any])["bin"] as! Int) >= 1 }
                .count)
    }

    @Test("emerging analysis labels the planted trends: persistent, intensifying, new")
    func emergingFindsTrends() throws {
        var request = HotspotRequest()
        request.method = .emerging
        request.cell = Distance(metres: 1000)
        let out = Self.dir.file("emerging.geojson")
        _ = try Self.runner.run(request, command: "test", out: out)
        let features = try Self.features(out)
        let expected: [(Coordinate, [String])] = [
            (PlantedData.persistent, ["Persistent hot spot"]),
            (PlantedData.intensifying, ["Intensifying hot spot"]),
            (PlantedData.new, ["New hot spot"]),
        ]
        for (c, patterns) in expected {
            let p = try #require(Self.cell(containing: c, in: features))
            #expect(patterns.contains(p["pattern"] as! String), "at \(c): \(p["pattern"]!)")
        }
    }

    @Test("DBSCAN clusters sit on the planted hotspots; KDE peaks too")
    func clustersAndDensity() throws {
        var request = HotspotRequest()
        request.method = .dbscan
        request.eps = Distance(metres: 500)
        request.minPoints = 15
        let outcome = try Self.runner.run(request, command: "test")
        let centres = outcome.hotspots.prefix(3).map(\.centre)
        for planted in [PlantedData.persistent, PlantedData.intensifying, PlantedData.new] {
            #expect(
                centres.contains { $0.distance(to: planted).metres < 700 },
                "no cluster at \(planted)")
        }
        request.method = .kde
        request.bandwidth = Distance(metres: 1500)
        let kde = try Self.runner.run(request, command: "test")
        for planted in [PlantedData.persistent, PlantedData.intensifying] {
            #expect(
                kde.hotspots.prefix(3).contains { $0.centre.distance(to: planted).metres < 1000 },
                "no density peak at \(planted)")
        }
    }

    @Test(
        "permutation p-values find the planted hotspots, and a p-value floor too high for FDR is explained"
    )
    func permutations() throws {
        var request = HotspotRequest()
        request.cell = Distance(metres: 1000)
        request.permutations = 199
        request.seed = 3
        request.fdr = false
        let plain = try Self.runner.run(
            request, command: "test", out: Self.dir.file("perm.geojson"))
        let features = try Self.features(Self.dir.file("perm.geojson"))
        for planted in [PlantedData.persistent, PlantedData.intensifying, PlantedData.new] {
            let p = try #require(Self.cell(containing: planted, in: features))
            #expect((p["bin"] as! Int) >= 2, "planted hotspot at \(planted)")
        }
        #expect(
            plain.notes.contains {
                if case .permutationFloor(199, 0.01, _) = $0 { return true }
                return false
            })
        #expect(
            plain.words(.neutral).contains("no p-value can be below 0.01"))
        request.fdr = true
        request.permutations = 9
        let starved = try Self.runner.run(request, command: "test")
        #expect(starved.hotspots.isEmpty)
        #expect(starved.notes.contains { if case .fdrHidesAll = $0 { true } else { false } })
        #expect(
            starved.words(.neutral).contains("Use more permutations (e.g. 'permutations' 9999)"))
    }

    @Test(
        "by default the cells with sightings and their neighbours are analysed, the full box on request"
    )
    func studyAreaChoice() throws {
        var request = HotspotRequest()
        request.cell = Distance(metres: 1000)
        let data = try Self.runner.run(request, command: "test")
        request.studyArea = .full
        let full = try Self.runner.run(request, command: "test")
        let fullCounts = Dictionary(uniqueKeysWithValues: full.results.cells.map { ($0.cell, $0) })
        // The data's cells are the full box's cells with sightings and their neighbours.
        let occupied = full.results.cells.filter { $0.count > 0 }
        #expect(data.results.cells.count < full.results.cells.count)
        #expect(data.results.cells.filter { $0.count > 0 }.count == occupied.count)
        for c in data.results.cells where c.count > 0 {
            #expect(fullCounts[c.cell]?.count == c.count)
            #expect(fullCounts[c.cell]?.ring == c.ring)
        }
        // Empty neighbours may lie beyond the full box's one-cell margin; those inside are empty
        // there too.
        for c in data.results.cells where c.count == 0 {
            #expect(fullCounts[c.cell].map { $0.count == 0 } ?? true)
        }
        let dataEmpty = data.results.cells.filter { $0.count == 0 }.count
        #expect(
            data.notes.contains(
                .studyAreaAroundData(seaCells: data.results.cells.count, emptyCells: dataEmpty)))
        #expect(full.notes.contains { if case .studyArea = $0 { true } else { false } })
        // The planted hot spots stand out either way, with the same regions.
        #expect(data.hotspots.count >= 3 && full.hotspots.count >= 3)
        #expect(data.hotspots.prefix(3).map(\.centre) == full.hotspots.prefix(3).map(\.centre))
        let stored = try Self.db.hotspotRun(id: full.runId)
        #expect(stored.record.parameters.contains("\"study_area\":\"full\""))
        #expect(
            try Self.db.hotspotRun(id: data.runId).record.parameters.contains(
                "\"study_area\":\"data\""))
    }

    @Test("runs are stored with their parameters and the fingerprint of the sightings")
    func runsAreStored() throws {
        var request = HotspotRequest()
        request.cell = Distance(metres: 2000)
        request.query.activities = [.trafficking]
        // Trafficking was planted only in hot spots: around the data there is no empty water to
        // compare them with, so the full box is asked for.
        request.studyArea = .full
        let a = try Self.runner.run(
            request, command: "selat hotspots --cell 2km --activity trafficking")
        let b = try Self.runner.run(
            request, command: "selat hotspots --cell 2km --activity trafficking")
        #expect(a.inputSha256 == b.inputSha256 && a.runId != b.runId)
        let stored = try Self.db.hotspotRun(id: a.runId)
        #expect(stored.record.command == "selat hotspots --cell 2km --activity trafficking")
        #expect(stored.record.parameters.contains("\"activities\":\"trafficking\""))
        // The typed run comes back as it was made: notes, rows and the significant results.
        #expect(stored.outcome?.notes == a.notes && stored.outcome?.hotspots == a.hotspots)
        #expect(stored.results.cells == a.results.cells.filter { $0.bin != 0 })
        #expect(stored.results.featureCount == stored.record.featureCount)
        #expect(!stored.results.cells.isEmpty)
        request.query.activities = []
        let c = try Self.runner.run(request, command: "x")
        #expect(c.inputSha256 != a.inputSha256)
    }

    @Test("night filter keeps only 18:00–06:00 WIB")
    func night() throws {
        var request = HotspotRequest()
        request.method = .dbscan
        request.nightOnly = true
        let outcome = try Self.runner.run(request, command: "test")
        let all = try Self.db.sightingSample(matching: SightingQuery()).sample
        let nightCount = (0..<all.count).filter { all.hourWIB($0) >= 18 || all.hourWIB($0) < 6 }
            .count
        #expect(outcome.sightingCount == nightCount)
    }

    @Test("no matching sightings is a clear error")
    func nothingMatches() {
        var request = HotspotRequest()
        request.query.activities = [.piracy]
        #expect(throws: KitError.self) { try Self.runner.run(request, command: "test") }
    }

    @Test("the GeoJSON opens in GDAL and every geometry is valid in Shapely")
    func interoperates() throws {
        for method in HotspotRequest.Method.allCases {
            var request = HotspotRequest()
            request.method = method
            request.cell = method == .kde ? nil : Distance(metres: 1500)
            let out = Self.dir.file("interop-\(method.rawValue).geojson")
            let outcome = try Self.runner.run(request, command: "test", out: out)
            let ogr = try runProcess("/usr/bin/env", ["ogrinfo", "-ro", "-so", "-al", out])
            #expect(ogr.status == 0, "ogrinfo: \(ogr.err)")
            #expect(ogr.out.contains("Feature Count: \(outcome.written!.features)"))
            let script = """
                import json, sys
                from shapely.geometry import shape
                d = json.load(open(sys.argv[1]))
                bad = [i for i, f in enumerate(d['features']) if not shape(f['geometry']).is_valid]
                print(len(d['features']), len(bad))
                """
            // Debian's python3 with python3-shapely (.ci/run installs it), not whatever python3 is first on PATH.
            let py = try runProcess("/usr/bin/python3", ["-c", script, out])
            #expect(py.status == 0, "shapely: \(py.err)")
            #expect(
                py.out.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "\(outcome.written!.features) 0")
        }
    }
}
