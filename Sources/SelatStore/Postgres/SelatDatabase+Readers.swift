import Foundation

/// Accounts of the database itself, for GIS clients that read it directly (QGIS, GDAL).
extension SelatDatabase {
    /// The layers and tables a reader may see: positions, times, types and activities of current
    /// sightings (no unit, notes, or who logged them), hot-spot runs and cells, plan routes.
    public static let readerTables = [
        "current_sighting", "hotspot_run", "hotspot_cell", "plan_route", "spatial_ref_sys",
        "geometry_columns",
    ]

    /// Lets the PostgreSQL role `name` read the GIS layers and nothing else: creates it (able to
    /// log in) if it does not exist, sets its password when one is given, and grants `CONNECT`,
    /// `USAGE` on the schema and `SELECT` on ``readerTables`` only. Running it again changes nothing
    /// but the password.
    /// - Throws: ``StoreError/onlyOnPostgreSQL(what:)`` on SQLite; ``StoreError/badRoleName(_:)``.
    public func grantReader(_ name: String, password: String?) throws(StoreError) {
        guard case .postgres(let engine) = backend else {
            throw .onlyOnPostgreSQL(what: "selat db grant-reader")
        }
        guard name.range(of: #"^[a-z_][a-z0-9_]{1,62}$"#, options: .regularExpression) != nil
        else { throw .badRoleName(name) }
        let role = "\"\(name)\""
        let database = "\"\(engine.address.database.replacingOccurrences(of: "\"", with: "\"\""))\""
        try engine.transaction { db in
            let exists = try db.value(
                "SELECT 1 FROM pg_roles WHERE rolname = ?", [name], as: Int.self)
            if exists == nil {
                try db.execute("CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
            }
            if let password {
                // Utility statements take no parameters: the password is a quoted literal.
                let literal = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
                try db.execute("ALTER ROLE \(role) PASSWORD \(literal)")
            }
            try db.execute("GRANT CONNECT ON DATABASE \(database) TO \(role)")
            try db.execute("GRANT USAGE ON SCHEMA public TO \(role)")
            for table in Self.readerTables {
                try db.execute("GRANT SELECT ON \(table) TO \(role)")
            }
        }
    }
}
