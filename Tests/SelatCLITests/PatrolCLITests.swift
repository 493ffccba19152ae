import Foundation
import SelatTestSupport
import Testing

@Suite("selat patrol, end to end: the morning after, and the next nights planned from it")
struct PatrolCLITests {
    /// A GPX 1.1 track: a fix a minute from `from` (UTC) along a line from (lat0, lon0) eastward.
    static func gpx(from minute: Int, count: Int, lat: Double, lon: Double) -> String {
        var points = ""
        for k in 0..<count {
            let m = minute + k
            points += String(
                format:
                    "<trkpt lat=\"%.6f\" lon=\"%.6f\"><time>2026-11-22T%02d:%02d:00Z</time></trkpt>\n",
                lat, lon + Double(k) * 0.0025, 13 + m / 60, m % 60)
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
            <trk><name>KN</name><trkseg>
            \(points)</trkseg></trk></gpx>
            """
    }

    @Test(
        "start on a plan, add the boat's GPX, end; the report names the stop visited and the one missed; coverage and the next nights from realised coverage"
    )
    func morningAfter() throws {
        let dir = TemporaryDirectory("patrol-cli")
        #expect(try PlanCLITests.run(["fleet", "default"], in: dir).status == 0)
        let plan = try PlanCLITests.run(
            [
                "plan", "--start", "2026-11-22T20:00", "--hours", "6", "--no-hotspots",
                "--boats", "DEMO-POL-1", "--target", "1.25 104.05=8", "--target", "1.23 104.20=6",
            ], in: dir)
        #expect(plan.status == 0, "\(plan.err)")
        let start = try PlanCLITests.run(
            [
                "patrol", "start", "--boat", "demo-pol-1", "--plan", "1", "--at",
                "2026-11-22T20:05", "--position", "1.25 104.0",
            ], in: dir)
        #expect(start.status == 0, "\(start.err)")
        #expect(start.out.split(separator: "\n").first == "1")
        #expect(start.out.contains("Sailing plan 1, night 1."))
        // `id=$(selat patrol start … | head -1)`: when the reader has gone (here: it closes the
        // pipe before selat writes), selat stops as any Unix tool does (SIGPIPE), never with a
        // crash report; what it did is done.
        let piped = try runProcess(
            "/bin/bash",
            [
                "-c",
                "'\(CLI.binary)' patrol start --db '\(dir.file("log.sqlite"))' --boat DEMO-BKL-1 --at 2026-11-22T20:00 | (exec 0<&-; sleep 1); echo \"status=${PIPESTATUS[0]}\"",
            ])
        #expect(piped.out == "status=141\n" && !piped.err.contains("crashed"), "\(piped.err)")
        let listed = try PlanCLITests.run(["patrol", "list", "--out"], in: dir)
        #expect(listed.out.contains("DEMO-BKL-1"), "started before its output failed")
        // 20:10–20:39 WIB along 1.25°N from 104.0°E, past the first target, nowhere near the second.
        let track = dir.write("kn.gpx", Self.gpx(from: 10, count: 30, lat: 1.25, lon: 104.0))
        let added = try PlanCLITests.run(["patrol", "track", "add", "1", track], in: dir)
        #expect(added.status == 0 && added.out.contains("Added 30 fixes"), "\(added.err)")
        let again = try PlanCLITests.run(["patrol", "track", "add", "1", track], in: dir)
        #expect(again.status != 0 && again.err.contains("already added"))
        #expect(
            try PlanCLITests.run(["patrol", "end", "1", "--at", "2026-11-22T21:00"], in: dir).status
                == 0)
        let json = try PlanCLITests.run(["patrol", "show", "1", "--format", "json"], in: dir)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let visited = try #require(report["stops_visited"] as? [[String: Any]])
        let missed = try #require(report["missed"] as? [[String: Any]])
        #expect(visited.count == 1 && missed.count == 1, "\(json.out)")
        #expect(missed.first?["latitude"] as? Double == 1.23)
        #expect(report["hours"] as? Double == 0.917)
        let words = try PlanCLITests.run(["patrol", "show", "1", "--lang", "id"], in: dir)
        #expect(words.out.contains("terlewat") && words.out.contains("dikunjungi"), "\(words.out)")
        let gpx = try PlanCLITests.run(
            ["patrol", "show", "1", "--format", "gpx", "--out", dir.file("p1.gpx")], in: dir)
        #expect(gpx.status == 0)
        let babel = try runProcess(
            "/usr/bin/env",
            ["gpsbabel", "-t", "-i", "gpx", "-f", dir.file("p1.gpx"), "-o", "unicsv", "-F", "-"])
        #expect(
            babel.status == 0 && babel.out.split(whereSeparator: \.isNewline).count == 31,
            "\(babel.out)")
        let geojson = try PlanCLITests.run(
            ["patrol", "show", "1", "--format", "geojson", "--out", dir.file("p1.geojson")], in: dir
        )
        #expect(geojson.status == 0)
        let ogr = try runProcess(
            "/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", dir.file("p1.geojson")])
        #expect(ogr.status == 0 && ogr.out.contains("Feature Count"), "\(ogr.err)")
        let map = try PlanCLITests.run(
            ["map", "--patrol", "1", "--out", dir.file("m.html"), "--svg", dir.file("m.svg")],
            in: dir)
        #expect(map.status == 0 && map.out.contains("patrol 1 as sailed"), "\(map.err)")

        // The next two nights, starting from what the boats really did the nights before.
        let next = try PlanCLITests.run(
            [
                "plan", "--start", "2026-11-24T20:00", "--hours", "6", "--no-hotspots",
                "--boats", "DEMO-POL-1", "--target", "1.25 104.05=8", "--target", "1.23 104.20=6",
                "--nights", "2", "--coverage-from", "realised", "--history-days", "5",
            ], in: dir)
        #expect(next.status == 0, "\(next.err)")
        #expect(next.out.contains("last 5 days (1 nights with patrols)"), "\(next.out)")
        let one = try PlanCLITests.run(
            [
                "plan", "--start", "2026-11-24T20:00", "--no-hotspots", "--coverage-from",
                "realised",
            ],
            in: dir)
        #expect(one.status == 2 && one.err.contains("--nights 2"))
    }
}
