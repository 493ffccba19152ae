import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files a running command must never write over: the database it has open (and SQLite's
/// `-wal`, `-shm` and `-journal` files beside it) and the files it reads.
///
/// Every ``OutputFile`` checks its destination against this list, by file identity (device and
/// inode: hard links and symbolic links are caught) and by resolved path (a `-wal` file that
/// does not exist yet is still the database's). An entry lasts as long as the ``Protection``
/// token returned for it.
public final class ProtectedFiles: @unchecked Sendable {
    /// Why a file is protected.
    public enum Role: Sendable, Equatable {
        /// The open database.
        case database
        /// One of SQLite's files beside the open database (`-wal`, `-shm`, `-journal`).
        case databaseCompanion(suffix: String, database: String)
        /// A file the command reads.
        case input
    }

    struct Entry {
        let id: Int
        let path: String
        let resolved: String
        let identity: FileIdentity?
        let role: Role
    }

    /// The list every writer consults.
    public static let shared = ProtectedFiles()

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var nextID = 0

    /// Protects `path` (which need not exist yet) until the returned token is released.
    public func protect(_ path: String, as role: Role) -> Protection {
        let entry: Entry = lock.withLock {
            nextID += 1
            let e = Entry(
                id: nextID, path: path, resolved: FileIdentity.resolvedPath(path),
                identity: FileIdentity(path: path), role: role)
            entries.append(e)
            return e
        }
        return Protection(owner: self, id: entry.id)
    }

    /// Protects a database file and its SQLite companions.
    public func protectDatabase(_ path: String) -> [Protection] {
        [protect(path, as: .database)]
            + ["-wal", "-shm", "-journal"].map {
                protect(path + $0, as: .databaseCompanion(suffix: $0, database: path))
            }
    }

    func release(_ id: Int) {
        lock.withLock { entries.removeAll { $0.id == id } }
    }

    /// Why `path` is protected, if it is.
    public func role(of path: String) -> Role? { entry(matching: path)?.role }

    /// The protected entry `path` is, if any: the same file (device and inode) or the same
    /// resolved path.
    func entry(matching path: String) -> Entry? {
        let identity = FileIdentity(path: path)
        let resolved = FileIdentity.resolvedPath(path)
        return lock.withLock {
            entries.first { e in
                if let identity, let other = e.identity ?? FileIdentity(path: e.path),
                    identity == other
                {
                    return true
                }
                return e.resolved == resolved
            }
        }
    }
}

/// Keeps a file protected while it lives.
public final class Protection: Sendable {
    private let owner: ProtectedFiles
    private let id: Int

    init(owner: ProtectedFiles, id: Int) {
        self.owner = owner
        self.id = id
    }

    deinit { owner.release(id) }
}

/// A file's device and inode: the same file whatever the path (links, `..`, symbolic links).
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path` (following symbolic links), nil if there is none.
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// `path` with its folder resolved (symbolic links, `.`, `..`), so two spellings of one
    /// place compare equal even before the file exists.
    static func resolvedPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let real = realpath(folder, nil) else { return url.path }
        defer { free(real) }
        let base = String(cString: real)
        return (base.hasSuffix("/") ? base : base + "/") + name
    }
}
