import Foundation
import SelatTestSupport
import Testing

/// Runs the built `selat` binary, as an officer would.
enum CLI {
    static let binary: String = {
        // The test bundle sits in the build products folder beside the `selat` executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("selat").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/selat").path
        return fallback
    }()

    static func run(_ args: [String], in dir: TemporaryDirectory, env: [String: String] = [:])
        throws -> (status: Int32, out: String, err: String)
    {
        var environment = ProcessInfo.processInfo.environment
        environment["SELAT_DB"] = dir.file("log.sqlite")
        // English unless a test asks otherwise, whatever the machine's locale.
        environment["SELAT_LANG"] = "en"
        for (k, v) in env { environment[k] = v }
        return try runProcess(binary, args, environment: environment)
    }
}

@Suite("The selat command line, end to end")
struct CLITests {
    @Test("the binary is built and answers --help with examples")
    func help() throws {
        let dir = TemporaryDirectory()
        let r = try CLI.run(["sighting", "add", "--help"], in: dir)
        #expect(r.status == 0)
        #expect(r.out.contains("Example:"))
        #expect(r.out.contains("--position"))
    }

    @Test("add prints the new id; list finds it near the place it was seen; show prints it")
    func addListShow() throws {
        let dir = TemporaryDirectory()
        let add = try CLI.run(
            [
                "sighting", "add", "--time", "2026-11-20T21:40+07:00", "--position",
                "1°10.5'N 104°02.3'E",
                "--vessel-type", "speedboat", "--activity", "trafficking", "--persons", "12",
                "--heading", "310", "--speed", "25", "--unit", "Ditpolairud Kepri", "--notes",
                "no lights",
            ], in: dir)
        #expect(add.status == 0, "\(add.err)")
        let id = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 36)
        let near = try CLI.run(
            ["sighting", "list", "--near", "1.18N 104.05E", "--within", "2nm", "--format", "csv"],
            in: dir)
        #expect(near.out.contains(id))
        #expect(near.out.contains("2026-11-20T14:40:00Z"))
        let far = try CLI.run(
            ["sighting", "list", "--near", "1.5N 104.5E", "--within", "2nm"], in: dir)
        #expect(far.out.contains("No sightings match."))
        let geo = try CLI.run(["sighting", "list", "--format", "geojson"], in: dir)
        #expect(geo.out.contains("\"coordinates\":[104.0383333,1.175]"))
        #expect(!geo.out.contains("Ditpolairud"))  // personal data only on request
        let show = try CLI.run(["sighting", "show", id], in: dir)
        #expect(show.out.contains("2026-11-20T21:40:00+07:00"))
        #expect(show.out.contains("Ditpolairud Kepri"))
    }

    @Test(
        "bad input is refused with a message that says what to do, and nothing is stored",
        arguments: [
            (["--position", "104.05, 1.12"], "look swapped"),
            (
                ["--position", "1.2 104.1", "--vessel-type", "jetski"],
                "'jetski' is invalid for '--vessel-type <type>'"
            ),
            (["--position", "1.2 104.1", "--speed", "fast"], "use a number and a unit"),
            (["--position", "1.1 104.1", "--timezone", "Mars"], "time zone"),
            (["--position", "1.08 104.03"], "is on land (Batam)"),
        ])
    func refusesBadInput(_ extra: [String], _ words: String) throws {
        let dir = TemporaryDirectory()
        let r = try CLI.run(["sighting", "add", "--time", "2026-11-20T21:40"] + extra, in: dir)
        #expect(r.status != 0)
        #expect(r.err.contains(words), "\(r.err)")
        let list = try CLI.run(["sighting", "list", "--format", "csv"], in: dir)
        #expect(list.out.split(separator: "\n").count <= 1)
    }

    @Test(
        "import reports rejects, writes the rejects file and exits 3; a clean re-run adds nothing")
    func importExitCodes() throws {
        let dir = TemporaryDirectory()
        let file = dir.write(
            "in.csv",
            "observed_at,lat,lon\n2026-11-20T21:40+07:00,1.2,104.1\n2026-11-20T21:40+07:00,91,104.1\n"
        )
        let r = try CLI.run(["sighting", "import", file], in: dir)
        #expect(r.status == 3)
        #expect(r.out.contains("2 read, 1 added"))
        #expect(r.out.contains("line 3, field lat"))
        #expect(FileManager.default.fileExists(atPath: file + ".rejects.csv"))
        let clean = dir.write(
            "clean.csv", "observed_at,lat,lon\n2026-11-20T21:40+07:00,1.2,104.1\n")
        let again = try CLI.run(["sighting", "import", clean], in: dir)
        #expect(again.status == 0)
        #expect(again.out.contains("0 added, 1 already present"))
    }

    @Test("waypoints and routes: legs in nm with true bearings")
    func waypointsAndRoutes() throws {
        let dir = TemporaryDirectory()
        // The terminal's reference position is on GSHHG land (a jetty): refused, then accepted with --allow-land.
        let refused = try CLI.run(
            ["waypoint", "add", "Nongsa", "--position", "1.18865, 104.09461", "--kind", "port"],
            in: dir)
        #expect(refused.status != 0 && refused.err.contains("on land (Batam)"))
        #expect(
            try CLI.run(
                [
                    "waypoint", "add", "Nongsa", "--position", "1.18865, 104.09461", "--kind",
                    "port", "--allow-land",
                ], in: dir
            ).status == 0)
        let csv = dir.write("w.csv", "name,kind,lat,lon,notes\nPengelih,port,1.37,104.09,Johor\n")
        #expect(
            try CLI.run(["waypoint", "import", csv], in: dir).out.contains("Imported 1 waypoint"))
        let add = try CLI.run(
            [
                "route", "add", "Crossing", "--kind", "crossing", "--point", "nongsa", "--point",
                "Pengelih",
            ], in: dir)
        #expect(add.status == 0, "\(add.err)")
        let show = try CLI.run(["route", "show", "Crossing"], in: dir)
        #expect(show.out.contains("Nongsa"))
        #expect(show.out.contains("10.8") || show.out.contains("10.9"))
        #expect(show.out.contains("359°T") || show.out.contains("000°T"))
        let dup = try CLI.run(["waypoint", "import", csv], in: dir)
        #expect(dup.status != 0)
        #expect(dup.err.contains("line 2, field name"))
    }

    @Test("the demo runs from an empty folder and writes what it says")
    func demo() throws {
        let dir = TemporaryDirectory()
        let out = dir.file("demo")
        let r = try CLI.run(["demo", "--out", out, "--count", "800"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("800 added"))
        #expect(r.out.contains("0 added, 800 already present"))
        for f in [
            "selat.sqlite", "synthetic-sightings.csv", "near-nongsapura.csv",
            "near-nongsapura.geojson", "sightings.geojson",
        ] {
            #expect(
                FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(f)),
                "\(f)")
        }
    }
}

