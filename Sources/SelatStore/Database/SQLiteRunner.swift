import Foundation
import GRDB
import GRDBSQLite

/// Statements on one SQLite connection (inside GRDB's transaction or read), for the SQL both
/// engines share.
struct SQLiteRunner: SQLRunner {
    let db: Database

    var engine: SelatDatabase.EngineKind { .sqlite }

    // Cached statements: compiled once per connection (the station server runs the same few
    // statements for every request).
    // Values bound with SQLite's C API: GRDB's argument boxing was a tenth of the station
    // server's writer time (its audit entries and origins, one statement each).
    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        let statement = try db.cachedStatement(sql: sql)
        let stmt = statement.sqliteStatement
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        guard Int(sqlite3_bind_parameter_count(stmt)) == arguments.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message:
                    "\(arguments.count) values for \(sqlite3_bind_parameter_count(stmt)) parameters",
                sql: sql)
        }
        for (k, argument) in arguments.enumerated() {
            try db.bind(argument?.sqlValue ?? .null, at: Int32(k + 1), to: stmt, sql: sql)
        }
        while try db.step(stmt, sql: sql) {}
    }

    func update(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try execute(sql, arguments)
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        var rows: [SQLRow] = []
        var names: [String]?
        while let row = try cursor.next() {
            if names == nil { names = Array(row.columnNames) }
            rows.append(SQLRow(names: names ?? [], values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(
            arguments.map { argument -> DatabaseValue in
                switch argument?.sqlValue ?? .null {
                case .null: .null
                case .integer(let v): v.databaseValue
                case .real(let v): v.databaseValue
                case .text(let v): v.databaseValue
                case .blob(let v): Data(v).databaseValue
                }
            })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob(Array(v))
        }
    }
}
