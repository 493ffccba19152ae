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
    /// The engine behind the store.
    enum Backend: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresEngine)
    }
    let backend: Backend
    /// The SQLite file's GRDB writer.
    /// - Throws: ``StoreError/notOnPostgreSQL(what:instead:)`` on PostgreSQL.
    var writer: DatabasePool {
        get throws(StoreError) {
            guard case .sqlite(let pool) = backend else {
                throw .notOnPostgreSQL(what: "this SQLite operation", instead: "")
            }
            return pool
        }
    }
    /// The engine the store runs on.
    public var engine: EngineKind {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgresql
        }
    }
    /// The file's path; for PostgreSQL, the database's URL without its password.
    public let path: String
    /// Whether the folder holding the file is on a file system mounted for writing.
    public var isOnWritableMount: Bool {
        var info = statvfs()
        guard statvfs(URL(fileURLWithPath: path).deletingLastPathComponent().path, &info) == 0
        else { return false }
        return info.f_flag & UInt(ST_RDONLY) == 0
    }

    /// Whether the file was opened for reading only.
    public let access: Access
    /// While open, no output of this process may be written over the file or its companions.
    private let protections: [Protection]

    /// How a command uses the file.
    public enum Access: Sendable, Equatable {
        /// Read and write; the file is created (and migrated) if needed.
        case readWrite
        /// Read only: the file must exist; it works on a read-only file or mount. A file written
        /// by an older Selat is upgraded first when it is writable.
        case readOnly
    }

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens the database at `path`: for writing (creating and migrating it if needed), or for
    /// reading only (it must exist).
    /// - Throws: ``StoreError/noDatabase(path:)`` when reading a file that does not exist;
    ///   ``StoreError/cannotOpen(path:reason:)``.
    public convenience init(path: String, access: Access = .readWrite) throws(StoreError) {
        if PostgresAddress.isURL(path) {
            try self.init(postgres: try PostgresAddress(url: path), access: access)
            return
        }
        switch access {
        case .readWrite: try self.init(creatingOrOpening: path)
        case .readOnly: try self.init(readingOnly: path)
        }
    }

    /// Opens a PostgreSQL database, bringing its schema up to date unless only reading.
    private init(postgres address: PostgresAddress, access: Access) throws(StoreError) {
        path = address.description
        self.access = access
        protections = []
        let engine = try PostgresEngine(address: address)
        backend = .postgres(engine)
        try PostgresMigrator.migrate(engine, readOnly: access == .readOnly)
        // A bulk load that was interrupted left its indexes dropped: build them again.
        if access == .readWrite {
            let present = try engine.transaction(readOnly: true) { db in
                try db.value(
                    "SELECT count(*) FROM pg_indexes WHERE tablename = 'sighting' AND indexname IN ('sighting_geom', 'sighting_geog', 'sighting_on_observed_at')",
                    as: Int.self) ?? 0
            }
            if present < PostgresSchema.secondaryIndexes.count { try rebuildSecondaryIndexes() }
        }
    }

    private init(readingOnly path: String) throws(StoreError) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { throw .noDatabase(path: path) }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw .cannotOpen(path: path, reason: "it is not a file")
        }
        // An unreadable file is left to SQLite, which says why.
        guard !FileManager.default.isReadableFile(atPath: path) || OutputFile.isSQLiteDatabase(path)
        else {
            throw .cannotOpen(path: path, reason: "the file is not a SQLite database")
        }
        self.path = path
        access = .readOnly
        protections = ProtectedFiles.shared.protectDatabase(path)
        var config = Self.configuration()
        config.readonly = true
        do {
            var pool: DatabasePool
            do {
                pool = try DatabasePool(path: path, configuration: config)
                // SQLite opens lazily: a first read shows whether the WAL index can be used.
                _ = try pool.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                }
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY
            {
                // A read-only folder or mount: SQLite cannot create the -shm file beside the log.
                // Safe to read the file alone only when no recent changes wait in a -wal file.
                var wal = stat()
                if stat(path + "-wal", &wal) == 0 && wal.st_size > 0 {
                    throw StoreError.cannotOpen(
                        path: path,
                        reason:
                            "its latest changes are in \(path)-wal, which cannot be read from a read-only folder; copy the database and its -wal and -shm files to a writable folder and open the copy"
                    )
                }
                pool = try DatabasePool(path: Self.immutableURI(path), configuration: config)
            }
            if try !pool.read({ db in try Self.migrator.hasCompletedMigrations(db) }) {
                // Written by an older Selat: upgrade it (when the file can be written), then read.
                guard FileManager.default.isWritableFile(atPath: path) else {
                    throw StoreError.cannotOpen(
                        path: path,
                        reason:
                            "it was written by an older Selat and must be upgraded, which needs write access; copy it to a writable folder and open the copy"
                    )
                }
                try pool.close()
                _ = try SelatDatabase(creatingOrOpening: path)
                pool = try DatabasePool(path: path, configuration: config)
            }
            backend = .sqlite(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .cannotOpen(path: path, reason: "the file is not a SQLite database")
        } catch {
            throw .cannotOpen(path: path, reason: StoreError.wrap(error).description)
        }
    }

    /// An `immutable=1` URI for `path` (SQLite reads the file as it is, taking no locks).
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:"
            + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
            + "?immutable=1"
    }

    private static func configuration() -> Configuration {
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
            // Statement journals in memory: a multi-row insert's undo record (for a constraint
            // that fails halfway) otherwise spills past 64 KiB into a temporary file, written on
            // every group the station server commits — half of its disk writes, measured.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
        }
        return config
    }

    private init(creatingOrOpening path: String) throws(StoreError) {
        self.path = path
        access = .readWrite
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
            throw .cannotOpen(
                path: path,
                reason:
                    "cannot create the file (\(String(cString: strerror(errno)))); is the folder writable?"
            )
        }
        protections = ProtectedFiles.shared.protectDatabase(path)
        let config = Self.configuration()
        do {
            let writer = try DatabasePool(path: path, configuration: config)
            backend = .sqlite(writer)
            try Self.migrate(writer)
            // A bulk import drops the secondary indexes and rebuilds them at the end; if it was
            // interrupted, they are rebuilt here.
            // Read first: every `selat` command opens the file, and most need no write lock here.
            let present = try writer.read { db in
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                    arguments: StatementArguments(Self.secondaryIndexes.map(\.name))) ?? 0
            }
            if present < Self.secondaryIndexes.count {
                try writer.writeWithoutTransaction { db in try Self.buildSecondaryIndexes(db) }
            }
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

    /// Runs `body` in one write transaction (SQLite only).
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        let writer = try writer
        do { return try writer.write(body) } catch { throw StoreError.wrap(error) }
    }

    /// Runs `body` on a read-only snapshot: the one of ``inSnapshot(_:)`` when inside it (SQLite only).
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if let current = Self.snapshot, current.owner == ObjectIdentifier(self),
            let db = current.db
        {
            do { return try body(db) } catch { throw StoreError.wrap(error) }
        }
        let writer = try writer
        do { return try writer.read(body) } catch { throw StoreError.wrap(error) }
    }

    /// Runs `body` in one write transaction, on either engine: committed when it returns,
    /// rolled back when it throws.
    func transaction<T>(_ body: (any SQLRunner) throws -> T) throws(StoreError) -> T {
        switch backend {
        case .sqlite(let writer):
            do { return try writer.write { db in try body(SQLiteRunner(db: db)) } } catch {
                throw StoreError.wrap(error)
            }
        case .postgres(let engine):
            return try engine.transaction(body)
        }
    }

    /// Runs `body` on a read-only snapshot, on either engine: the one of ``inSnapshot(_:)`` when
    /// inside it.
    func reading<T>(_ body: (any SQLRunner) throws -> T) throws(StoreError) -> T {
        if let current = Self.snapshot, current.owner == ObjectIdentifier(self) {
            do { return try body(current.runner) } catch { throw StoreError.wrap(error) }
        }
        switch backend {
        case .sqlite(let writer):
            do { return try writer.read { db in try body(SQLiteRunner(db: db)) } } catch {
                throw StoreError.wrap(error)
            }
        case .postgres(let engine):
            return try engine.transaction(readOnly: true, body)
        }
    }

    /// The read transaction ``inSnapshot(_:)`` holds on this thread, if any.
    @TaskLocal static var snapshot: SnapshotHandle?

    /// Sets the writer connection's page cache (default 64 MiB). Large imports raise it so that
    /// index pages stay in memory from one transaction to the next, then set it back.
    ///
    /// Many small transactions want it small: SQLite (3.40) walks the writer's whole page cache
    /// at the end of every transaction that split a B-tree page (`balance_nonroot` renumbers
    /// pages through the lock-byte page's number, and the commit then drops every cached page
    /// past the end of the file by visiting them all) — a tenth of the station server's writer
    /// thread with 64 MiB. The cache's hash table never shrinks, so set it before the writes.
    public func setWriterCache(megabytes: Int) throws(StoreError) {
        // PostgreSQL keeps its indexes itself; these tune SQLite only.
        if engine == .postgresql { return }
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(megabytes * 1024)")
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// The writer connection's page cache, in MiB (nil on PostgreSQL).
    public func writerCacheMegabytes() throws(StoreError) -> Int? {
        if engine == .postgresql { return nil }
        do {
            return try writer.writeWithoutTransaction { db in
                // Negative: KiB; positive: pages.
                let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0
                let bytes =
                    size < 0
                    ? -size * 1024 : size * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
                return bytes / (1024 * 1024)
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// The secondary indexes of the sighting log: area queries (the Hilbert cell key) and time.
    static let secondaryIndexes: [(name: String, sql: String)] = [
        // lat, lon and the time ride along: the box test runs on the index, and an area search
        // picks its first page from the index alone.
        (
            "sighting_on_cell",
            "CREATE INDEX IF NOT EXISTS sighting_on_cell ON sighting(cell, lat, lon, observed_at)"
        ),
        // The position rides along here too: a dense area's first page is found walking time.
        (
            "sighting_on_observed_at",
            "CREATE INDEX IF NOT EXISTS sighting_on_observed_at ON sighting(observed_at, lat, lon)"
        ),
    ]

    static func createSecondaryIndexes(_ db: Database) throws {
        for index in secondaryIndexes { try db.execute(sql: index.sql) }
    }

    /// Drops the secondary indexes before a bulk load: inserting a million rows into random-order
    /// indexes rewrites most index pages in every transaction, while building an index afterwards
    /// is one sorted pass. Queries still work meanwhile (by scanning); ``rebuildSecondaryIndexes()``
    /// and every open restore them.
    public func dropSecondaryIndexes() throws(StoreError) {
        if case .postgres(let engine) = backend {
            try engine.transaction { db in
                for index in PostgresSchema.secondaryIndexes {
                    try db.execute("DROP INDEX IF EXISTS \(index.name)")
                }
            }
            return
        }
        try write { db in
            for index in Self.secondaryIndexes {
                try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
            }
        }
    }

    /// Builds the secondary indexes if they are missing.
    public func rebuildSecondaryIndexes() throws(StoreError) {
        if case .postgres(let engine) = backend {
            try engine.transaction { db in
                for index in PostgresSchema.secondaryIndexes { try db.execute(index.sql) }
                // Statistics for the new rows now, not when autovacuum comes round: without them
                // the planner may pick a scan for a circle the spatial index answers at once.
                try db.execute("ANALYZE sighting")
            }
            return
        }
        do {
            try writer.writeWithoutTransaction { db in try Self.buildSecondaryIndexes(db) }
        } catch { throw StoreError.wrap(error) }
    }

    /// Where SQLite's sorter keeps its sorted runs while an index is built.
    enum IndexSorter {
        /// Runs of 4 MiB in temporary files, merged by a second thread: fast.
        case files
        /// One run in memory, sorted on one thread: SQLite's way with `temp_store = MEMORY`.
        case memory
    }

    /// Builds the secondary indexes in one transaction (`db` must not be in one), with SQLite's
    /// sorter set for speed (``IndexSorter/files``): both indexes of a million sightings took
    /// 2.9 s with the runs in memory and 1.1 s in files (the sqlite3 shell, same file). Should
    /// the files fail (no writable temporary folder, a full disk), they are built again in memory.
    static func buildSecondaryIndexes(_ db: Database) throws {
        do {
            try buildSecondaryIndexes(db, sorter: .files)
        } catch {
            try buildSecondaryIndexes(db, sorter: .memory)
        }
    }

    /// Builds the secondary indexes with `sorter`, then puts the connection's settings back.
    /// SQLite deletes its temporary files as it opens them.
    static func buildSecondaryIndexes(_ db: Database, sorter: IndexSorter) throws {
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -65536
        let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 2
        if sorter == .files {
            try db.execute(sql: "PRAGMA temp_store = FILE")
            // The sorter's run size follows the page cache's.
            try db.execute(sql: "PRAGMA cache_size = -4096")
        }
        try db.execute(
            sql: "PRAGMA threads = \(max(1, ProcessInfo.processInfo.activeProcessorCount))")
        defer {
            try? db.execute(sql: "PRAGMA threads = 0")
            try? db.execute(sql: "PRAGMA cache_size = \(cache)")
            try? db.execute(sql: "PRAGMA temp_store = \(tempStore)")
        }
        try db.inTransaction(.immediate) {
            try createSecondaryIndexes(db)
            return .commit
        }
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
            return try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + plan.sql,
                arguments: plan.argumentsPerRange.first ?? StatementArguments()
            )
            .map { $0["detail"] as String }
        }
    }

    /// The current time in milliseconds, for `created_at`.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// A read transaction shared by the reads inside ``SelatDatabase/inSnapshot(_:)``; only used on
/// the thread that opened it.
final class SnapshotHandle: @unchecked Sendable {
    /// The SQLite connection (nil on PostgreSQL).
    let db: Database?
    let runner: any SQLRunner
    let owner: ObjectIdentifier

    init(db: Database, owner: ObjectIdentifier) {
        self.db = db
        runner = SQLiteRunner(db: db)
        self.owner = owner
    }

    init(runner: any SQLRunner, owner: ObjectIdentifier) {
        db = nil
        self.runner = runner
        self.owner = owner
    }
}
