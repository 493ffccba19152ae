import Foundation
import SelatGeoData
import SelatKit
import SelatTestSupport
import Testing

/// The web app in a real browser: headless Chromium driven by Selenium (`Tools/browser-venv.sh`
/// makes the virtualenv; `.ci/run` installs Debian's chromium and chromium-driver).
@Suite("Web app in headless Chromium: offline first")
struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".build/browser-venv/bin/python").path

    /// The `selat` executable beside the test bundle.
    static let selat: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("selat").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/selat").path
    }()

    /// A station database in a new folder with one user whose password is
    /// "a long harbour sentence" (bcrypt cost 4: the tests log in often).
    static func station(_ folder: String, user: String, role: Role) throws -> (
        dir: TemporaryDirectory, path: String, db: SelatDatabase
    ) {
        let dir = TemporaryDirectory(folder)
        let path = dir.file("station.sqlite")
        let db = try SelatDatabase(path: path)
        var accounts = Accounts(database: db)
        accounts.cost = 4
        _ = try accounts.add(
            name: user, role: role, agency: "POLAIRUD", password: "a long harbour sentence")
        return (dir, path, db)
    }

    /// Runs `Tests/SelatServerTests/Browser/NAME` with the test virtualenv's Python; nil (and a
    /// recorded issue, never a silent skip) when the virtualenv is missing.
    static func script(_ name: String, _ arguments: [String]) throws -> (
        status: Int32, out: String, err: String
    )? {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record(
                "no test virtualenv: run Tools/browser-venv.sh (and apt-get install chromium chromium-driver)"
            )
            return nil
        }
        return try runProcess(
            python,
            [root.appendingPathComponent("Tests/SelatServerTests/Browser/\(name)").path] + arguments
        )
    }

    @Test(
        "log in, log with GPS, lose the connection, log two more, reload offline, reconnect: three stored once"
    )
    func offlineOutbox() throws {
        let (dir, path, db) = try BrowserTests.station("browser", user: "siti", role: .officer)
        let shot = dir.file("offline.png")
        guard
            let r = try BrowserTests.script(
                "offline_sighting.py",
                [
                    Self.selat, path, "0", "siti", "a long harbour sentence", shot,
                ])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains("reloaded offline: the app and its outbox are still there"))
        #expect(r.out.contains("stored exactly once: persons 3, 4, 5"))
        #expect(r.out.contains("ids are time-ordered UUIDs (v7) made on the phone"))
        #expect(r.out.contains("the map shows the three sightings"))
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The three came from the phone: the audit trail names the officer for each.
        let adds = try AuditLog(database: db).list().filter { $0.action == "sighting_add" }
        #expect(adds.count == 3 && adds.allSatisfy { $0.user == "siti" })
        #expect(try ChainVerifier(database: db).verify().verified)
    }
}

@Suite("Web app in headless Chromium: a patrol recorded through an outage")
struct PatrolPageTests {
    @Test(
        "start, sail, lose the link, pause, resume, reload offline, come back: every fix and step stored once, in order; the report on the page"
    )
    func patrolOffline() throws {
        let (dir, path, db) = try BrowserTests.station("patrol", user: "andi", role: .officer)
        let fleet = try DefaultFleet.make(geoData: ServerHarness.geo)
        try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        let shot = dir.file("patrol.png")
        guard
            let r = try BrowserTests.script(
                "patrol_page.py",
                [BrowserTests.selat, path, "0", "andi", "a long harbour sentence", shot])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains("reloaded offline: the patrol and its queue are still there"))
        #expect(r.out.contains("stored exactly once, in order"))
        #expect(r.out.contains("the report on the patrol page"))
        #expect(r.out.contains("the sighting logged from the boat is linked to the patrol"))
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let actions = try AuditLog(database: db).list().map(\.action)
        #expect(actions.contains("patrol_start") && actions.contains("patrol_pause"))
        #expect(actions.contains("patrol_resume") && actions.contains("patrol_end"))
    }
}

