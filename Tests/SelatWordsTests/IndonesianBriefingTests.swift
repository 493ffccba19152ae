import Foundation
import SelatGeoData
import SelatKit
import SelatTestSupport
import SelatWords
import Testing

/// A real plan's briefing, written in Indonesian, read as an officer would.
@Suite("The briefing in Bahasa Indonesia")
struct IndonesianBriefingTests {
    static let geo = try! GeoData.bundled()
    static let cache = TemporaryDirectory("words-plan-cache")

    static func plan() throws -> PatrolPlan {
        let dir = TemporaryDirectory("words-plan")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let fleet = try DefaultFleet.make(geoData: geo)
        try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        let routing = SeaRouting(
            geoData: geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: cache.path)))
        let start = try Timestamp.parse("2026-11-20T20:00+07:00", defaultOffsetMinutes: 420)
            .timestamp
        var request = PatrolPlanner.Request(start: start, hours: 6)
        request.boats = ["DEMO-POL-1", "DEMO-BKL-1"]
        request.useHotspots = false
        request.targets = try ["1.19 103.95=8", "1.25 104.05=6", "Nongsapura=7/30m"].map {
            try PatrolTargets.Spec(parsing: $0)
        }
        return try PatrolPlanner(routing: routing, database: db).plan(request)
    }

    @Test("has no English sentence, and writes positions, times and numbers the Indonesian way")
    func indonesian() throws {
        let plan = try Self.plan()
        let briefing = PatrolBriefing(plan: plan, coastline: Self.geo.coastline, language: .id)
        let page = try #require(briefing.pages().first)
        // (Read as the browser shows it: the page escapes apostrophes.)
        let html = briefing.html(page).replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        let english = englishSentencesOfTheCatalogue()
        #expect(english.count >= 5)
        for (key, sentence) in english {
            #expect(!html.contains(sentence), "the Indonesian briefing holds \(key): \(sentence)")
        }
        #expect(html.contains("<html lang=\"id\">"))
        #expect(html.contains("Taklimat patroli — \(page.callSign)"))
        #expect(html.contains("Jumat, 20 November 2026 pukul 20.00 WIB"))
        // Every stop's position as 1°10,500' LU 104°02,300' BT, read back to the same place.
        for stop in page.boat.stops {
            let written = stop.position.formatted(.degreesMinutesIndonesian)
            #expect(html.contains(written), "\(stop.name) at \(written)")
            let back = try Coordinate(parsing: written)
            #expect(abs(back.latitude - stop.position.latitude) < 1e-5)
        }
        #expect(html.contains(" LU ") && html.contains(" BT"))
        #expect(html.contains("mil laut"))
        #expect(!html.contains("nm,") && !html.contains(" nm "))
        // The map's scale bar in mil laut (ml) with a decimal comma or a whole number, north as U.
        #expect(html.contains(">U</text>"))
        #expect(html.contains(try Regex(#"id="scale-text"[^>]*>\d+(,\d)? ml<"#)))
        // Distances with a decimal comma in the summary.
        #expect(html.contains(try Regex(#"\d+,\d mil laut"#)))
    }

    @Test("the English briefing is unchanged in its words")
    func english() throws {
        let plan = try Self.plan()
        let briefing = PatrolBriefing(plan: plan, coastline: Self.geo.coastline)
        let page = try #require(briefing.pages().first)
        let html = briefing.html(page)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Patrol briefing — \(page.callSign)"))
        #expect(html.contains("Legs and ETAs (WIB)"))
        #expect(html.contains(">N</text>"))
        #expect(!html.contains("Taklimat"))
    }
}
