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
        abstract: cli("cli.fleet.agencies_bases_boats_joint"),
        discussion: cli("cli.fleet.examples_selat_fleet_default"),
        subcommands: [AgencyCommand.self, BaseCommand.self, BoatCommand.self, DefaultCommand.self])

    struct DefaultCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract:
                cli("cli.fleet.add_default_fleet_polairud")
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
                cli(
                    "cli.fleet.added_default",
                    [
                        "agencies": "\(fleet.agencies.count)", "bases": "\(fleet.bases.count)",
                        "boats": "\(fleet.boats.count)",
                    ]))
        }
    }

    struct AgencyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agency", abstract: cli("cli.fleet.agencies_code_name_country"),
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: cli("cli.fleet.add_agency"))
            @OptionGroup var database: DatabaseOptions
            @Argument(
                help: ArgumentHelp(
                    cli("cli.fleet.short_code_polairud_bakamla"), valueName: "code"))
            var code: String
            @Option(help: ArgumentHelp(cli("cli.fleet.full_name"), valueName: "name")) var name:
                String
            @Option(help: ArgumentHelp(cli("cli.fleet.two_letter_country_code"), valueName: "code"))
            var country: String = "ID"

            func run() throws {
                let agency = try attempt { try Agency(code: code, name: name, country: country) }
                try attempt { try database.open().add(agencies: [agency]) }
                print(cli("cli.fleet.added_agency", ["code": agency.code]))
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: cli("cli.fleet.list_agencies"))
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().agencies() }
                guard !rows.isEmpty else {
                    print(cli("cli.fleet.no_agencies"))
                    return
                }
                print(
                    TextTable.render(
                        [
                            [
                                cli("cli.column.code"), cli("cli.column.name"),
                                cli("cli.column.country"),
                            ]
                        ] + rows.map { [$0.code, $0.name, $0.country] }),
                    terminator: "")
            }
        }
        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: cli("cli.fleet.remove_agency_has_no"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.fleet.agency_s_code"), valueName: "code"))
            var code: String
            func run() throws {
                try attempt { try database.open().removeAgency(code) }
                print(cli("cli.fleet.removed_agency", ["code": code.uppercased()]))
            }
        }
    }

    struct BaseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "base", abstract: cli("cli.fleet.bases_boats_sail"),
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: cli("cli.fleet.add_base_position_geodata"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.fleet.base_s_name_unique"), valueName: "name"))
            var name: String
            @Option(help: ArgumentHelp(cli("cli.fleet.agency_s_code"), valueName: "code"))
            var agency: String
            @Option(help: ArgumentHelp(cli("cli.fleet.where_boats_berth"), valueName: "position"))
            var position: String?
            @Option(
                help: ArgumentHelp(
                    cli("cli.fleet.take_position_geodata_base"),
                    valueName: "name"))
            var place: String?

            func validate() throws {
                if (position == nil) == (place == nil) {
                    throw ValidationError(cli("cli.valid.position_or_place"))
                }
            }

            func run() throws {
                var location: Coordinate
                var source: String?
                if let position {
                    do { location = try Coordinate(parsing: position) } catch {
                        throw ValidationError("--position: " + Failure.words(for: error))
                    }
                } else {
                    let geo = try bundledGeoData()
                    let p: Place
                    switch geo.place(named: place!) {
                    case .one(let found): p = found
                    case .none:
                        throw Failure(cli("cli.fleet.no_place", ["place": place!]))
                    case .several(let candidates):
                        throw Failure(
                            cli(
                                "cli.fleet.ambiguous_place",
                                [
                                    "place": place!,
                                    "candidates": candidates.prefix(6).map { "\"\($0.name)\"" }
                                        .joined(separator: ", "),
                                ]))
                    }
                    location = p.position
                    source = p.source
                }
                let base = try attempt {
                    try Base(name: name, agency: agency, position: location, source: source)
                }
                try attempt { try database.open().add(bases: [base]) }
                print(
                    cli(
                        "cli.fleet.added_base",
                        [
                            "name": base.name, "agency": base.agency,
                            "position": base.position.formatted(
                                CommandLanguage.current == .id
                                    ? .degreesMinutesIndonesian : .degreesMinutes),
                        ]))
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: cli("cli.fleet.list_bases"))
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().bases() }
                guard !rows.isEmpty else {
                    print(cli("cli.fleet.no_bases"))
                    return
                }
                print(
                    TextTable.render(
                        [
                            [
                                cli("cli.column.agency"), cli("cli.column.name"),
                                cli("cli.column.position"),
                            ]
                        ]
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
                abstract: cli("cli.fleet.remove_base_no_boat"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.fleet.base_s_name"), valueName: "name")) var name:
                String
            func run() throws {
                try attempt { try database.open().removeBase(name) }
                print(cli("cli.fleet.removed_base", ["name": name]))
            }
        }
    }

    struct BoatCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "boat", abstract: cli("cli.fleet.patrol_boats"),
            subcommands: [Add.self, List.self, Remove.self])
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: cli("cli.fleet.add_boat"))
            @OptionGroup var database: DatabaseOptions
            @Argument(
                help: ArgumentHelp(cli("cli.fleet.call_sign_letters_digits"), valueName: "callsign")
            )
            var callSign: String
            @Option(help: ArgumentHelp(cli("cli.fleet.agency_s_code"), valueName: "code"))
            var agency: String
            @Option(help: ArgumentHelp(cli("cli.fleet.home_base_s_name"), valueName: "name"))
            var base: String
            @Option(help: ArgumentHelp(cli("cli.fleet.cruising_speed_28kn"), valueName: "speed"))
            var speed: String
            @Option(
                help: ArgumentHelp(
                    cli("cli.fleet.hours_patrol_before_must"), valueName: "hours"))
            var endurance: String
            @Option(help: ArgumentHelp(cli("cli.fleet.people_aboard_1_500"), valueName: "n"))
            var crew: Int
            @Option(
                help: ArgumentHelp(
                    cli("cli.fleet.national_indonesian_waters_only"),
                    valueName: "waters"))
            var waters: Boat.Waters = .national
            @Option(
                help: ArgumentHelp(
                    cli("cli.fleet.how_other_boats_reach"),
                    valueName: "text"))
            var contact: String?

            func validate() throws { try OptionRange.check("--crew", crew, 1...500) }

            func run() throws {
                let s: Speed
                do { s = try Speed(parsing: speed) } catch {
                    throw ValidationError("--speed: " + Failure.words(for: error))
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
                    cli(
                        "cli.fleet.added_boat",
                        [
                            "call_sign": boat.callSign, "agency": boat.agency,
                            "speed": boat.cruiseSpeed.description,
                            "hours": "\(boat.enduranceHours)",
                            "radius": String(format: "%.0f", boat.radius.nauticalMiles),
                        ]))
            }
        }
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: cli("cli.fleet.list_boats"))
            @OptionGroup var database: DatabaseOptions
            func run() throws {
                let rows = try attempt { try database.openForReading().boats() }
                guard !rows.isEmpty else {
                    print(cli("cli.fleet.no_boats"))
                    return
                }
                print(
                    TextTable.render(
                        [
                            [
                                cli("cli.column.call_sign"), cli("cli.column.agency"),
                                cli("cli.column.home_base"), cli("cli.column.speed"),
                                cli("cli.column.endurance"), cli("cli.column.crew"),
                                cli("cli.column.waters"), cli("cli.column.contact"),
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
            static let configuration = CommandConfiguration(abstract: cli("cli.fleet.remove_boat"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.fleet.boat_s_call_sign"), valueName: "callsign"))
            var callSign: String
            func run() throws {
                try attempt { try database.open().removeBoat(callSign) }
                print(cli("cli.fleet.removed_boat", ["call_sign": callSign.uppercased()]))
            }
        }
    }
}
