import Foundation
import SelatTestSupport
import Testing

@Suite("selat route sea and route matrix, end to end")
struct SeaRouteCLITests {
    /// One routing cache for these tests (the first run builds it).
    static let cache = TemporaryDirectory("sea-cli-cache")

    static func run(_ args: [String], in dir: TemporaryDirectory) throws -> (
        status: Int32, out: String, err: String
    ) {
        try CLI.run(args, in: dir, env: ["SELAT_CACHE_DIR": cache.path])
    }

    @Test("the table lists legs with bearings and ETAs, and the total")
    func table() throws {
        let dir = TemporaryDirectory("sea-cli")
        let r = try Self.run(
            [
                "route", "sea", "--from", "Sekupang", "--to", "Tanjung Balai Karimun", "--speed",
                "25kn",
                "--depart", "2026-11-22T20:00",
            ], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out.contains(
                "Sea route Sekupang International Ferry Terminal → Tanjung Balai Karimun"))
        #expect(r.out.contains("°T") && r.out.contains("WIB") && r.out.contains("Total "))
        #expect(
            !FileManager.default.fileExists(atPath: dir.file("log.sqlite")),
            "routing must not create a log")
    }

    @Test("GeoJSON output opens in ogrinfo and every geometry is valid in Shapely")
    func geojson() throws {
        let dir = TemporaryDirectory("sea-cli")
        let r = try Self.run(
            [
                "route", "sea", "--from", "Batam Centre", "--to", "Sri Bintan Pura", "--format",
                "geojson",
                "--out", dir.file("route.geojson"),
            ], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Wrote") && r.out.contains("nearest navigable water"))
        let ogr = try runProcess(
            "/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", dir.file("route.geojson")])
        #expect(ogr.status == 0, "\(ogr.err)")
        #expect(ogr.out.contains("Feature Count"))
        let script = """
            import json, sys
            from shapely.geometry import shape
            fc = json.load(open(sys.argv[1]))
            kinds = [f["properties"]["kind"] for f in fc["features"]]
            assert kinds[0] == "route" and kinds.count("stop") == 2, kinds
            for f in fc["features"]:
                g = shape(f["geometry"])
                assert g.is_valid, f
            print("ok", len(kinds))
            """
        let py = try runProcess("/usr/bin/python3", ["-c", script, dir.file("route.geojson")])
        #expect(py.status == 0 && py.out.hasPrefix("ok"), "\(py.err)")
    }

    @Test("GPX output is well-formed and gpsbabel reads it as a route with named points")
    func gpx() throws {
        let dir = TemporaryDirectory("sea-cli")
        let r = try Self.run(
            [
                "route", "sea", "--from", "Nongsapura", "--to", "Tanjung Uban", "--format", "gpx",
                "--depart", "2026-11-22T21:00+07:00",
            ], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let file = dir.write("route.gpx", r.out)
        #expect(try runProcess("/usr/bin/env", ["xmllint", "--noout", file]).status == 0)
        let babel = try runProcess(
            "/usr/bin/env", ["gpsbabel", "-r", "-i", "gpx", "-f", file, "-o", "unicsv", "-F", "-"])
        #expect(babel.status == 0, "\(babel.err)")
        #expect(
            babel.out.contains("Nongsapura Ferry Terminal") && babel.out.contains("Tanjung Uban"))
    }

    @Test(
        "refusals: a position on land names the island and the fix; a bad speed or format says what is accepted",
        arguments: [
            (["--from", "1.12 103.94", "--to", "Tanjung Uban"], "on land: Batam"),
            (["--from", "Sekupang", "--to", "Tanjung Uban", "--speed", "25"], "unit is missing"),
            (
                ["--from", "Sekupang", "--to", "Tanjung Uban", "--format", "kml"],
                "Please provide one of 'table', 'geojson' or 'gpx'"
            ),
            (["--from", "Sekupang", "--to", "Atlantis"], "not a position, a port or base"),
            (["--from", "Sekupang", "--to", "Tanjung Uban", "--clearance", "-3m"], "--clearance"),
        ])
    func refusals(args: [String], message: String) throws {
        let dir = TemporaryDirectory("sea-cli")
        let r = try Self.run(["route", "sea"] + args, in: dir)
        #expect(r.status != 0)
        #expect(r.err.contains(message), "\(r.err)")
    }

    @Test("--snap moves a typed position off the land and says so")
    func snap() throws {
        let dir = TemporaryDirectory("sea-cli")
        let r = try Self.run(
            ["route", "sea", "--from", "1.12 103.94", "--to", "Tanjung Uban", "--snap", "0.5nm"],
            in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("nearest navigable water"))
    }

    @Test("route matrix writes a CSV matrix; a bad points file names its line")
    func matrix() throws {
        let dir = TemporaryDirectory("sea-cli")
        let points = dir.write(
            "points.csv",
            "name,latitude,longitude\nNorth,1.22,104.05\nEast,1.05,104.45\nWest,1.02,103.55\n")
        let r = try Self.run(
            ["route", "matrix", "--points", points, "--out", dir.file("m.csv")], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOfFile: dir.file("m.csv"), encoding: .utf8)
        #expect(csv.hasPrefix(",North,East,West\n"))
        #expect(csv.split(separator: "\n").count == 4)
        let bad = dir.write(
            "bad.csv", "name,latitude,longitude\nNorth,1.22,104.05\nEast,north,104.45\n")
        let b = try Self.run(["route", "matrix", "--points", bad], in: dir)
        #expect(b.status != 0)
        #expect(b.err.contains("bad.csv") && b.err.contains("line 3"), "\(b.err)")
    }
}

