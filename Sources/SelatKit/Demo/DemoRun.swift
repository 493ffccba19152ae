import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore
import SelatWords

/// `selat demo`: the whole job on synthetic data, from an empty folder.
///
/// Creates a database (marked synthetic, so every export, map and report from it says so), writes
/// seeded synthetic sightings along the crossing corridors as a partner agency's CSV, imports it
/// (twice, to show that re-importing adds nothing), stores the Batam ferry terminals as
/// waypoints, asks "what was seen within 5 nm of Nongsapura in the last month", finds the night
/// hot spots, their trends and clusters, routes a boat to the strongest by water, plans tonight's
/// joint patrol with the default fleet, and writes the map, GeoJSON, GPX, KML, briefings and an
/// analyst's report.
public struct DemoRun: Sendable {
    public let directory: String
    public let seed: UInt64
    public let count: Int

    /// Days of synthetic reports, ending today.
    public let days: Int
    /// Render the map as PNG too when Chromium is installed.
    public let png: Bool
    /// The language of the documents people read (briefings, the report).
    public let language: Language

    public init(
        directory: String, seed: UInt64 = 20_261_122, count: Int = 5_000, days: Int = 120,
        png: Bool = true, language: Language = .en
    ) {
        self.directory = directory
        self.seed = seed
        self.count = count
        self.days = days
        self.png = png
        self.language = language
    }

    /// A file the demo wrote, and what it is (the front end says how to open it).
    public struct Made: Sendable, Hashable {
        public let path: String
        public let kind: Kind

        /// What a file is, for the words that say how to open it.
        public enum Kind: String, Sendable, Hashable, Codable {
            case database, sightingsCSV, sightingsGeoJSON, sightingsKML
            case hotspotsGeoJSON, hotspotsKML, hotspotsGPX
            case planGeoJSON, planGPX, planKML, placesCSV, routeGPX, briefings
            case mapHTML, mapSVG, mapPNG, reportHTML, reportMarkdown
        }
    }

    /// The Batam ferry terminals the demo stores as waypoints; their positions and sources come
    /// from GeoData's ports (Google Maps pins, about 50 m).
    static let terminals = [
        "Batam Centre", "Sekupang", "Harbour Bay", "Nongsapura", "Telaga Punggur",
    ]

    /// What each part of the demo did, as values; the front end words them.
    public enum Step: Sendable {
        /// The database, marked synthetic.
        case createdDatabase(path: String)
        /// The synthetic reports written as a partner agency's CSV.
        case wroteSightings(count: Int, days: Int, seed: UInt64, path: String)
        /// The CSV imported, then imported again (nothing added the second time).
        case imported(first: ImportReport, again: ImportReport)
        /// The ferry terminals stored as waypoints.
        case storedWaypoints(names: [String])
        /// Sightings near a waypoint in the last 30 days, written as CSV and GeoJSON.
        case searched(
            place: String, within: Distance, since: Timestamp, found: Int, trafficking: Int,
            csv: String, geojson: String)
        /// The night hot spots (Gi*), written to `path`.
        case hotspots(HotspotRun, path: String)
        /// Emerging hot spots (weekly) and DBSCAN clusters.
        case trends(emerging: HotspotRun, clusters: HotspotRun, minPoints: Int)
        /// A boat routed by water from the police pier to hot spot 1.
        case routed(
            from: String, to: Coordinate, place: PlaceReference?, route: SeaRoute, speed: Speed,
            gpx: String)
        /// The default fleet added and tonight's joint plan made, with its briefings.
        case planned(
            agencies: Int, bases: Int, boats: Int, plan: PatrolPlan, request: PatrolPlanner.Request,
            boatsOut: Int, targetsVisited: Int, briefings: String, briefingFiles: Int)
        /// Sightings, hot spots, the plan and the places exported.
        case exported([(made: Made, features: Int)])
        /// The map drawn (`pngMissing`: no PNG, no browser installed).
        case drewMap(sightings: Int, plan: Int64?, files: [Made], pngMissing: Bool)
        /// The analyst's report.
        case wroteReport(days: Int, html: String, markdown: String)
    }

    /// The demo's state between steps.
    struct Context {
        let directory: String
        let db: SelatDatabase
        let geoData: GeoData
        let spelling: CommandSpelling
        var made: [Made] = []

        var dbPath: String { db.path }

        func file(_ name: String) -> String {
            (directory as NSString).appendingPathComponent(name)
        }

        mutating func write(_ text: String, to name: String, as kind: Made.Kind) throws(KitError)
            -> String
        {
            let path = file(name)
            try Exporter.write(text, to: path, purpose: .demo)
            made.append(Made(path: path, kind: kind))
            return path
        }
    }

