import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit
import SelatWords

/// `--clearance` and `--snap`, shared by `route sea` and `route matrix`.
struct SeaRoutingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            cli("cli.sea_route.distance_kept_shore_where"),
            valueName: "distance"))
    var clearance: String = "0.1nm"
    @Option(
        help: ArgumentHelp(
            cli("cli.sea_route.move_typed_position_land"),
            discussion:
                cli("cli.sea_route.ports_bases_are_always"),
            valueName: "distance"))
    var snap: String?

    /// The documented ranges: a larger clearance builds a routing graph for minutes and gigabytes
    /// (30 nm overflowed), and no channel among the islands is wider anyway.
    static let clearanceRange = Distance.metres(10)...Distance.nauticalMiles(1)
    static let snapRange = Distance.metres(0)...Distance.nauticalMiles(10)

    func validate() throws {
        try OptionRange.distance(
            "--clearance", clearance, Self.clearanceRange, shown: "10 m to 1 nm")
        if let snap {
            try OptionRange.distance("--snap", snap, Self.snapRange, shown: "0 m to 10 nm")
        }
    }

    func clearanceDistance() throws -> Distance {
        try OptionRange.distance(
            "--clearance", clearance, Self.clearanceRange, shown: "10 m to 1 nm")
    }

    func snapDistance() throws -> Distance? {
        guard let snap else { return nil }
        return try OptionRange.distance("--snap", snap, Self.snapRange, shown: "0 m to 10 nm")
    }

    /// The routing service, telling the user on standard error when it prepares the graph.
    func routing() throws -> SeaRouting {
        let geo = try bundledGeoData()
        return SeaRouting(geoData: geo, clearance: try clearanceDistance()) { message in
            Terminal.note(cli(message))
        }
    }
}

extension DatabaseOptions {
    /// The database if its file exists (routing only reads waypoint names; it never creates a log).
    func openIfPresent() throws -> SelatDatabase? {
        FileManager.default.fileExists(atPath: path) ? try openForReading() : nil
    }
}

struct SeaRouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sea",
        abstract:
            cli("cli.sea_route.shortest_route_water_between"),
        discussion: cli("cli.sea_route.examples_selat_route_sea"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var routingOptions: SeaRoutingOptions
    @Option(help: ArgumentHelp(cli("cli.sea_route.start_position_port_base"), valueName: "place"))
    var from: String
    @Option(help: ArgumentHelp(cli("cli.sea_route.end_position_port_base"), valueName: "place"))
    var to: String
    @Option(
        name: .customLong("via"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(cli("cli.sea_route.stop_way_repeat_several"), valueName: "place"))
    var via: [String] = []
    @Option(
        help: ArgumentHelp(
            cli("cli.sea_route.cruising_speed_times_etas"), valueName: "speed"))
    var speed: String = "20kn"
    @Option(
        help: ArgumentHelp(
            cli("cli.sea_route.departure_time_clock_etas"),
            valueName: "time"))
    var depart: String?
    @OptionGroup var zone: TimeZoneOption
    @Option(help: ArgumentHelp(cli("cli.sea_route.table_geojson_gpx"), valueName: "format"))
    var format: SeaRouteRenderer.Format = .table
    @Option(help: ArgumentHelp(cli("cli.plan.write_file_instead_screen"), valueName: "file"))
    var out: String?
    @OptionGroup var force: ForceOption

    func validate() throws {
        _ = try routingOptions.clearanceDistance()
        _ = try routingOptions.snapDistance()
        do {
            let s = try Speed(parsing: speed)
            try OptionRange.check("--speed", s.knots, 1...60, unit: " kn")
        } catch let e as GeoError { throw ValidationError("--speed: " + Failure.words(for: e)) }
    }

    func run() throws {
        let speed = try Speed(parsing: self.speed)
        let offset = try zone.offsetMinutes()
        var departure: Timestamp?
        if let depart {
            do { departure = try CommandLineTime.parse(depart, offsetMinutes: offset) } catch {
                throw ValidationError("--depart: " + Failure.words(for: error))
            }
        }
        let routing = try routingOptions.routing()
        let db = try database.openIfPresent()
        let snap = try routingOptions.snapDistance()
        if let out {
            do { try Exporter.check(out, purpose: .route, force: force.force) } catch {
                throw Failure(error)
            }
        }
        do {
            let stops = try ([from] + via + [to]).map { text throws(KitError) in
                try routing.stop(text, snap: snap, database: db)
            }
            let outcome = try routing.route(stops)
            let renderer = SeaRouteRenderer(
                outcome: outcome, speed: speed, departure: departure, displayOffsetMinutes: offset,
                words: Words(CommandLanguage.current))
            let text = renderer.render(format)
            if let out {
                do { try Exporter.write(text, to: out, purpose: .route, force: force.force) } catch
                { throw Failure(error) }
                print(
                    cli(
                        "cli.route.wrote",
                        [
                            "file": out,
                            "miles": Words(CommandLanguage.current).number(
                                outcome.route.length.nauticalMiles, decimals: 2),
                            "legs": "\(outcome.route.legs.count)",
                        ]))
                for note in outcome.notes {
                    print(routeNoteWords(note))
                }
            } else {
                print(text, terminator: "")
                if format != .table {
                    for note in outcome.notes { Terminal.note(routeNoteWords(note)) }
                }
            }
        } catch let error as KitError {
            throw Failure(error)
        }
    }
}

struct SeaMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: cli("cli.sea_route.sea_distances_nm_between"),
        discussion: cli("cli.sea_route.example_selat_route_matrix"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var routingOptions: SeaRoutingOptions
    @Option(help: ArgumentHelp(cli("cli.sea_route.points_file_csv"), valueName: "file")) var points:
        String
    @Option(help: ArgumentHelp(cli("cli.sea_route.write_matrix_here_instead"), valueName: "file"))
    var out: String?
    @OptionGroup var force: ForceOption

    func run() throws {
        let input = ProtectedFiles.shared.protect(points, as: .input)
        defer { withExtendedLifetime(input) {} }
        let routing = try routingOptions.routing()
        let db = try database.openIfPresent()
        if let out {
            do { try Exporter.check(out, purpose: .route, force: force.force) } catch {
                throw Failure(error)
            }
        }
        do {
            let stops = try routing.points(
                file: points, snap: try routingOptions.snapDistance(), database: db)
            let started = Date()
            let outcome = try routing.matrix(stops)
            let seconds = Date().timeIntervalSince(started)
            if let out {
                do {
                    try Exporter.write(outcome.csv, to: out, purpose: .route, force: force.force)
                } catch { throw Failure(error) }
                print(
                    cli(
                        "cli.route.wrote_matrix",
                        [
                            "file": out, "count": "\(stops.count)",
                            "seconds": Words(CommandLanguage.current).number(seconds, decimals: 1),
                        ]))
                for note in outcome.notes {
                    print(routeNoteWords(note))
                }
            } else {
                print(outcome.csv, terminator: "")
                for note in outcome.notes { Terminal.note(routeNoteWords(note)) }
            }
        } catch let error as KitError {
            throw Failure(error)
        }
    }
}

/// A route note as the command line prints it: `Note: …` in this run's language.
func routeNoteWords(_ note: RouteNote) -> String {
    cli("cli.note.prefix", ["note": note.words(Words(CommandLanguage.current))])
}
