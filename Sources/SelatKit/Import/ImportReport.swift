import Foundation
import SelatStore

/// One row that was not imported, and why.
public struct ImportProblem: Sendable, Hashable, Codable {
    /// Where: `line 17` for CSV, `feature 3 (features[2])` for GeoJSON.
    public let location: String
    /// The column or property, if the problem is in one.
    public let field: String?
    /// The offending value, if any.
    public let value: String?
    /// What is wrong and what to do.
    public let reason: String
    /// Whether the row was refused because its id is stored with other content.
    public let isConflict: Bool

    /// `line 17, field lat: ...`.
    public var description: String {
        var text = location
        if let field { text += ", field \(field)" }
        return text + ": " + reason
    }
}

/// What an import did. `Codable` (``ResultJSON``): the server sends it as it is.
public struct ImportReport: Sendable, Codable {
    /// The file imported.
    public let file: String
    public var counts = ImportCounts()
    /// Rows refused, in file order (conflicts included).
    public var problems: [ImportProblem] = []
    /// Columns in the file that Selat does not know; their values were not imported.
    public var ignoredColumns: [String] = []
    /// Rows whose time had no UTC offset and was read in the default zone.
    public var rowsUsingDefaultOffset = 0
    /// The default offset applied, in minutes.
    public var defaultOffsetMinutes = 420
    /// Where rejected rows were written, if any were.
    public var rejectsFile: String?
    /// A rejects file left by an earlier run of the same file, removed because no row is
    /// refused now.
    public var removedRejectsFile: String?
    /// `--strict` was given and some row was bad, so nothing was imported.
    public var abortedByStrict = false
    /// Why the import stopped before the end of the file, if it did. The batches written before
    /// are kept; running the same import again adds exactly the rest.
    public var stopped: ImportStop?
    /// Rows accepted with a flag, by flag (counted as read; a duplicate row is counted too).
    public var flagged = FlagCounts()

    /// How many rows carried each flag.
    public struct FlagCounts: Sendable, Equatable, Codable {
        public var onLand = 0
        public var outsideRegion = 0
        public var inlandWater = 0
        public init() {}
    }

    /// Wall time in seconds.
    public var seconds = 0.0
}

/// Why an import stopped early, and where.
public struct ImportStop: Sendable, Error, Codable {
    public enum Cause: Sendable {
        /// The user interrupted it (Ctrl-C).
        case interrupted
        /// The database refused a batch (disk full, a rule the file broke, a lock held too long).
        case database(StoreError)
    }

    public let cause: Cause
    /// Where the batch that was not written starts and ends (`line 50002` … `line 100001`).
    public let firstLocation: String?
    public let lastLocation: String?
    /// Rows of the file in the batches written before the stop.
    public let rowsRead: Int

    private enum Keys: String, CodingKey {
        case cause, databaseError, firstLocation, lastLocation, rowsRead
    }

    public init(cause: Cause, firstLocation: String?, lastLocation: String?, rowsRead: Int) {
        self.cause = cause
        self.firstLocation = firstLocation
        self.lastLocation = lastLocation
        self.rowsRead = rowsRead
    }

    /// In JSON the cause is `interrupted` or `database`, with the database's error in words.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch cause {
        case .interrupted: try c.encode("interrupted", forKey: .cause)
        case .database(let e):
            try c.encode("database", forKey: .cause)
            try c.encode(e.description, forKey: .databaseError)
        }
        try c.encodeIfPresent(firstLocation, forKey: .firstLocation)
        try c.encodeIfPresent(lastLocation, forKey: .lastLocation)
        try c.encode(rowsRead, forKey: .rowsRead)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let cause: Cause =
            try c.decode(String.self, forKey: .cause) == "interrupted"
            ? .interrupted
            : .database(.database(try c.decodeIfPresent(String.self, forKey: .databaseError) ?? ""))
        self.init(
            cause: cause, firstLocation: try c.decodeIfPresent(String.self, forKey: .firstLocation),
            lastLocation: try c.decodeIfPresent(String.self, forKey: .lastLocation),
            rowsRead: try c.decode(Int.self, forKey: .rowsRead))
    }
}
