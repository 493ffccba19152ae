import Foundation
import SelatTestSupport
import Testing

@Suite("selat plan, end to end: exports the field tools open, briefings, list and show")
struct PlanCLITests {
    static let cache = TemporaryDirectory("plan-cli-cache")

    static func run(_ args: [String], in dir: TemporaryDirectory) throws -> (
        status: Int32, out: String, err: String
    ) {
        try CLI.run(args, in: dir, env: ["SELAT_CACHE_DIR": cache.path])
    }

    static let planArgs = [
        "plan", "--start", "2026-11-22T20:00", "--hours", "6", "--no-hotspots",
        "--boats", "DEMO-POL-1,DEMO-BKL-1", "--target", "1.19 103.95=8", "--target",
        "1.25 104.05=6",
        "--target", "Nongsapura=7/30m", "--target", "1.16 104.15", "--joint",
    ]

    @Test(
        "a plan prints per-boat legs in WIB, is stored, and re-issues as GeoJSON (ogrinfo, Shapely), GPX (xmllint, gpsbabel), KML (ogrinfo) and briefings"
    )
    func planAndExports() throws {
        let dir = TemporaryDirectory("plan-cli")
        #expect(try Self.run(["fleet", "default"], in: dir).status == 0)
        let r = try Self.run(Self.planArgs, in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out.contains("DEMO-POL-1 (POLAIRUD") && r.out.contains("WIB")
                && r.out.contains("Rendezvous"))
        #expect(r.out.contains("Stored as plan 1"))
        let list = try Self.run(["plan", "list"], in: dir)
        #expect(list.status == 0 && list.out.contains("selat plan --start 2026-11-22T20:00"))

        let geojson = try Self.run(
            ["plan", "show", "1", "--format", "geojson", "--out", dir.file("plan.geojson")], in: dir
        )
        #expect(geojson.status == 0, "\(geojson.err)")
        let ogr = try runProcess(
            "/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", dir.file("plan.geojson")])
        #expect(ogr.status == 0 && ogr.out.contains("Feature Count"), "\(ogr.err)")
        let script = """
            import json, sys
            from shapely.geometry import shape
            fc = json.load(open(sys.argv[1]))
            routes = [f for f in fc["features"] if f["properties"]["kind"] == "route"]
            assert len(routes) == 2, len(routes)
            for f in fc["features"]:
                assert shape(f["geometry"]).is_valid, f
                for lon, lat in (f["geometry"]["coordinates"] if f["geometry"]["type"] == "LineString" else [f["geometry"]["coordinates"]]):
                    assert 103 < lon < 105 and 0.5 < lat < 1.5
            print("ok")
            """
        let py = try runProcess("/usr/bin/python3", ["-c", script, dir.file("plan.geojson")])
        #expect(py.status == 0 && py.out.hasPrefix("ok"), "\(py.err)")

