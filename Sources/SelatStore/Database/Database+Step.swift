import GRDB
import GRDBSQLite

extension Database {
    /// Steps a statement read with the C API (the hot loops that decode columns in place):
    /// true at a row, false when done.
    /// - Throws: `DatabaseError` with SQLite's message and `sql` on any other result.
    func step(_ stmt: SQLiteStatement, sql: @autoclosure () -> String? = nil) throws -> Bool {
        let code = sqlite3_step(stmt)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql())
    }

    /// Binds `value` to parameter `index` (from 1) with the C API, SQLite taking its own copy
    /// (the hot statements that skip GRDB's argument boxing). Text is bound by its length, so a
    /// NUL inside it is kept as GRDB keeps it.
    /// - Throws: `DatabaseError` with SQLite's message and `sql` when SQLite refuses it.
    func bind(
        _ value: SQLValue, at index: Int32, to stmt: SQLiteStatement,
        sql: @autoclosure () -> String? = nil
    ) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(stmt, index)
        case .integer(let v): code = sqlite3_bind_int64(stmt, index, v)
        case .real(let v): code = sqlite3_bind_double(stmt, index, v)
        case .text(var v):
            code = v.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) {
                    // An empty buffer may have no address, which SQLite would bind as NULL.
                    guard let base = $0.baseAddress else {
                        return sqlite3_bind_text(stmt, index, "", 0, Self.transient)
                    }
                    return sqlite3_bind_text(stmt, index, base, Int32($0.count), Self.transient)
                }
            }
        case .blob(let v):
            code = v.withUnsafeBytes {
                sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), Self.transient)
            }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql())
        }
    }

    /// SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
