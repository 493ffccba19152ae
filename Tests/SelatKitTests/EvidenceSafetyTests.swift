import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// Issue 16 at the level of the core: what cannot be true is not stored, no value passes a
/// parser that the database refuses, imports say what they did when they stop, and outputs
/// that open elsewhere cannot run code there. Each expectation fails on the code before it.
@Suite("Evidence safety: plausibility, parser and schema agree, stopped imports, safe outputs")
struct EvidenceSafetyTests {
    static let header =
        "id,observed_at,lat,lon,vessel_type,activity,persons_aboard,heading_deg,speed_kn,source,unit,confidence,notes"

    // MARK: No value passes the parser that the database refuses

    @Test(
        "a UTC offset beyond −12:00…+14:00 is an ordinary rejected row, never a stopped import",
        arguments: [
            "+14:01", "+1401", "-12:01", "-1201", "+14:30",
        ])
    func offsetsOutsideTheSchemaAreRejectedRows(offset: String) throws {
        let dir = TemporaryDirectory("offset-bounds")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "in.csv",
            Self.header + "\n"
                + "A1,2026-11-20T21:40+07:00,1.22,104.2,,,,,,,,,\n"
                + "A2,2026-11-20T21:40\(offset),1.22,104.21,,,,,,,,,\n"
                + "A3,2026-11-20T21:40+14:00,1.22,104.22,,,,,,,,,\n")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.stopped == nil)
        #expect(r.counts.added == 2 && r.counts.rejected == 1)
        #expect(r.problems.first?.location == "line 3" && r.problems.first?.field == "observed_at")
        #expect(r.problems.first?.reason.contains("offsets run from -12:00 to +14:00") == true)
        #expect(FileManager.default.fileExists(atPath: path + ".rejects.csv"))
    }

    @Test("the time zone option has the schema's bounds too")
    func timezoneBounds() throws {
        #expect(try Timestamp.parseOffset("+14:00") == 840)
        #expect(try Timestamp.parseOffset("-12:00") == -720)
        #expect(throws: GeoError.self) { try Timestamp.parseOffset("+14:01") }
        #expect(throws: GeoError.self) { try Timestamp.parseOffset("-12:30") }
    }

    // MARK: What cannot be true is not stored as if it were

    static let geo = try! GeoData.bundled()

    /// A check whose clock reads 2026-12-01T00:00Z.
    static func check(allowOutside: Bool = false) -> LandCheck {
        var c = LandCheck(coastline: geo.coastline, allowOutside: allowOutside)
        c.now = { Timestamp(millisecondsSince1970: 1_796_083_200_000) }
        return c
    }

    static func sighting(_ lat: Double, _ lon: Double, at ms: Int64 = 1_795_000_000_000) throws
        -> Sighting
    {
        try Sighting(
            id: SightingID("S"),
            observedAt: Timestamp(millisecondsSince1970: ms, offsetMinutes: 420),
            position: Coordinate(latitude: lat, longitude: lon))
    }

    @Test("0°, 0° (a GPS without a fix) is refused, naming the cause")
    func nullIsland() throws {
        #expect { try Self.check().check(try Self.sighting(0, 0)) } throws: {
            ($0 as? LandCheck.Refusal)?.reason.contains("without a position fix") == true
        }
    }

    @Test("a time more than five minutes ahead of the clock, or before 1990, is refused")
    func impossibleTimes() throws {
        let now: Int64 = 1_796_083_200_000
        #expect(throws: Never.self) {
            try Self.check().check(try Self.sighting(1.22, 104.2, at: now + 4 * 60_000))
        }
        #expect {
            try Self.check().check(try Self.sighting(1.22, 104.2, at: now + 6 * 60_000))
        } throws: {
            let r = $0 as? LandCheck.Refusal
            return r?.field == "observed_at" && r?.reason.contains("clock may be wrong") == true
        }
        #expect { try Self.check().check(try Self.sighting(1.22, 104.2, at: 0)) } throws: {
            ($0 as? LandCheck.Refusal)?.reason.contains("before 1990") == true
        }
    }

    @Test(
        "outside the study region: refused, or kept and flagged outside_region when allowed; a database can set its own region"
    )
    func outsideRegion() throws {
        #expect { try Self.check().check(try Self.sighting(10.5, 106.7)) } throws: {
            ($0 as? LandCheck.Refusal)?.reason.contains(
                "outside the study region (103.0 E–109.8 E, 1.6 S–5.4 N)") == true
        }
        let kept = try Self.check(allowOutside: true).check(try Self.sighting(10.5, 106.7))
        #expect(kept.outsideRegion && kept.flagNames == ["outside_region"])
        var narrow = Self.check()
        narrow.region = Rect(minX: 103.5, minY: 0.8, maxX: 104.5, maxY: 1.5)
        #expect(throws: LandCheck.Refusal.self) { try narrow.check(try Self.sighting(1.1, 105.0)) }

        let dir = TemporaryDirectory("region")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        #expect(try db.studyRegion() == nil)
        try db.setStudyRegion(Rect(minX: 103.5, minY: 0.8, maxX: 104.5, maxY: 1.5))
        #expect(try db.studyRegion() == Rect(minX: 103.5, minY: 0.8, maxX: 104.5, maxY: 1.5))
    }

    @Test(
        "the lagoon inside the island off Kijang is inland water: kept, flagged, named by `where`, counted by imports"
    )
    func inlandWater() throws {
        // Find a point in a lake or lagoon of an island near Kijang (south-east Bintan), by search.
        var lagoon: Coordinate?
        search: for i in 0..<200 {
            for j in 0..<200 {
                let c = try Coordinate(
                    latitude: 0.80 + Double(i) * 0.001, longitude: 104.55 + Double(j) * 0.001)
                if Self.geo.coastline.enclosingLand(of: c) != nil {
                    lagoon = c
                    break search
                }
            }
        }
        let point = try #require(lagoon, "GeoData has no inland water near Kijang")
        let flagged = try Self.check().check(try Self.sighting(point.latitude, point.longitude))
        #expect(flagged.inlandWater && !flagged.onLand)
        #expect(
            flagged.contentDigest
                != (try Self.sighting(point.latitude, point.longitude)).contentDigest)
        let text = WhereReport(point, geoData: Self.geo).text
        #expect(text.contains("Inland water") && !text.contains("At sea"))

        let dir = TemporaryDirectory("inland")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "in.csv",
            "observed_at,lat,lon\n2026-11-20T21:40+07:00,\(point.latitude),\(point.longitude)\n")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.counts.added == 1 && r.flagged.inlandWater == 1)
        #expect(
            ImportSummary.text(r, show: 5, names: .neutral).contains("Flagged: 1 in inland water"))
        #expect(try db.sightings(matching: SightingQuery()).first?.sighting.inlandWater == true)
        let csv = SightingRenderer.csv(
            try db.sightings(matching: SightingQuery()).map(\.sighting), includePersonal: false)
        #expect(
            csv.hasPrefix(
                SightingColumn.allCases.map(\.rawValue).joined(separator: ",") + ",flags\n")
                && csv.contains(",inland_water\n"))
        let geojson = SightingLayer.make(
            try db.sightings(matching: SightingQuery()).map(\.sighting), includePersonal: false,
            synthetic: false
        ).render(.geojson)
        #expect(geojson.contains("\"inland_water\":true"))
    }

    // MARK: Imports say what they did, even when they stop

    static func rows(_ n: Int) -> String {
        (0..<n).map {
            "R\($0),2026-11-20T21:40+07:00,1.22,\(String(format: "%.5f", 104.2 + Double($0) * 0.0001)),,,,,,,,,"
        }.joined(separator: "\n") + "\n"
    }

    @Test(
        "the database refusing a batch stops the import cleanly: the line range, the rows kept, and a re-run adds exactly the rest"
    )
    func databaseRefusal() throws {
        let dir = TemporaryDirectory("refused-batch")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        // A rule the file breaks that only the database knows (as a CHECK added later would be).
        _ = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", dir.file("log.sqlite"),
                "CREATE TRIGGER refuse BEFORE INSERT ON sighting WHEN NEW.id = 'R25' BEGIN SELECT RAISE(ABORT, 'R25 refused'); END;",
            ])
        let path = dir.write("in.csv", Self.header + "\n" + Self.rows(40))
        var options = SightingImporter.Options()
        options.batchSize = 10
        let r = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(path)
        let stop = try #require(r.stopped)
        #expect(stop.firstLocation == "line 22" && stop.lastLocation == "line 31")
        #expect(r.counts.added == 20 && r.counts.read == 20)
        let text = ImportSummary.text(r, show: 5, names: .neutral)
        #expect(
            text.contains("STOPPED") && text.contains("line 22 to line 31")
                && text.contains("R25 refused"))
        #expect(text.contains("Kept: 20 rows added") && text.contains("run the same command again"))
        #expect(try db.sightingCount() == 20)
        _ = try runProcess(
            "/usr/bin/env", ["sqlite3", dir.file("log.sqlite"), "DROP TRIGGER refuse"])
        let again = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(path)
        #expect(again.stopped == nil && again.counts.added == 20 && again.counts.duplicate == 20)
    }

    @Test("an interrupted import keeps whole batches and says so")
    func interrupted() throws {
        let dir = TemporaryDirectory("interrupted")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write("in.csv", Self.header + "\n" + Self.rows(50))
        final class Counter: @unchecked Sendable { var polls = 0 }
        let counter = Counter()
        var options = SightingImporter.Options()
        options.batchSize = 10
        options.isCancelled = {
            counter.polls += 1
            return counter.polls > 2
        }
        let r = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(path)
        guard case .interrupted? = r.stopped?.cause else {
            Issue.record("not stopped: \(r)")
            return
        }
        let count = try db.sightingCount()
        #expect(r.counts.added == 20 && r.counts.read == 20 && count == 20)
        #expect(ImportSummary.text(r, show: 5, names: .neutral).contains("STOPPED: interrupted"))
    }

    @Test("a rejects file left by an earlier run is replaced, and removed once every row imports")
    func staleRejects() throws {
        let dir = TemporaryDirectory("stale-rejects")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "in.csv",
            Self.header
                + "\nA1,2026-11-20T21:40+07:00,1.22,104.2,,,,,,,,,\nA2,2026-11-20T21:40+07:00,91,104.0,,,,,,,,,\n"
        )
        _ = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(FileManager.default.fileExists(atPath: path + ".rejects.csv"))
        let mode =
            try FileManager.default.attributesOfItem(atPath: path + ".rejects.csv")[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        // The same run again replaces it (Selat wrote it, for this purpose).
        _ = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        // Fixed: the file imports whole, and the old rejects file goes.
        dir.write(
            "in.csv",
            Self.header
                + "\nA1,2026-11-20T21:40+07:00,1.22,104.2,,,,,,,,,\nA2,2026-11-20T21:40+07:00,1.25,104.15,,,,,,,,,\n"
        )
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(
            r.removedRejectsFile == path + ".rejects.csv"
                && !FileManager.default.fileExists(atPath: path + ".rejects.csv"))
        #expect(
            ImportSummary.text(r, show: 5, names: .neutral).contains("Removed \(path).rejects.csv"))
    }

    @Test("a rejects file being fixed by hand is never replaced without force")
    func editedRejectsKept() throws {
        let dir = TemporaryDirectory("edited-rejects")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "in.csv", Self.header + "\nA2,2026-11-20T21:40+07:00,91,104.0,,,,,,,,,\n")
        _ = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        let handle = try #require(FileHandle(forWritingAtPath: path + ".rejects.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("# being fixed\n".utf8))
        try handle.close()
        #expect {
            try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        } throws: {
            String(describing: $0).contains("changed since")
        }
        #expect(
            try String(contentsOfFile: path + ".rejects.csv", encoding: .utf8).hasSuffix(
                "# being fixed\n"))
    }

    @Test("GeoJSON rejects are a GeoJSON FeatureCollection that imports once fixed")
    func geojsonRejects() throws {
        let dir = TemporaryDirectory("geojson-rejects")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let bad =
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[104.2,1.22]},"properties":{"id":"G2","observed_at":"2026-11-20T21:40+25:00"}}"#
        let good =
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[104.21,1.22]},"properties":{"id":"G1","observed_at":"2026-11-20T21:40+07:00"}}"#
        let path = dir.write(
            "in.geojson", #"{"type":"FeatureCollection","features":["# + good + "," + bad + "]}")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.counts.added == 1 && r.rejectsFile == dir.file("in.rejects.geojson"))
        let rejects = try String(contentsOfFile: dir.file("in.rejects.geojson"), encoding: .utf8)
        #expect(
            rejects.hasPrefix(#"{"type":"FeatureCollection""#) && rejects.contains(#""reason":"#)
                && rejects.contains("G2"))
        #expect((try? JSONSerialization.jsonObject(with: Data(rejects.utf8))) != nil)
        // Fixed in place: it imports, and its reason property is not reported as an unknown column.
        dir.write("in.rejects.geojson", rejects.replacingOccurrences(of: "+25:00", with: "+07:00"))
        let again = try SightingImporter(database: db, landCheck: landCheck).importFile(
            dir.file("in.rejects.geojson"))
        #expect(
            again.counts.added == 1 && again.counts.rejected == 0 && again.ignoredColumns.isEmpty)
    }

    @Test(
        "a semicolon-separated, tab-separated or CR-only CSV is refused naming the separator or line ending",
        arguments: [
            (
                "id;observed_at;lat;lon\nA;2026-11-20T21:40+07:00;1.22;104.2\n",
                "separated by semicolons"
            ),
            (
                "id\tobserved_at\tlat\tlon\nA\t2026-11-20T21:40+07:00\t1.1\t104.0\n",
                "separated by tabs"
            ),
            (
                "id,observed_at,lat,lon\rA,2026-11-20T21:40+07:00,1.1,104.0\r",
                "carriage return alone"
            ),
        ])
    func foreignLayouts(text: String, words: String) throws {
        let dir = TemporaryDirectory("layout")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write("in.csv", text)
        #expect {
            try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        } throws: {
            String(describing: $0).contains(words)
        }
    }

    @Test("the unknown-column warning is one line however many columns")
    func unknownColumnsOneLine() throws {
        let dir = TemporaryDirectory("columns")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let extra = (1...40).map { "extra\($0)" }
        let path = dir.write(
            "in.csv",
            (["observed_at", "lat", "lon"] + extra).joined(separator: ",") + "\n"
                + (["2026-11-20T21:40+07:00", "1.22", "104.2"] + extra.map { _ in "x" }).joined(
                    separator: ",") + "\n")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        let warning = ImportSummary.text(r, show: 5, names: .neutral).split(separator: "\n").filter
        {
            $0.hasPrefix("Warning")
        }
        #expect(
            warning.count == 1 && warning[0].contains("40 columns are not Selat's")
                && warning[0].contains("and 35 more"))
    }

    // MARK: Outputs that open in other programs cannot run code there

    @Test(
        "CSV cells that a spreadsheet would run are written as text and read back unchanged",
        arguments: [
            "=HYPERLINK(\"http://x\",\"y\")", "+62 812 555", "-1+1", "@SUM(A1)", "\tx", "\rx",
            "'=quoted", "''", "'plain", "-1.5", "+7",
        ])
    func csvInjection(value: String) throws {
        let cell = CSVWriter.field(value)
        let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            !CSVFormula.isPlainNumber(value)
        {
            #expect(unquoted.hasPrefix("'"), "\(value) written as \(cell)")
        }
        if value == "-1.5" || value == "+7" { #expect(cell == value) }
        var reader = CSVReader(bytes: Array(("a,b\n" + CSVWriter.record(["x", value])).utf8))
        _ = reader.next()
        #expect(reader.next()?.fields == ["x", value])
    }

    @Test("a KML description is shown by Google Earth as written, not as HTML")
    func kmlDescriptionIsText() throws {
        let text = KMLDocument.shownAsText("<a href=\"javascript:x\">click</a> & <script>")
        #expect(
            text
                == "&amp;lt;a href=&amp;quot;javascript:x&amp;quot;&amp;gt;click&amp;lt;/a&amp;gt; &amp;amp; &amp;lt;script&amp;gt;"
        )
    }

    @Test("Markdown outputs escape HTML; the terminal shows control characters escaped")
    func markdownAndTerminal() {
        #expect(
            MarkdownText.escaped("<img src=x onerror=alert(1)> & co")
                == "&lt;img src=x onerror=alert(1)&gt; &amp; co")
        #expect(MarkdownText.cell("a|b\nc") == "a\\|b c")
        #expect(
            TerminalText.escaped("ok\u{1B}]0;pwned\u{07}\u{1B}[2J\r")
                == "ok\\e]0;pwned\\x07\\e[2J\\r")
        #expect(TerminalText.escaped("line\nnext\ttab") == "line\nnext\ttab")
        #expect(TerminalText.escaped("a\u{202E}b") == "a\\u{202E}b")
    }
}
