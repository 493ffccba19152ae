import Foundation
import GRDB
import GRDBSQLite
import SelatGeo
import SelatModel

/// Steps a statement selecting ``SelatDatabase/sightingColumns`` and decodes each row straight
/// from SQLite's column accessors (area queries may return tens of thousands of rows). The one
/// place that knows the columns' positions.
struct SightingColumnsReader {
    let db: Database
    let statement: Statement

    /// Runs the statement with `arguments`, calling `body` with each row's latitude and longitude
    /// first; when it returns true, the row is decoded and appended to `results`.
    func read(
        arguments: StatementArguments, into results: inout [StoredSighting],
        where keep: (Double, Double) throws -> Bool
    ) throws {
        try statement.setArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        // Read once: GRDB's `sql` trims the text on every call (most of the time of a long read).
        let sql = statement.sql
        while try db.step(stmt, sql: sql) {
            let lat = sqlite3_column_double(stmt, 4)
            let lon = sqlite3_column_double(stmt, 5)
            guard try keep(lat, lon) else { continue }
            results.append(try decode(stmt, lat: lat, lon: lon))
        }
    }

    /// Runs the statement with `arguments`, calling `body` with each row decoded, until it
    /// returns false.
    func forEach(arguments: StatementArguments, _ body: (StoredSighting) -> Bool) throws {
        try statement.setArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        // Read once: GRDB's `sql` trims the text on every call (most of the time of a long read).
        let sql = statement.sql
        while try db.step(stmt, sql: sql) {
            let s = try decode(
                stmt, lat: sqlite3_column_double(stmt, 4), lon: sqlite3_column_double(stmt, 5))
            guard body(s) else { return }
        }
    }

    func text(_ stmt: OpaquePointer, _ i: Int32) -> String? {
        guard sqlite3_column_type(stmt, i) != SQLITE_NULL, let p = sqlite3_column_text(stmt, i)
        else { return nil }
        let n = Int(sqlite3_column_bytes(stmt, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    private func double(_ stmt: OpaquePointer, _ i: Int32) -> Double? {
        sqlite3_column_type(stmt, i) == SQLITE_NULL ? nil : sqlite3_column_double(stmt, i)
    }

    func int(_ stmt: OpaquePointer, _ i: Int32) -> Int64? {
        sqlite3_column_type(stmt, i) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, i)
    }

    func decode(_ stmt: OpaquePointer, lat: Double, lon: Double) throws -> StoredSighting {
        let confidence: Confidence?
        if let v = double(stmt, 13) {
            confidence = try Confidence(v)
        } else if let l = text(stmt, 14) {
            confidence = .level(try SelatDatabase.stored(Confidence.Level.self, l))
        } else {
            confidence = nil
        }
        let sighting = try Sighting(
            id: SightingID(text(stmt, 1) ?? ""),
            observedAt: Timestamp(
                millisecondsSince1970: int(stmt, 2) ?? 0, offsetMinutes: Int(int(stmt, 3) ?? 0)),
            position: Coordinate(latitude: lat, longitude: lon),
            vesselType: SelatDatabase.stored(VesselType.self, text(stmt, 6) ?? ""),
            activity: SelatDatabase.stored(Activity.self, text(stmt, 7) ?? ""),
            personsAboard: int(stmt, 8).map { Int($0) }, headingDegrees: double(stmt, 9),
            speed: double(stmt, 10).map { Speed(knots: $0) },
            source: try text(stmt, 11).map { s throws(ModelError) in
                try SelatDatabase.stored(SightingSource.self, s)
            },
            unit: text(stmt, 12), confidence: confidence, notes: text(stmt, 15),
            onLand: int(stmt, 17) == 1,
            outsideRegion: int(stmt, 18) == 1, inlandWater: int(stmt, 19) == 1)
        return StoredSighting(
            sighting: sighting, sequence: int(stmt, 0) ?? 0,
            createdAt: Timestamp(millisecondsSince1970: int(stmt, 16) ?? 0))
    }
}
