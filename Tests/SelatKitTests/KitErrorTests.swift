import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// Use cases fail with typed cases a front end can read without parsing words (the server needs
/// them); the command line's words come from those cases.
@Suite("Typed errors of the use cases")
struct KitErrorTests {
    @Test("missing runs, plans and routes are notFound cases carrying what is stored")
    func notFound() throws {
        let dir = TemporaryDirectory("kit-errors")
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let exporter = Exporter(database: db, geoData: try GeoData.bundled())
        #expect { try exporter.plan(nil) } throws: { error in
            guard case .notFound(.noPlans(let database))? = error as? KitError else { return false }
            return database == db.path
        }
        #expect { try exporter.layer(.route(name: "Nowhere"), includePersonal: false) } throws: {
            error in
            guard case .notFound(.route(let name, let stored))? = error as? KitError else {
                return false
            }
            return name == "Nowhere" && stored.isEmpty
        }
        #expect { try exporter.layer(.hotspots(run: nil), includePersonal: false) } throws: {
            error in
            guard case .notFound(.noHotspotRuns)? = error as? KitError else { return false }
            return (error as? KitError)?.description.contains("run 'run_hotspots' first") == true
        }
    }

    @Test("an implausible sighting and a bad target are typed, with the field and value")
    func requestProblems() throws {
        let entry = SightingEntry(time: "2026-11-20T21:40+07:00", position: "0, 0")
        #expect { try entry.sighting(defaultOffsetMinutes: 420, landCheck: landCheck) } throws: {
            error in
            guard case .implausible(let refusal)? = error as? KitError else { return false }
            return refusal.field == "lat"
        }
        #expect { try PatrolTargets.Spec(parsing: "Nongsa=11") } throws: { error in
            guard
                case .invalidRequest(.targetPriority(_, let priority, let allowed))? = error
                    as? KitError
            else { return false }
            return priority == "11" && allowed == 1...10
        }
    }
}