@Suite("selat fleet, end to end")
struct FleetCLITests {
    @Test("the default fleet loads once, lists its fictional boats, and refuses to load twice")
    func defaultFleet() throws {
        let dir = TemporaryDirectory("fleet-cli")
        let r = try CLI.run(["fleet", "default"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("4 agencies") && r.out.contains("6 boats"))
        let boats = try CLI.run(["fleet", "boat", "list"], in: dir)
        #expect(
            boats.out.contains("DEMO-POL-1") && boats.out.contains("DEMO-TNI-2")
                && boats.out.contains("BEA-CUKAI"))
        let again = try CLI.run(["fleet", "default"], in: dir)
        #expect(again.status != 0 && again.err.contains("already exists"))
    }

    @Test("agency, base and boat add/list/remove, with the refusals a planner needs")
    func addListRemove() throws {
        let dir = TemporaryDirectory("fleet-cli")
        #expect(
            try CLI.run(
                [
                    "fleet", "agency", "add", "MMEA", "--name", "Maritim Malaysia", "--country",
                    "MY",
                ], in: dir
            ).status == 0)
        let base = try CLI.run(
            [
                "fleet", "base", "add", "Puteri Harbour", "--agency", "MMEA", "--place",
                "Puteri Harbour",
            ], in: dir)
        #expect(base.status == 0, "\(base.err)")
        let boat = try CLI.run(
            [
                "fleet", "boat", "add", "KM-1", "--agency", "MMEA", "--base", "puteri harbour",
                "--speed", "30kn",
                "--endurance", "10h", "--crew", "8", "--waters", "coordinated",
            ], in: dir)
        #expect(boat.status == 0, "\(boat.err)")
        #expect(boat.out.contains("150 nm"))
        let bad = try CLI.run(
            [
                "fleet", "boat", "add", "KM-2", "--agency", "MMEA", "--base", "puteri harbour",
                "--speed", "30",
                "--endurance", "10h", "--crew", "8",
            ], in: dir)
        #expect(bad.status != 0 && bad.err.contains("unit is missing"))
        let inUse = try CLI.run(["fleet", "agency", "remove", "MMEA"], in: dir)
        #expect(inUse.status != 0 && inUse.err.contains("still used by"))
        #expect(try CLI.run(["fleet", "boat", "remove", "km-1"], in: dir).status == 0)
        #expect(try CLI.run(["fleet", "base", "remove", "Puteri Harbour"], in: dir).status == 0)
        #expect(try CLI.run(["fleet", "agency", "remove", "mmea"], in: dir).status == 0)
        #expect(try CLI.run(["fleet", "agency", "list"], in: dir).out.contains("No agencies yet"))
    }
}