    /// Runs the demo, calling `step` as each part finishes.
    /// - Parameter spelling: how the front end writes the commands stored with the runs and plan.
    /// - Returns: the files written, most useful first.
    /// - Throws: ``KitError``.
    @discardableResult
    public func run(spelling: CommandSpelling, step: (Step) -> Void) throws(KitError) -> [Made] {
        try KitError.output { () throws(OutputError) in try DemoFolder(path: directory).prepare() }
        let dbPath = (directory as NSString).appendingPathComponent("selat.sqlite")
        let db = try KitError.store { () throws(StoreError) in try SelatDatabase(path: dbPath) }
        try KitError.store { () throws(StoreError) in
            try db.markSynthetic()
            try db.markDemo()
        }
        let geoData: GeoData
        do { geoData = try GeoData.bundled() } catch { throw .geoData(error) }
        var context = Context(directory: directory, db: db, geoData: geoData, spelling: spelling)
        context.made.append(Made(path: dbPath, kind: .database))
        step(.createdDatabase(path: dbPath))

        let now = Timestamp(Date())
        let monthAgo = Self.day(now, daysBefore: 30)
        try importSightings(&context, now: now, step: step)
        let nongsa = try storeWaypoints(&context, step: step)
        try search(&context, near: nongsa, since: monthAgo, step: step)
        let hot = try hotspots(&context, step: step)
        let trends = try trends(&context, step: step)
        try route(&context, to: hot, step: step)
        let plan = try plan(&context, hotspots: hot, now: now, step: step)
        try export(&context, hotspots: hot, plan: plan, step: step)
        try map(
            &context, hotspots: hot, trends: trends, plan: plan, since: monthAgo, step: step)
        try report(&context, step: step)
        // Most useful first: the map page, the report, then the rest in the order written.
        let first: [Made.Kind] = [.mapHTML, .reportHTML, .mapSVG, .mapPNG]
        return context.made.filter { first.contains($0.kind) }
            .sorted { first.firstIndex(of: $0.kind)! < first.firstIndex(of: $1.kind)! }
            + context.made.filter { !first.contains($0.kind) }
    }

    /// Midnight UTC `days` days before `t`.
    static func day(_ t: Timestamp, daysBefore days: Int) -> Timestamp {
        let dayMs: Int64 = 86_400_000
        return Timestamp(
            millisecondsSince1970: (t.millisecondsSince1970 / dayMs - Int64(days)) * dayMs)
    }

    /// Writes synthetic reports ending today as a partner's CSV and imports it twice.
    func importSightings(_ c: inout Context, now: Timestamp, step: (Step) -> Void)
        throws(KitError)
    {
        let csvPath = c.file("synthetic-sightings.csv")
        try SyntheticSightings(
            seed: seed, start: Self.day(now, daysBefore: days), days: days,
            coastline: c.geoData.coastline
        ).writeCSV(count: count, to: csvPath, purpose: .demo)
        step(.wroteSightings(count: count, days: days, seed: seed, path: csvPath))
        let importer = SightingImporter(
            database: c.db, landCheck: LandCheck(coastline: c.geoData.coastline))
        let first = try importer.importFile(csvPath)
        let again = try importer.importFile(csvPath)
        step(.imported(first: first, again: again))
    }

    /// Stores the Batam ferry terminals as waypoints; returns Nongsapura's.
    func storeWaypoints(_ c: inout Context, step: (Step) -> Void) throws(KitError) -> Waypoint {
        var waypoints: [Waypoint] = []
        for prefix in Self.terminals {
            guard let port = c.geoData.ports.first(where: { $0.name.hasPrefix(prefix) }) else {
                throw .geoDataIncomplete(
                    missing: "port named \(prefix)…", neededFor: "the demo's waypoints")
            }
            do {
                // Terminals sit on the shoreline: one on GSHHG land is kept, flagged.
                waypoints.append(
                    try Waypoint(
                        name: port.name, kind: .port, position: port.position,
                        notes: "reference position: \(port.source)",
                        onLand: c.geoData.coastline.isLand(port.position)))
            } catch { throw .model(error) }
        }
        let stored = waypoints
        try KitError.store { () throws(StoreError) in try c.db.add(stored) }
        step(.storedWaypoints(names: waypoints.map(\.name)))
        return waypoints[Self.terminals.firstIndex(of: "Nongsapura") ?? 0]
    }

