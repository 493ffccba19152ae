import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Joint patrol plans: routes for each boat aimed at the hotspots, on sea routes, stored to re-issue.",
        subcommands: [Make.self, List.self, Show.self], defaultSubcommand: Make.self)

    /// Where a plan goes: the screen or a file, and briefings into a folder.
    struct OutputOptions: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "table, or geojson, gpx (one route per boat, for chartplotters) or kml.",
                valueName: "format"))
        var format: PatrolPlanRenderer.Format = .table
        @Option(help: ArgumentHelp("Write to this file instead of the screen.", valueName: "file"))
        var out: String?
        @Option(
            help: ArgumentHelp(
                "Also write a printable briefing per boat (Markdown, HTML, SVG map) into this folder.",
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
        func emit(_ plan: PatrolPlan, offset: Int, geoData: GeoData? = nil) throws {
            let text = PatrolPlanRenderer(plan: plan, offsetMinutes: offset).render(
                format, names: .commandLine)
            if let out {
                do { try Exporter.write(text, to: out, purpose: .plan, force: force.force) } catch {
                    throw Failure(error)
                }
                print("Wrote \(out) (plan \(plan.id ?? 0), \(format.rawValue)).")
            } else {
                print(text, terminator: "")
            }
            if let briefings {
                let geo = try geoData ?? bundledGeoData()
                do {
                    let files = try PatrolBriefing(
                        plan: plan, coastline: geo.coastline, offsetMinutes: offset,
                        language: CommandLanguage.current
                    )
                    .write(to: URL(fileURLWithPath: briefings), force: force.force)
                    print(
                        "Wrote \(files.count / 3) briefings into \(briefings)/ (open the .html files in a browser, or print them)."
                    )
                } catch { throw Failure(error) }
            }
        }
    }

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract:
                "Plan a night's joint patrol (the default: `selat plan --start … --hours …`).",
            discussion: """
                Examples:
                  selat plan --start 2026-11-22T20:00 --hours 8
                  selat plan --start 2026-11-22T20:00 --hours 8 --boats DEMO-POL-1,DEMO-TNI-2 --joint --briefings briefings
                  selat plan --start 2026-11-22T20:00 --hours 6 --target "Nongsapura=8/30m" --rendezvous "1.21 104.12@2026-11-22T22:30"
                  selat plan --start 2026-11-22T20:00 --hours 8 --nights 7 --seed 12 --format gpx --out week.gpx
                Targets are the hot cells of the latest hotspot run (`selat hotspots`; risk = sightings there, weighted \
                by the hour they happen) plus any --target PLACE[=PRIORITY 1-10][/DWELL]. Each target is visited by at \
                most one boat; boats stay in Indonesian waters unless --coordinated (boats added with --waters \
                coordinated). --nights N draws N nights from a Stackelberg coverage strategy so the pattern cannot be \
                learnt; the same --seed gives the same nights. The plan is stored: `selat plan list`, `selat plan show ID`.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var routingOptions: SeaRoutingOptions
        @Option(
            help: ArgumentHelp(
                "Start of the patrol window, e.g. 2026-11-22T20:00 (WIB unless an offset is given).",
                valueName: "time"))
        var start: String
        @Option(help: ArgumentHelp("Length of the window in hours (0.5-24).", valueName: "hours"))
        var hours: Double = 8
        @Option(
            help: ArgumentHelp(
                "Boats to plan, by call sign, comma-separated (default: the whole fleet).",
                valueName: "callsigns"))
        var boats: String?
        @Option(
            help: ArgumentHelp(
                "Take hot spots from this stored hotspot run (default: the latest gistar, emerging or dbscan run).",
                valueName: "id"))
        var hotspots: Int64?
        @Flag(help: "Use no hotspot run: only the --target places.") var noHotspots = false
        @Option(
            name: .customLong("target"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp(
                "A place to cover: waypoint, port or position, with =PRIORITY (1-10) and /DWELL (repeatable).",
                valueName: "place[=p][/dwell]"))
        var targets: [String] = []
        @Option(
            help: ArgumentHelp(
                "Time spent at each target unless its --target says otherwise.",
                valueName: "minutes")) var dwell: Double = 15
        @Flag(
            help:
                "A coordinated patrol: boats allowed to (waters = coordinated) may enter the neighbours' waters."
        ) var coordinated = false
        @Option(
            help: ArgumentHelp(
                "All boats chosen meet at PLACE at TIME, e.g. \"1.21 104.12@2026-11-22T23:00\".",
                valueName: "place@time"))
        var rendezvous: String?
        @Flag(help: "Let the planner choose where and when two boats of different agencies meet.")
        var joint = false
        @Option(
            help: ArgumentHelp(
                "Plan this many nights, unpredictable from one to the next.", valueName: "n"))
        var nights = 1
        @Option(
            help: ArgumentHelp("Seed: the same seed and data give the same plan.", valueName: "n"))
        var seed: UInt64 = 1
        @Option(
            help: ArgumentHelp(
                "Planner steps, 1 to 1000000 (more is slower and rarely better).", valueName: "n"))
        var iterations: Int?
        @Option(help: ArgumentHelp("Plan at most this many targets, the riskiest.", valueName: "n"))
        var maxTargets = 200
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (0.5...24).contains(hours) else {
                throw ValidationError("--hours must be between 0.5 and 24, not \(hours)")
            }
            guard (1...366).contains(nights) else {
                throw ValidationError("--nights must be between 1 and 366, not \(nights)")
            }
            guard (0...600).contains(dwell) else {
                throw ValidationError("--dwell is minutes at each target, 0-600, not \(dwell)")
            }
            guard (1...2000).contains(maxTargets) else {
                throw ValidationError("--max-targets must be 1-2000")
            }
            if let iterations { try OptionRange.check("--iterations", iterations, 1...1_000_000) }
            if rendezvous != nil && joint {
                throw ValidationError("give either --rendezvous PLACE@TIME or --joint, not both")
            }
        }

        func run() throws {
            try output.checkDestinations()
            let offset = try zone.offsetMinutes()
            let startTime: Timestamp
            do { startTime = try CommandLineTime.parse(start, offsetMinutes: offset) } catch {
                throw ValidationError("--start: \(error.description)")
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
                    FileHandle.standardError.write(Data((message + "\n").utf8))
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
                print(
                    "Stored as plan \(plan.id ?? 0); export it with: selat plan show \(plan.id ?? 0) --format gpx --out plan.gpx"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stored plans, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            let offset = try zone.offsetMinutes()
            let plans = try attempt { try database.openForReading().plans() }
            guard !plans.isEmpty else {
                print("No plans yet. Make one with: selat plan --start 2026-11-22T20:00 --hours 8")
                return
            }
            var rows: [[String]] = [["Plan", "Window starts", "Nights", "Seed", "Command"]]
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
            abstract: "Re-issue a stored plan: the table, an export, or briefings.",
            discussion: "Example: selat plan show 3 --format gpx --out plan3.gpx --briefings plan3")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The plan's number (see: selat plan list).", valueName: "id"))
        var id: Int64
        @OptionGroup var zone: TimeZoneOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.checkDestinations()
            let plan = try attempt { try database.openForReading().plan(id: id) }
            try output.emit(plan, offset: try zone.offsetMinutes())
        }
    }
}
