import Foundation
import SelatGeo

/// A value as SQL stores it: the few kinds Selat's tables hold, the same on SQLite and PostgreSQL.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that can be bound to a statement and read back from a column.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value of a column, or nil when the column holds another kind (or NULL).
    static func from(_ value: SQLValue) -> Self?
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    static func from(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): v
        case .real(let v): Int64(exactly: v)
        case .text(let t): Int64(t)
        default: nil
        }
    }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static func from(_ value: SQLValue) -> Int? { Int64.from(value).map { Int($0) } }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    static func from(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let v): v
        case .integer(let v): Double(v)
        case .text(let t): Double(t)
        default: nil
        }
    }
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    static func from(_ value: SQLValue) -> String? {
        switch value {
        case .text(let t): t
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .blob(let b): String(decoding: b, as: UTF8.self)
        case .null: nil
        }
    }
}

extension Data: SQLValueConvertible {
    var sqlValue: SQLValue { .blob(Array(self)) }
    static func from(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let b): Data(b)
        case .text(let t): Data(t.utf8)
        default: nil
        }
    }
}

extension Bool: SQLValueConvertible {
    /// Stored as 0 or 1 on both engines (the schema's flags are integers).
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    static func from(_ value: SQLValue) -> Bool? { Int64.from(value).map { $0 != 0 } }
}

/// The arguments of a statement, in order (`?` placeholders); nil binds NULL.
typealias SQLArguments = [(any SQLValueConvertible)?]

/// One row of a result, read by position or by column name.
struct SQLRow: Sendable {
    let names: [String]
    let values: [SQLValue]

    /// The value at `index`, converted; nil for NULL or another kind.
    subscript<T: SQLValueConvertible>(_ index: Int) -> T? { T.from(values[index]) }

    /// The value of the column `name`, converted; nil for NULL, another kind or no such column.
    subscript<T: SQLValueConvertible>(_ name: String) -> T? {
        guard let index = names.firstIndex(of: name) else { return nil }
        return T.from(values[index])
    }

    /// The value at `index`, which must not be NULL (the schema says NOT NULL).
    /// - Throws: ``StoreError/database(_:)`` naming the column otherwise.
    subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        get throws(StoreError) { try required(index) }
    }

    /// The value of the column `name`, which must not be NULL.
    subscript<T: SQLValueConvertible>(_ name: String) -> T {
        get throws(StoreError) { try required(name) }
    }

    /// The value at `index`, which the schema says is NOT NULL.
    /// - Throws: ``StoreError/database(_:)`` naming the column when it is NULL or of another kind
    ///   (a row edited outside Selat).
    func required<T: SQLValueConvertible>(_ index: Int) throws(StoreError) -> T {
        guard let value = T.from(values[index]) else {
            let name = index < names.count ? names[index] : "column \(index + 1)"
            throw .database(
                "the column \(name) holds \(values[index]) where \(T.self) was expected")
        }
        return value
    }

    /// The value of the NOT NULL column `name`.
    func required<T: SQLValueConvertible>(_ name: String) throws(StoreError) -> T {
        guard let index = names.firstIndex(of: name) else {
            throw .database("no column \(name) in the result")
        }
        return try required(index)
    }
}

/// The SQL the two engines share: statements with `?` placeholders, run inside one transaction
/// (``SelatDatabase/transaction(_:)``) or one consistent read (``SelatDatabase/reading(_:)``).
/// What is engine-specific (the sighting log's fast paths, the schema) is written once per engine.
protocol SQLRunner {
    /// Which engine runs the statements (for the few clauses that are spelled differently).
    var engine: SelatDatabase.EngineKind { get }
    /// Runs a statement that returns no rows (or whose rows are not wanted).
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs a query and returns every row.
    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow]
    /// Runs an `UPDATE` or `DELETE` and returns how many rows it changed.
    func update(_ sql: String, _ arguments: SQLArguments) throws -> Int
}

extension SQLRunner {
    func execute(_ sql: String) throws { try execute(sql, []) }

    /// The first row, if any.
    func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, if any and not NULL.
    func value<T: SQLValueConvertible>(
        _ sql: String, _ arguments: SQLArguments = [], as _: T.Type = T.self
    ) throws -> T? {
        guard let row = try row(sql, arguments), !row.values.isEmpty else { return nil }
        return row[0]
    }

    /// The first column of every row (NULLs left out).
    func values<T: SQLValueConvertible>(
        _ sql: String, _ arguments: SQLArguments = [], as _: T.Type = T.self
    ) throws -> [T] {
        try rows(sql, arguments).compactMap { $0.values.isEmpty ? nil : $0[0] }
    }

    /// Runs an `INSERT` into a table whose key is `id` and returns the new row's id
    /// (`RETURNING`, which both engines understand).
    func insertReturningID(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id = try value(sql + " RETURNING id", arguments, as: Int64.self) else {
            throw StoreError.database("the new row's id was not returned")
        }
        return id
    }

    /// Waits until no other transaction appends to the same chain (the sighting log, the audit
    /// trail, case membership), until this transaction ends. SQLite holds one writer at a time
    /// already; on PostgreSQL, several servers share the database, so each chain has a lock.
    func lockForAppending(_ chain: AppendLock) throws {
        guard engine == .postgresql else { return }
        try execute("SELECT pg_advisory_xact_lock(?)", [chain.rawValue])
    }

    /// `?, ?, …` for `count` values (an `IN` list).
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// The chains whose appends are serialised (PostgreSQL advisory lock keys).
enum AppendLock: Int64 {
    case sightings = 0x73_656c_6174_01
    case audit = 0x73_656c_6174_02
    case cases = 0x73_656c_6174_03
}

extension SelatDatabase {
    /// The two engines Selat runs on.
    public enum EngineKind: String, Sendable {
        /// An SQLite file (the embedded default), through GRDB.
        case sqlite
        /// A PostgreSQL database with PostGIS, through PostgresNIO.
        case postgresql
    }
}
