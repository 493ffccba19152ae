import ArgumentParser
import Foundation
import SelatKit

struct SightingImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import sightings from a CSV or GeoJSON file.",
        discussion: """
            CSV header (any order; only observed_at, lat, lon are required):
              id,observed_at,lat,lon,vessel_type,activity,persons_aboard,heading_deg,speed_kn,source,unit,confidence,notes
            GeoJSON: a FeatureCollection of Points with the same properties.

            Importing the same file again adds nothing. Rows that cannot be imported are listed and written, \
            unchanged, to FILE.rejects.csv with a reason column (GeoJSON: FILE.rejects.geojson, each feature \
            with a reason property): fix them there and import that file. A rejects file left by an earlier \
            run is replaced, or removed when no row is rejected. Ctrl-C stops after the batch being written \
            and says how many rows were kept; running the same command again adds exactly the rest.
            Exit status: 0 all rows imported or already present; 3 some rows rejected or in conflict; 1 failure; \
            130 interrupted.

            Example:  selat sighting import polairud-november.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption

    @Argument(
        help: ArgumentHelp("The file to import (.csv, .geojson or .json).", valueName: "file"))
    var file: String

    @Flag(help: "Import nothing if any row is bad.") var strict = false
    @Option(
        help: ArgumentHelp(
            "Read the file in this format (default: from the extension).", valueName: "format"))
    var format: SightingImporter.Format?
    @Option(
        help: ArgumentHelp(
            "Where to write rejected rows (default: FILE.rejects.csv).", valueName: "path"))
    var rejects: String?
    @Option(
        help: ArgumentHelp(
            "How many problems to list (all are in the rejects file).", valueName: "n"))
    var show: Int = 20
    @Option(
        help: ArgumentHelp(
            "Rows written per transaction: an interrupted import keeps every whole batch, and re-running it adds the rest.",
            valueName: "n"))
    var batchSize: Int = 50_000
    @OptionGroup var force: ForceOption

    func validate() throws {
        if !(1...1_000_000).contains(batchSize) {
            throw ValidationError("--batch-size must be from 1 to 1000000, not \(batchSize)")
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
