import Foundation
import SelatTestSupport
import Testing

@testable import SelatStore

/// The engines the store's tests run on: each test that is not about one engine's own features
/// runs on both, against a real SQLite file and a real PostgreSQL + PostGIS server.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// A fresh, empty Selat database on one engine, and a way to change it behind Selat's back.
final class TestStore: @unchecked Sendable {
    let engine: StoreEngine
    let db: SelatDatabase
    /// The file, or the PostgreSQL URL.
    let location: String
    private let dir: TemporaryDirectory

    init(_ engine: StoreEngine) throws {
        self.engine = engine
        dir = TemporaryDirectory()
        switch engine {
        case .sqlite: location = dir.file("log.sqlite")
        case .postgresql: location = try PostgresTestServer.newDatabase()
        }
        db = try SelatDatabase(path: location)
    }

    /// Opens another connection to the same database (a second process would).
    func reopen(access: SelatDatabase.Access = .readWrite) throws -> SelatDatabase {
        try SelatDatabase(path: location, access: access)
    }

    /// Runs SQL with the engine's own shell (`sqlite3`, `psql`), as someone editing the database
    /// by hand would: the status and what it printed.
    @discardableResult
    func raw(_ sql: String) throws -> (status: Int32, out: String, err: String) {
        let r: (status: Int32, out: String, err: String)
        switch engine {
        case .sqlite: r = try runProcess("/usr/bin/env", ["sqlite3", location, sql])
        case .postgresql:
            r = try runProcess(
                "/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", location, "-c", sql])
        }
        return (r.status, r.out, r.err)
    }
}

/// The PostgreSQL 15 + PostGIS cluster of the tests (`Tools/postgres-test-cluster.sh` starts it,
/// or finds it running). Each test gets a new database copied from a migrated template. When the
/// cluster cannot be started the tests fail, saying why: they never skip.
enum PostgresTestServer {
    /// The package's folder (this file is in Tests/SelatStoreTests).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The cluster's URL (its `postgres` database), or why it could not be started.
    static let server: Result<String, TestFailure> = {
        if let given = ProcessInfo.processInfo.environment["SELAT_TEST_POSTGRES"], !given.isEmpty {
            return .success(given)
        }
        do {
            let r = try runProcess(
                "/usr/bin/env", ["bash", packageRoot + "/Tools/postgres-test-cluster.sh"])
            let url = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
            guard r.status == 0, PostgresAddress.isURL(url) else {
                return .failure(
                    TestFailure("Tools/postgres-test-cluster.sh failed: \(r.err) \(r.out)"))
            }
            return .success(url)
        } catch {
            return .failure(TestFailure("cannot run Tools/postgres-test-cluster.sh: \(error)"))
        }
    }()

    /// The cluster's URL with another database name.
    static func url(database: String) throws -> String {
        let base = try server.get()
        guard var components = URLComponents(string: base) else {
            throw TestFailure("not a URL: \(base)")
        }
        components.path = "/" + database
        return components.string ?? base
    }

    /// A migrated database that every test's database is copied from (one per test process).
    static let template: Result<String, TestFailure> = {
        do {
            let name = "selat_template_\(ProcessInfo.processInfo.processIdentifier)"
            try maintenance { runner in
                try runner.execute("DROP DATABASE IF EXISTS \(name)")
                try runner.execute("CREATE DATABASE \(name)")
            }
            // Migrate it, then let go of every connection (a template must have none).
            do { _ = try SelatDatabase(path: try url(database: name)) }
            return .success(name)
        } catch {
            return .failure(TestFailure("cannot prepare the template database: \(error)"))
        }
    }()

    private static let lock = NSLock()

    /// A new database with Selat's schema; its URL.
    static func newDatabase() throws -> String {
        let template = try template.get()
        let name =
            "selat_t_"
            + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(
                of: "-", with: "")
        // Copies from one template one at a time (PostgreSQL refuses a template in use).
        lock.lock()
        defer { lock.unlock() }
        try maintenance { runner in
            try runner.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        }
        return try url(database: name)
    }

    /// Runs statements on the cluster's `postgres` database, outside a transaction.
    static func maintenance(_ body: (PostgresRunner) throws -> Void) throws {
        let engine = try PostgresEngine(address: PostgresAddress(url: try server.get()))
        defer { engine.close() }
        try engine.withConnection { runner in try body(runner) }
    }
}

/// Why a test's setup failed.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
