import Foundation

/// Counts of one import, as kept in `import_log`.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var read = 0
    public var added = 0
    public var duplicate = 0
    public var conflict = 0
    public var rejected = 0
    public init() {}
}

extension SelatDatabase {
    /// Records that an import started; returns its log id.
    public func beginImport(fileName: String, fileSize: Int, format: String) throws(StoreError)
        -> Int64
    {
        try transaction { db in
            try db.insertReturningID(
                "INSERT INTO import_log (file_name, file_size, format, started_at) VALUES (?, ?, ?, ?)",
                [fileName, fileSize, format, Self.nowMilliseconds()])
        }
    }

    /// Records an import's final counts.
    public func finishImport(_ id: Int64, counts: ImportCounts) throws(StoreError) {
        try transaction { db in
            try db.execute(
                """
                UPDATE import_log SET finished_at = ?, rows_read = ?, rows_added = ?, rows_duplicate = ?,
                    rows_conflict = ?, rows_rejected = ? WHERE id = ?
                """,
                [
                    Self.nowMilliseconds(), counts.read, counts.added, counts.duplicate,
                    counts.conflict, counts.rejected, id,
                ])
        }
    }
}
