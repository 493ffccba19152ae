import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `--db PATH`, shared by every command that reads or writes the log.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            cli("cli.database_options.database_file_created_if"),
            discussion: cli("cli.database_options.default_selat_db_else"),
            valueName: "path"))
    var db: String?

    /// The resolved path.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["SELAT_DB"], !env.isEmpty { return env }
        return "selat.sqlite"
    }

    /// Opens (creating/migrating) the database, for commands that write, or exits with the reason.
    func open() throws -> SelatDatabase {
        do {
            return try SelatDatabase(path: path)
        } catch {
            throw Failure(Failure.words(for: error) + cli("cli.db.give_another"))
        }
    }

    /// Opens an existing database read-only, for commands that only read: a mistyped path is
    /// refused (never turned into a new, empty log), and a read-only file or mount works.
    func openForReading() throws -> SelatDatabase {
        do {
            return try SelatDatabase(path: path, access: .readOnly)
        } catch .noDatabase(let missing) {
            throw Failure(cli("cli.db.missing", ["path": missing]))
        } catch {
            throw Failure(Failure.words(for: error) + cli("cli.db.give_another"))
        }
    }
}

/// `--force`, for commands that write files.
struct ForceOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            cli("cli.database_options.replace_existing_output_files"),
            discussion:
                cli("cli.database_options.without_existing_file_replaced")
        ))
    var force = false
}

/// `--timezone`, for reading times without an offset and showing times.
struct TimeZoneOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            cli("cli.database_options.time_zone_times_written"),
            discussion: cli("cli.database_options.wib_utc_7_default"),
            valueName: "zone"))
    var timezone: String = "WIB"

    func offsetMinutes() throws -> Int {
        do { return try Timestamp.parseOffset(timezone) } catch {
            throw ValidationError(Failure.words(for: error))
        }
    }
}

/// `--allow-outside`, for sightings: positions outside the study region kept and flagged.
struct OutsideOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            cli("cli.database_options.accept_positions_outside_study")
        ))
    var allowOutside = false
}

/// `--allow-land`, and the plausibility check it configures.
struct LandOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            cli("cli.database_options.accept_positions_land_beached")))
    var allowLand = false

    /// The check, with the database's own study region if it has one.
    func check(database: SelatDatabase? = nil, allowOutside: Bool = false) throws -> LandCheck {
        do {
            let coastline = try GeoData.bundled().coastline
            let region = try database?.studyRegion()
            var check = LandCheck(
                coastline: coastline, allowLand: allowLand, allowOutside: allowOutside,
                region: region)
            check.names = .commandLine
            return check
        } catch {
            throw Failure(error)
        }
    }
}

/// The GeoData that ships with Selat, or a failure saying the installation is incomplete.
func bundledGeoData() throws -> GeoData {
    do { return try GeoData.bundled() } catch { throw Failure(error) }
}

/// Times typed on the command line: ISO 8601, or `now` (this computer's clock, written in the
/// zone given with --timezone). Files never accept `now`: a file's time must be the one recorded.
enum CommandLineTime {
    /// `text` with `now` replaced by the current time as ISO 8601 at `offsetMinutes`.
    static func resolve(_ text: String, offsetMinutes: Int) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased() == "now"
            ? Timestamp(Date()).iso8601(offsetMinutes: offsetMinutes) : text
    }

    static func parse(_ text: String, offsetMinutes: Int) throws(GeoError) -> Timestamp {
        try Timestamp.parse(
            resolve(text, offsetMinutes: offsetMinutes), defaultOffsetMinutes: offsetMinutes
        ).timestamp
    }
}
