import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// The land check every import uses, on the GeoData that ships with Selat.
let landCheck = LandCheck(coastline: try! GeoData.bundled().coastline)

@Suite("Importing sightings: nothing valid lost, nothing bad let in")
struct SightingImporterTests {
    static let header =
        "id,observed_at,lat,lon,vessel_type,activity,persons_aboard,heading_deg,speed_kn,source,unit,confidence,notes"

    /// Valid rows, each to be stored exactly.
    static let valid: [String] = [
        "V01,2026-11-20T21:40+07:00,1.1753,104.0383,speedboat,trafficking,12,310,25,patrol,Ditpolairud Kepri,high,no lights",
        "V02,2026-11-20T14:40:00Z,1.20,104.10,pompong,smuggling,,,,radar,,0.7,",
        "V03,2026-11-20 22:05:30,1.2,104.1,,,,,,,,,",  // no offset: read as WIB
        "V04,2026-11-21T01:00+07:00,1.3,104.2,fishing,illegal_fishing,4,0,0,report,\"Bakamla, Zona Barat\",medium,\"notes with, comma and \"\"quotes\"\"\"",
        "V05,2026-11-21T02:00+07:00,1.31,104.21,ferry,none,300,360,30,ais,,low,'); DROP TABLE sighting; --",
        "V06,2026-11-21T03:00+07:00,-0.6,104.7,cargo,unknown,20,180.5,12.5,aerial,,1,kapal tanpa lampu — 船 ✓",
        "V07,2026-11-21T04:00+07:00,1.0,103.45,tug,piracy,3,90,8,patrol,,0,\"two\nlines of notes\"",
        "V08,2026-11-21T05:00+07:00,1.05,103.45,Speed Boat,Illegal-Fishing,1,1,1,PATROL,,80%,case-insensitive values",
        "V09,2026-11-21T06:00+07:00,1.06,103.46,tanker,none,25,45,14,patrol,,,\(String(repeating: "n", count: 9_999))",
        ",2026-11-21T07:00+07:00,1.07,103.47,speedboat,trafficking,8,200,30,patrol,,,no id: one is derived",
        "POLAIR/2026/11/0042 ,2026-11-21T08:00+07:00,1.08,103.48,speedboat,smuggling,2,10,20,patrol,,,id kept verbatim with trailing space",
        "V12,2026-11-21T09:00+07:00,1.09,103.49,unknown,unknown,0,0,0,patrol,,,zero everything",
    ]

