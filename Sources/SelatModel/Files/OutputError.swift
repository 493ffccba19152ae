import Foundation
import SelatWords

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
            return names("output.cannot_write", ["path": path, "reason": reason])
        case .refused(let path, let what):
            let why: String
            switch what {
            case .openDatabase:
                why = names("output.open_database")
            case .databaseCompanion(let suffix, let database):
                why = names("output.database_companion", ["suffix": suffix, "database": database])
            case .input:
                why = names("output.input")
            case .notRegularFile(let kind):
                why = names("output.not_regular_file", ["kind": kind])
            case .database:
                why = names("output.database")
            case .exists(let purpose, let changed):
                if let purpose, changed {
                    why = names(
                        "output.changed_since",
                        ["purpose": names(purpose.key), "force": names(.force)])
                } else if let purpose {
                    why = names(
                        "output.other_purpose",
                        ["purpose": names(purpose.key), "force": names(.force)])
                } else {
                    why = names("output.not_selat", ["force": names(.force)])
                }
            case .folderExists:
                why = names("output.folder_exists")
            case .folderHoldsOtherFiles(let files):
                why = names("output.folder_other_files", ["files": files.joined(separator: ", ")])
            }
            return names("output.refusing", ["path": path, "why": why])
        }
    }
}

/// What Selat wrote a file for. A file Selat wrote is marked with its purpose (an extended
/// attribute), so that running the same command again may replace it while any other file is
/// kept unless the user asks for it to be replaced.
public enum OutputPurpose: String, Sendable, Equatable, CaseIterable {
    case export, rejects, map, report, briefing, route, hotspots, plan, backup, evidence, demo

    /// Its catalogue key.
    var key: String {
        switch self {
        case .export: "output.purpose.export"
        case .rejects: "output.purpose.rejects"
        case .map: "output.purpose.map"
        case .report: "output.purpose.report"
        case .briefing: "output.purpose.briefing"
        case .route: "output.purpose.route"
        case .hotspots: "output.purpose.hotspots"
        case .plan: "output.purpose.plan"
        case .backup: "output.purpose.backup"
        case .evidence: "output.purpose.evidence"
        case .demo: "output.purpose.demo"
        }
    }
}
