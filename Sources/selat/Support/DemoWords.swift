import Foundation
import SelatKit

/// The demo's account in words: a title and detail lines for each step, and how to open each
/// file it wrote.
enum DemoWords {
    static let names = ControlNames.commandLine
    static let spelling = CommandSpelling.commandLine

    /// How to open a file the demo wrote.
    static func how(_ kind: DemoRun.Made.Kind, database: String) -> String {
        switch kind {
        case .database: "the Selat database: selat … --db \(database)"
        case .sightingsCSV: "Excel or LibreOffice"
        case .sightingsGeoJSON: "QGIS: Layer > Add Layer > Add Vector Layer"
        case .sightingsKML: "Google Earth: File > Open (a folder per activity)"
        case .hotspotsGeoJSON: "QGIS (Gi* cells; style by 'bin')"
        case .hotspotsKML: "Google Earth (cells coloured by confidence)"
        case .hotspotsGPX: "a chartplotter (hot cells as waypoints)"
        case .planGeoJSON: "QGIS (routes and stops with ETAs)"
        case .planGPX: "a chartplotter (one route per boat)"
        case .planKML: "Google Earth (a folder per boat)"
        case .placesCSV: "Excel, or QGIS via the wkt column"
        case .routeGPX: "a route for a chartplotter: GPX 1.1"
        case .briefings: "a printable A4 briefing per boat (.html), with Markdown and SVG"
        case .mapHTML: "open in any browser, offline; print on A4 landscape"
        case .mapSVG: "a picture for reports: browser, Inkscape, LibreOffice"
        case .mapPNG: "an image"
        case .reportHTML: "the analyst's report in a browser"
        case .reportMarkdown: "Markdown, map in report-map.svg"
        }
    }

    /// The step's title and detail.
    static func words(_ step: DemoRun.Step, database db: String) -> (title: String, detail: String)
    {
        switch step {
        case .createdDatabase(let path):
            return (
                "Created the database (marked synthetic: every export, map and report from it says so)",
                path
            )
        case .wroteSightings(let count, let days, let seed, let path):
            return (
                "Wrote \(count) synthetic sightings over \(days) days (seed \(seed)) as a partner agency's CSV",
                path
            )
        case .imported(let first, let again):
            return (
                "Imported them, then the same file again",
                ImportSummary.text(first, show: 5, names: names).trimmingCharacters(
                    in: .newlines)
                    + "\nAgain: \(again.counts.added) added, \(again.counts.duplicate) already present: re-importing never duplicates a sighting"
            )
        case .storedWaypoints(let waypoints):
            return (
                "Stored \(waypoints.count) ferry terminals as waypoints",
                waypoints.joined(separator: ", ")
            )
        case .searched(
            let place, let within, let since, let found, let trafficking, let csv, let geojson):
            return (
                "Asked: what was seen within \(CommandLineWords.number(within.nauticalMiles)) nm of \(place) in the last 30 days?",
                "\(found) sightings, \(trafficking) of them suspected trafficking.\n"
                    + "Same question on the command line:\n"
                    + "  \(spelling.sightingsNear(place, within, since, db))\n"
                    + "  \(csv)   (\(how(.sightingsCSV, database: db)))\n  \(geojson)   (QGIS)"
            )
        case .hotspots(let run, let path):
            let table = run.words(names).split(separator: "\n", omittingEmptySubsequences: false)
                .drop { !$0.hasPrefix("Hot spot regions") && !$0.hasPrefix("No significant") }
            return (
                "Asked: where are night crossings (18:00–06:00 WIB) significantly concentrated? (Getis-Ord Gi*, FDR)",
                table.joined(separator: "\n").trimmingCharacters(in: .newlines)
                    + "\nEvery hexagon (open in QGIS, colour by 'bin'): \(path)"
                    + "\nStored as hotspot run \(run.runId): \(spelling.showHotspotRun("\(run.runId)", db))"
            )
        case .trends(let emerging, let clusters, let minPoints):
            let patterns = emerging.notes.compactMap { note -> String? in
                if case .patterns = note { return note.words(names, method: .emerging) }
                return nil
            }
            return (
                "Asked: are they new, growing or fading (emerging hot spots, weekly), and where are the dense knots (DBSCAN)?",
                (patterns.first ?? "")
                    + "\n\(clusters.hotspots.count) clusters of \(minPoints) or more night sightings within 500 m.\n"
                    + "Stored as runs \(emerging.runId) and \(clusters.runId)."
            )
        case .routed(let from, let to, _, let route, let speed, let gpx):
            let target = String(format: "%.4f, %.4f", to.latitude, to.longitude)
            return (
                "Routed a boat by water from the police pier at Sekupang to hot spot 1 (never over land)",
                String(
                    format: "%.1f nm in %d legs, %@ at %@ kn", route.length.nauticalMiles,
                    route.legs.count,
                    SeaRouteRenderer.hoursMinutes(speed.duration(toCover: route.length)),
                    CommandLineWords.number(speed.knots))
                    + "\n  \(gpx)   (\(how(.routeGPX, database: db)))"
                    + "\nThe same from the command line: \(spelling.seaRoute(from, target, speed))"
            )
        case .planned(
            let agencies, let bases, let boats, let plan, _, let out, let visited, let folder,
            let files):
            var text =
                "Added the demo fleet (\(agencies) agencies, \(bases) bases, \(boats) fictional boats).\n"
                + "Plan \(plan.id ?? 0): \(out) boats out, \(visited) of \(plan.targets.count) hot-spot targets visited, 20:00–04:00 WIB.\n"
            for r in plan.rendezvous {
                text +=
                    "Joint: \(r.boats.joined(separator: " and ")) meet at \(r.name), \(TimeZoneName.clock(r.time, offsetMinutes: 420)).\n"
            }
            text +=
                "See it: \(spelling.showPlan(plan.id ?? 0, db))\n"
                + "Briefings (one per boat, print the .html): \(folder)/ (\(files / 3) boats)"
            return (
                "Planned tonight's joint patrol with the default fleet, aimed at the night hot spots",
                text
            )
        case .exported(let files):
            return (
                "Exported sightings, hot spots, the plan and the places (no personal data)",
                files.map {
                    "\($0.made.path)   (\($0.features) features; \(how($0.made.kind, database: db)))"
                }.joined(separator: "\n")
            )
        case .drewMap(let sightings, let plan, let files, let pngMissing):
            var text =
                "\(sightings) sightings of the last 30 days, Gi* cells, trends, clusters and plan \(plan ?? 0):\n"
                + files.map { "\($0.path)   (\(how($0.kind, database: db)))" }.joined(
                    separator: "\n")
            if pngMissing { text += "\n(no PNG: \(HeadlessBrowser.installHint))" }
            return ("Drew the map (offline: no tiles, no network)", text)
        case .wroteReport(let days, let html, let markdown):
            return (
                "Wrote the analyst's report for the \(days) days (counts by month, activity and vessel type; top hot spots with trends; map)",
                "\(html)   (a browser)\n\(markdown)   (\(how(.reportMarkdown, database: db)))"
            )
        }
    }
}