    /// Bad rows: text, the field blamed (nil: the whole row), and words the reason must contain.
    static let bad: [(String, String?, String)] = [
        ("B01,2026-11-20T21:40+07:00,91,104.0,,,,,,,,,", "lat", "from -90 to 90"),
        ("B02,2026-11-20T21:40+07:00,1.1,181,,,,,,,,,", "lon", "from -180 to 180"),
        ("B03,2026-11-20T21:40+07:00,NaN,104.0,,,,,,,,,", "lat", "plain decimal number"),
        ("B04,2026-11-20T21:40+07:00,1.1,inf,,,,,,,,,", "lon", "plain decimal number"),
        ("B05,2026-11-20T21:40+07:00,,104.0,,,,,,,,,", "lat", "required"),
        ("B06,,1.1,104.0,,,,,,,,,", "observed_at", "required"),
        ("B07,yesterday night,1.1,104.0,,,,,,,,,", "observed_at", "is not a date and time"),
        ("B08,2026-13-20T21:40+07:00,1.1,104.0,,,,,,,,,", "observed_at", "month 13"),
        ("B09,2026-02-30T21:40+07:00,1.1,104.0,,,,,,,,,", "observed_at", "day 30 does not exist"),
        ("B10,2026-11-20T25:40+07:00,1.1,104.0,,,,,,,,,", "observed_at", "hour 25"),
        ("B11,2026-11-20,1.1,104.0,,,,,,,,,", "observed_at", "date alone"),
        ("B12,2026-11-20T21:40+25:00,1.1,104.0,,,,,,,,,", "observed_at", "offsets run"),
        ("B13,2026-11-20T21:40+07:00,1.1,104.0", nil, "has 4 fields but the header has 13"),
        ("B14,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,,extra", nil, "has 14 fields"),
        (
            "B15,2026-11-20T21:40+07:00,1.1,104.0,jetski,,,,,,,,", "vessel_type",
            "speedboat, pompong, fishing, ferry, cargo, tanker, tug, unknown"
        ),
        (
            "B16,2026-11-20T21:40+07:00,1.1,104.0,,drugs,,,,,,,", "activity",
            "trafficking, smuggling, illegal_fishing, piracy, unknown, none"
        ),
        (
            "B17,2026-11-20T21:40+07:00,1.1,104.0,,,,,,satellite,,,", "source",
            "patrol, radar, report, ais, aerial"
        ),
        ("B18,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,1.5,", "confidence", "0 to 1"),
        ("B19,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,sure,", "confidence", "low, medium or high"),
        ("B20,2026-11-20T21:40+07:00,1.1,104.0,,,-3,,,,,,", "persons_aboard", "0 to 10000"),
        ("B21,2026-11-20T21:40+07:00,1.1,104.0,,,12.5,,,,,,", "persons_aboard", "whole number"),
        ("B22,2026-11-20T21:40+07:00,1.1,104.0,,,twelve,,,,,,", "persons_aboard", "whole number"),
        ("B23,2026-11-20T21:40+07:00,1.1,104.0,,,,400,,,,,", "heading_deg", "0 to 360"),
        ("B24,2026-11-20T21:40+07:00,1.1,104.0,,,,NW,,,,,", "heading_deg", "plain decimal number"),
        ("B25,2026-11-20T21:40+07:00,1.1,104.0,,,,,-5,,,,", "speed_kn", "knots from 0"),
        ("B26,2026-11-20T21:40+07:00,1.1,104.0,,,,,250,,,,", "speed_kn", "km/h"),
        ("B27,2026-11-20T21:40+07:00,\"1,5\",104.0,,,,,,,,,", "lat", "decimal mark"),
        ("B28,2026-11-20T21:40+07:00,104.05,1.12,,,,,,,,,", "lat", "look swapped"),
        (
            "\(String(repeating: "X", count: 65)),2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,", "id",
            "at most 64 characters"
        ),
        ("\"B30\tTAB\",2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,", "id", "control characters"),
        (
            "B31,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,\(String(repeating: "x", count: 10_001))",
            "notes", "at most 10000 characters"
        ),
        ("B32,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,bell\u{07}char", "notes", "U+7"),
        ("B34,2026-11-20T21:40+07:00,0x1p3,104.0,,,,,,,,,", "lat", "plain decimal number"),
        (
            "B35,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,\"two\nlines\",,", "unit",
            "control character"
        ),
        (
            "V01,2026-11-20T21:40+07:00,1.1753,104.0383,speedboat,trafficking,13,310,25,patrol,Ditpolairud Kepri,high,no lights",
            "id", "conflict"
        ),
    ]

