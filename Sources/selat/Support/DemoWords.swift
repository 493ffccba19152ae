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
        case .database: cli("demo.how.database", ["database": database])
        case .sightingsCSV: cli("demo.how.sightings_csv")
        case .sightingsGeoJSON: cli("cli.export.opens.geojson")
        case .sightingsKML: cli("demo.how.sightings_kml")
        case .hotspotsGeoJSON: cli("demo.how.hotspots_geojson")
        case .hotspotsKML: cli("demo.how.hotspots_kml")
        case .hotspotsGPX: cli("demo.how.hotspots_gpx")
        case .planGeoJSON: cli("demo.how.plan_geojson")
        case .planGPX: cli("demo.how.plan_gpx")
        case .planKML: cli("demo.how.plan_kml")
        case .placesCSV: cli("demo.how.places_csv")
        case .routeGPX: cli("demo.how.route_gpx")
        case .briefings: cli("demo.how.briefings")
        case .mapHTML: cli("demo.how.map_html")
        case .mapSVG: cli("demo.how.map_svg")
        case .mapPNG: cli("demo.how.map_png")
        case .reportHTML: cli("demo.how.report_html")
        case .reportMarkdown: cli("demo.how.report_markdown")
        }
    }

    /// The step's title and detail.
    static func words(_ step: DemoRun.Step, database db: String) -> (title: String, detail: String)
    {
        switch step {
        case .createdDatabase(let path):
            return (cli("demo.step.created"), path)
        case .wroteSightings(let count, let days, let seed, let path):
            return (
                cli(
                    "demo.step.wrote", ["count": "\(count)", "days": "\(days)", "seed": "\(seed)"]),
                path
            )
        case .imported(let first, let again):
            return (
                cli("demo.step.imported"),
                ImportSummary.text(first, show: 5, names: names).trimmingCharacters(
                    in: .newlines)
                    + "\n"
                    + cli(
                        "demo.step.imported_again",
                        [
                            "added": "\(again.counts.added)",
                            "duplicate": "\(again.counts.duplicate)",
                        ])
            )
        case .storedWaypoints(let waypoints):
            return (
                cli("demo.step.waypoints", ["count": "\(waypoints.count)"]),
                waypoints.joined(separator: ", ")
            )
        case .searched(
            let place, let within, let since, let found, let trafficking, let csv, let geojson):
            return (
                cli(
                    "demo.step.searched",
                    ["miles": CommandLineWords.number(within.nauticalMiles), "place": place]),
                cli("demo.step.found", ["found": "\(found)", "trafficking": "\(trafficking)"])
                    + "\n"
                    + cli("demo.step.same_question") + "\n"
                    + "  \(spelling.sightingsNear(place, within, since, db))\n"
                    + "  \(csv)   (\(how(.sightingsCSV, database: db)))\n  \(geojson)   (QGIS)"
            )
        case .hotspots(let run, let path):
            let w = names.words
            let table = run.words(names).split(separator: "\n", omittingEmptySubsequences: false)
                .drop {
                    !$0.hasPrefix(HotspotRun.title(.gistar, w))
                        && !$0.hasPrefix(w("hotspots.none_significant"))
                }
            return (
                cli("demo.step.hotspots"),
                table.joined(separator: "\n").trimmingCharacters(in: .newlines)
                    + "\n" + cli("demo.step.hexagons", ["file": path])
                    + "\n"
                    + cli(
                        "demo.step.stored_run",
                        [
                            "run": "\(run.runId)",
                            "show": spelling.showHotspotRun("\(run.runId)", db),
                        ])
            )
        case .trends(let emerging, let clusters, let minPoints):
            let patterns = emerging.notes.compactMap { note -> String? in
                if case .patterns = note { return note.words(names, method: .emerging) }
                return nil
            }
            return (
                cli("demo.step.trends"),
                (patterns.first ?? "") + "\n"
                    + cli(
                        "demo.step.clusters",
                        ["count": "\(clusters.hotspots.count)", "min_points": "\(minPoints)"])
                    + "\n"
                    + cli(
                        "demo.step.stored_runs",
                        ["first": "\(emerging.runId)", "second": "\(clusters.runId)"])
            )
        case .routed(let from, let to, _, let route, let speed, let gpx):
            let target = String(format: "%.4f, %.4f", to.latitude, to.longitude)
            return (
                cli("demo.step.routed"),
                cli(
                    "demo.step.route",
                    [
                        "miles": names.words.number(route.length.nauticalMiles, decimals: 1),
                        "legs": "\(route.legs.count)",
                        "time": SeaRouteRenderer.hoursMinutes(
                            speed.duration(toCover: route.length)),
                        "knots": CommandLineWords.number(speed.knots),
                    ])
                    + "\n  \(gpx)   (\(how(.routeGPX, database: db)))"
                    + "\n"
                    + cli(
                        "demo.step.same_route", ["command": spelling.seaRoute(from, target, speed)])
            )
        case .planned(
            let agencies, let bases, let boats, let plan, _, let out, let visited, let folder,
            let files):
            let w = names.words
            var text =
                cli(
                    "demo.step.fleet",
                    ["agencies": "\(agencies)", "bases": "\(bases)", "boats": "\(boats)"]) + "\n"
                + cli(
                    "demo.step.plan",
                    [
                        "plan": "\(plan.id ?? 0)", "out": "\(out)", "visited": "\(visited)",
                        "targets": "\(plan.targets.count)",
                    ]) + "\n"
            for r in plan.rendezvous {
                text +=
                    cli(
                        "demo.step.joint",
                        [
                            "boats": r.boats.joined(
                                separator: w.language == .id ? " dan " : " and "),
                            "place": PlanStopName.spoken(
                                r.name.hasPrefix(PlanStopName.rendezvousPrefix)
                                    ? String(r.name.dropFirst(PlanStopName.rendezvousPrefix.count))
                                    : r.name, w),
                            "time": w.clock(TimeZoneName.clock(r.time, offsetMinutes: 420)),
                        ]) + "\n"
            }
            text +=
                cli("demo.step.see_plan", ["command": spelling.showPlan(plan.id ?? 0, db)]) + "\n"
                + cli("demo.step.briefings", ["folder": folder, "boats": "\(files / 3)"])
            return (cli("demo.step.planned"), text)
        case .exported(let files):
            return (
                cli("demo.step.exported"),
                files.map {
                    "\($0.made.path)   ("
                        + cli(
                            "demo.step.features",
                            ["count": "\($0.features)", "how": how($0.made.kind, database: db)])
                        + ")"
                }.joined(separator: "\n")
            )
        case .drewMap(let sightings, let plan, let files, let pngMissing):
            var text =
                cli("demo.step.map_contents", ["count": "\(sightings)", "plan": "\(plan ?? 0)"])
                + "\n"
                + files.map { "\($0.path)   (\(how($0.kind, database: db)))" }.joined(
                    separator: "\n")
            if pngMissing {
                text += "\n" + cli("demo.step.no_png", ["hint": HeadlessBrowser.installHint])
            }
            return (cli("demo.step.map"), text)
        case .wroteReport(let days, let html, let markdown):
            return (
                cli("demo.step.report", ["days": "\(days)"]),
                "\(html)   (\(cli("demo.how.browser")))\n\(markdown)   (\(how(.reportMarkdown, database: db)))"
            )
        }
    }
}
