import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

struct HotspotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract:
            cli("cli.hotspots.find_where_sightings_cluster"),
        subcommands: [HotspotsRun.self, HotspotsShow.self, HotspotsList.self],
        defaultSubcommand: HotspotsRun.self)
}

struct HotspotsRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            cli("cli.hotspots.run_hotspot_analysis_default"),
        discussion: cli("cli.hotspots.methods_method_gistar_getis"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption

    @Option(help: ArgumentHelp(cli("cli.hotspots.method_see_above"), valueName: "method"))
    var method: HotspotMethod = .gistar
    @OptionGroup var filters: SightingFilterOptions
    @Flag(help: ArgumentHelp(cli("cli.hotspots.only_sightings_between_18"))) var night = false
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.hexagon_size_centre_centre"),
            valueName: "size"))
    var cell: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.gi_neighbours_every_cell"),
            valueName: "distance"))
    var band: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.gi_permutations_pseudo_p"),
            valueName: "n"))
    var permutations: Int = 0
    @Option(help: ArgumentHelp(cli("cli.hotspots.seed_permutations"), valueName: "n")) var seed:
        UInt64 = 1
    @Flag(name: .customLong("no-fdr"), help: ArgumentHelp(cli("cli.hotspots.do_not_apply_false")))
    var noFDR = false
    @Option(help: ArgumentHelp(cli("cli.hotspots.dbscan_radius_10m_5km"), valueName: "distance"))
    var eps: String?
    @Option(
        name: .customLong("min-points"),
        help: ArgumentHelp(
            cli("cli.hotspots.dbscan_sightings_within_eps"),
            valueName: "n"))
    var minPoints: Int?
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.kernel_radius_kde_2km"),
            valueName: "distance")) var bandwidth: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.kde_contour_levels_percent"),
            valueName: "list")) var levels: String?
    @Option(help: ArgumentHelp(cli("cli.hotspots.emerging_time_step_default"), valueName: "step"))
    var step: HotspotRequest.Step?
    @Option(
        name: .customLong("time-window"),
        help: ArgumentHelp(
            cli("cli.hotspots.emerging_earlier_steps_bin"), valueName: "n"
        ))
    var timeWindow: Int?
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.emerging_significance_bins_trends"),
            valueName: "p")) var alpha: Double?
    @Option(
        name: .customLong("study-area"),
        help: ArgumentHelp(cli("cli.hotspots.study_area"), valueName: "cells"))
    var studyArea: StudyExtent?
    @Flag(
        name: .customLong("significant-only"),
        help: ArgumentHelp(cli("cli.hotspots.export_only_significant_cells"))) var significantOnly =
        false
    @Option(
        help: ArgumentHelp(cli("cli.hotspots.rows_summary_table_1"), valueName: "n"))
    var top: Int = 10
    @Option(help: ArgumentHelp(cli("cli.hotspots.write_result_geojson_file"), valueName: "file"))
    var out: String?
    @OptionGroup var force: ForceOption
    @Option(
        help: ArgumentHelp(
            cli("cli.hotspots.table_json_run_data"),
            valueName: "format")) var format: HotspotsFormat = .table

    func validate() throws {
        let m = method
        func only(_ used: Bool, _ name: String, _ option: HotspotRequest.MethodOption) throws {
            if used && !option.applies(to: m) {
                throw ValidationError(
                    "\(name) is for --method \(option.methods.map(\.rawValue).joined(separator: " or ")), not \(m.rawValue)"
                )
            }
        }
        try only(band != nil, "--band", .band)
        try only(permutations != 0, "--permutations", .permutations)
        try only(noFDR, "--no-fdr", .fdr)
        try only(eps != nil, "--eps", .eps)
        try only(minPoints != nil, "--min-points", .minPoints)
        try only(bandwidth != nil, "--bandwidth", .bandwidth)
        try only(levels != nil, "--levels", .levels)
        try only(step != nil, "--step", .step)
        try only(timeWindow != nil, "--time-window", .timeWindow)
        try only(alpha != nil, "--alpha", .alpha)
        try only(significantOnly, "--significant-only", .significantOnly)
        try only(studyArea != nil, "--study-area", .studyArea)
        if permutations < 0 || permutations > 99_999 {
            throw ValidationError(cli("cli.valid.permutations"))
        }
        // Every numeric option in its documented range, before any work.
        try OptionRange.check("--top", top, 1...1000)
        if let cell {
            try OptionRange.distance(
                "--cell", cell, .metres(50) ... .kilometres(100), shown: "50 m to 100 km")
        }
        if let band {
            try OptionRange.distance(
                "--band", band, .metres(100) ... .kilometres(50), shown: "100 m to 50 km")
        }
        if let eps {
            try OptionRange.distance(
                "--eps", eps, .metres(10) ... .kilometres(5), shown: "10 m to 5 km")
        }
        if let bandwidth {
            try OptionRange.distance(
                "--bandwidth", bandwidth, .metres(100) ... .kilometres(50), shown: "100 m to 50 km")
        }
        if let minPoints { try OptionRange.check("--min-points", minPoints, 2...1000) }
        if let timeWindow { try OptionRange.check("--time-window", timeWindow, 1...12) }
        if let alpha { try OptionRange.check("--alpha", alpha, 0.001...0.2) }
        if let levels {
            let values = levels.split(separator: ",").map {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            guard (1...10).contains(values.count) else {
                throw ValidationError(cli("cli.valid.levels"))
            }
            for v in values {
                guard let v else {
                    throw ValidationError(
                        "--levels: give percentages such as 50,75,90, not \"\(levels)\"")
                }
                try OptionRange.check("--levels", v, 1...99, unit: "%")
            }
        }
    }

    func run() throws {
        let db = try database.open()
        let offset = try zone.offsetMinutes()
        var request = HotspotRequest()
        request.method = method
        try filters.apply(to: &request.query, offsetMinutes: offset)
        do throws(GeoError) {
            if let cell { request.cell = try Distance(parsing: cell) }
            if let band { request.band = try Distance(parsing: band) }
            if let eps { request.eps = try Distance(parsing: eps) }
            if let bandwidth { request.bandwidth = try Distance(parsing: bandwidth) }
        } catch {
            throw ValidationError(error.description)
        }
        if let levels {
            request.levels = try levels.split(separator: ",").map { text in
                guard let v = Double(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError(
                        "--levels: \"\(text)\" is not a number; give percentages such as 50,75,90")
                }
                return v
            }
        }
        request.nightOnly = night
        request.permutations = permutations
        request.seed = seed
        request.fdr = !noFDR
        if let minPoints { request.minPoints = minPoints }
        if let step { request.step = step }
        if let timeWindow { request.timeWindow = timeWindow }
        if let alpha { request.alpha = alpha }
        request.significantOnly = significantOnly
        if let studyArea { request.studyArea = studyArea }
        request.top = top
        let geo = try bundledGeoData()
        let command = (["selat"] + CommandLine.arguments.dropFirst()).map {
            $0.contains(" ") ? "\"\($0)\"" : $0
        }.joined(separator: " ")
        let outcome: HotspotRun
        do {
            outcome = try HotspotRunner(database: db, geoData: geo).run(
                request, command: command, out: out, force: force.force
            ) { Terminal.note(cli($0)) }
        } catch {
            throw Failure(error)
        }
        if format == .json {
            print(ResultJSON.text(outcome))
            return
        }
        print(outcome.words(.commandLine), terminator: "")
        if let w = outcome.written {
            print("\n" + cli("cli.hotspots.wrote", ["count": "\(w.features)", "file": w.path]))
        }
        print(cli("cli.hotspots.stored", ["run": "\(outcome.runId)"]))
    }
}

