import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat report`: an analyst's summary for a period, as Markdown and HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            cli("cli.report.summarise_period_counts_month"),
        discussion: cli("cli.report.writes_file_md_markdown"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var filters: SightingFilterOptions
    @Option(
        help: ArgumentHelp(
            cli("cli.report.where_write_file_md"),
            valueName: "file"))
    var out: String = "report"
    @Option(help: ArgumentHelp(cli("cli.report.title_report"), valueName: "text")) var title:
        String?
    @Option(help: ArgumentHelp(cli("cli.report.how_many_hot_spots"), valueName: "n")) var top: Int =
        10
    @Flag(help: ArgumentHelp(cli("cli.report.leave_latest_patrol_plan"))) var noPlan = false
    @OptionGroup var force: ForceOption

    func validate() throws {
        guard (1...100).contains(top) else {
            throw ValidationError(
                cli(
                    "cli.range.whole",
                    ["option": "--top", "low": "1", "high": "100", "value": "\(top)"]))
        }
    }

    func run() throws {
        let offset = try zone.offsetMinutes()
        var request = AnalystReport.Request()
        try filters.apply(to: &request.query, offsetMinutes: offset)
        request.title = title
        request.top = top
        request.includePlan = !noPlan
        request.language = CommandLanguage.current
        var stem = out
        for ext in [".md", ".html", ".markdown"] where stem.lowercased().hasSuffix(ext) {
            stem = String(stem.dropLast(ext.count))
        }
        // The report stores the hot-spot runs it makes. A missing file is refused like any
        // reading command's; a read-only file or mount is reported on from a private copy.
        let existing = try database.openForReading()
        let db: SelatDatabase
        var temporaryCopy: String?
        defer {
            if let c = temporaryCopy {
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: c + s) }
            }
        }
        if FileManager.default.isWritableFile(atPath: existing.path) && existing.isOnWritableMount {
            db = try database.open()
        } else {
            let copy = NSTemporaryDirectory() + "selat-report-\(UUID().uuidString).sqlite"
            do {
                try existing.backup(to: copy)
                temporaryCopy = copy
                db = try SelatDatabase(path: copy)
            } catch { throw Failure(error) }
            Terminal.note(cli("cli.report.read_only", ["database": existing.path]))
        }
        let geo = try bundledGeoData()
        do {
            let svgPath = stem + "-map.svg"
            for path in [stem + ".md", stem + ".html", svgPath] {
                try Exporter.check(path, purpose: .report, force: force.force)
            }
            let report = try AnalystReport(database: db, geoData: geo, offsetMinutes: offset)
                .make(
                    request, mapFile: (svgPath as NSString).lastPathComponent,
                    spelling: .commandLine
                ) {
                    if Terminal.standardErrorIsTerminal { Terminal.note(cli($0)) }
                }
            try Exporter.write(
                report.markdown, to: stem + ".md", purpose: .report, force: force.force)
            try Exporter.write(
                report.html, to: stem + ".html", purpose: .report, force: force.force)
            try Exporter.write(
                MapSVG(report.map).text, to: svgPath, purpose: .report, force: force.force)
            print(
                cli(
                    "cli.report.done",
                    [
                        "count": "\(report.sightings)",
                        "runs": report.runs.map(String.init).joined(separator: ", "),
                    ]))
            print("  \(stem).md   " + cli("cli.report.markdown", ["map": svgPath]))
            print("  \(stem).html   " + cli("cli.report.html"))
        } catch { throw Failure(error) }
    }
}
