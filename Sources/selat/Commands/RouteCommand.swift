import ArgumentParser
import Foundation
import SelatKit
import SelatWords

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract:
            cli("cli.route.routes_sea_routes_never"),
        subcommands: [Add.self, List.self, Show.self, SeaRouteCommand.self, SeaMatrixCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.route.store_route_through_waypoints"),
            discussion: cli("cli.route.example_selat_route_add"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.route.route_s_name_unique"), valueName: "name"))
        var name: String
        @Option(
            name: .customLong("point"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp(
                cli("cli.route.waypoint_name_position_two"), valueName: "point"))
        var points: [String] = []
        @Option(help: ArgumentHelp(cli("cli.route.what_route"), valueName: "kind"))
        var kind: Route.Kind = .other
        @Option(help: ArgumentHelp(cli("cli.route.free_text"), valueName: "text")) var notes:
            String?

        func validate() throws {
            if points.count < 2 {
                throw ValidationError(cli("cli.valid.two_points"))
            }
        }

        func run() throws {
            let db = try database.open()
            do {
                let resolver = PlaceResolver(database: db)
                let route = try Route(
                    name: name, kind: kind,
                    points: try points.map { p throws(KitError) in try resolver.point(p) },
                    notes: notes)
                try db.add(route)
                print(
                    cli(
                        "cli.route.stored",
                        [
                            "name": route.name, "points": "\(route.points.count)",
                            "miles": String(format: "%.2f", route.length.nauticalMiles),
                        ]))
            } catch let error as CustomStringConvertible & Error {
                throw Failure(error)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.route.list_stored_routes"))
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let routes = try database.openForReading().routes()
            guard !routes.isEmpty else {
                print(cli("cli.route.no_routes"))
                return
            }
            let rows =
                [
                    [
                        cli("cli.column.name"), cli("cli.column.kind"), cli("cli.column.points"),
                        cli("cli.column.length"),
                    ]
                ]
                + routes.map {
                    [
                        $0.name, $0.kind.rawValue, String($0.points.count),
                        String(format: "%.2f nm", $0.length.nauticalMiles),
                    ]
                }
            print(TextTable.render(rows), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.route.show_route_leg_leg"),
            discussion:
                cli("cli.route.examples_selat_route_show")
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.route.route_s_name"), valueName: "name")) var name:
            String
        @Option(
            help: ArgumentHelp(cli("cli.route.table_gpx_route_chartplotter"), valueName: "format"))
        var format: RouteShowFormat = .table

        func run() throws {
            let db = try database.openForReading()
            guard let route = try db.route(named: name) else {
                throw Failure(cli("cli.route.not_found", ["name": name]))
            }
            if format == .gpx {
                print(
                    RouteLayer.make(
                        route, synthetic: try db.isSynthetic, words: Words(CommandLanguage.current)
                    ).render(.gpx),
                    terminator: "")
                return
            }
            print("\(route.name) (\(route.kind.rawValue))")
            var rows = [
                [
                    cli("cli.column.leg"), cli("cli.column.from"), cli("cli.column.to"),
                    cli("cli.column.distance"), cli("cli.column.bearing"),
                ]
            ]
            for (i, leg) in route.legs.enumerated() {
                rows.append([
                    String(i + 1), leg.from.label, leg.to.label,
                    String(format: "%.2f nm", leg.distance.nauticalMiles), leg.bearing.description,
                ])
            }
            print(TextTable.render(rows), terminator: "")
            print(
                cli(
                    "cli.route.total",
                    ["miles": String(format: "%.2f", route.length.nauticalMiles)]))
        }
    }
}
