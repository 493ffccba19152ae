import Foundation
import GRDB
import SelatModel

/// The Selat database: one SQLite file holding sightings, waypoints and routes.
///
/// Opening runs the migrations, so any path becomes a current Selat database. The file is in WAL
/// mode (readers never block the writer), with foreign keys on and a busy timeout so that
/// several loggers can share it. A new file is created readable by its owner only (mode 0600):
/// it holds evidence and officers' names.
public final class SelatDatabase: Sendable {
    /// The underlying GRDB writer.
    let writer: DatabasePool
    /// The file's path.
    public let path: String

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating and migrating if needed) the database at `path`.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)``.
    public init(path: String) throws(StoreError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw .cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        // O_EXCL: when several loggers start on a new file at once, exactly one creates it and
        // none can replace a file another has begun to write (createFile would).
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw .cannotOpen(path: path, reason: "cannot create the file (\(String(cString: strerror(errno)))); is the folder writable?")
        }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "selat"
        config.prepareDatabase { db in
            // WAL + FULL: a crash or power loss cannot corrupt the file, and a sighting whose id
            // was printed stays logged (NORMAL could lose the last commit to a power cut). Imports
            // commit in large batches, so the extra sync costs them next to nothing.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MiB of page cache per connection (index inserts during large imports stay in
            // memory) and memory-mapped reads (no system call per page in area queries).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        do {
            writer = try DatabasePool(path: path, configuration: config)
            try Self.migrate(writer)
            // A bulk import drops the secondary indexes and rebuilds them at the end; if it was
            // interrupted, they are rebuilt here.
            // Read first: every `selat` command opens the file, and most need no write lock here.
            let present = try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                                 arguments: ["sighting_on_cell", "sighting_on_observed_at"]) ?? 0
            }
            if present < Self.secondaryIndexes.count { try writer.write { db in try Self.createSecondaryIndexes(db) } }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .cannotOpen(path: path, reason: "the file is not a SQLite database")
        } catch {
            throw .cannotOpen(path: path, reason: StoreError.wrap(error).description)
        }
    }

    /// Runs the migrations not yet applied. Several processes may open a new or older file at
    /// once: each migration commits with its record in one transaction, so one that loses the
    /// race (its migration fails because another process just applied it) reads the applied
    /// list again and goes on.
    private static func migrate(_ writer: DatabasePool) throws {
        if try writer.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
        for attempt in 1... {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                if try writer.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                if attempt == 5 { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Runs `body` in one write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch { throw StoreError.wrap(error) }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw StoreError.wrap(error) }
    }

    /// Sets the writer connection's page cache (default 64 MiB). Large imports raise it so that
    /// index pages stay in memory from one transaction to the next, then set it back.
    public func setWriterCache(megabytes: Int) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(megabytes * 1024)")
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// The secondary indexes of the sighting log: area queries (the Hilbert cell key) and time.
    static let secondaryIndexes = [
        // lat and lon ride along so the exact box test runs on the index, before any row is read.
        "CREATE INDEX IF NOT EXISTS sighting_on_cell ON sighting(cell, lat, lon)",
        "CREATE INDEX IF NOT EXISTS sighting_on_observed_at ON sighting(observed_at)",
    ]

    static func createSecondaryIndexes(_ db: Database) throws {
        for sql in secondaryIndexes { try db.execute(sql: sql) }
    }

    /// Drops the secondary indexes before a bulk load: inserting a million rows into random-order
    /// indexes rewrites most index pages in every transaction, while building an index afterwards
    /// is one sorted pass. Queries still work meanwhile (by scanning); ``rebuildSecondaryIndexes()``
    /// and every open restore them.
    public func dropSecondaryIndexes() throws(StoreError) {
        try write { db in
            try db.execute(sql: "DROP INDEX IF EXISTS sighting_on_cell")
            try db.execute(sql: "DROP INDEX IF EXISTS sighting_on_observed_at")
        }
    }

    /// Builds the secondary indexes if they are missing.
    public func rebuildSecondaryIndexes() throws(StoreError) {
        do {
            // Let SQLite's sorter use a second core while building (PRAGMA threads).
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA threads = \(max(1, ProcessInfo.processInfo.activeProcessorCount))")
                defer { try? db.execute(sql: "PRAGMA threads = 0") }
                try db.inTransaction {
                    try Self.createSecondaryIndexes(db)
                    return .commit
                }
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's complaints.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The query plan SQLite chooses for a sighting query (for tests: proves the index is used).
    public func queryPlan(for query: SightingQuery) throws(StoreError) -> [String] {
        let plan = Self.sql(for: query)
        return try read { db in
            // EXPLAIN does not check the schema cookie; a real read first makes this connection
            // load a schema changed by another (an index dropped or rebuilt).
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + plan.sql,
                                    arguments: plan.argumentsPerRange.first ?? StatementArguments())
                .map { $0["detail"] as String }
        }
    }

    /// The current time in milliseconds, for `created_at`.
    static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