    /// Writes valid and bad rows interleaved (CRLF, one empty line, a non-UTF-8 row and an
    /// unclosed quote at the end) and returns the line number of every bad row.
    func mixedFile(in dir: TemporaryDirectory) -> (
        path: String, badRows: [(line: Int, row: (String, String?, String))]
    ) {
        let badRows = Self.bad
        var lines = [Self.header]
        var placed: [(line: Int, row: (String, String?, String))] = []
        var physicalLine = 1
        func add(_ text: String) {
            lines.append(text)
            physicalLine += 1
        }
        var b = 0
        for (i, v) in Self.valid.enumerated() {
            add(v)
            physicalLine += v.filter { $0 == "\n" }.count
            for _ in 0..<3 where b < badRows.count {
                add(badRows[b].0)
                placed.append((physicalLine, badRows[b]))
                physicalLine += badRows[b].0.filter { $0 == "\n" }.count
                b += 1
            }
            if i == 5 { add("") }  // an empty line is not a row
        }
        while b < badRows.count {
            add(badRows[b].0)
            placed.append((physicalLine, badRows[b]))
            physicalLine += badRows[b].0.filter { $0 == "\n" }.count
            b += 1
        }
        var bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        // A non-UTF-8 byte (Latin-1 é) in one row's notes.
        bytes +=
            Array("B36,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,caf".utf8) + [0xE9]
            + Array("\r\n".utf8)
        placed.append((physicalLine + 1, ("B36", "notes", "not UTF-8")))
        // A last row whose quote never closes.
        bytes += Array("B37,2026-11-20T21:40+07:00,1.1,104.0,,,,,,,,,\"never closed\n".utf8)
        placed.append((physicalLine + 2, ("B37", nil, "never closed")))
        return (dir.write("mixed.csv", bytes), placed)
    }

    @Test(
        "every valid row of a mixed file is kept; every bad row is reported with line, field and reason"
    )
    func mixedFileKeepsValidRows() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let (path, badRows) = mixedFile(in: dir)
        let report = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        let expectedBad = badRows.count
        #expect(badRows.count >= 30)
        #expect(report.counts.read == Self.valid.count + expectedBad)
        #expect(report.counts.added == Self.valid.count)
        #expect(report.counts.rejected == expectedBad - 1)
        #expect(report.counts.conflict == 1)
        #expect(report.rowsUsingDefaultOffset == 1)
        #expect(try db.sightingCount() == Self.valid.count)
        #expect(report.problems.count == expectedBad)

