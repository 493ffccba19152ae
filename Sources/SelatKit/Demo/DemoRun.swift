import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore
import SelatGeoData
import SelatPlanning

/// `selat demo`: the whole sighting-log job on synthetic data, from an empty folder.
///
/// Creates a database, writes seeded synthetic sightings as a partner agency's CSV, imports it
/// (twice, to show that re-importing adds nothing), stores the Batam ferry terminals as
/// waypoints, asks "what was seen within 5 nm of Nongsapura in the last month", writes the
/// answers as CSV and GeoJSON, finds the night hot spots and routes a boat to the strongest by water.
public struct DemoRun: Sendable {
    public let directory: String
    public let seed: UInt64
    public let count: Int

    public init(directory: String, seed: UInt64 = 20_261_122, count: Int = 5_000) {
        self.directory = directory
        self.seed = seed
        self.count = count
    }

    /// The Batam ferry terminals the demo stores as waypoints; their positions and sources come
    /// from GeoData's ports (Google Maps pins, about 50 m).
    static let terminals = ["Batam Centre", "Sekupang", "Harbour Bay", "Nongsapura", "Telaga Punggur"]

    /// One line of the demo's account: what was done and what came of it.
    public struct Step: Sendable {
        public let title: String
        public let detail: String
    }

    /// Runs the demo, calling `step` as each part finishes.
    /// - Throws: ``KitError``.
    public func run(step: (Step) -> Void) throws(KitError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .other("cannot create the folder \(directory): \(error.localizedDescription)")
        }
        let dbPath = (directory as NSString).appendingPathComponent("selat.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        let db = try KitError.store { () throws(StoreError) in try SelatDatabase(path: dbPath) }
        let geoData: GeoData
        do { geoData = try GeoData.bundled() } catch { throw .other(error.description) }
        step(Step(title: "Created the database", detail: dbPath))

        // A month of synthetic reports ending today.
        let now = Timestamp(Date())
        let dayMs: Int64 = 86_400_000
        let start = Timestamp(millisecondsSince1970: (now.millisecondsSince1970 / dayMs - 30) * dayMs)
        let csvPath = (directory as NSString).appendingPathComponent("synthetic-sightings.csv")
        try SyntheticSightings(seed: seed, start: start, days: 30, coastline: geoData.coastline).writeCSV(count: count, to: csvPath)
        step(Step(title: "Wrote \(count) synthetic sightings (seed \(seed)) as a partner agency's CSV", detail: csvPath))

        let importer = SightingImporter(database: db, landCheck: LandCheck(coastline: geoData.coastline))
        let first = try importer.importFile(csvPath)
        step(Step(title: "Imported them", detail: ImportSummary.text(first, show: 5)
            .trimmingCharacters(in: .newlines)))
        let again = try importer.importFile(csvPath)
        step(Step(title: "Imported the same file again", detail: "\(again.counts.added) added, "
                  + "\(again.counts.duplicate) already present: re-importing never duplicates a sighting"))

        var waypoints: [Waypoint] = []
        for prefix in Self.terminals {
            guard let port = geoData.ports.first(where: { $0.name.hasPrefix(prefix) }) else {
                throw .other("GeoData has no port named \(prefix)…; regenerate GeoData with Tools/make-geodata.sh")
            }
            do {
                // Terminals sit on the shoreline: one on GSHHG land is kept, flagged.
                waypoints.append(try Waypoint(name: port.name, kind: .port, position: port.position,
                                              notes: "reference position: \(port.source)",
                                              onLand: geoData.coastline.isLand(port.position)))
            } catch { throw .model(error) }
        }
        try KitError.store { () throws(StoreError) in try db.add(waypoints) }
        step(Step(title: "Stored \(waypoints.count) ferry terminals as waypoints", detail: waypoints.map(\.name).joined(separator: ", ")))

        let nongsa = waypoints[Self.terminals.firstIndex(of: "Nongsapura") ?? 0]
        var query = SightingQuery()
        query.near = (nongsa.position, .nauticalMiles(5))
        query.since = start
        let near = try KitError.store { () throws(StoreError) in try db.sightings(matching: query) }
        let trafficking = near.filter { $0.sighting.activity == .trafficking }.count
        let nearCSV = (directory as NSString).appendingPathComponent("near-nongsapura.csv")
        let nearGeoJSON = (directory as NSString).appendingPathComponent("near-nongsapura.geojson")
        let allGeoJSON = (directory as NSString).appendingPathComponent("sightings.geojson")
        try write(SightingRenderer.csv(near.map(\.sighting), includePersonal: false), to: nearCSV)
        try write(SightingGeoJSON.featureCollection(near.map(\.sighting), includePersonal: false), to: nearGeoJSON)
        let all = try KitError.store { () throws(StoreError) in try db.sightings(matching: SightingQuery()) }
        try write(SightingGeoJSON.featureCollection(all.map(\.sighting), includePersonal: false), to: allGeoJSON)
        step(Step(title: "Asked: what was seen within 5 nm of \(nongsa.name) in the last 30 days?",
                  detail: "\(near.count) sightings, \(trafficking) of them suspected trafficking.\n"
                    + "Same question on the command line:\n"
                    + "  selat sighting list --db \(dbPath) --near \"\(nongsa.name)\" --within 5nm "
                    + "--since \(start.iso8601(offsetMinutes: 420))"))
        step(Step(title: "Wrote the answers", detail: """
            \(nearCSV)       (opens in Excel or LibreOffice)
            \(nearGeoJSON)   (QGIS: Layer > Add Layer > Add Vector Layer)
            \(allGeoJSON)          (all \(all.count) sightings, for QGIS)
            Every record is synthetic: its unit reads SYNTHETIC and its notes say so.
            """))

        // Where are the night crossings concentrated?
        var hot = HotspotRequest()
        hot.nightOnly = true
        hot.top = 5
        let hotPath = (directory as NSString).appendingPathComponent("hotspots-night.geojson")
        let outcome = try HotspotRunner(database: db, geoData: geoData)
            .run(hot, command: "selat hotspots --db \(dbPath) --night --top 5 --out \(hotPath)", out: hotPath)
        let table = outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("Hot spot regions") && !$0.hasPrefix("No significant") }
        step(Step(title: "Asked: where are night crossings (18:00–06:00 WIB) significantly concentrated? (Getis-Ord Gi*, FDR)",
                  detail: table.joined(separator: "\n").trimmingCharacters(in: .newlines)
                    + "\nMap of every hexagon (open in QGIS, colour by 'bin'):\n  \(hotPath)"
                    + "\nStored as hotspot run \(outcome.runID): selat hotspots show \(outcome.runID) --db \(dbPath)"))

