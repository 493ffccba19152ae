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

    /// The error in words, with controls and follow-ups spelled by the front end.
    public func words(_ names: ControlNames) -> String {
        switch self {
        case .settingEdited(let name, let value):
            "the setting \(name) (\(value)) was edited outside Selat; set it again with \(names(.setStudyRegion))"
        case .correctionNeedsReason:
            "a correction needs a reason (\(names(.reason)) \"…\"): it is kept with the record"
        case .alreadyCorrected(let id, let newer):
            "sighting \(id) was already corrected by \(newer); correct that one (see \(names(.sightingHistory)))"
        case .correctionChangesNothing:
            "the correction changes nothing: give the fields that were wrong (e.g. \(names(.position)), \(names(.time)), \(names(.activity)))"
        case .idTaken(let id):
            "a sighting with id \(id) is already stored"
        case .caseNeedsName:
            "a case needs a name, e.g. \(names(.evidenceCase)) \"LP/123/XI/2026\""
        case .unknownSighting(let id):
            "no sighting \(id) in the log; check the id with \(names(.listSightings))"
        case .backupExists(let path):
            "\(path) already exists; give a new file name (a backup never overwrites)"
        case .output(let error):
            error.words(names)
        default:
            description
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .noDatabase(let path):
            "there is no database at \(path); check the file name (a command that only reads never creates one)"
        case .nameTaken(let kind, let name):
            "\("aeiou".contains(kind.prefix(1)) ? "an" : "a") \(kind) named \"\(name)\" already exists; choose another name"
        case .notFound(let kind, let key):
            "no \(kind) \"\(key)\" in this database"
        case .inUse(let kind, let key, let by):
            "the \(kind) \"\(key)\" is still used by \(by); remove or move those first"
        case .database(let message):
            "the database refused the operation: \(message)"
        case .unreadableHotspotRun(let id, let feature, let reason):
            "hotspot run \(id)\(feature.map { ", feature \($0)" } ?? ""): \(reason); its stored results were changed outside Selat. Run the analysis again and use the new run"
        case .settingEdited, .correctionNeedsReason, .alreadyCorrected, .correctionChangesNothing,
            .idTaken, .caseNeedsName, .unknownSighting, .backupExists:
            words(.neutral)
        case .output(let error):
            error.description
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
