import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `--clearance` and `--snap`, shared by `route sea` and `route matrix`.
struct SeaRoutingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Distance kept from the shore where the water allows, 10m to 1nm.",
            valueName: "distance"))
    var clearance: String = "0.1nm"
    @Option(
        help: ArgumentHelp(
            "Move a typed position that is on land to the nearest water, if it is this close (e.g. 0.5nm; at most 10nm).",
            discussion:
                "Ports and bases are always moved off the land (their reference positions are only good to about 2 km).",
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
            FileHandle.standardError.write(Data((message + "\n").utf8))
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
            "The shortest route by water between places, never over land: legs, bearings and ETAs.",
        discussion: """
            Examples:
              selat route sea --from Sekupang --to "Tanjung Balai Karimun" --speed 25kn
              selat route sea --from "1.20, 104.05" --to Nongsapura --via "Tanjung Uban" --depart 2026-11-22T20:00
              selat route sea --from "Batam Centre" --to "Sri Bintan Pura" --format gpx --out route.gpx
            --from, --to and --via take a position, a port or base (see: selat places; the start of the name is \
            enough) or a stored waypoint's name. Routes keep --clearance from the shore where the channel is wide \
            enough and say where they cannot. --db is only read, for waypoint names: routing never creates a log. The first run prepares the routing graph (a few seconds) and keeps it \
            in ~/.cache/selat (or $SELAT_CACHE_DIR).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var routingOptions: SeaRoutingOptions
    @Option(help: ArgumentHelp("Start: a position, port, base or waypoint.", valueName: "place"))
    var from: String
    @Option(help: ArgumentHelp("End: a position, port, base or waypoint.", valueName: "place"))
    var to: String
    @Option(
        name: .customLong("via"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A stop on the way (repeat for several, in order).", valueName: "place"))
    var via: [String] = []
    @Option(
        help: ArgumentHelp(
            "Cruising speed for times and ETAs, 1 to 60 kn (25kn, 40km/h).", valueName: "speed"))
    var speed: String = "20kn"
    @Option(
        help: ArgumentHelp(
            "Departure time for clock ETAs, e.g. 2026-11-22T20:00 (WIB unless an offset is given).",
            valueName: "time"))
    var depart: String?
    @OptionGroup var zone: TimeZoneOption
    @Option(help: ArgumentHelp("table, or geojson or gpx.", valueName: "format"))
    var format: SeaRouteRenderer.Format = .table
    @Option(help: ArgumentHelp("Write to this file instead of the screen.", valueName: "file"))
    var out: String?
    @OptionGroup var force: ForceOption

    func validate() throws {
        _ = try routingOptions.clearanceDistance()
        _ = try routingOptions.snapDistance()
        do {
            let s = try Speed(parsing: speed)
            try OptionRange.check("--speed", s.knots, 1...60, unit: " kn")
        } catch let e as GeoError { throw ValidationError("--speed: \(e.description)") }
    }

    func run() throws {
        let speed = try Speed(parsing: self.speed)
        let offset = try zone.offsetMinutes()
        var departure: Timestamp?
        if let depart {
            do { departure = try CommandLineTime.parse(depart, offsetMinutes: offset) } catch {
                throw ValidationError("--depart: \(error.description)")
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
                outcome: outcome, speed: speed, departure: departure, displayOffsetMinutes: offset)
            let text = renderer.render(format)
            if let out {
                do { try Exporter.write(text, to: out, purpose: .route, force: force.force) } catch
                { throw Failure(error) }
                print(
                    String(
                        format: "Wrote %@ (%.2f nm, %d legs).", out,
                        outcome.route.length.nauticalMiles, outcome.route.legs.count))
                for note in outcome.notes { print("Note: " + note.words) }
            } else {
                print(text, terminator: "")
                if format != .table {
                    for note in outcome.notes {
                        FileHandle.standardError.write(Data(("Note: " + note.words + "\n").utf8))
                    }
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
        abstract: "Sea distances (nm) between every pair of points, as CSV.",
        discussion: """
            Example:
              selat route matrix --points targets.csv --out distances.csv
            The points file is CSV with a header: name,latitude,longitude (decimal degrees), or name,position \
            (any position Selat reads), or just name (ports, bases or stored waypoints). Distances are the \
            lengths of the sea routes `selat route sea` gives; an empty cell means no water joins the two points.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var routingOptions: SeaRoutingOptions
    @Option(help: ArgumentHelp("The points file (CSV).", valueName: "file")) var points: String
    @Option(help: ArgumentHelp("Write the matrix here instead of the screen.", valueName: "file"))
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
                    String(
                        format: "Wrote %@: %d × %d sea distances in nm (%.1f s).", out, stops.count,
                        stops.count, seconds))
                for note in outcome.notes { print("Note: " + note.words) }
            } else {
                print(outcome.csv, terminator: "")
                for note in outcome.notes {
                    FileHandle.standardError.write(Data(("Note: " + note.words + "\n").utf8))
                }
            }
        } catch let error as KitError {
            throw Failure(error)
        }
    }
}
