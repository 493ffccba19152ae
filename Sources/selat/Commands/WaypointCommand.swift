import ArgumentParser
import Foundation
import SelatKit

struct WaypointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waypoint",
        abstract: cli("cli.waypoint.named_points_landing_spots"),
        subcommands: [Add.self, List.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.waypoint.store_named_point"),
            discussion:
                cli("cli.waypoint.example_selat_waypoint_add")
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.waypoint.name_unique"), valueName: "name")) var name:
            String
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(cli("cli.waypoint.where"), valueName: "position"))
        var position: String
        @Option(
            help: ArgumentHelp(cli("cli.waypoint.what_place"), valueName: "kind"))
        var kind: Waypoint.Kind = .other
        @Option(help: ArgumentHelp(cli("cli.route.free_text"), valueName: "text")) var notes:
            String?
        @OptionGroup var land: LandOption

        func run() throws {
            let db = try database.open()
            let check = try land.check()
            do {
                let c = try Coordinate(parsing: position)
                let onLand = check.coastline.isLand(c)
                if onLand && !check.allowLand { throw Failure(check.refusal(at: c)) }
                let w = try Waypoint(
                    name: name, kind: kind, position: c, notes: notes,
                    onLand: onLand)
                try db.add(w)
                print(
                    cli(
                        "cli.waypoint.stored",
                        [
                            "name": w.name,
                            "position": w.position.formatted(
                                CommandLanguage.current == .id
                                    ? .degreesMinutesIndonesian : .degreesMinutes),
                        ]))
            } catch let error as CustomStringConvertible & Error {
                throw Failure(error)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.waypoint.list_stored_waypoints"))
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp(cli("cli.waypoint.table_csv"), valueName: "format"))
        var format: WaypointListFormat = .table

        func run() throws {
            let waypoints = try database.openForReading().waypoints()
            if format == .csv {
                var out = CSVWriter.record(["name", "kind", "lat", "lon", "notes"])
                for w in waypoints {
                    out += CSVWriter.record([
                        w.name, w.kind.rawValue, "\(w.position.latitude)",
                        "\(w.position.longitude)", w.notes ?? "",
                    ])
                }
                print(out, terminator: "")
                return
            }
            guard !waypoints.isEmpty else {
                print(cli("cli.waypoint.none"))
                return
            }
            let rows =
                [
                    [
                        cli("cli.column.name"), cli("cli.column.kind"), cli("cli.column.position"),
                        cli("cli.column.notes"),
                    ]
                ]
                + waypoints.map {
                    [
                        $0.name, $0.kind.rawValue, $0.position.formatted(.degreesMinutes),
                        String(($0.notes ?? "").prefix(40)),
                    ]
                }
            print(TextTable.render(rows), terminator: "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.waypoint.import_waypoints_csv_name"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.waypoint.csv_file"), valueName: "file")) var file:
            String
        @OptionGroup var land: LandOption

        func run() throws {
            let db = try database.open()
            let check = try land.check()
            do {
                let n = try WaypointImporter.importCSV(file, into: db, landCheck: check)
                print(
                    cli(
                        n == 1 ? "cli.waypoint.imported_one" : "cli.waypoint.imported",
                        ["count": "\(n)", "file": file]))
            } catch {
                throw Failure(error)
            }
        }
    }
}
