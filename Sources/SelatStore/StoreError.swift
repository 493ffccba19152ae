import Foundation
import GRDB
import SelatModel

/// What can go wrong with the database, said so a person can act on it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or is not a Selat database.
    case cannotOpen(path: String, reason: String)
    /// A command that only reads was given a database file that does not exist.
    case noDatabase(path: String)
    /// A name (waypoint, route) that is already taken.
    case nameTaken(kind: String, name: String)
    /// Something asked for by name or id is not there.
    case notFound(kind: String, key: String)
    /// Something cannot be removed while others refer to it (a base with boats).
    case inUse(kind: String, key: String, by: String)
    /// SQLite refused an operation.
    case database(String)
    /// A setting (`study_region`) whose stored value Selat did not write.
    case settingEdited(name: String, value: String)
    /// A correction without a reason (the reason is kept with the record).
    case correctionNeedsReason
    /// The sighting was already corrected by a newer version; correct that one.
    case alreadyCorrected(id: String, by: String)
    /// The corrected sighting has the same content as the old one.
    case correctionChangesNothing
    /// The id given to a corrected sighting is already stored.
    case idTaken(id: String)
    /// A case without a name.
    case caseNeedsName
    /// An id that is not in the sighting log.
    case unknownSighting(id: String)
    /// A backup would overwrite an existing file (a backup never does).
    case backupExists(path: String)
    /// A stored hotspot run whose results cannot be read (changed outside Selat).
    case unreadableHotspotRun(id: Int64, feature: Int?, reason: String)
    /// A file (a backup) that would not or could not be written.
    case output(OutputError)
    /// A `postgresql://` address that cannot be read.
    case badDatabaseURL(url: String, reason: String)
    /// The database server cannot be reached now (stopped, restarting, the network cut); the
    /// same request may succeed later.
    case unavailable(database: String, reason: String)
    /// What SQLite does that PostgreSQL does not (a file backup), with what to do instead.
    case notOnPostgreSQL(what: String, instead: String)
    /// What PostgreSQL does that an SQLite file does not (database roles).
    case onlyOnPostgreSQL(what: String)
    /// A PostgreSQL role name Selat will not create.
    case badRoleName(String)

    /// The error in words, with controls and follow-ups spelled by the front end, in its language.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .settingEdited(let name, let value):
            n("store.setting_edited", ["name": name, "value": value, "fix": n(.setStudyRegion)])
        case .correctionNeedsReason:
            n("store.correction_needs_reason", ["reason": n(.reason)])
        case .alreadyCorrected(let id, let newer):
            n(
                "store.already_corrected",
                ["id": id, "newer": newer, "history": n(.sightingHistory)])
        case .correctionChangesNothing:
            n(
                "store.correction_changes_nothing",
                ["position": n(.position), "time": n(.time), "activity": n(.activity)])
        case .idTaken(let id):
            n("store.id_taken", ["id": id])
        case .caseNeedsName:
            n("store.case_needs_name", ["case": n(.evidenceCase)])
        case .unknownSighting(let id):
            n("store.unknown_sighting", ["id": id, "list": n(.listSightings)])
        case .backupExists(let path):
            n("store.backup_exists", ["path": path])
        case .output(let error):
            error.words(n)
        case .cannotOpen(let path, let reason):
            n("store.cannot_open", ["path": path, "reason": reason])
        case .noDatabase(let path):
            n("store.no_database", ["path": path])
        case .nameTaken(let kind, let name):
            n("store.name_taken", ["kind": Self.kindWord(kind, n), "name": name])
        case .notFound(let kind, let key):
            n("store.not_found", ["kind": Self.kindWord(kind, n), "key": key])
        case .inUse(let kind, let key, let by):
            n("store.in_use", ["kind": Self.kindWord(kind, n), "key": key, "by": by])
        case .database(let message):
            n("store.database", ["message": message])
        case .badDatabaseURL(let url, let reason):
            n("store.bad_database_url", ["url": url, "reason": reason])
        case .unavailable(let database, let reason):
            n("store.unavailable", ["database": database, "reason": reason])
        case .notOnPostgreSQL(let what, let instead):
            n("store.not_on_postgresql", ["what": what, "instead": instead])
        case .onlyOnPostgreSQL(let what):
            n("store.only_on_postgresql", ["what": what])
        case .badRoleName(let name):
            n("store.bad_role_name", ["name": name])
        case .unreadableHotspotRun(let id, let feature, let reason):
            feature.map {
                n(
                    "store.unreadable_run_feature",
                    ["run": "\(id)", "feature": "\($0)", "reason": reason])
            } ?? n("store.unreadable_run", ["run": "\(id)", "reason": reason])
        }
    }

    /// The English words (logs, test failures).
    public var description: String { words(.neutral) }

    /// The name of a kind of stored thing (`waypoint`) in the front end's language.
    static func kindWord(_ kind: String, _ n: ControlNames) -> String {
        switch kind {
        case "agency": n("store.kind.agency")
        case "base": n("store.kind.base")
        case "boat": n("store.kind.boat")
        case "hotspot run": n("store.kind.hotspot_run")
        case "plan": n("store.kind.plan")
        case "route": n("store.kind.route")
        case "sighting": n("store.kind.sighting")
        case "user": n("store.kind.user")
        case "waypoint": n("store.kind.waypoint")
        default: kind
        }
    }

    /// Runs `body`, its error as a ``StoreError`` (kept as it is when it already is one).
    static func wrapping<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw wrap(error) }
    }

    static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .database(error.message ?? error.description)
        }
        return .database(String(describing: error))
    }
}
