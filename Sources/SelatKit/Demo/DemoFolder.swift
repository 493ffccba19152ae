import Foundation
import SelatModel
import SelatStore

/// The demo's folder: `selat demo` writes only into a new or empty folder, or one that holds
/// nothing but what an earlier demo made (its database, marked as the demo's, and files Selat
/// wrote for the demo and nobody changed since). Anything else — a station's log, a file the
/// user made or edited — makes it refuse, naming the files, before anything is touched.
struct DemoFolder {
    let path: String

    static let databaseName = "selat.sqlite"
    static let companions = ["-wal", "-shm", "-journal"]

    /// Creates the folder, or checks an existing one and removes the earlier demo database.
    /// - Throws: ``OutputError`` naming the folder and the files that are not the demo's.
    func prepare() throws(OutputError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            try OutputFolder.create(path, purpose: .demo, personal: false)
            return
        }
        guard isFolder.boolValue else {
            throw .refused(path: path, what: .notRegularFile(kind: "a file, not a folder"))
        }
        if let role = ProtectedFiles.shared.role(of: path + "/" + Self.databaseName),
            role == .database
        {
            throw .refused(path: path + "/" + Self.databaseName, what: .openDatabase)
        }
        let foreign = Self.foreignEntries(in: path, top: true)
        guard foreign.isEmpty else {
            let shown =
                foreign.prefix(5).map { ($0 as NSString).lastPathComponent }
                + (foreign.count > 5 ? ["… \(foreign.count - 5) more"] : [])
            throw .refused(path: path, what: .folderHoldsOtherFiles(shown))
        }
        let db = (path as NSString).appendingPathComponent(Self.databaseName)
        for suffix in [""] + Self.companions {
            if unlink(db + suffix) != 0 && errno != ENOENT {
                throw .cannotWrite(path: db + suffix, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Entries of `folder` the demo did not make.
    static func foreignEntries(in folder: String, top: Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let db = (folder as NSString).appendingPathComponent(databaseName)
        let demoDatabase =
            top && FileManager.default.fileExists(atPath: db)
            && SelatDatabase.isDemoDatabase(at: db)
        var foreign: [String] = []
        for name in names.sorted() {
            let full = (folder as NSString).appendingPathComponent(name)
            if top
                && (name == databaseName
                    || companions.contains(where: { name == databaseName + $0 }))
            {
                if !demoDatabase { foreign.append(full) }
                continue
            }
            var st = stat()
            guard lstat(full, &st) == 0, OutputFile.writtenBySelat(full) == .demo else {
                foreign.append(full)
                continue
            }
            if st.st_mode & S_IFMT == S_IFDIR { foreign += foreignEntries(in: full, top: false) }
        }
        return foreign
    }
}
