import ArgumentParser
import Foundation
import SelatKit

extension Role: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// `selat user …`: the accounts of the station server (`selat serve`).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: cli("cli.user.accounts_station_server_add"),
        discussion: cli("cli.user.roles_officer_log_import"),
        subcommands: [
            Add.self, List.self, Disable.self, Enable.self, ResetPassword.self, Token.self,
        ])

    /// Passwords come only from standard input.
    static func requireStdin(_ given: Bool) throws {
        guard given else {
            throw ValidationError(cli("cli.valid.password_stdin"))
        }
    }

    /// The password on standard input: the first line, without its line end.
    static func readPassword() throws -> String {
        guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError(cli("cli.valid.password_input"))
        }
        return line
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: cli("cli.user.add_user"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.user.login_name_letters_digits"), valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp(cli("cli.user.what_user_does"), valueName: "role")) var role:
            Role
        @Option(help: ArgumentHelp(cli("cli.user.agency_s_code_polairud"), valueName: "code"))
        var agency: String
        @Flag(help: ArgumentHelp(cli("cli.user.read_password_standard_input"))) var passwordStdin =
            false

        func validate() throws { try UserCommand.requireStdin(passwordStdin) }

        func run() throws {
            let db = try database.open()
            let password = try UserCommand.readPassword()
            do {
                let user = try Accounts(database: db).add(
                    name: name, role: role, agency: agency.uppercased(), password: password)
                try AuditLog(database: db).record(
                    user: CommandLineUser.name, action: "user_add", target: user.name,
                    detail: "role \(user.role.rawValue), agency \(user.agency)")
                print(
                    cli(
                        "cli.user.added",
                        ["name": user.name, "role": user.role.rawValue, "agency": user.agency]))
            } catch { throw Failure(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: cli("cli.user.list_users"))
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let users = try attempt { try Accounts(database: try database.openForReading()).list() }
            guard !users.isEmpty else {
                print(cli("cli.user.none"))
                return
            }
            let rows =
                [
                    [
                        cli("cli.column.name"), cli("cli.column.role"), cli("cli.column.agency"),
                        cli("cli.column.status"), cli("cli.column.added"),
                    ]
                ]
                + users.map {
                    [
                        $0.name, $0.role.rawValue, $0.agency,
                        $0.disabled ? cli("cli.user.disabled") : cli("cli.user.active"),
                        String($0.createdAt.iso8601(offsetMinutes: 420).prefix(10)),
                    ]
                }
            print(TextTable.render(rows), terminator: "")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.user.disable_user_they_cannot"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.user.user"), valueName: "name")) var name: String

        func run() throws { try UserCommand.setDisabled(true, name: name, database: database) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.user.enable_disabled_user_again"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.user.user"), valueName: "name")) var name: String

        func run() throws { try UserCommand.setDisabled(false, name: name, database: database) }
    }

    /// Disables or enables `name`, and records it in the audit trail.
    static func setDisabled(_ disabled: Bool, name: String, database: DatabaseOptions) throws {
        let db = try database.open()
        do {
            try Accounts(database: db).setDisabled(disabled, name: name)
            try AuditLog(database: db).record(
                user: CommandLineUser.name, action: disabled ? "user_disable" : "user_enable",
                target: name)
        } catch { throw Failure(error) }
        print(cli(disabled ? "cli.user.disabled_name" : "cli.user.enabled_name", ["name": name]))
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: cli("cli.user.set_new_password_read"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.user.user"), valueName: "name")) var name: String
        @Flag(help: ArgumentHelp(cli("cli.user.read_password_standard_input"))) var passwordStdin =
            false

        func validate() throws { try UserCommand.requireStdin(passwordStdin) }

        func run() throws {
            let db = try database.open()
            let password = try UserCommand.readPassword()
            do {
                try Accounts(database: db).resetPassword(name: name, password: password)
                try AuditLog(database: db).record(
                    user: CommandLineUser.name, action: "user_reset_password", target: name)
            } catch { throw Failure(error) }
            print(cli("cli.user.password_set", ["name": name]))
        }
    }
}

extension UserCommand {
    /// `selat user token NAME`: a long-lived token for a station's `selat sync`, printed once.
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.user.token_abstract"), discussion: cli("cli.user.token_discussion"))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp(cli("cli.user.user"), valueName: "name")) var name: String
        @Option(help: ArgumentHelp(cli("cli.user.token_days"), valueName: "days"))
        var days: Int = 90

        func validate() throws { try OptionRange.check("--days", days, 1...366) }

        func run() throws {
            let db = try database.open()
            let session: Accounts.Session
            do {
                var accounts = Accounts(database: db)
                accounts.sessionLength = TimeInterval(days) * 86_400
                guard
                    let user = try accounts.list().first(where: {
                        $0.name.lowercased() == name.lowercased()
                    }), !user.disabled
                else {
                    throw Failure(cli("cli.user.token_no_user", ["name": name]))
                }
                session = try accounts.startSession(for: user)
                try AuditLog(database: db).record(
                    user: CommandLineUser.name, action: "user_token", target: user.name,
                    detail: "\(days) days")
            } catch let failure as Failure { throw failure } catch { throw Failure(error) }
            print(session.token)
            Terminal.note(
                cli(
                    "cli.user.token_made",
                    [
                        "name": session.user.name,
                        "until": session.expiresAt.iso8601(offsetMinutes: 420),
                    ]))
        }
    }
}

/// Who did it, for the audit trail, when it is done on the station's command line: the system
/// user running `selat`.
enum CommandLineUser {
    static var name: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? String(getuid()))
    }
}

/// `selat audit list`: the audit trail, newest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: cli("cli.user.audit_trail_station_server"),
        subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: cli("cli.user.list_audit_entries_newest"),
            discussion: cli("cli.user.example_selat_audit_list"))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var zone: TimeZoneOption
        @Option(help: ArgumentHelp(cli("cli.user.only_user_s_entries"), valueName: "name"))
        var user: String?
        @Option(help: ArgumentHelp(cli("cli.user.only_entries_after_time"), valueName: "time"))
        var since: String?
        @Option(help: ArgumentHelp(cli("cli.user.most_many_1_100000"), valueName: "n"))
        var limit: Int = 100

        func validate() throws { try OptionRange.check("--limit", limit, 1...100_000) }

        func run() throws {
            let db = try database.openForReading()
            let offset = try zone.offsetMinutes()
            var from: Timestamp?
            if let since {
                do throws(GeoError) {
                    from = try SightingFilterOptions.bound(since, offset: offset, endOfDay: false)
                } catch { throw ValidationError("--since: " + Failure.words(for: error)) }
            }
            let entries = try attempt {
                try AuditLog(database: db).list(user: user, since: from, limit: limit)
            }
            guard !entries.isEmpty else {
                print(cli("cli.audit.none"))
                return
            }
            let rows =
                [
                    ["#"] + [
                        cli("cli.column.when"), cli("cli.column.user"), cli("cli.column.action"),
                        cli("cli.column.target"), cli("cli.column.detail"),
                        cli("cli.column.address"),
                    ]
                ]
                + entries.map {
                    [
                        "\($0.sequence)",
                        String($0.at.iso8601(offsetMinutes: offset).prefix(16))
                            .replacingOccurrences(of: "T", with: " "),
                        $0.user ?? "-", $0.action, String(($0.target ?? "-").prefix(40)),
                        String(($0.detail ?? "-").prefix(50)), $0.address ?? "-",
                    ]
                }
            print(TextTable.render(rows), terminator: "")
        }
    }
}