/// Schemathesis generates requests for every operation of `openapi.json` (bounded: a few examples
/// each, a fixed seed) and the server must never answer 5xx.
@Suite("The API fuzzed from its OpenAPI document")
struct APIFuzzTests {
    @Test("no generated request gets a server error")
    func noServerErrors() throws {
        // The folder lives as long as `station` does: to the end of the test.
        let station = try BrowserTests.station("fuzz", user: "fuzz-admin", role: .admin)
        let (path, db) = (station.path, station.db)
        let fleet = try DefaultFleet.make(geoData: try GeoData.bundled())
        try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        guard
            let r = try BrowserTests.script(
                "fuzz_api.py",
                [
                    BrowserTests.selat, path, "fuzz-admin", "a long harbour sentence", "15",
                ])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(!r.out.contains("Server error"), "\(r.out)")
        let report = try ChainVerifier(database: db).verify()
        #expect(report.verified, "\(report.problem ?? report.integrity)")
        withExtendedLifetime(station) {}
    }
}

@Suite("Web app in headless Chromium: the map page")
struct MapPageTests {
    @Test("the Map page draws sightings and hot spots over the coastline, and fits a phone")
    func mapDraws() throws {
        let (dir, path, db) = try BrowserTests.station("map-page", user: "ana", role: .analyst)
        _ = try db.insert(PlantedSightings.make())
        var request = HotspotRequest()
        request.cell = .kilometres(2)
        _ = try HotspotRunner(database: db, geoData: try GeoData.bundled()).run(
            request, command: "test")
        let desktop = dir.file("map.png")
        guard
            let r = try BrowserTests.script(
                "map_page.py",
                [
                    BrowserTests.selat, path, "ana", "a long harbour sentence", desktop,
                    dir.file("phone.png"),
                ])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        // The screenshot is a map: land, sea and hot cells in the map's colours.
        let check = try runProcess(
            "/usr/bin/python3",
            [
                BrowserTests.root.appendingPathComponent(
                    "Tests/SelatCLITests/Fixtures/png_check.py"
                ).path,
                desktop, "#f2ead3", "#d8ebf7", "#d76461",
            ])
        #expect(check.status == 0, "\(check.err)")
        var figures: [String: Double] = [:]
        for line in check.out.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let v = Double(parts[1]) { figures[String(parts[0])] = v }
        }
        #expect((figures["colours"] ?? 0) > 100, "\(check.out)")
        #expect((figures["#f2ead3"] ?? 0) > 5_000, "land: \(check.out)")
        #expect((figures["#d8ebf7"] ?? 0) > 5_000, "sea: \(check.out)")
        #expect((figures["#d76461"] ?? 0) > 20, "hot cells: \(check.out)")
    }
}

@Suite("Web app in headless Chromium: admin, plan and analyse pages")
struct PagesTests {
    @Test(
        "an admin adds a planner, an analyst runs Gi* on two study areas, the planner makes a plan"
    )
    func pages() throws {
        let h = try ServerHarness("pages")
        let fleet = try DefaultFleet.make(geoData: ServerHarness.geo)
        try h.database.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        _ = try h.database.insert(PlantedSightings.make())
        guard
            let r = try BrowserTests.script(
                "pages.py",
                [
                    BrowserTests.selat, h.dir.file("log.sqlite"), ServerHarness.password,
                    h.dir.file("plan.png"),
                ])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(
            r.out.contains("admin added planner2") && r.out.contains("analyst ran Gi*")
                && r.out.contains("study area: around the data"))
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(
            actions.contains("user_add") && actions.contains("plan_make")
                && actions.contains("hotspot_run"))
    }
}

@Suite("Web app in headless Chromium: Bahasa Indonesia")
struct IndonesianPagesTests {
    @Test(
        "every page in Indonesian on a phone and a desktop, a sighting logged, the switch remembered, the briefing on A4"
    )
    func indonesian() throws {
        let h = try ServerHarness("indonesian")
        let fleet = try DefaultFleet.make(geoData: ServerHarness.geo)
        try h.database.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        _ = try h.database.insert(PlantedSightings.make())
        let shots = h.dir.file("screenshots")
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        guard
            let r = try BrowserTests.script(
                "indonesian.py",
                [BrowserTests.selat, h.dir.file("log.sqlite"), ServerHarness.password, shots])
        else { return }
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains("every page in Indonesian at 360px"))
        #expect(r.out.contains("remembered for officer1"))
        // The last choice (Indonesian) is the user's, in the database.
        #expect(try h.database.user(named: "officer1")?.user.language == "id")
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(actions.contains("language"))
        // The sighting typed as 1°12,2' LU 104°06,7' BT is stored at 1.20333, 104.11167.
        let stored = try h.database.sightings(matching: SightingQuery()).map(\.sighting.position)
        #expect(
            stored.contains {
                abs($0.latitude - 1.203_333) < 1e-5 && abs($0.longitude - 104.111_667) < 1e-5
            })
    }
}
