import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat export …`: stored things as GeoJSON, GPX, KML or CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export sightings, hotspots, a plan, a route or the places as GeoJSON, GPX, KML or CSV.",
        discussion: """
            GeoJSON is RFC 7946 (QGIS, GDAL, web maps); GPX 1.1 is for chartplotters and handheld GPS \
            (waypoints and routes; times in UTC); KML 2.2 is for Google Earth (styled, a folder per boat or \
            class); CSV opens in Excel and carries the geometry as WKT for QGIS. Officers' units and free-text \
            notes are personal data: left out unless --include-personal.
            Examples:
              selat export sightings --since 2026-11-01 --activity trafficking --format kml --out trafficking.kml
              selat export hotspots --format geojson --out hot.geojson          (the latest run)
              selat export hotspots 3 --format gpx --out hot.gpx                 (run 3: hot cells as waypoints)
              selat export plan --format gpx --out tonight.gpx                   (the latest plan)
              selat export route "Batam crossing" --format kml --out crossing.kml
              selat export places --format csv --out places.csv
            """,
        subcommands: [Sightings.self, Hotspots.self, Plan.self, Route.self, Places.self])

    struct Output: ParsableArguments {
        @Option(help: ArgumentHelp("The file format (default geojson).", valueName: "format"))
        var format: FeatureLayer.Format = .geojson
        @Option(
            help: ArgumentHelp(
                "The file to write, or - for the screen (the default).", valueName: "file"))
        var out: String = "-"
        @Flag(help: "Include officers' units and free-text notes (personal data).")
        var includePersonal = false
        @OptionGroup var force: ForceOption

        func emit(_ subject: Exporter.Subject, database: DatabaseOptions, what: String) throws {
            let db = try database.openForReading()
            let geo = try bundledGeoData()
            let f = format
            do {
                if out != "-" { try Exporter.check(out, force: force.force) }
                let (text, count) = try Exporter(database: db, geoData: geo).export(
                    subject, format: f, includePersonal: includePersonal)
                if out == "-" {
                    print(text, terminator: "")
                } else {
                    try Exporter.write(text, to: out, personal: includePersonal, force: force.force)
                    let opens =
                        switch f {
                        case .geojson: "QGIS: Layer > Add Layer > Add Vector Layer"
                        case .gpx: "a chartplotter, OpenCPN or Garmin BaseCamp"
                        case .kml: "Google Earth: File > Open"
                        case .csv: "Excel or LibreOffice; QGIS reads the wkt column"
                        }
                    print(
                        "Wrote \(out): \(count) \(what) as \(f.rawValue.uppercased()) (open in \(opens))."
                    )
                }
            } catch { throw Failure(error) }
        }
    }

    struct Sightings: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sightings (filtered) as points.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var filters: SightingFilterOptions
        @OptionGroup var output: Output

        func run() throws {
            var query = SightingQuery()
            try filters.apply(to: &query, offsetMinutes: try zone.offsetMinutes())
            try output.emit(.sightings(query), database: database, what: "sightings")
        }
    }

    struct Hotspots: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A stored hotspot run (default: the latest): cells, clusters or contours.")
        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp("The run number (see `selat hotspots list`).", valueName: "run"))
        var runNumber: Int64?
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(.hotspots(run: runNumber), database: database, what: "features")
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A stored patrol plan (default: the latest): routes and stops.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The plan number (see `selat plan list`).", valueName: "plan"))
        var plan: Int64?
        @OptionGroup var output: Output

        func run() throws { try output.emit(.plan(id: plan), database: database, what: "features") }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A stored route by name: its line and points.")
        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp("The route's name (see `selat route list`).", valueName: "name"))
        var name: String
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(.route(name: name), database: database, what: "features")
        }
    }

    struct Places: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ports, agency bases, the fleet's bases and stored waypoints.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: Output

        func run() throws { try output.emit(.places, database: database, what: "places") }
    }
}
