import Foundation
import SelatGeoData
import SelatKit
import SelatTestSupport
import Testing

/// One whole job through SelatKit as a second front end would drive it: an import, a hotspot
/// run and a plan, each checked on its typed result — counts, cells, rows, notes — and on its
/// JSON form, never by reading printed text.
@Suite("A front end drives SelatKit with values: import, hotspot run, plan")
struct TypedUseCaseTests {
    @Test("import → Gi* run → plan: typed results, stored and read back, JSON with snake_case keys")
    func wholeJob() throws {
        let dir = TemporaryDirectory("typed")
        let geo = try GeoData.bundled()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))

        // 1. Import a partner's CSV with one bad row.
        let sightings = PlantedData.sightings(seed: 11)
        var csv = SightingRenderer.csv(sightings, includePersonal: true)
        // The same columns, a latitude that cannot be.
        let bad = try Sighting(
            id: SightingID("BAD-1"), observedAt: sightings[0].observedAt,
            position: Coordinate(latitude: 1.25, longitude: 104.1))
        let badRow = SightingRenderer.csv([bad], includePersonal: true)
            .split(separator: "\n")[1].replacingOccurrences(of: ",1.25,", with: ",91.5,")
        csv += badRow + "\n"
        let file = dir.write("partner.csv", csv)
        let report = try SightingImporter(
            database: db, landCheck: LandCheck(coastline: geo.coastline)
        ).importFile(file)
        #expect(report.counts.read == sightings.count + 1)
        #expect(report.counts.added == sightings.count && report.counts.rejected == 1)
        let problem = try #require(report.problems.first)
        #expect(
            problem.location == "line \(sightings.count + 2)" && problem.field == "lat",
            "\(problem)")
        #expect(problem.value == "91.5")

        // A page of them, as a search endpoint would send it.
        let search = SightingSearch(database: db)
        let page = try search.page(SightingQuery(), limit: 10)
        #expect(page.sightings.count == 10 && page.hasMore && !page.synthetic)
        // The ten earliest, earliest first.
        let earliest = sightings.map(\.observedAt).sorted().prefix(10)
        #expect(page.sightings.map(\.sighting.observedAt) == Array(earliest))
        let all = try search.page(SightingQuery(), limit: nil)
        #expect(Array(all.sightings.prefix(10)) == page.sightings)
        #expect(all.sightings.count == sightings.count && !all.hasMore)
        let pageJSON = ResultJSON.text(page)
        #expect(pageJSON.contains("\"has_more\":true") && pageJSON.contains("\"observed_at\":\""))
        #expect(try ResultJSON.decode(SightingPage.self, from: pageJSON) == page)

        // 2. Gi* on 2 km hexagons: the planted persistent hot spot is the strongest region.
        var request = HotspotRequest()
        request.cell = .kilometres(2)
        let run = try HotspotRunner(database: db, geoData: geo).run(request, command: "test")
        #expect(run.method == .gistar && run.sightingCount == sightings.count)
        #expect(run.notes.first == .analysed(sightings: sightings.count, nightOnly: false))
        #expect(run.notes.contains(.cellGiven(metres: 2000)))
        let strongest = try #require(run.hotspots.first)
        #expect(strongest.rank == 1)
        guard case .giZ(let z, let confidence) = strongest.statistic else {
            Issue.record("a Gi* row carries a z-score, not \(strongest.statistic)")
            return
        }
        #expect(z > 2.58 && confidence == 99)
        let planted = [PlantedData.persistent, PlantedData.intensifying, PlantedData.new]
        #expect(planted.contains { $0.distance(to: strongest.centre).metres < 4000 })
        let hot = run.results.cells.filter { $0.bin == 3 }
        #expect(!hot.isEmpty && hot.allSatisfy { $0.giZ > 2.58 && ($0.pFdr ?? 1) <= 0.01 })
        #expect(run.results.cells.reduce(0) { $0 + $1.count } <= sightings.count)

        // Stored as values and read back equal.
        let stored = try db.hotspotRun(id: run.runId)
        #expect(stored.method == .gistar)
        #expect(stored.results.cells == run.results.cells.filter { $0.bin != 0 })
        #expect(stored.outcome?.hotspots == run.hotspots && stored.outcome?.notes == run.notes)

        // The JSON a server would send: snake_case keys, UTC times, decodes to the same value.
        let json = ResultJSON.text(run)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for key in ["run_id", "method", "sighting_count", "input_sha256", "notes", "hotspots"] {
            #expect(object[key] != nil, "\(key) missing from \(object.keys.sorted())")
        }
        let cell = try #require(
            ((object["results"] as? [String: Any])?["cells"] as? [[String: Any]])?.first)
        #expect(cell["gi_z"] is Double && cell["p_fdr"] is Double && cell["ring"] is [Any])
        #expect(try ResultJSON.decode(HotspotRun.self, from: json) == run)

        // 3. Tonight's plan with the default fleet, aimed at the run's hot cells.
        let fleet = try DefaultFleet.make(geoData: geo)
        try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        var planRequest = PatrolPlanner.Request(start: PatrolPlannerTests.start, hours: 6)
        planRequest.boats = ["DEMO-POL-1", "DEMO-BKL-1"]
        planRequest.hotspotRun = run.runId
        let routing = SeaRouting(
            geoData: geo,
            cache: SeaGraphCache(directory: URL(fileURLWithPath: PatrolPlannerTests.cache.path)))
        let plan = try PatrolPlanner(routing: routing, database: db).plan(planRequest)
        let hotCells = run.results.cells.filter { $0.bin > 0 }.count
        #expect(
            plan.notes.contains {
                if case .targetsFromRun(run.runId, "gistar", let count) = $0 {
                    return count > 0 && count <= hotCells
                }
                return false
            })
        #expect(!plan.targets.isEmpty && plan.targets.allSatisfy { $0.name.hasPrefix("cell ") })
        let visited = plan.nights[0].boats.flatMap { $0.stops.filter { $0.kind == .target } }
        #expect(!visited.isEmpty)
        #expect(try db.plan(id: try #require(plan.id)).notes == plan.notes)
    }
}
