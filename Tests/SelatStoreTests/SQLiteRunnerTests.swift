import Foundation
import GRDB
import Testing

@testable import SelatStore

@Suite("Values bound with SQLite's C API")
struct SQLiteRunnerTests {
    @Test("empty text stays text, a NUL inside text is kept, NULL and blobs and numbers as given")
    func bindsEveryKind() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k INTEGER PRIMARY KEY, v)")
            let runner = SQLiteRunner(db: db)
            let values: [(any SQLValueConvertible)?] = [
                "", "a\u{0}b", nil, Data(), Data([1, 2, 3]), Int64(-7), 2.5, "Bahasa 🚤",
            ]
            for (k, v) in values.enumerated() {
                try runner.execute("INSERT INTO t (k, v) VALUES (?, ?)", [k, v])
            }
            // SQLite's own reading of what was stored.
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT typeof(v) AS type, length(CAST(v AS BLOB)) AS bytes FROM t ORDER BY k")
            let got = rows.map { "\($0["type"] as String):\(($0["bytes"] as Int?) ?? -1)" }
            #expect(
                got == [
                    "text:0", "text:3", "null:-1", "blob:0", "blob:3", "integer:2", "real:3",
                    "text:11",
                ])
            #expect(try String.fetchOne(db, sql: "SELECT hex(v) FROM t WHERE k = 1") == "610062")
            // A statement given the wrong number of values is refused, not run.
            #expect(throws: DatabaseError.self) {
                try runner.execute("INSERT INTO t (k, v) VALUES (?, ?)", [99])
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE k = 99") == 0)
        }
    }
}
