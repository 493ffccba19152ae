import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore

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

    public init(
        directory: String, seed: UInt64 = 20_261_122, count: Int = 5_000, days: Int = 120,
        png: Bool = true
    ) {
        self.directory = directory
        self.seed = seed
        self.count = count
        self.days = days
        self.png = png
    }

    /// A file the demo wrote and how to open it.
    public struct Made: Sendable {
        public let path: String
        public let how: String
    }

    /// The Batam ferry terminals the demo stores as waypoints; their positions and sources come
    /// from GeoData's ports (Google Maps pins, about 50 m).
    static let terminals = [
        "Batam Centre", "Sekupang", "Harbour Bay", "Nongsapura", "Telaga Punggur",
    ]

    /// One line of the demo's account: what was done and what came of it.
    public struct Step: Sendable {
        public let title: String
        public let detail: String
    }

    /// Runs the demo, calling `step` as each part finishes.
    /// - Throws: ``KitError``.
    @discardableResult
    public func run(step: (Step) -> Void) throws(KitError) -> [Made] {
        var made: [Made] = []
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let dbPath = (directory as NSString).appendingPathComponent("selat.sqlite")
        try KitError.output { () throws(OutputError) in try DemoFolder(path: directory).prepare() }
        let db = try KitError.store { () throws(StoreError) in try SelatDatabase(path: dbPath) }
        try KitError.store { () throws(StoreError) in
            try db.markSynthetic()
            try db.markDemo()
        }
        let geoData: GeoData
        do { geoData = try GeoData.bundled() } catch { throw .geoData(error) }
        step(
            Step(
                title:
                    "Created the database (marked synthetic: every export, map and report from it says so)",
                detail: dbPath))
        made.append(Made(path: dbPath, how: "the Selat database: selat … --db \(dbPath)"))

        // Synthetic reports ending today.
        let now = Timestamp(Date())
        let dayMs: Int64 = 86_400_000
        let start = Timestamp(
            millisecondsSince1970: (now.millisecondsSince1970 / dayMs - Int64(days)) * dayMs)
        let monthAgo = Timestamp(
            millisecondsSince1970: (now.millisecondsSince1970 / dayMs - 30) * dayMs)
        let csvPath = (directory as NSString).appendingPathComponent("synthetic-sightings.csv")
        try SyntheticSightings(seed: seed, start: start, days: days, coastline: geoData.coastline)
            .writeCSV(count: count, to: csvPath, purpose: .demo)
        step(
            Step(
                title:
                    "Wrote \(count) synthetic sightings over \(days) days (seed \(seed)) as a partner agency's CSV",
                detail: csvPath))

        let importer = SightingImporter(
            database: db, landCheck: LandCheck(coastline: geoData.coastline))
        let first = try importer.importFile(csvPath)
        step(
            Step(
                title: "Imported them",
                detail: ImportSummary.text(first, show: 5)
                    .trimmingCharacters(in: .newlines)))
        let again = try importer.importFile(csvPath)
        step(
            Step(
                title: "Imported the same file again",
                detail: "\(again.counts.added) added, "
                    + "\(again.counts.duplicate) already present: re-importing never duplicates a sighting"
            ))

        var waypoints: [Waypoint] = []
        for prefix in Self.terminals {
            guard let port = geoData.ports.first(where: { $0.name.hasPrefix(prefix) }) else {
                throw .geoDataIncomplete(
                    missing: "port named \(prefix)…", neededFor: "the demo's waypoints")
            }
            do {
                // Terminals sit on the shoreline: one on GSHHG land is kept, flagged.
                waypoints.append(
                    try Waypoint(
                        name: port.name, kind: .port, position: port.position,
                        notes: "reference position: \(port.source)",
                        onLand: geoData.coastline.isLand(port.position)))
            } catch { throw .model(error) }
        }
        try KitError.store { () throws(StoreError) in try db.add(waypoints) }
        step(
            Step(
                title: "Stored \(waypoints.count) ferry terminals as waypoints",
                detail: waypoints.map(\.name).joined(separator: ", ")))

        let nongsa = waypoints[Self.terminals.firstIndex(of: "Nongsapura") ?? 0]
        var query = SightingQuery()
        query.near = (nongsa.position, .nauticalMiles(5))
        query.since = monthAgo
        let near = try KitError.store { () throws(StoreError) in try db.sightings(matching: query) }
        let trafficking = near.filter { $0.sighting.activity == .trafficking }.count
        let nearCSV = file("near-nongsapura.csv")
        let nearGeoJSON = file("near-nongsapura.geojson")
        try write(
            SightingRenderer.csv(near.map(\.sighting), includePersonal: false, synthetic: true),
            to: nearCSV)
        try write(
            SightingLayer.make(near.map(\.sighting), includePersonal: false, synthetic: true)
                .render(.geojson), to: nearGeoJSON)
        step(
            Step(
                title: "Asked: what was seen within 5 nm of \(nongsa.name) in the last 30 days?",
                detail: "\(near.count) sightings, \(trafficking) of them suspected trafficking.\n"
                    + "Same question on the command line:\n"
                    + "  selat sighting list --db \(dbPath) --near \"\(nongsa.name)\" --within 5nm "
                    + "--since \(monthAgo.iso8601(offsetMinutes: 420))\n"
                    + "  \(nearCSV)   (Excel or LibreOffice)\n  \(nearGeoJSON)   (QGIS)"))
        made.append(Made(path: nearCSV, how: "Excel or LibreOffice"))

        // Where are the night crossings concentrated?
        let runner = HotspotRunner(database: db, geoData: geoData)
        var hot = HotspotRequest()
        hot.nightOnly = true
        hot.top = 5
        let hotPath = file("hotspots-night.geojson")
        let outcome = try runner.run(
            hot, command: "selat hotspots --db \(dbPath) --night --top 5 --out \(hotPath)",
            out: hotPath,
            outPurpose: .demo)
        let table = outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("Hot spot regions") && !$0.hasPrefix("No significant") }
        step(
            Step(
                title:
                    "Asked: where are night crossings (18:00–06:00 WIB) significantly concentrated? (Getis-Ord Gi*, FDR)",
                detail: table.joined(separator: "\n").trimmingCharacters(in: .newlines)
                    + "\nEvery hexagon (open in QGIS, colour by 'bin'): \(hotPath)"
                    + "\nStored as hotspot run \(outcome.runID): selat hotspots show \(outcome.runID) --db \(dbPath)"
            ))

        // How are they changing, and where are the dense knots?
        var trend = HotspotRequest()
        trend.method = .emerging
        trend.nightOnly = true
        trend.step = .week
        let trends = try runner.run(
            trend, command: "selat hotspots --db \(dbPath) --method emerging --step week --night")
        var dense = HotspotRequest()
        dense.method = .dbscan
        dense.nightOnly = true
        dense.minPoints = 25
        let clusters = try runner.run(
            dense, command: "selat hotspots --db \(dbPath) --method dbscan --min-points 25 --night")
        let patterns =
            trends.notes.first { $0.hasPrefix("Patterns:") || $0.hasPrefix("No cell") } ?? ""
        step(
            Step(
                title:
                    "Asked: are they new, growing or fading (emerging hot spots, weekly), and where are the dense knots (DBSCAN)?",
                detail: patterns
                    + "\n\(clusters.rows.count) clusters of 25 or more night sightings within 500 m.\n"
                    + "Stored as runs \(trends.runID) and \(clusters.runID)."))

        // A boat from the police pier to the strongest hot spot, by water.
        let routing = SeaRouting(geoData: geoData)
        if let target = outcome.rows.first {
            let pier = try routing.stop("Ditpolairud", snap: nil, database: nil)
            let spot = try routing.stop(
                String(format: "%.6f, %.6f", target.centre.latitude, target.centre.longitude),
                snap: .nauticalMiles(1), database: nil)
            let named = SeaRouting.Stop(
                label: "hot spot 1 (\(target.place))", position: spot.position, given: spot.given)
            let sea = try routing.route([pier, named])
            let renderer = SeaRouteRenderer(outcome: sea, speed: Speed(knots: 25), departure: nil)
            let gpxPath = file("patrol-route.gpx")
            try write(renderer.render(.gpx), to: gpxPath)
            step(
                Step(
                    title:
                        "Routed a boat by water from the police pier at Sekupang to hot spot 1 (never over land)",
                    detail: String(
                        format: "%.1f nm in %d legs, %@ at 25 kn", sea.route.length.nauticalMiles,
                        sea.route.legs.count,
                        SeaRouteRenderer.hoursMinutes(
                            Speed(knots: 25).duration(toCover: sea.route.length)))
                        + "\n  \(gpxPath)   (a route for a chartplotter: GPX 1.1)"
                        + "\nThe same from the command line: selat route sea --from Ditpolairud --to \"\(String(format: "%.4f, %.4f", spot.position.latitude, spot.position.longitude))\" --speed 25kn"
                ))
        }

        // Tonight's joint patrol with the default fleet.
        let fleet = try DefaultFleet.make(geoData: geoData)
        try KitError.store { () throws(StoreError) in
            try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        }
        let today = Timestamp(
            millisecondsSince1970: ((now.millisecondsSince1970 + 420 * 60_000) / dayMs) * dayMs
                - 420 * 60_000)
        let tonight = Timestamp(millisecondsSince1970: today.millisecondsSince1970 + 20 * 3_600_000)
        var request = PatrolPlanner.Request(start: tonight, hours: 8)
        request.hotspotRun = outcome.runID
        request.joint = true
        request.seed = seed
        request.synthetic = true
        request.command =
            "selat plan --db \(dbPath) --start \(tonight.iso8601(offsetMinutes: 420)) --hours 8 --hotspots \(outcome.runID) --joint --seed \(seed)"
        let plan = try PatrolPlanner(routing: routing, database: db).plan(request)
        let briefings = try PatrolBriefing(plan: plan, coastline: geoData.coastline).write(
            to: URL(fileURLWithPath: file("briefings")), purpose: .demo)
        let night = plan.nights.first
        let out = night?.boats.filter { $0.stops.count > 2 } ?? []
        let visited = Set(out.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) }).count
        var planText =
            "Added the demo fleet (\(fleet.agencies.count) agencies, \(fleet.bases.count) bases, \(fleet.boats.count) fictional boats).\n"
            + "Plan \(plan.id ?? 0): \(out.count) boats out, \(visited) of \(plan.targets.count) hot-spot targets visited, 20:00–04:00 WIB.\n"
        for r in plan.rendezvous {
            planText +=
                "Joint: \(r.boats.joined(separator: " and ")) meet at \(r.name), \(TimeZoneName.clock(r.time, offsetMinutes: 420)).\n"
        }
        planText +=
            "See it: selat plan show \(plan.id ?? 0) --db \(dbPath)\n"
            + "Briefings (one per boat, print the .html): \(file("briefings"))/ (\(briefings.count / 3) boats)"
        step(
            Step(
                title:
                    "Planned tonight's joint patrol with the default fleet, aimed at the night hot spots",
                detail: planText))
        made.append(
            Made(
                path: file("briefings"),
                how: "a printable A4 briefing per boat (.html), with Markdown and SVG"))

        // Exports, one way for each format.
        let exporter = Exporter(database: db, geoData: geoData)
        // Each subject read once, written in each of its formats.
        let exports: [(Exporter.Subject, [(FeatureLayer.Format, String, String)])] = [
            (
                .sightings(SightingQuery()),
                [
                    (.geojson, "sightings.geojson", "QGIS: Layer > Add Layer > Add Vector Layer"),
                    (.kml, "sightings.kml", "Google Earth: File > Open (a folder per activity)"),
                ]
            ),
            (
                .hotspots(run: outcome.runID),
                [
                    (.geojson, "hotspots.geojson", "QGIS (Gi* cells; style by 'bin')"),
                    (.kml, "hotspots.kml", "Google Earth (cells coloured by confidence)"),
                    (.gpx, "hotspots.gpx", "a chartplotter (hot cells as waypoints)"),
                ]
            ),
            (
                .plan(id: plan.id),
                [
                    (.geojson, "plan.geojson", "QGIS (routes and stops with ETAs)"),
                    (.gpx, "plan.gpx", "a chartplotter (one route per boat)"),
                    (.kml, "plan.kml", "Google Earth (a folder per boat)"),
                ]
            ),
            (.places, [(.csv, "places.csv", "Excel, or QGIS via the wkt column")]),
        ]
        var exportLines: [String] = []
        for (subject, formats) in exports {
            let layer = try exporter.layer(subject, includePersonal: false)
            for (format, name, how) in formats {
                try write(layer.render(format), to: file(name))
                exportLines.append("\(file(name))   (\(layer.count(in: format)) features; \(how))")
                made.append(Made(path: file(name), how: how))
            }
        }
        step(
            Step(
                title: "Exported sightings, hot spots, the plan and the places (no personal data)",
                detail: exportLines.joined(separator: "\n")))

        // The map and the analyst's report.
        var mapRequest = MapBuilder.Request()
        mapRequest.title = "Riau Islands: night crossings, hot spots and tonight's joint patrol"
        mapRequest.giStarRun = outcome.runID
        mapRequest.emergingRun = trends.runID
        mapRequest.clusterRun = clusters.runID
        mapRequest.planID = plan.id
        mapRequest.query.since = monthAgo
        let (map, contents) = try MapBuilder(database: db, geoData: geoData).build(mapRequest)
        let browser = png ? HeadlessBrowser.find() : nil
        let maps = try MapFiles.write(
            map, html: file("map.html"), svg: file("map.svg"),
            png: browser == nil ? nil : file("map.png"), purpose: .demo)
        var mapText =
            "\(contents.sightings) sightings of the last 30 days, Gi* cells, trends, clusters and plan \(plan.id ?? 0):\n"
            + maps.map { "\($0.path)   (\($0.how))" }.joined(separator: "\n")
        if png && browser == nil { mapText += "\n(no PNG: \(HeadlessBrowser.installHint))" }
        step(Step(title: "Drew the map (offline: no tiles, no network)", detail: mapText))
        made.insert(contentsOf: maps.map { Made(path: $0.path, how: $0.how) }, at: 0)

        let reportRequest = AnalystReport.Request()
        let report = try AnalystReport(database: db, geoData: geoData).make(
            reportRequest, mapFile: "report-map.svg")
        try write(report.markdown, to: file("report.md"))
        try write(report.html, to: file("report.html"))
        try write(MapSVG(report.map).text, to: file("report-map.svg"))
        step(
            Step(
                title:
                    "Wrote the analyst's report for the \(days) days (counts by month, activity and vessel type; top hot spots with trends; map)",
                detail:
                    "\(file("report.html"))   (a browser)\n\(file("report.md"))   (Markdown, map in report-map.svg)"
            ))
        made.insert(
            Made(path: file("report.html"), how: "the analyst's report in a browser"), at: 1)
        return made
    }

    private func write(_ text: String, to path: String) throws(KitError) {
        try Exporter.write(text, to: path, purpose: .demo)
    }
}