        // A boat from the police pier to the strongest hot spot, by water.
        if let target = outcome.rows.first {
            let routing = SeaRouting(geoData: geoData)
            let pier = try routing.stop("Ditpolairud", snap: nil, database: nil)
            let spot = try routing.stop(String(format: "%.6f, %.6f", target.centre.latitude, target.centre.longitude),
                                        snap: .nauticalMiles(1), database: nil)
            let named = SeaRouting.Stop(label: "hot spot 1 (\(target.place))", position: spot.position, given: spot.given)
            let sea = try routing.route([pier, named])
            let renderer = SeaRouteRenderer(outcome: sea, speed: Speed(knots: 25), departure: nil)
            let gpxPath = (directory as NSString).appendingPathComponent("patrol-route.gpx")
            let routeGeoJSON = (directory as NSString).appendingPathComponent("patrol-route.geojson")
            try write(renderer.render(.gpx), to: gpxPath)
            try write(renderer.render(.geojson), to: routeGeoJSON)
            step(Step(title: "Routed a boat by water from the police pier at Sekupang to hot spot 1 (never over land)",
                      detail: String(format: "%.1f nm in %d legs, %@ at 25 kn", sea.route.length.nauticalMiles, sea.route.legs.count,
                                     SeaRouteRenderer.hoursMinutes(Speed(knots: 25).duration(toCover: sea.route.length)))
                        + "\n  \(gpxPath)   (a route for a chartplotter: GPX 1.1)"
                        + "\n  \(routeGeoJSON)   (QGIS)"
                        + "\nThe same from the command line: selat route sea --from Ditpolairud --to \"\(String(format: "%.4f, %.4f", spot.position.latitude, spot.position.longitude))\" --speed 25kn"))
        }
    }

    private func write(_ text: String, to path: String) throws(KitError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw .other("cannot write \(path)")
        }
    }
}
