import ArgumentParser
import Foundation
import SelatKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            cli("cli.verify.check_no_sighting_case"),
        discussion: cli("cli.verify.walks_tamper_evident_chain"))

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.openForReading()
        let report: ChainVerifier.Report
        do {
            report = try ChainVerifier(database: db).verify { n in
                if Terminal.standardErrorIsTerminal {
                    Terminal.note("  " + cli("cli.verify.progress", ["count": "\(n)"]))
                }
            }
        } catch { throw Failure(error) }
        if report.integrity != "ok" {
            throw Failure(
                cli(
                    "cli.verify.integrity_failed",
                    ["database": database.path, "problem": report.integrity]))
        }
        if let problem = report.problem {
            throw Failure(cli("cli.verify.broken", ["problem": problem]))
        }
        print(
            cli(
                db.engine == .sqlite ? "cli.verify.verified" : "cli.verify.verified_postgresql",
                ["count": "\(report.records)", "database": db.path]))
        print(
            cli(
                "cli.verify.chain_head",
                ["sequence": "\(report.headSequence)", "head": report.head]))
        if report.syncStations > 0 {
            print(
                cli(
                    "cli.verify.origin_links",
                    ["links": "\(report.originLinks)", "stations": "\(report.syncStations)"]))
        }
        if report.syncCentres > 0 {
            print(cli("cli.verify.acknowledged", ["centres": "\(report.syncCentres)"]))
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            cli("cli.verify.copy_database_while_use"),
        discussion: cli("cli.verify.example_selat_backup_media"))

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(cli("cli.verify.new_file_write_never"), valueName: "file"))
    var to: String

    func run() throws {
        let db = try database.openForReading()
        do {
            try db.backup(to: to)
            let copy = try SelatDatabase(path: to)
            let report = try ChainVerifier(database: copy).verify()
            guard report.verified else {
                throw Failure(
                    cli(
                        "cli.backup.copy_broken",
                        ["file": to, "problem": report.problem ?? report.integrity]))
            }
            print(
                cli(
                    "cli.backup.done",
                    [
                        "count": "\(report.records)", "file": to,
                        "sequence": "\(report.headSequence)", "head": report.head,
                    ]))
        } catch let error as Failure { throw error } catch let error
            as CustomStringConvertible & Error
        {
            throw Failure(error)
        }
    }
}
