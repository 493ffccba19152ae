import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// Runs a store or model call, turning its error into a message for the user.
func attempt<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CustomStringConvertible & Error {
        throw Failure(error)
    }
}

struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Agencies, bases and boats for joint patrols.",
        discussion: """
            Examples:
              selat fleet default                 (the four Indonesian agencies, their bases, six fictional DEMO boats)
              selat fleet agency add MMEA --name "Maritim Malaysia (Johor)" --country MY
              selat fleet base add "Tanjung Sedili" --agency MMEA --position "1.93 104.11"
              selat fleet boat add KM-PENGAWAL-1 --agency MMEA --base "Tanjung Sedili" --speed 30kn --endurance 10h --crew 8 --waters coordinated
              selat fleet boat list
            """,
        subcommands: [AgencyCommand.self, BaseCommand.self, BoatCommand.self, DefaultCommand.self])

    struct DefaultCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract:
                "Add the default fleet: POLAIRUD, BAKAMLA, TNI-AL, BEA-CUKAI, their GeoData bases, six fictional DEMO boats."
        )
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let geo = try bundledGeoData()
            let fleet = try attempt { try DefaultFleet.make(geoData: geo) }
            let db = try database.open()
            try attempt {
                try db.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
            }
            print(
                "Added \(fleet.agencies.count) agencies, \(fleet.bases.count) bases and \(fleet.boats.count) boats "
                    + "(the boats are fictional: call signs DEMO-…). See: selat fleet boat list")
        }
    }

    struct AgencyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agency", abstract: "Agencies (code, name, country).",
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an agency.")
            @OptionGroup var database: DatabaseOptions
            @Argument(
                help: ArgumentHelp(
                    "Short code, e.g. POLAIRUD, BAKAMLA, TNI-AL, MMEA.", valueName: "code"))
            var code: String
            @Option(help: ArgumentHelp("Full name.", valueName: "name")) var name: String
            @Option(help: ArgumentHelp("Two-letter country code (ID, MY, SG).", valueName: "code"))
            var country: String = "ID"

            func run() throws {
                let agency = try attempt { try Agency(code: code, name: name, country: country) }
                try attempt { try database.open().add(agencies: [agency]) }
                print("Added agency \(agency.code).")
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List agencies.")
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().agencies() }
                guard !rows.isEmpty else {
                    print("No agencies yet. Add the defaults with: selat fleet default")
                    return
                }
                print(
                    TextTable.render(
                        [["Code", "Name", "Country"]] + rows.map { [$0.code, $0.name, $0.country] }),
                    terminator: "")
            }
        }
        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove an agency that has no bases or boats.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp("The agency's code.", valueName: "code")) var code: String
            func run() throws {
                try attempt { try database.open().removeAgency(code) }
                print("Removed agency \(code.uppercased()).")
            }
        }
    }

    struct BaseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "base", abstract: "Bases boats sail from.",
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a base: a position, or a GeoData base or port by name (--place).")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp("The base's name (unique).", valueName: "name")) var name:
                String
            @Option(help: ArgumentHelp("The agency's code.", valueName: "code")) var agency: String
            @Option(help: ArgumentHelp("Where the boats berth.", valueName: "position"))
            var position: String?
            @Option(
                help: ArgumentHelp(
                    "Take the position of this GeoData base or port (see: selat places).",
                    valueName: "name"))
            var place: String?

            func validate() throws {
                if (position == nil) == (place == nil) {
                    throw ValidationError("give either --position or --place")
                }
            }

            func run() throws {
                var location: Coordinate
                var source: String?
                if let position {
                    do { location = try Coordinate(parsing: position) } catch {
                        throw ValidationError("--position: \(error.description)")
                    }
                } else {
                    let geo = try bundledGeoData()
                    let p: Place
                    switch geo.place(named: place!) {
                    case .one(let found): p = found
                    case .none:
                        throw Failure(
                            "no GeoData base or port named \"\(place!)\"; see: selat places")
                    case .several(let candidates):
                        throw Failure(
                            "\"\(place!)\" could be any of: "
                                + candidates.prefix(6).map { "\"\($0.name)\"" }.joined(
                                    separator: ", "))
                    }
                    location = p.position
                    source = p.source
                }
                let base = try attempt {
                    try Base(name: name, agency: agency, position: location, source: source)
                }
                try attempt { try database.open().add(bases: [base]) }
                print(
                    "Added base \"\(base.name)\" (\(base.agency)) at \(base.position.formatted(.degreesMinutes))."
                )
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List bases.")
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().bases() }
                guard !rows.isEmpty else {
                    print("No bases yet. Add the defaults with: selat fleet default")
                    return
                }
                print(
                    TextTable.render(
                        [["Agency", "Name", "Position"]]
                            + rows.map {
                                [
                                    $0.agency, String($0.name.prefix(60)),
                                    $0.position.formatted(.degreesMinutes),
                                ]
                            }),
                    terminator: "")
            }
        }
        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a base no boat calls home.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp("The base's name.", valueName: "name")) var name: String
            func run() throws {
                try attempt { try database.open().removeBase(name) }
                print("Removed base \"\(name)\".")
            }
        }
    }

    struct BoatCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "boat", abstract: "Patrol boats.",
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a boat.")
            @OptionGroup var database: DatabaseOptions
            @Argument(
                help: ArgumentHelp("Call sign (letters, digits, hyphens).", valueName: "callsign"))
            var callSign: String
            @Option(help: ArgumentHelp("The agency's code.", valueName: "code")) var agency: String
            @Option(help: ArgumentHelp("Home base's name.", valueName: "name")) var base: String
            @Option(help: ArgumentHelp("Cruising speed, e.g. 28kn.", valueName: "speed")) var speed:
                String
            @Option(
                help: ArgumentHelp(
                    "Hours on patrol before it must be back, e.g. 8h.", valueName: "hours"))
            var endurance: String
            @Option(help: ArgumentHelp("People aboard, 1 to 500.", valueName: "n")) var crew: Int
            @Option(
                help: ArgumentHelp(
                    "national: Indonesian waters only; coordinated: may cross with a neighbour's agency.",
                    valueName: "waters"))
            var waters: Boat.Waters = .national
            @Option(
                help: ArgumentHelp(
                    "How the other boats reach it, for briefings (e.g. \"VHF 72, +62 812 …\").",
                    valueName: "text"))
            var contact: String?

            func validate() throws { try OptionRange.check("--crew", crew, 1...500) }

            func run() throws {
                let s: Speed
                do { s = try Speed(parsing: speed) } catch {
                    throw ValidationError("--speed: \(error.description)")
                }
                let hours: Double
                do {
                    hours = try TimeSpan.seconds(parsing: endurance, bareNumberUnit: 3600) / 3600
                } catch {
                    throw ValidationError(
                        "--endurance: \(error.description) (hours if no unit, e.g. 8h)")
                }
                let w = waters
                let boat = try attempt {
                    try Boat(
                        callSign: callSign, agency: agency, homeBase: base, cruiseSpeed: s,
                        enduranceHours: hours, crew: crew, waters: w, contact: contact)
                }
                try attempt { try database.open().add(boats: [boat]) }
                print(
                    "Added boat \(boat.callSign) (\(boat.agency), \(boat.cruiseSpeed), \(boat.enduranceHours) h, "
                        + String(
                            format: "reaches %.0f nm out and back).", boat.radius.nauticalMiles))
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List boats.")
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().boats() }
                guard !rows.isEmpty else {
                    print("No boats yet. Add the defaults with: selat fleet default")
                    return
                }
                print(
                    TextTable.render(
                        [
                            [
                                "Call sign", "Agency", "Home base", "Speed", "Endurance", "Crew",
                                "Waters", "Contact",
                            ]
                        ]
                            + rows.map {
                                [
                                    $0.callSign, $0.agency, String($0.homeBase.prefix(40)),
                                    $0.cruiseSpeed.description,
                                    String(format: "%g h", $0.enduranceHours), String($0.crew),
                                    $0.waters.rawValue, $0.contact ?? "-",
                                ]
                            }), terminator: "")
            }
        }
        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a boat.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp("The boat's call sign.", valueName: "callsign"))
            var callSign: String
            func run() throws {
                try attempt { try database.open().removeBoat(callSign) }
                print("Removed boat \(callSign.uppercased()).")
            }
        }
    }
}