struct HotspotsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: cli("cli.hotspots.show_stored_hotspot_run"),
        discussion:
            cli("cli.hotspots.examples_selat_hotspots_show")
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(cli("cli.hotspots.run_number_see_selat"), valueName: "run"))
    var number: Int64
    @Option(
        help: ArgumentHelp(cli("cli.hotspots.write_stored_features_geojson"), valueName: "file"))
    var out: String?
    @OptionGroup var force: ForceOption

    func run() throws {
        let db = try database.openForReading()
        let stored: StoredHotspotRun
        do { stored = try db.hotspotRun(id: number) } catch {
            throw Failure(Failure.words(for: error) + cli("cli.hotspots.list_runs"))
        }
        let r = stored.record
        print(
            cli(
                "cli.hotspots.show.run",
                [
                    "run": "\(number)", "method": r.method,
                    "time": r.createdAt.iso8601(offsetMinutes: 420),
                ]))
        let labels = [
            cli("cli.hotspots.show.command"), cli("cli.hotspots.show.parameters"),
            cli("cli.hotspots.show.sightings"), cli("cli.hotspots.show.stored"),
        ]
        let width = max(14, (labels.map(\.count).max() ?? 0) + 2)
        func row(_ k: Int, _ text: String) {
            print(labels[k].padding(toLength: width, withPad: " ", startingAt: 0) + text)
        }
        row(0, r.command)
        row(1, r.parameters)
        row(
            2,
            cli(
                "cli.hotspots.show.fingerprint",
                ["count": "\(r.sightingCount)", "digest": r.inputDigest]))
        print(String(repeating: " ", count: width) + cli("cli.hotspots.show.fingerprint_note"))
        row(3, cli("cli.hotspots.show.features", ["count": "\(r.featureCount)"]))
        print("")
        // Runs stored before schema v11 kept their summary as printed.
        print(stored.outcome?.words(.commandLine) ?? r.summary, terminator: "")
        if let out {
            do {
                let written = try HotspotRunner.write(stored, to: out, force: force.force)
                print(
                    "\n" + cli("cli.hotspots.wrote", ["count": "\(written.features)", "file": out]))
            } catch {
                throw Failure(error)
            }
        }
    }
}

struct HotspotsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: cli("cli.hotspots.list_stored_hotspot_runs"))

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.openForReading()
        let runs = try db.hotspotRuns()
        if runs.isEmpty {
            print(cli("cli.hotspots.no_runs"))
            return
        }
        print(
            cli("cli.hotspots.list.run").padding(toLength: 5, withPad: " ", startingAt: 0)
                + cli("cli.hotspots.list.when").padding(toLength: 16, withPad: " ", startingAt: 0)
                + "  "
                + cli("cli.hotspots.list.method").padding(toLength: 8, withPad: " ", startingAt: 0)
                + " " + cli("cli.hotspots.list.sightings").leftPadded(10)
                + " " + cli("cli.hotspots.list.features").leftPadded(9)
                + "  " + cli("cli.hotspots.list.command"))
        for r in runs {
            let when = String(r.createdAt.iso8601(offsetMinutes: 420).prefix(16))
                .replacingOccurrences(of: "T", with: " ")
            // (%-8@ does not pad on Linux Foundation: pad the text itself.)
            let method = r.method.padding(toLength: 8, withPad: " ", startingAt: 0)
            print(
                String(
                    format: "%-4lld %@  %@ %10d %9d  %@", r.id ?? 0, when, method, r.sightingCount,
                    r.featureCount, r.command))
        }
    }
}
