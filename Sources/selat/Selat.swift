import ArgumentParser
import Foundation

@main
struct Selat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selat",
        abstract: "Log boat sightings, search them, and plan patrols around the Riau Islands.",
        discussion: """
            The database is a single file: --db PATH, else $SELAT_DB, else ./selat.sqlite. It is created \
            on first use. Times are read as ISO 8601 (2026-11-20T21:40+07:00) or day first \
            (20-11-2026 21.40 WIB, 20 Nov 2026 21:40); a time without an offset \
            is taken as WIB (UTC+7) unless you say --timezone.

            Language: --lang id (Bahasa Indonesia) or --lang en with any command, else $SELAT_LANG, \
            else the locale (LANG=id_ID.UTF-8 is Indonesian).

            Start with:  selat demo        (a worked example in ./selat-demo)
            """,
        version: "0.1.0",
        subcommands: [
            SightingCommand.self, WaypointCommand.self, RouteCommand.self, FleetCommand.self,
            WhereCommand.self, PlacesCommand.self, RegionCommand.self,
            HotspotsCommand.self, PlanCommand.self, ExportCommand.self, MapCommand.self,
            ReportCommand.self, VerifyCommand.self, BackupCommand.self, EvidenceCommand.self,
            DemoCommand.self, ServeCommand.self, UserCommand.self, AuditCommand.self,
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
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            // Errors from below the command line are worded here, with its option names.
            exit(withError: Failure.isSelatError(error) ? Failure(error) : error)
        }
    }
}
