import Foundation
import SelatFormats
import SelatTestSupport
import Testing

@Suite("selat export, map and report on the demo database")
struct ExportCLITests {
    @Test("each subject exports in each format and the file opens in its tool")
    func everyFormat() throws {
        let work = TemporaryDirectory("export-cli")
        for subject in [
            ["sightings", "--activity", "trafficking"], ["hotspots"], ["hotspots", "3"], ["plan"],
            ["places"],
        ] {
            for format in ["geojson", "gpx", "kml", "csv"] {
                let name = work.file(subject.joined(separator: "-") + "." + format)
                let r = try Demo.run(
                    ["export"] + subject + ["--format", format, "--out", name], in: work)
                #expect(r.status == 0, "\(subject) \(format): \(r.err)")
                #expect(r.out.hasPrefix("Wrote \(name)"), "\(r.out)")
                switch format {
                case "geojson":
                    #expect(try Clients.rfc7946(name).isEmpty, "\(name)")
                    #expect(try Clients.ogrinfo(name).status == 0)
                    let py = try Clients.shapelyValid(name)
                    #expect(py.status == 0, "\(name): \(py.err)")
                case "gpx":
                    #expect(try Clients.gpsbabel(name).status == 0, "\(name)")
                    #expect(try Clients.xmllint(name) == 0)
                case "kml":
                    #expect(try Clients.xmllint(name) == 0)
                    let ogr = try Clients.ogrinfo(name)
                    #expect(ogr.status == 0, "\(name): \(ogr.err)")
                default:
                    let header =
                        try String(contentsOfFile: name, encoding: .utf8).split(separator: "\n")
                        .first.map(String.init) ?? ""
                    #expect(
                        subject[0] == "sightings"
                            ? header.hasPrefix("id,observed_at,lat,lon")
                            : header.hasPrefix("id,name,latitude,longitude,wkt"), "\(header)")
                }
            }
        }
    }

    @Test("officers' units and notes leave only with --include-personal")
    func personal() throws {
        let work = TemporaryDirectory("export-cli")
        for format in ["geojson", "kml", "csv"] {
            let without = try Demo.run(["export", "sightings", "--format", format], in: work)
            #expect(
                without.status == 0 && !without.out.contains("SYNTHETIC,")
                    && !without.out.contains("synthetic demo record"), "\(format)")
            let with = try Demo.run(
                ["export", "sightings", "--format", format, "--include-personal"], in: work)
            #expect(with.status == 0 && with.out.contains("synthetic demo record"), "\(format)")
        }
    }

    @Test(
        "GeoJSON to the screen is one valid collection; GPX hot cells are waypoints and plans are routes of named points"
    )
    func content() throws {
        let work = TemporaryDirectory("export-cli")
        let geo = try Demo.run(["export", "hotspots", "1"], in: work)
        #expect(geo.status == 0 && GeoJSONValidator().problems(in: Data(geo.out.utf8)).isEmpty)
        #expect(geo.out.contains("\"bin\":3") && geo.out.contains("\"bbox\":["))
        let gpx = try Demo.run(["export", "plan", "--format", "gpx"], in: work)
        #expect(
            gpx.out.contains("<rte>") && gpx.out.contains("<rtept") && gpx.out.contains("Z</time>"))
        let hot = try Demo.run(["export", "hotspots", "1", "--format", "gpx"], in: work)
        #expect(
            hot.out.contains("<wpt") && hot.out.contains("Hot spot, 99% confidence")
                && !hot.out.contains("<rte>"))
        let kml = try Demo.run(["export", "plan", "--format", "kml"], in: work)
        #expect(kml.out.contains("<Folder>") && kml.out.contains("<Style id=\"boat-DEMO-POL-1\">"))
    }

    @Test(
        "exported sightings import back whole: nothing lost, the synthetic flag reported as not a column"
    )
    func roundTrip() throws {
        let work = TemporaryDirectory("export-roundtrip")
        for format in ["geojson", "csv"] {
            let file = work.file("all." + format)
            #expect(
                try Demo.run(
                    [
                        "export", "sightings", "--format", format, "--include-personal", "--out",
                        file,
                    ], in: work
                ).status == 0)
            let fresh = TemporaryDirectory("export-roundtrip-db")
            let r = try CLI.run(["sighting", "import", file, "--allow-land"], in: fresh)
            #expect(r.status == 0, "\(format): \(r.err)")
            #expect(r.out.contains("2000 read, 2000 added"), "\(format): \(r.out)")
            #expect((r.out + r.err).contains("\"synthetic\""), "\(format): \(r.out)")
        }
    }

    @Test("bad requests say what to do instead")
    func refusals() throws {
        let work = TemporaryDirectory("export-cli")
        var r = try Demo.run(["export", "sightings", "--format", "shp"], in: work)
        #expect(
            r.status == 2
                && r.err.contains("Please provide one of 'geojson', 'gpx', 'kml' or 'csv'"))
        r = try Demo.run(["export", "plan", "99"], in: work)
        #expect(r.status == 1 && r.err.contains("no plan 99") && r.err.contains("selat plan list"))
        r = try Demo.run(["export", "hotspots", "99"], in: work)
        #expect(r.status == 1 && r.err.contains("no hotspot run 99"))
        r = try Demo.run(["export", "route", "Nowhere"], in: work)
        #expect(r.status == 1 && r.err.contains("no route named \"Nowhere\""))
        // a date alone: to the end of that day
        r = try Demo.run(["export", "sightings", "--until", "2000-01-31"], in: work)
        #expect(r.status == 0 && r.out.contains("\"features\":[\n]"), "\(r.err)")
        r = try Demo.run(["export", "sightings", "--since", "yesterday-ish"], in: work)
        #expect(r.status != 0 && r.err.contains("yesterday-ish"))
        r = try Demo.run(
            ["export", "places", "--out", work.file("no/such/folder/p.geojson")], in: work)
        #expect(
            r.status == 1 && r.err.contains("no/such/folder/p.geojson")
                && r.err.contains("folder exists"))
        let empty = TemporaryDirectory("export-empty")
        // Reading commands never create a log: a fresh one is made by a writing command first.
        r = try CLI.run(["export", "plan"], in: empty)
        #expect(
            r.status == 1 && r.err.contains("there is no database at")
                && r.err.contains("log.sqlite") && r.err.contains("selat sighting add"))
        #expect(!FileManager.default.fileExists(atPath: empty.file("selat.sqlite")))
        _ = try CLI.run(["region", "--reset"], in: empty)
        r = try CLI.run(["export", "plan"], in: empty)
        #expect(
            r.status == 1 && r.err.contains("no patrol plans")
                && r.err.contains("selat plan --start"))
        r = try CLI.run(["export", "hotspots"], in: empty)
        #expect(r.status == 1 && r.err.contains("run `selat hotspots` first"))
        r = try CLI.run(["export", "sightings"], in: empty)
        #expect(
            r.status == 0 && GeoJSONValidator().problems(in: Data(r.out.utf8)).isEmpty
                && r.out.contains("\"features\":[\n]"))
    }

    @Test(
        "selat map writes the page, SVG and PNG from chosen runs, and refuses a run of the wrong kind"
    )
    func map() throws {
        let work = TemporaryDirectory("map-cli")
        let r = try Demo.run(
            [
                "map", "--out", work.file("m.html"), "--svg", work.file("m.svg"), "--png",
                work.file("m.png"),
                "--hotspots", "1", "--emerging", "2", "--title", "Night crossings",
            ], in: work)
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out.contains("Gi* run 1") && r.out.contains("trends run 2")
                && r.out.contains("plan 1"))
        #expect(try Clients.xmllint(work.file("m.svg")) == 0)
        let html = try String(contentsOfFile: work.file("m.html"), encoding: .utf8)
        #expect(
            html.contains("Night crossings") && html.contains("id=\"layer-plan\"")
                && html.contains("id=\"legend\""))
        #expect(FileManager.default.fileExists(atPath: work.file("m.png")))
        let wrong = try Demo.run(
            ["map", "--out", work.file("x.html"), "--hotspots", "2"], in: work)
        #expect(
            wrong.status == 1
                && (wrong.err.contains("run 2 is a emerging run")
                    || wrong.err.contains("not gistar"))
        )
        let none = try Demo.run(["map", "--out", work.file("y.html"), "--plan", "7"], in: work)
        #expect(none.status == 1 && none.err.contains("no plan 7"))
    }

    @Test(
        "selat report writes Markdown, HTML and the map, with counts and hot spots; an empty period is refused"
    )
    func report() throws {
        let work = TemporaryDirectory("report-cli")
        let r = try Demo.run(["report", "--out", work.file("r.md"), "--top", "5"], in: work)
        #expect(r.status == 0, "\(r.err)")
        let md = try String(contentsOfFile: work.file("r.md"), encoding: .utf8)
        for part in [
            "## Sightings by month", "## By activity", "## By vessel type", "## Top hot spots",
            "| 1 |", "![Map", "r-map.svg", "Pattern",
        ] {
            #expect(md.contains(part), "no \(part)")
        }
        let html = try String(contentsOfFile: work.file("r.html"), encoding: .utf8)
        #expect(html.contains("<table>") && html.contains("<svg") && html.contains("Top hot spots"))
        #expect(try Clients.xmllint(work.file("r-map.svg")) == 0)
        let empty = try Demo.run(
            ["report", "--since", "2040-01-01", "--until", "2040-01-31", "--out", work.file("e")],
            in: work)
        #expect(empty.status == 1 && empty.err.contains("no sightings match"))
    }
}