        // Each bad row's problem is reported at its own line, names the field and says why.
        for (line, (row, field, words)) in badRows {
            let problem = report.problems.first { $0.location == "line \(line)" }
            #expect(problem != nil, "nothing reported at line \(line) for \(row.prefix(40))")
            if let problem {
                #expect(problem.field == field, "line \(line) \(row.prefix(30)): \(problem)")
                #expect(
                    problem.reason.contains(words),
                    "line \(line) \(row.prefix(30)): \(problem.reason)")
            }
        }

        // Stored values are exactly what the file said.
        let v05 = try #require(try db.sighting(id: SightingID("V05")))
        #expect(v05.sighting.notes == "'); DROP TABLE sighting; --")
        let v04 = try #require(try db.sighting(id: SightingID("V04")))
        #expect(v04.sighting.notes == "notes with, comma and \"quotes\"")
        #expect(v04.sighting.unit == "Bakamla, Zona Barat")
        #expect(v04.sighting.confidence == .level(.medium))
        #expect(try db.sighting(id: SightingID("V07"))?.sighting.notes == "two\nlines of notes")
        #expect(try db.sighting(id: SightingID("POLAIR/2026/11/0042 ")) != nil)
        let v03 = try #require(try db.sighting(id: SightingID("V03")))
        #expect(v03.sighting.observedAt.description == "2026-11-20T15:05:30Z")
        #expect(try db.sighting(id: SightingID("V09"))?.sighting.notes?.count == 9_999)
    }

    @Test(
        "rejected rows are written unchanged to FILE.rejects.csv with a reason, and import once fixed"
    )
    func rejectsFile() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "two.csv", Self.header + "\n" + Self.valid[0] + "\n" + Self.bad[0].0 + "\n")
        let report = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(report.rejectsFile == path + ".rejects.csv")
        let rejects = try String(contentsOfFile: path + ".rejects.csv", encoding: .utf8)
        let lines = rejects.split(separator: "\n").map(String.init)
        #expect(lines[0] == Self.header + ",reason")
        #expect(lines[1].hasPrefix(Self.bad[0].0 + ",\"line 3, field lat:"))
        // Fix the row in the rejects file and import it: the reason column is reported as unused.
        let fixed = rejects.replacingOccurrences(
            of: "B01,2026-11-20T21:40+07:00,91,", with: "B01,2026-11-20T21:40+07:00,1.2,")
        let fixedPath = dir.write("fixed.csv", fixed)
        let again = try SightingImporter(database: db, landCheck: landCheck).importFile(fixedPath)
        #expect(again.counts.added == 1)
        #expect(again.ignoredColumns == [])
    }

    @Test("an import gives the writer's page cache back as it found it")
    func cacheRestored() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        try db.setWriterCache(megabytes: 8)
        let (path, _) = mixedFile(in: dir)
        _ = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(try db.writerCacheMegabytes() == 8)
    }

    @Test("importing the same file twice adds nothing the second time")
    func idempotent() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let (path, _) = mixedFile(in: dir)
        let first = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        var options = SightingImporter.Options()
        options.batchSize = 3
        let second = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(path)
        #expect(second.counts.added == 0)
        #expect(second.counts.duplicate == first.counts.added + first.counts.duplicate)
        #expect(try db.sightingCount() == first.counts.added)
    }

    @Test("--strict imports nothing when any row is bad, everything when none is")
    func strict() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        var options = SightingImporter.Options()
        options.strict = true
        options.batchSize = 2
        let (mixed, _) = mixedFile(in: dir)
        let report = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(mixed)
        #expect(report.abortedByStrict)
        #expect(try db.sightingCount() == 0)
        let good = dir.write(
            "good.csv", Self.header + "\n" + Self.valid.joined(separator: "\n") + "\n")
        let ok = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(good)
        #expect(!ok.abortedByStrict)
        #expect(try db.sightingCount() == Self.valid.count)
    }

    @Test(
        "whole-file problems stop the import with a message naming the file and the fix",
        arguments: [
            ("empty.csv", "", "empty"),
            (
                "nolat.csv", "observed_at,lon\n2026-11-20T21:40Z,104\n",
                "required column lat missing"
            ),
            ("twice.csv", "observed_at,lat,lat,lon\n", "appears twice"),
        ])
    func unusableFiles(_ name: String, _ text: String, _ words: String) throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(name, text)
        #expect {
            try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        } throws: {
            let d = ($0 as? KitError)?.description ?? ""
            return d.contains(name) && d.contains(words)
        }
        #expect {
            try SightingImporter(database: db, landCheck: landCheck).importFile(
                dir.file("missing.csv"))
        } throws: {
            ($0 as? KitError)?.description.contains("no such file") == true
        }
    }

    @Test("columns in any order; only observed_at, lat, lon required")
    func anyOrder() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let path = dir.write(
            "min.csv",
            "lon,activity,lat,observed_at\n104.1,trafficking,1.2,2026-11-20T21:40+07:00\n")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.counts.added == 1)
        let s = try db.sightings(matching: SightingQuery())[0].sighting
        #expect(
            s.position.latitude == 1.2 && s.position.longitude == 104.1
                && s.activity == .trafficking)
    }

    @Test(
        "GeoJSON FeatureCollections import with the same rules; bad features are reported by path")
    func geojson() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let text = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[104.0383,1.1753]},
              "properties":{"id":"G1","observed_at":"2026-11-20T21:40+07:00","vessel_type":"speedboat","persons_aboard":12,"heading_deg":310.5}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[104,1],[104.1,1.1]]},"properties":{}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[104.1,1.1]},"properties":{"observed_at":"2026-11-20T21:40+07:00","activity":"drugs"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[104.1,1.1]},"properties":{"observed_at":true}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[104.1,1.1]},"properties":{"observed_at":"2026-11-20T21:40Z","lat":2.0}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[104.2,1.2]},"properties":{"observed_at":"2026-11-20T22:40Z","extra":"x"}}
            ]}
            """
        let path = dir.write("in.geojson", text)
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.counts.added == 2)
        #expect(r.counts.rejected == 4)
        #expect(
            r.problems.map(\.location) == [
                "feature 2 (features[1])", "feature 3 (features[2])",
                "feature 4 (features[3])", "feature 5 (features[4])",
            ])
        #expect(r.problems[0].reason.contains("only Point"))
        #expect(r.problems[1].field == "activity")
        #expect(r.problems[2].reason.contains("must be a string or a number"))
        #expect(r.problems[3].reason.contains("disagrees with the geometry"))
        #expect(r.ignoredColumns == ["extra"])
        let g1 = try #require(try db.sighting(id: SightingID("G1")))
        #expect(g1.sighting.personsAboard == 12 && g1.sighting.headingDegrees == 310.5)
        let notJSON = dir.write("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": [")
        #expect {
            try SightingImporter(database: db, landCheck: landCheck).importFile(notJSON)
        } throws: {
            ($0 as? KitError)?.description.contains("bad.geojson") == true
        }
    }

    @Test("a CSV export imports back as the same records")
    func exportRoundTrip() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let good = dir.write(
            "good.csv", Self.header + "\n" + Self.valid.joined(separator: "\n") + "\n")
        _ = try SightingImporter(database: db, landCheck: landCheck).importFile(good)
        let stored = try db.sightings(matching: SightingQuery()).map(\.sighting)
        let exported = dir.write("export.csv", SightingRenderer.csv(stored, includePersonal: true))
        let db2 = try SelatDatabase(path: dir.file("copy.sqlite"))
        let r = try SightingImporter(database: db2, landCheck: landCheck).importFile(exported)
        #expect(r.counts.added == stored.count)
        #expect(try db2.sightings(matching: SightingQuery()).map(\.sighting) == stored)
    }

    @Test(
        "a bulk load rebuilds the indexes at the end, and an interrupted one gets them back on open"
    )
    func bulkLoadKeepsIndexes() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("log.sqlite")
        let db = try SelatDatabase(path: path)
        var options = SightingImporter.Options()
        options.bulkLoadRows = 1
        options.batchSize = 4
        let good = dir.write(
            "good.csv", Self.header + "\n" + Self.valid.joined(separator: "\n") + "\n")
        let r = try SightingImporter(database: db, options: options, landCheck: landCheck)
            .importFile(good)
        #expect(r.counts.added == Self.valid.count)
        var q = SightingQuery()
        q.near = (try Coordinate(latitude: 1.2, longitude: 104.1), .nauticalMiles(5))
        #expect(try db.queryPlan(for: q).contains { $0.contains("sighting_on_cell") })
        #expect(try db.sightings(matching: q).count == 3)
        // As if a bulk load was killed after dropping them: reopening rebuilds the indexes.
        try db.dropSecondaryIndexes()
        let afterDrop = try db.queryPlan(for: q)
        #expect(!afterDrop.contains { $0.contains("sighting_on_cell") }, "\(afterDrop)")
        let reopened = try SelatDatabase(path: path)
        #expect(try reopened.queryPlan(for: q).contains { $0.contains("sighting_on_cell") })
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test("a position on land is refused with the island named; --allow-land keeps it, flagged")
    func landIsRefused() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let text =
            Self.header + "\nL1,2026-11-20T21:40+07:00,1.08,104.03,speedboat,,,,,,,,beached\n"
            + "L2,2026-11-20T21:40+07:00,1.2,104.1,speedboat,,,,,,,,at sea\n"
        let path = dir.write("land.csv", text)
        // The reason names the control as the front end spells it.
        var check = landCheck
        check.names = ControlNames(
            control: { "<\($0.rawValue)>" }, followUp: { "<\($0.rawValue)>" })
        let r = try SightingImporter(database: db, landCheck: check).importFile(path)
        #expect(r.counts.added == 1 && r.counts.rejected == 1)
        #expect(r.problems[0].location == "line 2" && r.problems[0].field == "lat")
        #expect(
            r.problems[0].reason.contains("on land (Batam)")
                && r.problems[0].reason.contains("use <allow_land>"))
        let allow = LandCheck(coastline: landCheck.coastline, allowLand: true)
        let again = try SightingImporter(database: db, landCheck: allow).importFile(path)
        #expect(again.counts.added == 1)
        #expect(try db.sighting(id: SightingID("L1"))?.sighting.onLand == true)
        #expect(try db.sighting(id: SightingID("L2"))?.sighting.onLand == false)
    }

    @Test("a refusal names the island the position falls on")
    func refusalNamesIsland() throws {
        let karimun = try Coordinate(latitude: 1.05, longitude: 103.40)
        #expect(
            landCheck.refusal(at: karimun).hasPrefix(
                "1.050000, 103.400000 is on land (Karimun Besar)."))
    }

    @Test(
        "a file whose columns are swapped (lat holds longitudes) is caught row by row, nothing imported"
    )
    func swappedFile() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let rows = ["104.05,1.12", "103.99,1.15", "104.45,0.92"].enumerated().map {
            "S\($0.offset),2026-11-20T21:40+07:00,\($0.element)"
        }
        let path = dir.write(
            "swapped.csv", "id,observed_at,lat,lon\n" + rows.joined(separator: "\n") + "\n")
        let r = try SightingImporter(database: db, landCheck: landCheck).importFile(path)
        #expect(r.counts.added == 0 && r.counts.rejected == 3)
        #expect(r.problems.allSatisfy { $0.field == "lat" && $0.reason.contains("look swapped") })
    }
}

@Suite struct SightingImportCheckTests {
    @Test func checkingAFileAccountsForEveryRowAndWritesNothing() throws {
        let csv = """
            id,observed_at,lat,lon
            A,2026-11-20T21:40+07:00,1.25,104.1
            B,not a time,1.25,104.1
            C,2026-11-20T21:40+07:00,104.1,1.25
            "D,2026-11-20T21:40+07:00,1.25,104.1

            """
        let check = try SightingImporter.check(
            bytes: Array(csv.utf8), fileName: "f.csv", format: .csv,
            landCheck: landCheck)
        #expect(check.rowsRead == 4)
        #expect(check.sightings.map(\.id.rawValue) == ["A"])
        #expect(check.problems.map(\.location) == ["line 3", "line 4", "line 5"])
        #expect(check.problems[0].field == "observed_at")
    }

    @Test func checkingGeoJSONThatIsNotACollectionSaysWhat() throws {
        #expect(throws: KitError.self) {
            try SightingImporter.check(
                bytes: Array("[1]".utf8), fileName: "f.geojson", format: .geojson,
                landCheck: landCheck)
        }
    }
}

@Suite struct SightingCSVExportTests {
    @Test(
        "the sightings CSV writes small numbers as plain decimals its importer reads back to the same content hash"
    )
    func smallNumbersReadBack() throws {
        let s = try Sighting(
            id: SightingID("X-1"),
            observedAt: Timestamp(millisecondsSince1970: 1_790_000_000_000, offsetMinutes: 420),
            position: Coordinate(latitude: 0.00001, longitude: 105.2), vesselType: .speedboat,
            activity: .smuggling,
            personsAboard: nil, headingDegrees: 0.00002, speed: nil, source: nil, unit: nil,
            confidence: nil, notes: nil)
        let csv = SightingRenderer.csv([s], includePersonal: true)
        #expect(csv.contains(",0.00001,105.2,") && !csv.contains("e-"), "\(csv)")
        let check = try SightingImporter.check(
            bytes: Array(csv.utf8), fileName: "x.csv", format: .csv, landCheck: landCheck)
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.sightings.map(\.contentDigest) == [s.contentDigest])
    }
}
