import ArgumentParser
import Foundation
import SelatKit

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract:
            cli("cli.evidence.evidence_bundles_court_export"),
        subcommands: [EvidenceExport.self, EvidenceVerify.self, EvidenceCase.self])
}

/// Reads `A,B C` into sighting ids, naming the one that is not an id.
func sightingIDs(_ texts: [String]) throws -> [SightingID] {
    try texts.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }) }.map { text in
        do { return try SightingID(String(text)) } catch {
            throw Failure(
                cli(
                    "cli.evidence.bad_id",
                    ["text": String(text), "error": Failure.words(for: error)]))
        }
    }
}

struct EvidenceExport: ParsableCommand {
    /// "1 record", "3 records" in this run's language.
    static func records(_ n: Int) -> String {
        cli(n == 1 ? "cli.word.record" : "cli.word.records", ["count": "\(n)"])
    }

    /// "1 sighting", "3 sightings" in this run's language.
    static func sightings(_ n: Int) -> String {
        cli(n == 1 ? "cli.word.sighting" : "cli.word.sightings", ["count": "\(n)"])
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            cli("cli.evidence.write_evidence_bundle_sightings"),
        discussion: cli("cli.evidence.each_sighting_named_brings"))

    @OptionGroup var database: DatabaseOptions
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(cli("cli.evidence.sighting_ids_separated_commas"), valueName: "id"))
    var ids: [String] = []
    @Option(
        name: .customLong("case"),
        help: ArgumentHelp(
            cli("cli.evidence.every_sighting_case_see"), valueName: "name"))
    var caseName: String?
    @Option(help: ArgumentHelp(cli("cli.evidence.new_folder_write"), valueName: "folder")) var out:
        String

    func validate() throws {
        if ids.isEmpty && caseName == nil {
            throw ValidationError(cli("cli.valid.which_sightings"))
        }
    }

    func run() throws {
        let db = try database.openForReading()
        let summary: EvidenceExporter.Summary
        do {
            summary = try EvidenceExporter(database: db).export(
                ids: try sightingIDs(ids), caseName: caseName, to: out)
        } catch let error as KitError { throw Failure(error) }
        print(
            cli(
                "cli.evidence.wrote",
                [
                    "folder": summary.folder, "records": Self.records(summary.records),
                    "sightings": Self.sightings(summary.sightings),
                    "first": "\(summary.firstSequence)",
                    "last": "\(summary.head.sequence)",
                ]))
        print(
            cli(
                "cli.verify.chain_head",
                ["sequence": "\(summary.head.sequence)", "head": summary.head.sha256]))
        print(cli("cli.evidence.manifest", ["sha256": summary.manifestSha256]))
        print(cli("cli.evidence.check_later", ["folder": summary.folder]))
    }
}

struct EvidenceVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            cli("cli.evidence.check_evidence_bundle_file"),
        discussion: cli("cli.evidence.needs_only_bundle_folder"))

    @Argument(help: ArgumentHelp(cli("cli.evidence.bundle_folder"), valueName: "folder"))
    var bundle: String
    @Flag(help: ArgumentHelp(cli("cli.evidence.also_check_chain_head")))
    var againstLog = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let report: EvidenceVerifier.Report
        do { report = try EvidenceVerifier(folder: bundle).verify() } catch {
            throw Failure(error)
        }
        if report.synthetic {
            print(cli("cli.evidence.synthetic"))
        }
        guard report.verified else {
            for p in report.problems { Terminal.note("  ✗ \(p)") }
            throw Failure(
                cli(
                    "cli.evidence.not_verified",
                    ["bundle": bundle, "count": "\(report.problems.count)"]))
        }
        print(
            report.caseName.map {
                cli(
                    "cli.evidence.verified_case",
                    [
                        "bundle": bundle, "records": EvidenceExport.records(report.records),
                        "case": $0,
                        "links": "\(report.chainLinks)",
                    ])
            }
                ?? cli(
                    "cli.evidence.verified",
                    [
                        "bundle": bundle, "records": EvidenceExport.records(report.records),
                        "links": "\(report.chainLinks)",
                    ]))
        if let head = report.head {
            print(
                cli("cli.verify.chain_head", ["sequence": "\(head.sequence)", "head": head.sha256]))
            if againstLog {
                let db = try database.openForReading()
                let ok: Bool
                do { ok = try EvidenceVerifier.headMatches(head, in: db) } catch {
                    throw Failure(error)
                }
                guard ok else {
                    throw Failure(
                        cli(
                            "cli.evidence.head_not_in_log",
                            ["database": database.path, "sequence": "\(head.sequence)"]))
                }
                print(cli("cli.evidence.head_in_log", ["database": database.path]))
            } else {
                print(cli("cli.evidence.compare_head"))
            }
        }
    }
}

struct EvidenceCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: cli("cli.evidence.gather_sightings_into_named"),
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.evidence.add_sightings_case_made"),
            discussion: cli("cli.evidence.example_selat_evidence_case"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.evidence.case_name_number"), valueName: "case"))
        var name: String
        @Argument(help: ArgumentHelp(cli("cli.evidence.sighting_ids"), valueName: "id")) var ids:
            [String]

        func run() throws {
            let db = try database.open()
            let result: (added: Int, total: Int)
            do { result = try db.addToCase(name, ids: try sightingIDs(ids)) } catch let error
                as StoreError
            { throw Failure(error) }
            print(
                cli(
                    result.total == 1 ? "cli.evidence.case_added_one" : "cli.evidence.case_added",
                    ["case": name, "added": "\(result.added)", "total": "\(result.total)"]))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.evidence.list_cases_sightings_one"))
        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp(cli("cli.evidence.case_name_list_sightings"), valueName: "case"))
        var name: String?

        func run() throws {
            let db = try database.openForReading()
            do {
                if let name {
                    let ids = try db.caseSightingIDs(name)
                    if ids.isEmpty {
                        throw Failure(cli("cli.evidence.no_case", ["case": name]))
                    }
                    for id in ids { print(id.rawValue) }
                } else {
                    let cases = try db.evidenceCases()
                    if cases.isEmpty {
                        print(cli("cli.evidence.no_cases"))
                    }
                    for c in cases {
                        print(
                            c.name + "\t"
                                + (c.count == 1
                                ? cli("sightings.count_one")
                                : cli("sightings.count", ["count": "\(c.count)"])).dropLast())
                    }
                }
            } catch let error as StoreError { throw Failure(error) }
        }
    }
}
