import ArgumentParser
import Foundation
import SelatKit

/// `selat sync`: exchange sightings with the centre's `selat serve`.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: cli("cli.sync.abstract"),
        discussion: cli("cli.sync.discussion"),
        subcommands: [Run.self, Status.self], defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: cli("cli.sync.run_abstract"))
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp(cli("cli.sync.server_help"), valueName: "url"))
        var server: String
        @Option(help: ArgumentHelp(cli("cli.sync.token_help"), valueName: "token"))
        var token: String?
        @Option(help: ArgumentHelp(cli("cli.sync.name_help"), valueName: "name"))
        var name: String?
        @Option(help: ArgumentHelp(cli("cli.sync.every_help"), valueName: "interval"))
        var every: String?
        @Option(help: ArgumentHelp(cli("cli.sync.batch_help"), valueName: "n"))
        var batch: Int = SyncCentre.batchLimit

        func validate() throws {
            try OptionRange.check("--batch", batch, 1...SyncCentre.batchLimit)
            if let every, Self.seconds(every) == nil {
                throw ValidationError(cli("cli.sync.bad_every", ["value": every]))
            }
        }

        /// `30s`, `5m`, `2h`: at least 10 seconds, at most a day.
        static func seconds(_ text: String) -> Int? {
            let t = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard let unit = t.last, let n = Int(t.dropLast()), n > 0 else { return nil }
            let s: Int? =
                switch unit {
                case "s": n
                case "m": n * 60
                case "h": n * 3600
                default: nil
                }
            guard let s, (10...86_400).contains(s) else { return nil }
            return s
        }

        func run() throws {
            let given = token ?? ProcessInfo.processInfo.environment["SELAT_SYNC_TOKEN"]
            guard let given, !given.isEmpty else {
                throw ValidationError(cli("cli.sync.no_token"))
            }
            let db = try database.open()
            var transport = try attempt { try HTTPSyncTransport(server: server, token: given) }
            transport.language = CommandLanguage.current.rawValue
            let stationName: String = try attempt {
                if let name {
                    try db.setSetting("station_name", name)
                    return name
                }
                return try db.setting("station_name") ?? ProcessInfo.processInfo.hostName
            }
            var sync = StationSync(
                database: db, transport: transport, server: transport.server.absoluteString,
                name: stationName)
            sync.batchSize = batch
            guard let every, let interval = Self.seconds(every) else {
                try once(sync)
                return
            }
            Terminal.note(cli("cli.sync.looping", ["every": every, "server": sync.server]))
            while true {
                do { try once(sync) } catch let failure as Failure {
                    // At sea the link comes and goes: say so, and try again at the next round.
                    Terminal.note(failure.description)
                }
                Thread.sleep(forTimeInterval: TimeInterval(interval))
            }
        }

        private func once(_ sync: StationSync) throws {
            let report: StationSync.Report
            do {
                report = try sync.run { step in
                    switch step {
                    case .pushed(let sent, let through):
                        Terminal.note(
                            cli(
                                "cli.sync.progress_push",
                                ["sent": "\(sent)", "through": "\(through)"]))
                    case .pulled(let received, let through):
                        Terminal.note(
                            cli(
                                "cli.sync.progress_pull",
                                ["received": "\(received)", "through": "\(through)"]))
                    }
                }
            } catch { throw Failure(error) }
            print(
                cli(
                    "cli.sync.done",
                    [
                        "server": sync.server, "sent": "\(report.sent)",
                        "added": "\(report.added)", "there": "\(report.alreadyThere)",
                        "conflicts_pushed": "\(report.conflictsPushed)",
                        "received": "\(report.received)", "stored": "\(report.stored)",
                        "here": "\(report.alreadyHere)",
                        "conflicts_pulled": "\(report.conflictsPulled)",
                        "through": "\(report.pushedThrough)",
                        "pulled": "\(report.pulledThrough)",
                    ]))
            if report.heldBack > 0 {
                print(cli("cli.sync.held_back", ["count": "\(report.heldBack)"]))
            }
            if report.conflictsPushed + report.conflictsPulled > 0 {
                print(cli("cli.sync.conflicts_kept"))
            }
        }
    }

    /// `selat sync status` at the centre: each station that sends its log here, how far, and the
    /// records kept as conflicts.
    static func centre(
        _ db: SelatDatabase, _ stations: [(id: String, name: String)], offset: Int
    ) throws {
        print(cli("cli.sync.stations_heading", ["count": "\(stations.count)"]))
        var rows = [
            [
                cli("cli.sync.column_station"), cli("cli.sync.column_id"),
                cli("cli.sync.column_held"), cli("cli.sync.column_conflicts"),
            ]
        ]
        var kept: [(String, SyncLink)] = []
        for s in stations {
            let head = try attempt { try db.syncHead(station: s.id) }
            let conflicts = try attempt { try db.syncConflictLinks(station: s.id) }
            kept += conflicts.map { (s.name, $0) }
            rows.append([s.name, s.id, "#\(head?.sequence ?? 0)", "\(conflicts.count)"])
        }
        print(TextTable.render(rows), terminator: "")
        for (name, link) in kept {
            print(
                cli(
                    "cli.sync.conflict_kept",
                    [
                        "id": link.sightingID, "station": name, "sequence": "\(link.sequence)",
                        "theirs": link.record ?? "",
                    ]))
        }
    }

    /// `selat sync status`: each centre this log syncs with, and the conflicts met.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: cli("cli.sync.status_abstract"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            let db = try database.openForReading()
            let offset = try zone.offsetMinutes()
            let peers = try attempt { try db.syncPeers() }
            let conflicts = try attempt { try db.syncConflicts() }
            let station = try attempt { try db.setting("station_id") }
            let stations = try attempt { try db.syncStations() }
            if !stations.isEmpty { try centre(db, stations, offset: offset) }
            guard !peers.isEmpty else {
                if stations.isEmpty { print(cli("cli.sync.never")) }
                return
            }
            print(cli("cli.sync.station", ["station": station ?? "-"]))
            let rows =
                [
                    [
                        cli("cli.column.server"), cli("cli.sync.column_pushed"),
                        cli("cli.sync.column_pulled"), cli("cli.sync.column_last"),
                    ]
                ]
                + peers.map {
                    [
                        $0.server, "#\($0.pushedSequence)", "#\($0.pulledSequence)",
                        $0.lastAt.map { $0.iso8601(offsetMinutes: offset) } ?? "-",
                    ]
                }
            print(TextTable.render(rows), terminator: "")
            guard !conflicts.isEmpty else { return }
            print(cli("cli.sync.conflicts_heading", ["count": "\(conflicts.count)"]))
            for c in conflicts {
                print(
                    cli(
                        c.direction == .push ? "cli.sync.conflict_push" : "cli.sync.conflict_pull",
                        [
                            "id": c.sightingID, "server": c.server,
                            "at": c.at.iso8601(offsetMinutes: offset), "theirs": c.theirs,
                        ]))
            }
        }
    }
}
