import Foundation
import SelatFormats
import SelatTestSupport
import Testing

/// One demo run shared by the suites below: the whole job on synthetic data, as a new user runs it.
enum Demo {
    static let cache = TemporaryDirectory("demo-cli-cache")
    static let dir = TemporaryDirectory("demo-cli")
    static let result: (status: Int32, out: String, err: String) = {
        (try? CLI.run(
            ["demo", "--out", dir.path, "--count", "2000", "--days", "60"], in: dir,
            env: ["SELAT_CACHE_DIR": cache.path])) ?? (-1, "", "could not start selat")
    }()
    static var db: String { dir.file("selat.sqlite") }

    /// Runs selat on the demo database.
    static func run(_ args: [String], in work: TemporaryDirectory) throws -> (
        status: Int32, out: String, err: String
    ) {
        _ = result
        return try CLI.run(args + ["--db", db], in: work, env: ["SELAT_CACHE_DIR": cache.path])
    }

    static func files(_ ext: String) -> [String] {
        let all = (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []
        return all.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.file($0) }
    }
}

/// The real clients the outputs are for.
enum Clients {
    static func ogrinfo(_ path: String) throws -> (status: Int32, out: String, err: String) {
        try runProcess("/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", path])
    }

    static func xmllint(_ path: String) throws -> Int32 {
        try runProcess("/usr/bin/env", ["xmllint", "--noout", path]).status
    }

    static func gpsbabel(_ path: String) throws -> (status: Int32, out: String, err: String) {
        try runProcess(
            "/usr/bin/env", ["gpsbabel", "-i", "gpx", "-f", path, "-o", "gpx", "-F", "/dev/null"])
    }

    /// Shapely: every geometry valid.
    static func shapelyValid(_ path: String) throws -> (status: Int32, out: String, err: String) {
        let script = """
            import json, sys
            from shapely.geometry import shape
            fc = json.load(open(sys.argv[1]))
            bad = [i for i, f in enumerate(fc["features"]) if f["geometry"] is not None and not shape(f["geometry"]).is_valid]
            assert not bad, bad[:5]
            print("ok", len(fc["features"]))
            """
        return try runProcess("/usr/bin/python3", ["-c", script, path])
    }

    static func rfc7946(_ path: String) throws -> [String] {
        GeoJSONValidator().problems(in: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static var chromium: String? {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }

    static func chromiumArgs(_ profile: TemporaryDirectory) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile.path)",
        ]
    }
}

@Suite(
    "selat demo, end to end: every output made, marked synthetic, and opened by the tools it is for"
)
struct DemoCLITests {
    @Test("the demo runs from an empty folder and says what it made and how to open it")
    func runs() throws {
        let r = Demo.result
        #expect(r.status == 0, "\(r.err)")
        for step in [
            "Created the database", "Imported them", "night crossings", "emerging hot spots",
            "Routed a boat", "joint patrol",
            "Exported", "Drew the map", "analyst's report", "Open these first",
        ] {
            #expect(r.out.contains(step), "no step \(step)")
        }
        for name in [
            "map.html", "map.svg", "map.png", "report.html", "report.md", "report-map.svg",
            "sightings.geojson", "sightings.kml",
            "hotspots.geojson", "hotspots.kml", "hotspots.gpx", "plan.geojson", "plan.gpx",
            "plan.kml", "places.csv", "patrol-route.gpx",
        ] {
            #expect(FileManager.default.fileExists(atPath: Demo.dir.file(name)), "\(name) missing")
        }
        #expect(Demo.files("html").filter { $0.contains("/briefings/") }.count >= 4)
    }

    @Test("every GeoJSON passes the strict RFC 7946 check, ogrinfo and Shapely")
    func geojson() throws {
        _ = Demo.result
        let files = Demo.files("geojson")
        #expect(files.count >= 4)
        for f in files {
            let problems = try Clients.rfc7946(f)
            #expect(problems.isEmpty, "\(f): \(problems.prefix(3))")
            let ogr = try Clients.ogrinfo(f)
            #expect(ogr.status == 0 && ogr.out.contains("Feature Count"), "\(f): \(ogr.err)")
            let py = try Clients.shapelyValid(f)
            #expect(py.status == 0 && py.out.hasPrefix("ok"), "\(f): \(py.err)")
        }
    }

