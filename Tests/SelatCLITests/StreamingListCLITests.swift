import Foundation
import SelatTestSupport
import Testing

@Suite("sighting list streams its answer, stops at --limit and counts with --count")
struct StreamingListCLITests {
    /// 1,200 sightings within about 600 m of a point in the Singapore Strait, many at the same minute.
    static func log(_ dir: TemporaryDirectory) throws -> Int {
        var rng = SeededGenerator(seed: 5)
        var rows = ["id,observed_at,lat,lon,vessel_type,activity,unit,notes"]
        for i in 0..<1200 {
            let lat = 1.215 + Double.random(in: -0.004...0.004, using: &rng)
            let lon = 104.06 + Double.random(in: -0.004...0.004, using: &rng)
            let minute = Int.random(in: 0...59, using: &rng)
            rows.append(
                "S-\(i),2026-11-20T21:\(String(format: "%02d", minute)):00+07:00,"
                    + String(format: "%.6f,%.6f", lat, lon) + ",speedboat,"
                    + (i % 4 == 0 ? "smuggling" : "trafficking")
                    + (i % 100 == 0 ? ",Ditpolairud Kepri,no lights" : ",,"))
        }
        let file = dir.write("many.csv", rows.joined(separator: "\n") + "\n")
        let r = try CLI.run(["sighting", "import", file], in: dir)
        #expect(r.status == 0, "\(r.err)")
        return rows.count - 1
    }

    @Test(
        "csv, json and geojson hold every match once in time order; --limit is the head; --count the number"
    )
    func streamed() throws {
        let dir = TemporaryDirectory()
        let total = try Self.log(dir)
        let area = ["--near", "1.215N 104.06E", "--within", "2nm"]
        let csv = try CLI.run(["sighting", "list"] + area + ["--format", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv.err)")
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines.count == total + 1)
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }).count == total)
        let times = lines.dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(times == times.sorted())

        let count = try CLI.run(["sighting", "list"] + area + ["--count"], in: dir)
        #expect(count.out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(total)")
        let smuggling = try CLI.run(
            ["sighting", "list"] + area + ["--activity", "smuggling", "--count"], in: dir)
        #expect(smuggling.out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(total / 4)")
        let all = try CLI.run(["sighting", "list", "--count"], in: dir)
        #expect(all.out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(total)")

        let head = try CLI.run(
            ["sighting", "list"] + area + ["--format", "csv", "--limit", "25"], in: dir)
        #expect(head.out.split(separator: "\n").map(String.init) == Array(lines.prefix(26)))

        let json = try CLI.run(["sighting", "list"] + area + ["--format", "json"], in: dir)
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(
            objects.map { $0["id"] as? String }
                == lines.dropFirst().map { String($0.split(separator: ",")[0]) })

        let geo = try CLI.run(["sighting", "list"] + area + ["--format", "geojson"], in: dir)
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(geo.out.utf8)) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == total)
        #expect((collection["description"] as? String)?.contains("\(total)") == true)
        let bbox = try #require(collection["bbox"] as? [Double])
        #expect(bbox.count == 4 && bbox[0] < bbox[2] && bbox[1] < bbox[3])
        let path = dir.write("area.geojson", geo.out)
        let ogr = try runProcess("/usr/bin/env", ["ogrinfo", "-ro", "-al", "-so", path])
        #expect(ogr.status == 0, "\(ogr.err)")
        #expect(ogr.out.contains("Feature Count: \(total)"))

        // Unit and notes (personal data) only when asked for, in every streamed format.
        for format in ["csv", "json", "geojson"] {
            let plain = try CLI.run(["sighting", "list"] + area + ["--format", format], in: dir)
            #expect(!plain.out.contains("Ditpolairud") && !plain.out.contains("no lights"))
            let personal = try CLI.run(
                ["sighting", "list"] + area + ["--format", format, "--include-personal"], in: dir)
            #expect(
                personal.out.components(separatedBy: "Ditpolairud Kepri").count - 1 == total / 100,
                "\(format)")
            #expect(personal.out.components(separatedBy: "no lights").count - 1 == total / 100)
        }

        let empty = try CLI.run(
            ["sighting", "list", "--near", "1.5N 104.5E", "--within", "1nm", "--format", "json"],
            in: dir)
        #expect(empty.out == "[]\n")
    }

    @Test("--count with --format or --limit is refused with the fix")
    func countAlone() throws {
        let dir = TemporaryDirectory()
        let r = try CLI.run(["sighting", "list", "--count", "--format", "csv"], in: dir)
        #expect(r.status != 0)
        #expect(r.err.contains("--count prints a number"), "\(r.err)")
    }
}
