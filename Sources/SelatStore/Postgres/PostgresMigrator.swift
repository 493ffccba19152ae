import Foundation
import PostgresNIO

/// Brings a PostgreSQL database to the current schema (``PostgresSchema``), once, however many
/// Selat processes open it at the same moment: a session-level advisory lock serialises them,
/// and each migration commits together with its record.
enum PostgresMigrator {
    /// The advisory lock key for migrations (any fixed number: "selat" in ASCII).
    static let lockKey: Int64 = 0x73_656c_6174

    /// The names of the applied migrations, in order.
    static func applied(_ runner: PostgresRunner) throws -> [String] {
        let exists: Int64? = try runner.value(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'selat_migration'"
        )
        guard exists == 1 else { return [] }
        return try runner.values(
            "SELECT name FROM selat_migration ORDER BY position", as: String.self)
    }

    /// Applies what is missing. With `readOnly`, only checks that nothing is.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the database needs an upgrade that
    ///   this account may not make, or PostGIS is missing and cannot be added.
    static func migrate(_ engine: PostgresEngine, readOnly: Bool) throws(StoreError) {
        let all = PostgresSchema.migrations.map(\.name)
        let address = engine.address
        try engine.withConnection { runner in
            var done = try applied(runner)
            if done == all { return }
            if readOnly {
                throw StoreError.cannotOpen(
                    path: address.description,
                    reason: done.isEmpty
                        ? "it is not a Selat database yet; open it once with an account that may create tables (for example `selat sighting list --db URL` as its owner)"
                        : "it was set up by an older Selat and must be upgraded; open it once with an account that may change its tables"
                )
            }
            guard Set(done).isSubset(of: all), done == Array(all.prefix(done.count)) else {
                throw StoreError.cannotOpen(
                    path: address.description,
                    reason:
                        "its schema history (\(done.joined(separator: ", "))) is not one this Selat knows; was it made by a newer Selat?"
                )
            }
            _ = try runner.result("SELECT pg_advisory_lock(?)", [lockKey])
            defer { _ = try? runner.result("SELECT pg_advisory_unlock(?)", [lockKey]) }
            done = try applied(runner)
            if done.isEmpty {
                try ensureExtensions(runner)
                try runner.script(
                    "CREATE TABLE IF NOT EXISTS selat_migration (position integer PRIMARY KEY, name text NOT NULL UNIQUE, applied_at timestamptz NOT NULL DEFAULT now())"
                )
            }
            for (position, migration) in PostgresSchema.migrations.enumerated()
            where !done.contains(migration.name) {
                try runner.script(
                    "BEGIN;\n" + migration.sql
                        + "\nINSERT INTO selat_migration (position, name) VALUES ("
                        + "\(position + 1), '\(migration.name)');\nCOMMIT;")
            }
        }
    }

    /// Adds PostGIS if it is missing, or says who must.
    static func ensureExtensions(_ runner: PostgresRunner) throws {
        for name in PostgresSchema.extensions {
            let present: Int64? = try runner.value(
                "SELECT count(*) FROM pg_extension WHERE extname = ?", [name])
            if present == 1 { continue }
            do {
                try runner.script("CREATE EXTENSION IF NOT EXISTS \(name)")
            } catch {
                throw StoreError.cannotOpen(
                    path: runner.address.description,
                    reason:
                        "the extension \(name) is missing and this account may not add it (\(PostgresEngine.storeError(error, address: runner.address, connecting: false))); ask the database's administrator to run `CREATE EXTENSION \(name);` in the database \(runner.address.database) once"
                )
            }
        }
    }
}

extension PostgresRunner {
    /// Runs several statements separated by `;`, one by one (nothing is bound).
    func script(_ sql: String) throws {
        for statement in Self.statements(sql) { _ = try result(statement, []) }
    }

    /// `sql` cut at each `;` outside quotes, identifiers and `$$` bodies.
    static func statements(_ sql: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character?
        var dollar = false
        let chars = Array(sql)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if dollar {
                if c == "$", i + 1 < chars.count, chars[i + 1] == "$" {
                    dollar = false
                    current += "$$"
                    i += 2
                    continue
                }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "$", i + 1 < chars.count, chars[i + 1] == "$" {
                dollar = true
                current += "$$"
                i += 2
                continue
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            } else if c == ";" {
                let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { out.append(text) }
                current = ""
                i += 1
                continue
            }
            current.append(c)
            i += 1
        }
        let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { out.append(text) }
        return out
    }
}
