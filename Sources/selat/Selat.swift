import ArgumentParser
import Foundation

@main
struct Selat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selat",
        abstract: cli("cli.selat.log_boat_sightings_search"),
        discussion: cli("cli.selat.database_single_file_db"),
        version: "0.1.0",
        subcommands: [
            SightingCommand.self, WaypointCommand.self, RouteCommand.self, FleetCommand.self,
            WhereCommand.self, PlacesCommand.self, RegionCommand.self,
            HotspotsCommand.self, PlanCommand.self, ExportCommand.self, MapCommand.self,
            ReportCommand.self, VerifyCommand.self, BackupCommand.self, EvidenceCommand.self,
            DemoCommand.self, ServeCommand.self, UserCommand.self, AuditCommand.self,
            DatabaseCommand.self, SyncCommand.self, PatrolCommand.self,
        ])

    /// Runs the command. A bad option (unknown, missing, or a value out of its documented range)
    /// exits with status 2, as the README says, with the message and the usage line.
    static func main() {
        let (arguments, problem) = CommandLanguage.take(
            from: Array(CommandLine.arguments.dropFirst()),
            environment: ProcessInfo.processInfo.environment)
        if let problem {
            FileHandle.standardError.write(Data(("Error: " + problem + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // Errors from below the command line are worded here, with its option names.
            let error = Failure.isSelatError(error) ? Failure(error) : error
            let code = exitCode(for: error)
            let message = ParserWords.wrapped(
                ParserWords.translate(fullMessage(for: error), to: CommandLanguage.current),
                width: ParserWords.width)
            if code == .success {
                // --help, `selat help …`, --version: the answer, on standard output.
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            // A bad option (ArgumentParser's validation) exits with 2, as the README says.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
