import ArgumentParser
import Foundation
import SelatKit

/// `selat db …`: the database itself — its engine and schema, and readers for GIS clients.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: cli("cli.db.abstract"),
        discussion: cli("cli.db.discussion"),
        subcommands: [Info.self, Upgrade.self, GrantReader.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: cli("cli.db.info.abstract"))
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.openForReading()
            do {
                print(cli("cli.db.info.database", ["database": db.path]))
                print(
                    cli(
                        "cli.db.info.engine",
                        ["engine": db.engine == .sqlite ? "SQLite" : "PostgreSQL + PostGIS"]))
                print(cli("cli.db.info.sightings", ["count": "\(try db.sightingCount())"]))
                print(
                    cli(
                        "cli.db.info.schema",
                        ["last": SelatDatabase.migrationNames.last ?? "-"]))
            } catch { throw Failure(error) }
        }
    }

    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.db.upgrade.abstract"), discussion: cli("cli.db.upgrade.discussion"))
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open()
            print(cli("cli.db.upgrade.done", ["database": db.path]))
        }
    }

    struct GrantReader: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-reader",
            abstract: cli("cli.db.grant_reader.abstract"),
            discussion: cli("cli.db.grant_reader.discussion"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.db.grant_reader.name"), valueName: "name"))
        var name: String
        @Flag(help: ArgumentHelp(cli("cli.db.grant_reader.password_stdin")))
        var passwordStdin = false

        func run() throws {
            let db = try database.open()
            let password = passwordStdin ? try UserCommand.readPassword() : nil
            do {
                try db.grantReader(name, password: password)
                try AuditLog(database: db).record(
                    user: CommandLineUser.name, action: "db_grant_reader", target: name,
                    detail: "SELECT on " + SelatDatabase.readerTables.joined(separator: ", "))
            } catch { throw Failure(error) }
            print(
                cli(
                    "cli.db.grant_reader.done",
                    ["name": name, "tables": SelatDatabase.readerTables.joined(separator: ", ")]))
        }
    }
}
