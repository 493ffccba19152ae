import Foundation
import SelatTestSupport
import Testing

@Suite("selat hotspots, end to end")
struct HotspotsCLITests {
    /// A log of demo sightings (the demo's own synthetic data, imported).
    static func demoLog() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("hotspots-cli")
        let demo = try CLI.run(["demo", "--out", dir.file("demo"), "--count", "2000"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        let imp = try CLI.run(
            ["sighting", "import", dir.file("demo/synthetic-sightings.csv")], in: dir)
        #expect(imp.status == 0, "\(imp.err)")
        return dir
    }

    @Test(
        "gistar prints named hotspots, writes GeoJSON, stores the run; show and list find it again")
    func runShowList() throws {
        let dir = try Self.demoLog()
        let r = try CLI.run(
            ["hotspots", "--cell", "1km", "--night", "--out", dir.file("hot.geojson")], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Hot spot regions"))
        #expect(r.out.contains("nm"))  // "2.6 nm SE of Nongsapura Ferry Terminal"
        #expect(r.out.contains("WIB"))
        #expect(r.out.contains("Stored as run 1"))
        #expect(FileManager.default.fileExists(atPath: dir.file("hot.geojson")))
        let show = try CLI.run(
            ["hotspots", "show", "1", "--out", dir.file("run1.geojson")], in: dir)
        #expect(show.status == 0, "\(show.err)")
        #expect(show.out.contains("--night"))
        #expect(r.out.contains("those with sightings and the cells around them"))
        // The full box on request, spelled again by `show`.
        let full = try CLI.run(["hotspots", "--cell", "1km", "--study-area", "full"], in: dir)
        #expect(full.status == 0, "\(full.err)")
        #expect(full.out.contains("cells whose centre is on land left out"))
        #expect(!full.out.contains("those with sightings and the cells around them"))
        let showFull = try CLI.run(["hotspots", "show", "2"], in: dir)
        #expect(showFull.out.contains("--study-area full"), "\(showFull.out)")
        #expect(show.out.contains("fingerprint"))
        let ogr = try runProcess(
            "/usr/bin/env", ["ogrinfo", "-ro", "-so", "-al", dir.file("run1.geojson")])
        #expect(ogr.status == 0)
        let list = try CLI.run(["hotspots", "list"], in: dir)
        #expect(list.out.contains("gistar"))
        // Scripts get the same summary as JSON.
        let json = try CLI.run(["hotspots", "--method", "dbscan", "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json.err)")
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(object?["method"] as? String == "dbscan")
        // Typed rows: the centre as numbers, the statistic as a tagged value, keys in snake_case.
        let first = (object?["hotspots"] as? [[String: Any]])?.first
        #expect((first?["centre"] as? [String: Any])?["latitude"] is Double)
        #expect((first?["size"] as? [String: Any])?["core_sightings"] != nil)
        #expect(object?["sighting_count"] is Int && object?["run_id"] is Int)
        #expect((object?["results"] as? [String: Any])?["clusters"] is [Any])
    }

    @Test(
        "options that do not fit the method, or bad values, are refused with the fix",
        arguments: [
            (["hotspots", "--eps", "500m"], "--eps is for --method dbscan"),
            (
                ["hotspots", "--method", "hexbins"],
                "Please provide one of 'gistar', 'dbscan', 'kde' or 'emerging'"
            ),
            (["hotspots", "--cell", "5m"], "--cell must be from 50 m to 100 km, not 5m"),
            (["hotspots", "--cell", "wide"], "wide"),
            (
                ["hotspots", "--method", "kde", "--levels", "50,abc"],
                "give percentages such as 50,75,90"
            ),
            (
                ["hotspots", "--method", "kde", "--levels", "150"],
                "--levels must be from 1% to 99%, not 150%"
            ),
            (
                ["hotspots", "--method", "emerging", "--step", "fortnight"],
                "Please provide one of 'week' and 'month'"
            ),
            (
                ["hotspots", "--method", "dbscan", "--min-points", "0"],
                "--min-points must be from 2 to 1000, not 0"
            ),
            (["hotspots", "--since", "yesterday"], "is not a date and time"),
            (
                ["hotspots", "--method", "dbscan", "--study-area", "full"],
                "--study-area is for --method gistar or emerging"
            ),
            (
                ["hotspots", "--study-area", "everywhere"],
                "Please provide one of 'data' and 'full'"
            ),
            (["hotspots", "show", "99"], "no hotspot run"),
            (
                ["hotspots", "--out", "/nonexistent-folder/hot.geojson"],
                "folder /nonexistent-folder does not exist"
            ),
        ])
    func refusals(args: [String], message: String) throws {
        let dir = TemporaryDirectory("hotspots-bad")
        // One sighting so a run gets as far as its parameters.
        _ = try CLI.run(
            ["sighting", "add", "--time", "2026-11-20T21:40+07:00", "--position", "1.2 104.1"],
            in: dir)
        _ = try CLI.run(
            ["sighting", "add", "--time", "2026-11-21T21:40+07:00", "--position", "1.25 104.15"],
            in: dir)
        let r = try CLI.run(args, in: dir)
        #expect(r.status != 0)
        #expect(r.err.contains(message), "\(args): \(r.err)")
    }

    @Test("an empty log says to import sightings first")
    func emptyLog() throws {
        let dir = TemporaryDirectory("hotspots-empty")
        let r = try CLI.run(["hotspots"], in: dir)
        #expect(r.status != 0)
        #expect(r.err.contains("import sightings first"))
    }
}
