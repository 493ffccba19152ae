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
    /// Selat refuses the operation; the message says why and what to do.
    case refused(String)
    /// A file (a backup) that would not or could not be written.
    case output(OutputError)

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
        case .refused(let message):
            message
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