    /// What was seen within 5 nm of a waypoint since a time, written as CSV and GeoJSON.
    func search(_ c: inout Context, near place: Waypoint, since: Timestamp, step: (Step) -> Void)
        throws(KitError)
    {
        var query = SightingQuery()
        query.near = (place.position, .nauticalMiles(5))
        query.since = since
        let db = c.db
        let near = try KitError.store { () throws(StoreError) in try db.sightings(matching: query) }
        let csv = try c.write(
            SightingRenderer.csv(near.map(\.sighting), includePersonal: false, synthetic: true),
            to: "near-nongsapura.csv", as: .sightingsCSV)
        let geojson = try c.write(
            SightingLayer.make(
                near.map(\.sighting), includePersonal: false, synthetic: true,
                words: Words(language)
            )
            .render(.geojson), to: "near-nongsapura.geojson", as: .sightingsGeoJSON)
        step(
            .searched(
                place: place.name, within: .nauticalMiles(5), since: since, found: near.count,
                trafficking: near.filter { $0.sighting.activity == .trafficking }.count, csv: csv,
                geojson: geojson))
    }

    /// The night hot spots (Gi*, FDR), written as GeoJSON and stored.
    func hotspots(_ c: inout Context, step: (Step) -> Void) throws(KitError) -> HotspotRun {
        var request = HotspotRequest()
        request.nightOnly = true
        request.top = 5
        let path = c.file("hotspots-night.geojson")
        let run = try HotspotRunner(database: c.db, geoData: c.geoData).run(
            request, command: c.spelling.hotspots(request, c.dbPath, path), out: path,
            outPurpose: .demo)
        step(.hotspots(run, path: path))
        return run
    }

    /// Emerging hot spots (weekly) and the dense knots (DBSCAN) of the night sightings.
    func trends(_ c: inout Context, step: (Step) -> Void) throws(KitError) -> (
        emerging: HotspotRun, clusters: HotspotRun
    ) {
        let runner = HotspotRunner(database: c.db, geoData: c.geoData)
        var trend = HotspotRequest()
        trend.method = .emerging
        trend.nightOnly = true
        trend.step = .week
        let emerging = try runner.run(trend, command: c.spelling.hotspots(trend, c.dbPath, nil))
        var dense = HotspotRequest()
        dense.method = .dbscan
        dense.nightOnly = true
        dense.minPoints = 25
        let clusters = try runner.run(dense, command: c.spelling.hotspots(dense, c.dbPath, nil))
        step(.trends(emerging: emerging, clusters: clusters, minPoints: dense.minPoints))
        return (emerging, clusters)
    }

    /// A boat from the police pier to the strongest hot spot, by water, as GPX.
    func route(_ c: inout Context, to hot: HotspotRun, step: (Step) -> Void) throws(KitError) {
        guard let target = hot.hotspots.first else { return }
        let routing = SeaRouting(geoData: c.geoData)
        let pier = try routing.stop("Ditpolairud", snap: nil, database: nil)
        let spot = try routing.stop(
            String(format: "%.6f, %.6f", target.centre.latitude, target.centre.longitude),
            snap: .nauticalMiles(1), database: nil)
        let named = SeaRouting.Stop(
            label: "hot spot 1 (\(target.place?.words ?? "-"))", position: spot.position,
            given: spot.given)
        let sea = try routing.route([pier, named])
        let speed = Speed(knots: 25)
        let renderer = SeaRouteRenderer(outcome: sea, speed: speed, departure: nil)
        let gpx = try c.write(renderer.render(.gpx), to: "patrol-route.gpx", as: .routeGPX)
        step(
            .routed(
                from: "Ditpolairud", to: spot.position, place: target.place, route: sea.route,
                speed: speed, gpx: gpx))
    }

