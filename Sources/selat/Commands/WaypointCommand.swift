import ArgumentParser
import Foundation
import SelatKit

struct WaypointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waypoint",
        abstract: "Named points: landing spots, crossing points, rendezvous.",
        subcommands: [Add.self, List.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a named point.",
            discussion:
                "Example:  selat waypoint add \"Tanjung Uncang landing\" --position \"1°03'N 103°54'E\" --kind landing"
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The name (unique).", valueName: "name")) var name: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Where it is.", valueName: "position"))
        var position: String
        @Option(
            help: ArgumentHelp("What the place is.", valueName: "kind"))
        var kind: Waypoint.Kind = .other
        @Option(help: ArgumentHelp("Free text.", valueName: "text")) var notes: String?
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
                print("Stored waypoint \"\(w.name)\" at \(w.position.formatted(.degreesMinutes)).")
            } catch let error as CustomStringConvertible & Error {
                throw Failure(error)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored waypoints.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("table, or csv.", valueName: "format"))
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
                print("No waypoints yet. Add one with: selat waypoint add NAME --position POS")
                return
            }
            let rows =
                [["Name", "Kind", "Position", "Notes"]]
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
            abstract: "Import waypoints from CSV (name,kind,lat,lon,notes). All or nothing.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
        @OptionGroup var land: LandOption

        func run() throws {
            let db = try database.open()
            let check = try land.check()
            do {
                let n = try WaypointImporter.importCSV(file, into: db, landCheck: check)
                print("Imported \(n) waypoint\(n == 1 ? "" : "s") from \(file).")
            } catch {
                throw Failure(error)
            }
        }
    }
}