    @Test(
        "every GPX passes gpsbabel and xmllint; every KML opens in ogrinfo; every SVG is well-formed"
    )
    func xml() throws {
        _ = Demo.result
        let gpx = Demo.files("gpx")
        #expect(gpx.count >= 3)
        for f in gpx {
            let b = try Clients.gpsbabel(f)
            #expect(b.status == 0, "\(f): \(b.err)")
            #expect(try Clients.xmllint(f) == 0, "\(f)")
        }
        let kml = Demo.files("kml")
        #expect(kml.count >= 3)
        for f in kml {
            #expect(try Clients.xmllint(f) == 0, "\(f)")
            let ogr = try Clients.ogrinfo(f)
            #expect(ogr.status == 0 && ogr.out.contains("Feature Count"), "\(f): \(ogr.err)")
        }
        for f in Demo.files("svg") { #expect(try Clients.xmllint(f) == 0, "\(f)") }
    }

    @Test("every output says the data is synthetic")
    func synthetic() throws {
        _ = Demo.result
        func text(_ name: String) throws -> String {
            try String(contentsOfFile: Demo.dir.file(name), encoding: .utf8)
        }
        #expect(try text("sightings.geojson").contains("\"synthetic\":true"))
        #expect(try text("hotspots-night.geojson").contains("\"synthetic\":true"))
        #expect(
            try text("plan.gpx").contains("Synthetic") || text("plan.gpx").contains("SYNTHETIC"))
        #expect(try text("hotspots.gpx").contains("SYNTHETIC"))
        #expect(try text("hotspots.kml").contains("SYNTHETIC"))
        let places = try text("places.csv").split(separator: "\n")
        let column = try #require(places[0].split(separator: ",").firstIndex(of: "synthetic"))
        #expect(
            places.dropFirst().allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).contains("true")
            })
        #expect(column > 4)
        #expect(try text("near-nongsapura.csv").split(separator: "\n")[0].hasSuffix("synthetic"))
        #expect(try text("map.html").contains("SYNTHETIC DEMO DATA"))
        #expect(try text("report.md").contains("SYNTHETIC DEMO DATA"))
        let briefing = Demo.files("html").first { $0.contains("/briefings/") }!
        #expect(
            try String(contentsOfFile: briefing, encoding: .utf8).contains("SYNTHETIC DEMO DATA"))
    }

    @Test(
        "the map page renders in headless Chromium: a screenshot shows land, sea, hot cells and routes, and the script builds the layer switches"
    )
    func chromium() throws {
        _ = Demo.result
        let chromium = try #require(
            Clients.chromium, "Chromium is not installed (.ci/run installs it)")
        let work = TemporaryDirectory("demo-chromium")
        let shot = work.file("page.png")
        let r = try runProcess(
            chromium,
            Clients.chromiumArgs(work) + [
                "--window-size=1500,900", "--screenshot=\(shot)",
                "file://" + Demo.dir.file("map.html"),
            ])
        #expect(r.status == 0, "\(r.err)")
        let fixture = try #require(
            Bundle.module.path(forResource: "png_check", ofType: "py", inDirectory: "Fixtures"))
        // Land, sea, a 99 % hot cell over sea (72 % opaque), the first two boats' routes.
        let check = try runProcess(
            "/usr/bin/python3",
            [fixture, shot, "#f2ead3", "#d8ebf7", "#d76461", "#e41a1c", "#377eb8"])
        #expect(check.status == 0, "\(check.err)")
        var figures: [String: Double] = [:]
        for line in check.out.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let v = Double(parts[1]) { figures[String(parts[0])] = v }
        }
        #expect(figures["size"] == 1500)
        #expect((figures["nonbackground"] ?? 0) > 0.3, "\(check.out)")
        #expect((figures["colours"] ?? 0) > 200, "\(check.out)")
        #expect((figures["#f2ead3"] ?? 0) > 20_000, "land: \(check.out)")
        #expect((figures["#d8ebf7"] ?? 0) > 20_000, "sea: \(check.out)")
        #expect((figures["#d76461"] ?? 0) > 50, "hot cells: \(check.out)")
        #expect((figures["#e41a1c"] ?? 0) + (figures["#377eb8"] ?? 0) > 100, "routes: \(check.out)")

        let dom = try runProcess(
            chromium,
            Clients.chromiumArgs(work) + ["--dump-dom", "file://" + Demo.dir.file("map.html")])
        #expect(dom.status == 0, "\(dom.err)")
        #expect(dom.out.contains("data-map-ready=\"yes\""))
        for layer in [
            "land", "boundaries", "gistar", "emerging", "clusters", "sightings", "plan", "places",
        ] {
            #expect(dom.out.contains("id=\"toggle-layer-\(layer)\""), "no switch for \(layer)")
        }
        #expect(dom.out.contains("id=\"scale-text\"") && dom.out.contains("id=\"north-arrow\""))
    }

    @Test("the demo's PNG is a map, not a blank page")
    func png() throws {
        _ = Demo.result
        let fixture = try #require(
            Bundle.module.path(forResource: "png_check", ofType: "py", inDirectory: "Fixtures"))
        let check = try runProcess(
            "/usr/bin/python3", [fixture, Demo.dir.file("map.png"), "#f2ead3"])
        #expect(
            check.status == 0 && check.out.contains("size 1123 794"), "\(check.out) \(check.err)")
        let land =
            check.out.split(separator: "\n").first { $0.hasPrefix("#f2ead3") }.flatMap {
                Int($0.split(separator: " ")[1])
            } ?? 0
        #expect(land > 20_000)
    }
}
