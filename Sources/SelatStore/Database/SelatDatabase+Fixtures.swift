import Foundation
import GRDB
import SelatModel

/// Databases as earlier versions of Selat left them, for upgrade tests (`selat-bench
/// upgrade-fixtures`): the schema's migrations are append-only, so the schema of version N is
/// exactly what migrations 1…N create.
extension SelatDatabase {
    /// The schema's migrations, oldest first.
    public static var migrationNames: [String] { migrator.migrations }

    /// Creates a new file at `path` with the schema as it was after `migration`, then runs `fill`
    /// with raw SQL access (statements, arguments) to put in rows the way that version stored them.
    public static func makeFixture(
        at path: String, upTo migration: String,
        fill: (_ execute: (String, [Any?]) throws -> Void) throws -> Void
    ) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try fill { sql, arguments in
                let values: [DatabaseValueConvertible?] = arguments.map {
                    value -> DatabaseValueConvertible? in
                    switch value {
                    case nil: nil
                    case let v as Int: v
                    case let v as Int64: v
                    case let v as Double: v
                    case let v as String: v
                    case let v as Data: v
                    default: String(describing: value!)
                    }
                }
                try db.execute(sql: sql, arguments: StatementArguments(values))
            }
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        try queue.close()
    }
}
