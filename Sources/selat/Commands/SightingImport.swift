import ArgumentParser
import Foundation
import SelatKit

struct SightingImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: cli("cli.sighting_import.import_sightings_csv_geojson"),
        discussion: cli("cli.sighting_import.csv_header_any_order"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption

    @Argument(
        help: ArgumentHelp(cli("cli.sighting_import.file_import_csv_geojson"), valueName: "file"))
    var file: String

    @Flag(help: ArgumentHelp(cli("cli.sighting_import.import_nothing_if_any"))) var strict = false
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_import.read_file_format_default"), valueName: "format"))
    var format: SightingImporter.Format?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_import.where_write_rejected_rows"), valueName: "path"))
    var rejects: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_import.how_many_problems_list"), valueName: "n"))
    var show: Int = 20
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_import.rows_written_per_transaction"),
            valueName: "n"))
    var batchSize: Int = 50_000
    @OptionGroup var force: ForceOption

    func validate() throws {
        if !(1...1_000_000).contains(batchSize) {
            throw ValidationError(
                cli(
                    "cli.range.whole",
                    [
                        "option": "--batch-size", "low": "1", "high": "1000000",
                        "value": "\(batchSize)",
                    ]))
        }
        try OptionRange.check("--show", show, 0...1_000_000)
    }

    func run() throws {
        let db = try database.open()
        var options = SightingImporter.Options()
        options.defaultOffsetMinutes = try zone.offsetMinutes()
        options.strict = strict
        options.format = format
        options.rejectsPath = rejects
        options.batchSize = batchSize
        options.force = force.force
        let interruption = Interruption()
        options.isCancelled = { interruption.isRequested }
        let landCheck = try land.check(database: db, allowOutside: outside.allowOutside)
        let report: ImportReport
        do {
            report = try SightingImporter(database: db, options: options, landCheck: landCheck)
                .importFile(file) { p in
                    Terminal.progress(p.fraction, "\(p.rowsRead) rows")
                }
        } catch {
            Terminal.endProgress()
            throw Failure(error)
        }
        Terminal.endProgress()
        print(ImportSummary.text(report, show: show, names: .commandLine), terminator: "")
        if let stop = report.stopped {
            if case .interrupted = stop.cause { throw ExitCode(130) }
            throw ExitCode.failure
        }
        if report.counts.rejected + report.counts.conflict > 0 { throw ExitCode(3) }
    }
}