@Suite("selat where and selat places")
struct GeographyCLITests {
    @Test(
        "where names the island, or says sea, or says unknown outside the region",
        arguments: [
            ("1.08, 104.03", "On land        Batam"), ("1.10N 104.50E", "On land        Bintan"),
            ("1°12'N 104°00'E", "At sea"), ("10 100", "unknown: outside the GeoData region"),
        ])
    func whereReports(_ position: String, _ expected: String) throws {
        let dir = TemporaryDirectory()
        let r = try CLI.run(["where", position], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains(expected), "\(r.out)")
        if !expected.contains("unknown") { #expect(r.out.contains("Nearest port")) }
    }

    @Test("places lists bases and ports, and writes GeoJSON that GDAL-style readers accept")
    func places() throws {
        let dir = TemporaryDirectory()
        let bases = try CLI.run(["places", "--kind", "base"], in: dir)
        #expect(bases.out.contains("Ditpolairud"))
        #expect(!bases.out.contains("Ferry Terminal"))
        let geo = try CLI.run(["places", "--format", "geojson"], in: dir)
        let data = try JSONSerialization.jsonObject(with: Data(geo.out.utf8)) as? [String: Any]
        #expect((data?["features"] as? [Any])?.count ?? 0 >= 29)
        let bad = try CLI.run(["places", "--kind", "harbour"], in: dir)
        #expect(bad.status == 2 && bad.err.contains("Please provide one of 'port' and 'base'"))
    }
}

@Suite("selat where: jurisdiction")
struct WhereJurisdictionCLITests {
    @Test(
        "where says whose side of the boundary a sea position is on",
        arguments: [
            ("1.20, 104.00", "Waters         Indonesian side"),
            ("1.22 103.62", "Waters         Singapore side"),
            ("1.47 104.53", "Waters         unknown: beyond boundary point E17"),
        ])
    func waters(_ position: String, _ expected: String) throws {
        let r = try CLI.run(["where", position], in: TemporaryDirectory())
        #expect(r.out.contains(expected), "\(r.out)")
    }

    @Test("a position south of the equator can be typed with a minus sign")
    func negativeLatitude() throws {
        let r = try CLI.run(["where", "-0.6,104.7"], in: TemporaryDirectory())
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("0°36.000'S 104°42.000'E"))
    }
}
