import Foundation
import SelatTestSupport
import Testing

@Suite("GPX exports, read back by gpsbabel")
struct GPXCLITests {
    @Test(
        "sighting list --format gpx: well-formed, and gpsbabel reads every sighting as a waypoint")
    func sightingsAsWaypoints() throws {
        let dir = TemporaryDirectory("gpx")
        for (t, p) in [
            ("2026-11-20T21:40+07:00", "1.2 104.1"), ("2026-11-21T01:10+07:00", "1.25 104.15"),
            ("2026-11-21T02:00+07:00", "1.05 103.45"),
        ] {
            let r = try CLI.run(
                [
                    "sighting", "add", "--time", t, "--position", p, "--activity", "trafficking",
                    "--notes", "<no lights> & fast",
                ], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        let list = try CLI.run(["sighting", "list", "--format", "gpx"], in: dir)
        #expect(list.status == 0)
        #expect(!list.out.contains("no lights"))  // notes are personal data: left out by default
        let file = dir.write("s.gpx", list.out)
        let xml = try runProcess("/usr/bin/env", ["xmllint", "--noout", file])
        #expect(xml.status == 0, "\(xml.err)")
        let babel = try runProcess(
            "/usr/bin/env", ["gpsbabel", "-i", "gpx", "-f", file, "-o", "unicsv", "-F", "-"])
        #expect(babel.status == 0, "\(babel.err)")
        // gpsbabel ends lines with CRLF
        let rows = babel.out.components(separatedBy: .newlines).filter { !$0.isEmpty }.dropFirst()
        #expect(rows.count == 3)
        #expect(babel.out.contains("1.050000") || babel.out.contains("1.05"))
        let personal = try CLI.run(
            ["sighting", "list", "--format", "gpx", "--include-personal"], in: dir)
        #expect(personal.out.contains("&lt;no lights&gt; &amp; fast"))
    }

    @Test("route show --format gpx: a route gpsbabel reads with its named points")
    func routeAsGPX() throws {
        let dir = TemporaryDirectory("gpx-route")
        _ = try CLI.run(["waypoint", "add", "Start", "--position", "1.20 104.00"], in: dir)
        let add = try CLI.run(
            [
                "route", "add", "Patrol A", "--point", "Start", "--point", "1.22 103.80", "--point",
                "1.10 103.70",
            ], in: dir)
        #expect(add.status == 0, "\(add.err)")
        let show = try CLI.run(["route", "show", "Patrol A", "--format", "gpx"], in: dir)
        #expect(show.status == 0, "\(show.err)")
        let file = dir.write("r.gpx", show.out)
        #expect(try runProcess("/usr/bin/env", ["xmllint", "--noout", file]).status == 0)
        let babel = try runProcess(
            "/usr/bin/env", ["gpsbabel", "-r", "-i", "gpx", "-f", file, "-o", "unicsv", "-F", "-"])
        #expect(babel.status == 0, "\(babel.err)")
        #expect(
            babel.out.contains("Start") && babel.out.contains("WP 2") && babel.out.contains("WP 3"))
    }
}
