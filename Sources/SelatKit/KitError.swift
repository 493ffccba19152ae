import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// Errors of the use cases, wrapping the modules' own, each with a message a person can act on.
public enum KitError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case format(FormatError)
    case model(ModelError)
    case geo(GeoError)
    /// A file Selat would not write, or could not.
    case output(OutputError)
    /// A whole file cannot be imported (missing columns, duplicate header names).
    case unusableFile(file: String, reason: String)
    /// Anything else, already worded for a person.
    case other(String)

    public var description: String {
        switch self {
        case .store(let e): e.description
        case .format(let e): e.description
        case .model(let e): e.description
        case .geo(let e): e.description
        case .output(let e): e.description
        case .unusableFile(let file, let reason): "\(file): \(reason)"
        case .other(let text): text
        }
    }

    /// Runs a file-writing operation, wrapping its error.
    static func output<T>(_ body: () throws(OutputError) -> T) throws(KitError) -> T {
        do { return try body() } catch { throw .output(error) }
    }

    /// Runs `body` with every read of `database` in one read transaction (one snapshot).
    static func inSnapshot<T>(_ database: SelatDatabase, _ body: () throws(KitError) -> T)
        throws(KitError) -> T
    {
        var result: Result<T, KitError>?
        try store { () throws(StoreError) in
            try database.inSnapshot { result = Result { () throws(KitError) in try body() } }
        }
        return try result!.get()
    }

    /// Runs a store operation, wrapping its error.
    static func store<T>(_ body: () throws(StoreError) -> T) throws(KitError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
