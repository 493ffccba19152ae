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
            throw Failure("--ids: \"\(text)\" is not a sighting id (\(error))")
        }
    }
}

struct EvidenceExport: ParsableCommand {
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
            throw ValidationError("say which sightings: --ids ID,ID… or --case NAME")
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
            "Wrote \(summary.folder): \(summary.records) record\(summary.records == 1 ? "" : "s") "
                + "(\(summary.sightings) sighting\(summary.sightings == 1 ? "" : "s") asked for, with every version), "
                + "chain links #\(summary.firstSequence)–#\(summary.head.sequence).")
        print("Chain head: record #\(summary.head.sequence) \(summary.head.sha256)")
        print("Manifest SHA-256: \(summary.manifestSha256)  (write it on the evidence form)")
        print("Check it any time with: selat evidence verify \(summary.folder)")
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
            print(
                "Note: this bundle was made from a synthetic (demo) database; its sightings are not real."
            )
        }
        guard report.verified else {
            for p in report.problems { Terminal.note("  ✗ \(p)") }
            throw Failure(
                "the bundle \(bundle) does NOT verify (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") above). "
                    + "Do not rely on it; ask for a new bundle from the agency's log.")
        }
        print(
            "Verified \(bundle): \(report.records) record\(report.records == 1 ? "" : "s")"
                + (report.caseName.map { " of case \($0)" } ?? "")
                + "; every file matches its hash, every record its content hash, and \(report.chainLinks) chain links lead to the head."
        )
        if let head = report.head {
            print("Chain head: record #\(head.sequence) \(head.sha256)")
            if againstLog {
                let db = try database.openForReading()
                let ok: Bool
                do { ok = try EvidenceVerifier.headMatches(head, in: db) } catch {
                    throw Failure(error)
                }
                guard ok else {
                    throw Failure(
                        "the log in \(database.path) has no record #\(head.sequence) with this chain hash: the bundle is not from this log, or the log was altered (run selat verify)"
                    )
                }
                print("The log in \(database.path) holds this head: the bundle comes from it.")
            } else {
                print(
                    "Compare it with the head `selat verify` prints on the agency's database (or run this with --against-log)."
                )
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
                "Case \(name): added \(result.added), now \(result.total) sighting\(result.total == 1 ? "" : "s")."
            )
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
                        throw Failure(
                            "there is no case \"\(name)\"; `selat evidence case list` shows the cases"
                        )
                    }
                    for id in ids { print(id.rawValue) }
                } else {
                    let cases = try db.evidenceCases()
                    if cases.isEmpty {
                        print("No cases yet. Start one with: selat evidence case add NAME ID…")
                    }
                    for c in cases {
                        print("\(c.name)\t\(c.count) sighting\(c.count == 1 ? "" : "s")")
                    }
                }
            } catch let error as StoreError { throw Failure(error) }
        }
    }
}
