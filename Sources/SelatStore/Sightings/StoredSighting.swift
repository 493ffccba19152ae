import Foundation
import SelatGeo
import SelatModel

/// A sighting as kept in the database, with the bookkeeping the store adds.
public struct StoredSighting: Sendable, Hashable, Codable {
    /// The sighting itself.
    public let sighting: Sighting
    /// Position in the log (insertion order).
    public let sequence: Int64
    /// When Selat stored it.
    public let createdAt: Timestamp
}

/// What happened to one sighting offered to the store.
public enum InsertOutcome: Sendable, Equatable {
    /// Stored as a new record.
    case added
    /// A record with this id and the same content is already stored; nothing changed.
    case duplicate
    /// A record with this id but different content is already stored; nothing changed.
    case conflict(existing: Sighting)
}
