import ArgumentParser
import Foundation
import SelatKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check that no sighting (or case entry, or audit entry) was edited, deleted, inserted or reordered outside Selat.",
        discussion: """
            Walks the tamper-evident chain (SHA-256 over each record and the one before it) and SQLite's own \
            integrity check. Exit status 0 when the log verifies, 1 naming the first record that does not. \
            The chain head it prints can be written down (a station log book, a case file): a later verify \
            shows whether records were cut from the end.
            Example:  selat verify --db /data/polairud.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.openForReading()
        let report: ChainVerifier.Report
        do {
            report = try ChainVerifier(database: db).verify { n in
                if Terminal.standardErrorIsTerminal { Terminal.note("  \(n) records checked…") }
            }
        } catch { throw Failure(error) }
        if report.integrity != "ok" {
            throw Failure(
                "SQLite's integrity check failed on \(database.path): \(report.integrity). Restore from a backup (selat backup)."
            )
        }
        if let problem = report.problem {
            throw Failure(
                "the sighting log does not verify: \(problem). Keep this file as it is, restore a verified backup, and report it."
            )
        }
        print(
            "Verified \(report.records) records in \(database.path): the chain is unbroken and SQLite's integrity check is ok."
        )
        print("Chain head: record #\(report.headSequence) \(report.head)")
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Copy the database while it is in use (SQLite online backup), then verify the copy.",
        discussion: "Example:  selat backup --to /media/usb/selat-2026-11-23.sqlite")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The new file to write (never overwritten).", valueName: "file"))
    var to: String

    func run() throws {
        let db = try database.openForReading()
        do {
            try db.backup(to: to)
            let copy = try SelatDatabase(path: to)
            let report = try ChainVerifier(database: copy).verify()
            guard report.verified else {
                throw Failure(
                    "the copy \(to) does not verify: \(report.problem ?? report.integrity); the source may be damaged — run selat verify on it"
                )
            }
            print(
                "Backed up \(report.records) records to \(to) (mode 0600); the copy verifies. Chain head: record #\(report.headSequence) \(report.head)"
            )
        } catch let error as Failure { throw error } catch let error
            as CustomStringConvertible & Error
        {
            throw Failure(error)
        }
    }
}
