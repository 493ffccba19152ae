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
}