    /// Tonight's joint patrol with the default fleet, aimed at the night hot spots.
    func plan(_ c: inout Context, hotspots hot: HotspotRun, now: Timestamp, step: (Step) -> Void)
        throws(KitError) -> PatrolPlan
    {
        let fleet = try DefaultFleet.make(geoData: c.geoData)
        let db = c.db
        try KitError.store { () throws(StoreError) in
            try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        }
        // 20:00 WIB today.
        let dayMs: Int64 = 86_400_000
        let today = Timestamp(
            millisecondsSince1970: ((now.millisecondsSince1970 + 420 * 60_000) / dayMs) * dayMs
                - 420 * 60_000)
        let tonight = Timestamp(millisecondsSince1970: today.millisecondsSince1970 + 20 * 3_600_000)
        var request = PatrolPlanner.Request(start: tonight, hours: 8)
        request.hotspotRun = hot.runId
        request.joint = true
        request.seed = seed
        request.synthetic = true
        request.command = c.spelling.plan(request, c.dbPath)
        let routing = SeaRouting(geoData: c.geoData)
        let plan = try PatrolPlanner(routing: routing, database: db).plan(request)
        let folder = c.file("briefings")
        let briefings = try PatrolBriefing(
            plan: plan, coastline: c.geoData.coastline, language: language
        ).write(
            to: URL(fileURLWithPath: folder), purpose: .demo)
        c.made.append(Made(path: folder, kind: .briefings))
        let out = plan.nights.first?.boats.filter { $0.stops.count > 2 } ?? []
        let visited = Set(out.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) }).count
        step(
            .planned(
                agencies: fleet.agencies.count, bases: fleet.bases.count, boats: fleet.boats.count,
                plan: plan, request: request, boatsOut: out.count, targetsVisited: visited,
                briefings: folder, briefingFiles: briefings.count))
        return plan
    }

    /// Sightings, hot spots, the plan and the places, each read once and written in each of
    /// its formats.
    func export(
        _ c: inout Context, hotspots hot: HotspotRun, plan: PatrolPlan, step: (Step) -> Void
    ) throws(KitError) {
        let exporter = Exporter(database: c.db, geoData: c.geoData, words: Words(language))
        let exports: [(Exporter.Subject, [(FeatureLayer.Format, String, Made.Kind)])] = [
            (
                .sightings(SightingQuery()),
                [
                    (.geojson, "sightings.geojson", .sightingsGeoJSON),
                    (.kml, "sightings.kml", .sightingsKML),
                ]
            ),
            (
                .hotspots(run: hot.runId),
                [
                    (.geojson, "hotspots.geojson", .hotspotsGeoJSON),
                    (.kml, "hotspots.kml", .hotspotsKML), (.gpx, "hotspots.gpx", .hotspotsGPX),
                ]
            ),
            (
                .plan(id: plan.id),
                [
                    (.geojson, "plan.geojson", .planGeoJSON), (.gpx, "plan.gpx", .planGPX),
                    (.kml, "plan.kml", .planKML),
                ]
            ),
            (.places, [(.csv, "places.csv", .placesCSV)]),
        ]
        var written: [(made: Made, features: Int)] = []
        for (subject, formats) in exports {
            let layer = try exporter.layer(subject, includePersonal: false)
            for (format, name, kind) in formats {
                let path = try c.write(layer.render(format), to: name, as: kind)
                written.append((Made(path: path, kind: kind), layer.count(in: format)))
            }
        }
        step(.exported(written))
    }

    /// The map of the last 30 days with the runs and the plan.
    func map(
        _ c: inout Context, hotspots hot: HotspotRun,
        trends: (emerging: HotspotRun, clusters: HotspotRun), plan: PatrolPlan,
        since: Timestamp, step: (Step) -> Void
    ) throws(KitError) {
        var request = MapBuilder.Request()
        request.language = language
        request.title = Words(language)("demo.map_title")
        request.giStarRun = hot.runId
        request.emergingRun = trends.emerging.runId
        request.clusterRun = trends.clusters.runId
        request.planID = plan.id
        request.query.since = since
        let (map, contents) = try MapBuilder(database: c.db, geoData: c.geoData).build(request)
        let browser = png ? HeadlessBrowser.find() : nil
        let maps = try MapFiles.write(
            map, html: c.file("map.html"), svg: c.file("map.svg"),
            png: browser == nil ? nil : c.file("map.png"), purpose: .demo)
        let kinds: [Made.Kind] = [.mapHTML, .mapSVG, .mapPNG]
        let files = zip(maps, kinds).map { Made(path: $0.0.path, kind: $0.1) }
        c.made += files
        step(
            .drewMap(
                sightings: contents.sightings, plan: plan.id, files: files,
                pngMissing: png && browser == nil))
    }

    /// The analyst's report for the whole period.
    func report(_ c: inout Context, step: (Step) -> Void) throws(KitError) {
        var request = AnalystReport.Request()
        request.language = language
        let report = try AnalystReport(database: c.db, geoData: c.geoData).make(
            request, mapFile: "report-map.svg", spelling: c.spelling)
        let markdown = try c.write(report.markdown, to: "report.md", as: .reportMarkdown)
        let html = try c.write(report.html, to: "report.html", as: .reportHTML)
        try Exporter.write(MapSVG(report.map).text, to: c.file("report-map.svg"), purpose: .demo)
        step(.wroteReport(days: days, html: html, markdown: markdown))
    }
}