        let gpx = try Self.run(
            ["plan", "show", "1", "--format", "gpx", "--out", dir.file("plan.gpx")], in: dir)
        #expect(gpx.status == 0, "\(gpx.err)")
        #expect(
            try runProcess("/usr/bin/env", ["xmllint", "--noout", dir.file("plan.gpx")]).status == 0
        )
        let babel = try runProcess(
            "/usr/bin/env",
            ["gpsbabel", "-r", "-i", "gpx", "-f", dir.file("plan.gpx"), "-o", "unicsv", "-F", "-"])
        #expect(babel.status == 0, "\(babel.err)")
        #expect(babel.out.contains("Ditpolairud") && babel.out.contains("Rendezvous"))

        let kml = try Self.run(
            [
                "plan", "show", "1", "--format", "kml", "--out", dir.file("plan.kml"),
                "--briefings", dir.file("briefings"),
            ], in: dir)
        #expect(kml.status == 0, "\(kml.err)")
        #expect(
            try runProcess("/usr/bin/env", ["xmllint", "--noout", dir.file("plan.kml")]).status == 0
        )
        let ogrKML = try runProcess(
            "/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", dir.file("plan.kml")])
        #expect(ogrKML.status == 0 && ogrKML.out.contains("DEMO-POL-1"), "\(ogrKML.err)")
        let html = try String(
            contentsOfFile: dir.file("briefings/briefing-night1-DEMO-POL-1.html"), encoding: .utf8)
        #expect(
            html.contains("<svg") && html.contains("id=\"route\"") && html.contains("DEMO-BKL-1")
                && html.contains("VHF 72"))
        let md = try String(
            contentsOfFile: dir.file("briefings/briefing-night1-DEMO-BKL-1.md"), encoding: .utf8)
        #expect(md.contains("| # | Stop |") && md.contains("briefing-night1-DEMO-BKL-1.svg"))
        #expect(
            try runProcess(
                "/usr/bin/env",
                ["xmllint", "--noout", dir.file("briefings/briefing-night1-DEMO-BKL-1.svg")]
            ).status == 0)
    }

    @Test("briefings in Bahasa Indonesia with --lang id or LANG=id_ID.UTF-8; --lang takes id or en")
    func indonesianBriefings() throws {
        let dir = TemporaryDirectory("plan-cli-id")
        #expect(try Self.run(["fleet", "default"], in: dir).status == 0)
        let r = try Self.run(
            Self.planArgs + ["--briefings", dir.file("id"), "--lang", "id"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let html = try String(
            contentsOfFile: dir.file("id/briefing-night1-DEMO-POL-1.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"id\">") && html.contains("Taklimat patroli"))
        #expect(html.contains("Minggu, 22 November 2026 pukul 20.00 WIB"))
        #expect(html.contains("&apos; LU ") && html.contains("&apos; BT"))
        #expect(!html.contains("Legs and ETAs") && !html.contains("Other boats"))

        let show = try CLI.run(
            ["plan", "show", "1", "--briefings", dir.file("locale")], in: dir,
            env: ["SELAT_CACHE_DIR": Self.cache.path, "LANG": "id_ID.UTF-8", "SELAT_LANG": ""])
        #expect(show.status == 0, "\(show.err)")
        let fromLocale = try String(
            contentsOfFile: dir.file("locale/briefing-night1-DEMO-BKL-1.md"), encoding: .utf8)
        #expect(fromLocale.contains("| # | Titik | Posisi | Tiba | Berangkat |"))

        let english = try CLI.run(
            ["plan", "show", "1", "--lang=en", "--briefings", dir.file("en")], in: dir,
            env: ["SELAT_CACHE_DIR": Self.cache.path, "LANG": "id_ID.UTF-8"])
        #expect(english.status == 0, "\(english.err)")
        let md = try String(
            contentsOfFile: dir.file("en/briefing-night1-DEMO-BKL-1.md"), encoding: .utf8)
        #expect(md.contains("| # | Stop |"))

        let bad = try Self.run(["plan", "list", "--lang", "fr"], in: dir)
        #expect(bad.status == 2 && bad.err.contains("--lang is id (Bahasa Indonesia) or en"))
    }

    @Test("bad options are refused with what to write instead")
    func refusals() throws {
        let dir = TemporaryDirectory("plan-cli")
        var r = try Self.run(
            ["plan", "--start", "tonight", "--no-hotspots", "--target", "Nongsapura"], in: dir)
        #expect(r.status != 0 && r.err.contains("--start"))
        r = try Self.run(["plan", "--start", "2026-11-22T20:00", "--hours", "30"], in: dir)
        #expect(r.status != 0 && r.err.contains("--hours"))
        r = try Self.run(
            ["plan", "--start", "2026-11-22T20:00", "--no-hotspots", "--target", "Nongsapura"],
            in: dir)
        #expect(r.status == 1 && r.err.contains("selat fleet default"))
        r = try Self.run(["plan", "show", "9"], in: dir)
        #expect(r.status == 1 && r.err.contains("no plan \"9\""))
    }
}
