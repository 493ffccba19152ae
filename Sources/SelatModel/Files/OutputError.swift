import Foundation

/// Why Selat will not write a file, or could not.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The destination must not be written: `what` says what it is.
    case refused(path: String, what: Refusal)
    /// Writing failed (disk full, no permission, missing folder); nothing at `path` was changed.
    case cannotWrite(path: String, reason: String)

    /// What a refused destination is.
    public enum Refusal: Sendable, Equatable {
        /// The database the command has open.
        case openDatabase
        /// SQLite's file beside the open database (`-wal`, `-shm`, `-journal`).
        case databaseCompanion(suffix: String, database: String)
        /// A file the same command reads.
        case input
        /// Not a regular file: a device, FIFO, socket, folder or symbolic link (named).
        case notRegularFile(kind: String)
        /// A SQLite database (perhaps another station's log): never written over.
        case database
        /// An existing file that Selat did not write for this purpose, or that was changed since.
        /// `writtenFor` is the purpose Selat wrote it for, if it did.
        case exists(writtenFor: OutputPurpose?, changedSince: Bool)
        /// A folder that must be new already exists.
        case folderExists
        /// A folder holds files Selat did not make (the first few named).
        case folderHoldsOtherFiles([String])
    }

    /// The refusal for a protected file's role.
    static func refusal(for role: ProtectedFiles.Role) -> Refusal {
        switch role {
        case .database: .openDatabase
        case .databaseCompanion(let suffix, let database):
            .databaseCompanion(suffix: suffix, database: database)
        case .input: .input
        }
    }

    /// Refuses `path` if a running command must not write it (``ProtectedFiles``).
    public static func checkNotProtected(_ path: String) throws(OutputError) {
        if let role = ProtectedFiles.shared.role(of: path) {
            throw .refused(path: path, what: refusal(for: role))
        }
    }

    /// The path concerned.
    public var path: String {
        switch self {
        case .refused(let path, _), .cannotWrite(let path, _): path
        }
    }

    public var description: String { words(.neutral) }

    /// The error in words, with controls spelled by the front end.
    public func words(_ names: ControlNames) -> String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .refused(let path, let what):
            let start = "refusing to write \(path): "
            switch what {
            case .openDatabase:
                return start + "it is the database this command has open; choose another file name"
            case .databaseCompanion(let suffix, let database):
                return start
                    + "it is SQLite's \(suffix) file of the open database \(database); choose another file name"
            case .input:
                return start
                    + "this command reads it; choose another file name so the input is kept"
            case .notRegularFile(let kind):
                return start + "it is \(kind), not a regular file; give the name of a file"
            case .database:
                return start
                    + "it already exists and is a SQLite database (perhaps a station's log); Selat never writes over a database; choose another file name"
            case .exists(let purpose, let changed):
                let who: String
                if let purpose, changed {
                    who = "Selat wrote it (\(purpose.words)) but it was changed since"
                } else if let purpose {
                    who = "Selat wrote it for another purpose (\(purpose.words))"
                } else {
                    who = "it exists and Selat did not write it"
                }
                return start + who
                    + "; choose another file name, or add \(names(.force)) to replace it"
            case .folderExists:
                return start + "the folder already exists; give a new folder name"
            case .folderHoldsOtherFiles(let files):
                return start + "the folder holds files that are not this demo's ("
                    + files.joined(separator: ", ")
                    + "; a demo made by an older Selat is not recognised either); give an empty or new folder"
            }
        }
    }
}

/// What Selat wrote a file for. A file Selat wrote is marked with its purpose (an extended
/// attribute), so that running the same command again may replace it while any other file is
/// kept unless the user asks for it to be replaced.
public enum OutputPurpose: String, Sendable, Equatable, CaseIterable {
    case export, rejects, map, report, briefing, route, hotspots, plan, backup, evidence, demo

    var words: String {
        switch self {
        case .export: "an export"
        case .rejects: "an import's rejected rows"
        case .map: "a map"
        case .report: "a report"
        case .briefing: "a patrol briefing"
        case .route: "a route"
        case .hotspots: "a hot-spot file"
        case .plan: "a plan"
        case .backup: "a backup"
        case .evidence: "an evidence bundle"
        case .demo: "the demo"
        }
    }
}
