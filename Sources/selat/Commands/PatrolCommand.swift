import ArgumentParser
import Foundation
import SelatFormats
import SelatGeo
import SelatKit
import SelatWords

extension PatrolReportRenderer.Format: ExpressibleByArgument {}

extension TrackSource: ExpressibleByArgument {
    public init?(argument: String) {
        guard let s = TrackSource(rawValue: argument.lowercased()), s != .phone else { return nil }
        self = s
    }
    public static var allValueStrings: [String] { ["gpx", "nmea"] }
}

/// `selat patrol`: a boat's patrol as it happens (start, pause, resume, end), its track, and
/// the plan held against what was done.
struct PatrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patrol",
        abstract: cli("cli.patrol.abstract"),
        discussion: cli("cli.patrol.discussion"),
        subcommands: [
            Start.self, Step.Pause.self, Step.Resume.self, Step.End.self, List.self, Show.self,
            Track.self, Coverage.self,
        ])

    /// `--at` and `--position`: when and where a step was taken (now, and no position, unless told).
    struct StepOptions: ParsableArguments {
        @OptionGroup var zone: TimeZoneOption
        @Option(help: ArgumentHelp(cli("cli.patrol.at_help"), valueName: "time"))
        var at: String?
        @Option(help: ArgumentHelp(cli("cli.patrol.position_help"), valueName: "lat,lon"))
        var position: String?

        func time() throws -> Timestamp {
            guard let at else { return Timestamp(Date()) }
            do {
                return try CommandLineTime.parse(at, offsetMinutes: try zone.offsetMinutes())
            } catch {
                throw ValidationError(cli("cli.patrol.bad_at", ["value": at]))
            }
        }

        func coordinate() throws -> Coordinate? {
            guard let position else { return nil }
            do { return try Coordinate(parsing: position) } catch {
                throw Failure(error)
            }
        }
    }

    static func log(_ database: DatabaseOptions, geo: Bool = false) throws -> PatrolLog {
        PatrolLog(database: try database.open(), geoData: geo ? try bundledGeoData() : nil)
    }

    static func printStep(_ patrol: Patrol, _ key: String) {
        print(
            cli(
                key,
                [
                    "id": "\(patrol.id)", "boat": patrol.boat,
                    "state": PatrolLogError.word(patrol.state, Words(CommandLanguage.current)),
                ]))
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start", abstract: cli("cli.patrol.start_abstract"))
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp(cli("cli.patrol.boat_help"), valueName: "callsign"))
        var boat: String
        @Option(help: ArgumentHelp(cli("cli.patrol.plan_help"), valueName: "id"))
        var plan: Int64?
        @Option(help: ArgumentHelp(cli("cli.patrol.night_help"), valueName: "n"))
        var night: Int?
        @Option(help: ArgumentHelp(cli("cli.patrol.crew_help"), valueName: "names"))
        var crew: String?
        @OptionGroup var step: StepOptions

        func validate() throws {
            if let night { try OptionRange.check("--night", night, 1...366) }
            if night != nil, plan == nil {
                throw ValidationError(cli("cli.patrol.night_needs_plan"))
            }
        }

        func run() throws {
            let log = try PatrolCommand.log(database)
            let time = try step.time()
            let position = try step.coordinate()
            let patrol = try attempt {
                try log.start(
                    boat: boat, planID: plan, night: night, crew: crew, user: CommandLineUser.name,
                    at: time, position: position)
            }
            // The number alone on the first line, for scripts: `id=$(selat patrol start … | head -1)`.
            print(patrol.id)
            PatrolCommand.printStep(patrol, "cli.patrol.started")
            if let planID = patrol.planID {
                print(
                    cli(
                        "cli.patrol.sailing_plan",
                        ["plan": "\(planID)", "night": "\(patrol.night ?? 0)"]))
            }
        }
    }

    enum Step {
        static func run(
            _ kind: PatrolEvent.Kind, _ id: Int64, _ database: DatabaseOptions,
            _ step: StepOptions, _ key: String
        ) throws {
            let log = try PatrolCommand.log(database)
            let time = try step.time()
            let position = try step.coordinate()
            let patrol = try attempt {
                try log.step(
                    kind, patrol: id, user: CommandLineUser.name, at: time, position: position)
            }
            PatrolCommand.printStep(patrol, key)
        }

        struct Pause: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "pause", abstract: cli("cli.patrol.pause_abstract"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.patrol.id_help"), valueName: "id")) var id: Int64
            @OptionGroup var step: StepOptions
            func run() throws { try Step.run(.pause, id, database, step, "cli.patrol.paused") }
        }

        struct Resume: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "resume", abstract: cli("cli.patrol.resume_abstract"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.patrol.id_help"), valueName: "id")) var id: Int64
            @OptionGroup var step: StepOptions
            func run() throws { try Step.run(.resume, id, database, step, "cli.patrol.resumed") }
        }

        struct End: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "end", abstract: cli("cli.patrol.end_abstract"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.patrol.id_help"), valueName: "id")) var id: Int64
            @OptionGroup var step: StepOptions
            func run() throws {
                try Step.run(.end, id, database, step, "cli.patrol.ended")
                print(cli("cli.patrol.next_show", ["id": "\(id)"]))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: cli("cli.patrol.list_abstract"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @Flag(help: ArgumentHelp(cli("cli.patrol.out_help"))) var out = false

        func run() throws {
            let db = try database.openForReading()
            let offset = try zone.offsetMinutes()
            let log = PatrolLog(database: db, geoData: nil)
            let patrols = try attempt { try log.list(states: out ? [.running, .paused] : []) }
            guard !patrols.isEmpty else {
                print(cli(out ? "cli.patrol.none_out" : "cli.patrol.none"))
                return
            }
            let words = Words(CommandLanguage.current)
            let renderer = PatrolReportRenderer(words: words, offsetMinutes: offset)
            print(cli("cli.patrol.list_head"))
            for p in patrols {
                let plan = p.planID.map { "\($0)/\(p.night ?? 0)" } ?? "–"
                let end = p.endedAt.map { renderer.time($0) } ?? "–"
                print(
                    [
                        String(p.id).padding(toLength: 6, withPad: " ", startingAt: 0),
                        p.boat.padding(toLength: 12, withPad: " ", startingAt: 0),
                        PatrolLogError.word(p.state, words).padding(
                            toLength: 10, withPad: " ", startingAt: 0),
                        plan.padding(toLength: 8, withPad: " ", startingAt: 0),
                        renderer.time(p.startedAt).padding(
                            toLength: 22, withPad: " ", startingAt: 0),
                        end,
                    ].joined(separator: " "))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: cli("cli.patrol.show_abstract"),
            discussion: cli("cli.patrol.show_discussion"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @Argument(help: ArgumentHelp(cli("cli.patrol.id_help"), valueName: "id")) var id: Int64
        @Option(help: ArgumentHelp(cli("cli.patrol.format_help"), valueName: "format"))
        var format: PatrolReportRenderer.Format = .table
        @Option(help: ArgumentHelp(cli("cli.patrol.within_help"), valueName: "nm"))
        var within: Double = 0.5
        @Option(help: ArgumentHelp(cli("cli.patrol.gap_help"), valueName: "minutes"))
        var gap: Double = 7
        @Option(help: ArgumentHelp(cli("cli.plan.write_file_instead_screen"), valueName: "file"))
        var out: String?
        @OptionGroup var force: ForceOption

        func validate() throws {
            try OptionRange.check("--within", within, 0.01...20)
            try OptionRange.check("--gap", gap, 1...240)
        }

        func run() throws {
            if let out {
                do { try Exporter.check(out, purpose: .report, force: force.force) } catch {
                    throw Failure(error)
                }
            }
            let log = PatrolLog(
                database: try database.openForReading(), geoData: try bundledGeoData())
            var options = PatrolReport.Options()
            options.visitRadius = .nauticalMiles(within)
            options.gapLimitMinutes = gap
            let report = try attempt { try log.report(id, options: options) }
            let text = PatrolReportRenderer(
                words: Words(CommandLanguage.current), offsetMinutes: try zone.offsetMinutes()
            ).render(report, as: format)
            guard let out else {
                print(text, terminator: "")
                return
            }
            do { try Exporter.write(text, to: out, purpose: .report, force: force.force) } catch {
                throw Failure(error)
            }
            print(cli("cli.patrol.wrote", ["file": out, "id": "\(id)", "format": format.rawValue]))
        }
    }

    struct Track: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "track", abstract: cli("cli.patrol.track_abstract"),
            subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: cli("cli.patrol.track_add_abstract"),
                discussion: cli("cli.patrol.track_add_discussion"))
            @OptionGroup var database: DatabaseOptions
            @Argument(help: ArgumentHelp(cli("cli.patrol.id_help"), valueName: "id")) var id: Int64
            @Argument(help: ArgumentHelp(cli("cli.patrol.file_help"), valueName: "file"))
            var file: String
            @Option(help: ArgumentHelp(cli("cli.patrol.track_format_help"), valueName: "format"))
            var format: TrackSource?
            @Flag(help: ArgumentHelp(cli("cli.patrol.strict_help"))) var strict = false
            @Option(
                help: ArgumentHelp(
                    cli("cli.sighting_import.how_many_problems_list"), valueName: "n"))
            var show: Int = 20

            func validate() throws { try OptionRange.check("--show", show, 0...1_000_000) }

            func run() throws {
                let log = try PatrolCommand.log(database, geo: true)
                let added = try attempt {
                    try log.addTrack(
                        patrol: id, path: file, format: format, strict: strict,
                        user: CommandLineUser.name)
                }
                let words = Words(CommandLanguage.current)
                print(
                    cli(
                        "cli.patrol.track_added",
                        [
                            "count": "\(added.fixes.count)", "file": file, "id": "\(id)",
                            "format": added.format.rawValue,
                        ]))
                if added.flagged > 0 {
                    let byFlag = Dictionary(grouping: added.fixes.compactMap(\.flag)) { $0 }
                    print(
                        cli(
                            "cli.patrol.track_flagged",
                            [
                                "count": "\(added.flagged)",
                                "land": "\(byFlag[.onLand]?.count ?? 0)",
                                "fast": "\(byFlag[.tooFast]?.count ?? 0)",
                                "order": "\(byFlag[.outOfOrder]?.count ?? 0)",
                            ]))
                }
                if !added.problems.isEmpty {
                    Terminal.note(
                        cli("cli.patrol.track_refused", ["count": "\(added.problems.count)"]))
                    for p in added.problems.prefix(show) {
                        Terminal.note("  " + PatrolLogError.words(p, .commandLine))
                    }
                    if added.problems.count > show {
                        Terminal.note(
                            cli(
                                "cli.patrol.track_more", ["count": "\(added.problems.count - show)"]
                            ))
                    }
                }
                if added.otherItems > 0 {
                    print(cli("cli.patrol.track_other", ["count": "\(added.otherItems)"]))
                }
            }
        }
    }

    struct Coverage: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, geojson
        }

        static let configuration = CommandConfiguration(
            commandName: "coverage", abstract: cli("cli.patrol.coverage_abstract"),
            discussion: cli("cli.patrol.coverage_discussion"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @Option(help: ArgumentHelp(cli("cli.patrol.coverage_from_help"), valueName: "date"))
        var from: String?
        @Option(help: ArgumentHelp(cli("cli.patrol.coverage_to_help"), valueName: "date"))
        var to: String?
        @Option(
            name: .customLong("run"),
            help: ArgumentHelp(cli("cli.patrol.coverage_run_help"), valueName: "run"))
        var hotspotRun: Int64?
        @Option(help: ArgumentHelp(cli("cli.patrol.within_help"), valueName: "nm"))
        var within: Double = 0.5
        @Option(help: ArgumentHelp(cli("cli.patrol.coverage_format_help"), valueName: "format"))
        var format: Format = .table
        @Option(help: ArgumentHelp(cli("cli.plan.write_file_instead_screen"), valueName: "file"))
        var out: String?
        @OptionGroup var force: ForceOption

        func validate() throws { try OptionRange.check("--within", within, 0.01...20) }

        func run() throws {
            if let out {
                do { try Exporter.check(out, purpose: .report, force: force.force) } catch {
                    throw Failure(error)
                }
            }
            let offset = try zone.offsetMinutes()
            func time(_ text: String?, _ name: String, _ fallback: Timestamp) throws -> Timestamp {
                guard let text else { return fallback }
                do { return try CommandLineTime.parse(text, offsetMinutes: offset) } catch {
                    throw ValidationError(
                        cli("cli.patrol.bad_date", ["option": name, "value": text]))
                }
            }
            let now = Timestamp(Date())
            let end = try time(to, "--to", now)
            let start = try time(
                from, "--from",
                Timestamp(millisecondsSince1970: end.millisecondsSince1970 - 30 * 86_400_000))
            guard start < end else {
                throw ValidationError(cli("cli.patrol.period_backwards"))
            }
            var coverage = PatrolCoverage(
                database: try database.openForReading(), geoData: try bundledGeoData())
            coverage.visitRadius = .nauticalMiles(within)
            let chosen = hotspotRun
            let (runID, places) = try attempt { try coverage.hotPlaces(run: chosen) }
            let report = try attempt {
                try coverage.count(places, in: start..<end, source: "hotspot run \(runID)")
            }
            let text: String
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            case .geojson:
                text = Self.geojson(report)
            case .table:
                text = Self.table(report, offset: offset)
            }
            guard let out else {
                print(text, terminator: "")
                return
            }
            do { try Exporter.write(text, to: out, purpose: .report, force: force.force) } catch {
                throw Failure(error)
            }
            print(cli("cli.patrol.coverage_wrote", ["file": out, "format": format.rawValue]))
        }

        static func table(_ r: PatrolCoverage.Report, offset: Int) -> String {
            let renderer = PatrolReportRenderer(
                words: Words(CommandLanguage.current), offsetMinutes: offset)
            var lines = [
                cli(
                    "cli.patrol.coverage_head",
                    [
                        "from": renderer.time(r.from), "to": renderer.time(r.to),
                        "source": r.source, "plans": "\(r.nightsWithPlans)",
                        "patrols": "\(r.patrols)", "nights": "\(r.nightsWithPatrols)",
                    ])
            ]
            lines.append(cli("cli.patrol.coverage_columns"))
            for row in r.places.sorted(by: { $0.weight > $1.weight }) {
                lines.append(
                    [
                        String(format: "%5d", row.nightsPlanned),
                        String(format: "%7d", row.nightsVisited),
                        String(format: "%9d", row.nightsVisitedUnplanned),
                        String(format: "%9.0f", row.weight), "  " + row.name,
                    ].joined(separator: " "))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func geojson(_ r: PatrolCoverage.Report) -> String {
            let features = r.places.compactMap { row -> String? in
                guard let c = try? Coordinate(latitude: row.latitude, longitude: row.longitude)
                else { return nil }
                var p = GeoJSONProperties()
                p.add("name", row.name)
                p.add("weight", row.weight, decimals: 1)
                p.add("nights_planned", row.nightsPlanned)
                p.add("nights_visited", row.nightsVisited)
                p.add("nights_visited_unplanned", row.nightsVisitedUnplanned)
                return GeoJSONFeature(point: c, properties: p).text
            }
            return #"{"type":"FeatureCollection","features":["#
                + features.joined(separator: ",\n") + "]}\n"
        }
    }
}
