import ArgumentParser
import Foundation
import SelatKit
import SelatServer

/// `selat serve`: the station server.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: cli("cli.serve.serve_http_api_web"),
        discussion: cli("cli.serve.runs_until_ctrl_c"))

    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp(cli("cli.serve.address_listen_0_0"), valueName: "host"))
    var host: String = "127.0.0.1"
    @Option(help: ArgumentHelp(cli("cli.serve.port_1_65535"), valueName: "port")) var port: Int =
        8080
    @Flag(help: ArgumentHelp(cli("cli.serve.serve_demo_made_demo")))
    var demo = false
    @Option(help: ArgumentHelp(cli("cli.serve.demo_s_folder"), valueName: "dir"))
    var demoDir: String = "selat-demo"

    func validate() throws { try OptionRange.check("--port", port, 1...65535) }

    func run() throws {
        let db: SelatDatabase
        if demo {
            db = try DemoServer.prepare(folder: demoDir)
        } else {
            db = try database.open()
        }
        let geo = try bundledGeoData()
        let server = StationServer(database: db, geoData: geo, host: host, port: port)
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let shownHost = host == "0.0.0.0" ? cli("cli.serve.this_computer") : host
        Task {
            do {
                try await server.run { port in
                    print(
                        cli(
                            "cli.serve.serving",
                            ["database": db.path, "address": "http://\(shownHost):\(port)/"]))
                }
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw Failure(Failure.words(for: error)) }
        print(cli("cli.serve.stopped"))
    }
}

/// The error a background task ended with.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? { lock.withLock { stored } }
    func set(_ e: any Error) { lock.withLock { stored = e } }
}

/// `selat serve --demo`: the demo database (made if missing) and one demo user per role, with new
/// passwords printed once.
enum DemoServer {
    static let users: [(String, Role, String)] = [
        ("demo-admin", .admin, "POLAIRUD"), ("demo-officer", .officer, "POLAIRUD"),
        ("demo-planner", .planner, "BAKAMLA"), ("demo-analyst", .analyst, "POLAIRUD"),
    ]

    static func prepare(folder: String) throws -> SelatDatabase {
        let path = (folder as NSString).appendingPathComponent("selat.sqlite")
        if !FileManager.default.fileExists(atPath: path) {
            print(cli("cli.serve.making_demo", ["folder": folder]))
            do {
                try DemoRun(directory: folder, language: CommandLanguage.current).run(
                    spelling: .commandLine
                ) { _ in }
            } catch { throw Failure(error) }
        }
        guard SelatDatabase.isDemoDatabase(at: path) else {
            throw Failure(
                cli("cli.serve.not_demo", ["path": path]))
        }
        let db: SelatDatabase
        do { db = try SelatDatabase(path: path) } catch { throw Failure(error) }
        let accounts = Accounts(database: db)
        print(cli("cli.serve.demo_users"))
        for (name, role, agency) in users {
            let password = Self.password()
            do {
                if try db.user(named: name) == nil {
                    _ = try accounts.add(name: name, role: role, agency: agency, password: password)
                } else {
                    try accounts.resetPassword(name: name, password: password)
                }
            } catch { throw Failure(error) }
            print(
                "  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(password)"
            )
        }
        return db
    }

    /// Four words from a fixed list and a number: easy to type on a phone.
    static func password() -> String {
        let words = [
            "pulau", "selat", "ombak", "karang", "perahu", "jangkar", "layar", "pantai", "teluk",
            "tanjung", "angin", "bintang", "bulan", "pasir", "laut", "dermaga",
        ]
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in words.randomElement(using: &g)! }.joined(separator: "-") + "-"
            + String(Int.random(in: 10...99, using: &g))
    }
}
