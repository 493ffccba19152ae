import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit
import SelatWords

/// `selat export …`: stored things as GeoJSON, GPX, KML or CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            cli("cli.export.export_sightings_hotspots_plan"),
        discussion: cli("cli.export.geojson_rfc_7946_qgis"),
        subcommands: [Sightings.self, Hotspots.self, Plan.self, Route.self, Places.self])

    struct Output: ParsableArguments {
        @Option(
            help: ArgumentHelp(cli("cli.export.file_format_default_geojson"), valueName: "format"))
        var format: FeatureLayer.Format = .geojson
        @Option(
            help: ArgumentHelp(
                cli("cli.export.file_write_screen_default"), valueName: "file"))
        var out: String = "-"
        @Flag(help: ArgumentHelp(cli("cli.export.include_officers_units_free")))
        var includePersonal = false
        @OptionGroup var force: ForceOption

        func emit(_ subject: Exporter.Subject, database: DatabaseOptions, what: String) throws {
            let db = try database.openForReading()
            let geo = try bundledGeoData()
            let f = format
            do {
                if out != "-" { try Exporter.check(out, force: force.force) }
                let (text, count) = try Exporter(
                    database: db, geoData: geo, words: Words(CommandLanguage.current)
                ).export(
                    subject, format: f, includePersonal: includePersonal)
                if out == "-" {
                    print(text, terminator: "")
                } else {
                    try Exporter.write(text, to: out, personal: includePersonal, force: force.force)
                    let opens =
                        switch f {
                        case .geojson: cli("cli.export.opens.geojson")
                        case .gpx: cli("cli.export.opens.gpx")
                        case .kml: cli("cli.export.opens.kml")
                        case .csv: cli("cli.export.opens.csv")
                        }
                    print(
                        cli(
                            "cli.export.wrote",
                            [
                                "file": out, "count": "\(count)", "what": cli(what),
                                "format": f.rawValue.uppercased(), "opens": opens,
                            ])
                    )
                }
            } catch { throw Failure(error) }
        }
    }

    struct Sightings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.export.sightings_filtered_points"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var filters: SightingFilterOptions
        @OptionGroup var output: Output

        func run() throws {
            var query = SightingQuery()
            try filters.apply(to: &query, offsetMinutes: try zone.offsetMinutes())
            try output.emit(
                .sightings(query), database: database, what: "cli.export.what.sightings")
        }
    }

    struct Hotspots: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.export.stored_hotspot_run_default"))
        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp(cli("cli.export.run_number_see_selat"), valueName: "run"))
        var runNumber: Int64?
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(
                .hotspots(run: runNumber), database: database, what: "cli.export.what.features")
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.export.stored_patrol_plan_default"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.export.plan_number_see_selat"), valueName: "plan"))
        var plan: Int64?
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(.plan(id: plan), database: database, what: "cli.export.what.features")
        }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.export.stored_route_name_line"))
        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp(cli("cli.export.route_s_name_see"), valueName: "name"))
        var name: String
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(
                .route(name: name), database: database, what: "cli.export.what.features")
        }
    }

    struct Places: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.export.ports_agency_bases_fleet"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: Output

        func run() throws {
            try output.emit(.places, database: database, what: "cli.export.what.places")
        }
    }
}
