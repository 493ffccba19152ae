import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            cli("cli.plan.joint_patrol_plans_routes"),
        subcommands: [Make.self, List.self, Show.self], defaultSubcommand: Make.self)

    /// Where a plan goes: the screen or a file, and briefings into a folder.
    struct OutputOptions: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.table_geojson_gpx_one"),
                valueName: "format"))
        var format: PatrolPlanRenderer.Format = .table
        @Option(help: ArgumentHelp(cli("cli.plan.write_file_instead_screen"), valueName: "file"))
        var out: String?
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.also_write_printable_briefing"),
                valueName: "folder"))
        var briefings: String?
        @OptionGroup var force: ForceOption

        /// Checks the destinations before a plan is made (planning can take minutes).
        func checkDestinations() throws {
            do {
                if let out { try Exporter.check(out, purpose: .plan, force: force.force) }
                // Each briefing file is checked again before any is written.
                if let briefings { try OutputFolder.check(briefings) }
            } catch { throw Failure(error) }
        }

        /// - Parameter geoData: the GeoData already loaded, if any (the briefings' maps need its coastline).
        /// - Parameter database: the log, for the briefings' second page (what each boat did).
        func emit(
            _ plan: PatrolPlan, offset: Int, geoData: GeoData? = nil,
            database: SelatDatabase? = nil
        ) throws {
            let text = PatrolPlanRenderer(plan: plan, offsetMinutes: offset).render(
                format, names: .commandLine)
            if let out {
                do { try Exporter.write(text, to: out, purpose: .plan, force: force.force) } catch {
                    throw Failure(error)
                }
                print(
                    cli(
                        "cli.plan.wrote",
                        ["file": out, "plan": "\(plan.id ?? 0)", "format": format.rawValue]))
            } else {
                print(text, terminator: "")
            }
            if let briefings {
                let geo = try geoData ?? bundledGeoData()
                do {
                    var briefing = PatrolBriefing(
                        plan: plan, coastline: geo.coastline, offsetMinutes: offset,
                        language: CommandLanguage.current)
                    // After the patrol, each boat's briefing has a second page: what was done.
                    if let db = database {
                        briefing.outcomes = try PatrolLog(database: db, geoData: geo).outcomes(
                            plan: plan)
                    }
                    let files = try briefing.write(
                        to: URL(fileURLWithPath: briefings), force: force.force)
                    print(
                        cli(
                            "cli.plan.wrote_briefings",
                            ["count": "\(files.count / 3)", "folder": briefings]))
                } catch { throw Failure(error) }
            }
        }
    }

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract:
                cli("cli.plan.plan_night_s_joint"),
            discussion: cli("cli.plan.examples_selat_plan_start"))

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var routingOptions: SeaRoutingOptions
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.start_patrol_window_2026"),
                valueName: "time"))
        var start: String
        @Option(help: ArgumentHelp(cli("cli.plan.length_window_hours_0"), valueName: "hours"))
        var hours: Double = 8
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.boats_plan_call_sign"),
                valueName: "callsigns"))
        var boats: String?
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.take_hot_spots_stored"),
                valueName: "id"))
        var hotspots: Int64?
        @Flag(help: ArgumentHelp(cli("cli.plan.use_no_hotspot_run"))) var noHotspots = false
        @Option(
            name: .customLong("target"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp(
                cli("cli.plan.place_cover_waypoint_port"),
                valueName: "place[=p][/dwell]"))
        var targets: [String] = []
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.time_spent_each_target"),
                valueName: "minutes")) var dwell: Double = 15
        @Flag(
            help:
                ArgumentHelp(cli("cli.plan.coordinated_patrol_boats_allowed"))
        ) var coordinated = false
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.all_boats_chosen_meet"),
                valueName: "place@time"))
        var rendezvous: String?
        @Flag(help: ArgumentHelp(cli("cli.plan.let_planner_choose_where")))
        var joint = false
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.plan_many_nights_unpredictable"), valueName: "n"))
        var nights = 1
        @Option(help: ArgumentHelp(cli("cli.plan.coverage_from_help"), valueName: "source"))
        var coverageFrom: PatrolCoverage.History?
        @Option(help: ArgumentHelp(cli("cli.plan.history_days_help"), valueName: "days"))
        var historyDays = 14
        @Option(
            help: ArgumentHelp(cli("cli.plan.seed_same_seed_data"), valueName: "n"))
        var seed: UInt64 = 1
        @Option(
            help: ArgumentHelp(
                cli("cli.plan.planner_steps_1_1000000"), valueName: "n"))
        var iterations: Int?
        @Option(help: ArgumentHelp(cli("cli.plan.plan_most_many_targets"), valueName: "n"))
        var maxTargets = 200
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (0.5...24).contains(hours) else {
                throw ValidationError(
                    cli(
                        "cli.range.between",
                        ["option": "--hours", "low": "0.5", "high": "24", "value": "\(hours)"]))
            }
            guard (1...366).contains(nights) else {
                throw ValidationError(
                    cli(
                        "cli.range.between",
                        ["option": "--nights", "low": "1", "high": "366", "value": "\(nights)"]))
            }
            try OptionRange.check("--history-days", historyDays, 1...366)
            if coverageFrom != nil && nights < 2 {
                throw ValidationError(cli("cli.plan.coverage_needs_nights"))
            }
            guard (0...600).contains(dwell) else {
                throw ValidationError(cli("cli.valid.dwell", ["value": "\(dwell)"]))
            }
            guard (1...2000).contains(maxTargets) else {
                throw ValidationError(cli("cli.valid.max_targets"))
            }
            if let iterations { try OptionRange.check("--iterations", iterations, 1...1_000_000) }
            if rendezvous != nil && joint {
                throw ValidationError(cli("cli.valid.rendezvous_or_joint"))
            }
        }

        func run() throws {
            try output.checkDestinations()
            let offset = try zone.offsetMinutes()
            let startTime: Timestamp
            do { startTime = try CommandLineTime.parse(start, offsetMinutes: offset) } catch {
                throw ValidationError("--start: " + Failure.words(for: error))
            }
            var request = PatrolPlanner.Request(start: startTime, hours: hours)
            request.boats = (boats ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            request.hotspotRun = hotspots
            request.useHotspots = !noHotspots
            request.dwell = dwell * 60
            request.coordinated = coordinated
            request.rendezvous = rendezvous
            request.joint = joint
            request.nights = nights
            request.coverageHistory = coverageFrom
            request.historyDays = historyDays
            request.seed = seed
            request.iterations = iterations
            request.maxTargets = maxTargets
            request.command = (["selat"] + CommandLine.arguments.dropFirst()).map {
                $0.contains(" ") ? "\"\($0)\"" : $0
            }.joined(separator: " ")
            let routing = try routingOptions.routing()
            let plan: PatrolPlan
            do {
                request.targets = try targets.map { text throws(KitError) in
                    try PatrolTargets.Spec(parsing: text)
                }
                plan = try PatrolPlanner(routing: routing, database: try database.open()).plan(
                    request
                ) { message in
                    Terminal.note(cli(message))
                }
            } catch let error as KitError {
                throw Failure(error)
            }
            try output.emit(plan, offset: offset, geoData: routing.geoData)
            if output.out != nil || output.format != .table {
                FileHandle.standardError.write(
                    Data(
                        "Stored as plan \(plan.id ?? 0); show it again with: selat plan show \(plan.id ?? 0)\n"
                            .utf8))
            } else {
                print(cli("cli.plan.stored", ["plan": "\(plan.id ?? 0)"]))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.plan.stored_plans_newest_first"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            let offset = try zone.offsetMinutes()
            let plans = try attempt { try database.openForReading().plans() }
            guard !plans.isEmpty else {
                print(cli("cli.plan.no_plans"))
                return
            }
            var rows: [[String]] = [
                [
                    cli("cli.column.plan"), cli("cli.column.window_starts"),
                    cli("cli.column.nights"), cli("cli.column.seed"), cli("cli.column.command"),
                ]
            ]
            for p in plans {
                let start = String(p.windowStart.iso8601(offsetMinutes: offset).prefix(16))
                rows.append([
                    String(p.id), start, String(p.nights), String(p.seed),
                    String(p.command.prefix(80)),
                ])
            }
            print(TextTable.render(rows), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.plan.re_issue_stored_plan"),
            discussion: cli("cli.plan.example_selat_plan_show"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.plan.plan_s_number_see"), valueName: "id"))
        var id: Int64
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.checkDestinations()
            let plan = try attempt { try database.openForReading().plan(id: id) }
            try output.emit(
                plan, offset: try zone.offsetMinutes(), database: try database.openForReading())
        }
    }
}
