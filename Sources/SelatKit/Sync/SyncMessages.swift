import Foundation
import SelatModel
import SelatStore

/// Where a station stands with the centre: the last record of the station's log the centre
/// holds, and its chain hash (`GET /api/v1/sync/stations/{station}`).
public struct SyncHead: Sendable, Hashable, Codable {
    public var station: String
    public var pushedThrough: Int64
    public var chainSHA256: String?
    /// Every record of the station the centre kept as a conflict (so a station whose answer was
    /// lost on the way still learns of each).
    public var conflicts: [SyncPushAnswer.Result]

    enum CodingKeys: String, CodingKey {
        case station, conflicts
        case pushedThrough = "pushed_through"
        case chainSHA256 = "chain_sha256"
    }

    public init(
        station: String, pushedThrough: Int64, chainSHA256: String?,
        conflicts: [SyncPushAnswer.Result] = []
    ) {
        self.station = station
        self.pushedThrough = pushedThrough
        self.chainSHA256 = chainSHA256
        self.conflicts = conflicts
    }
}

/// A batch of a station's records, in its log order (`POST /api/v1/sync/push`).
public struct SyncPush: Sendable, Hashable, Codable {
    /// The station's log id (``SelatDatabase/stationID()``).
    public var station: String
    /// The station's name, for people (`Pos Natuna`).
    public var name: String
    public var records: [SyncRecord]

    public init(station: String, name: String, records: [SyncRecord]) {
        self.station = station
        self.name = name
        self.records = records
    }
}

/// What the centre did with a pushed batch.
public struct SyncPushAnswer: Sendable, Hashable, Codable {
    /// One per record the centre had not acknowledged before.
    public struct Result: Sendable, Hashable, Codable {
        public var sequence: Int64
        public var id: String
        public var outcome: SyncLink.Outcome
        /// For a conflict: the centre's record with that id (or the correction that came first).
        public var existing: SyncRecord?
        /// For a conflict without such a record: why the record could not be stored.
        public var reason: String?

        public init(
            sequence: Int64, id: String, outcome: SyncLink.Outcome, existing: SyncRecord? = nil,
            reason: String? = nil
        ) {
            self.sequence = sequence
            self.id = id
            self.outcome = outcome
            self.existing = existing
            self.reason = reason
        }
    }

    public var results: [Result]
    /// The station's last record the centre now holds, and its chain hash.
    public var pushedThrough: Int64
    public var chainSHA256: String?

    enum CodingKeys: String, CodingKey {
        case results
        case pushedThrough = "pushed_through"
        case chainSHA256 = "chain_sha256"
    }

    public init(results: [Result], pushedThrough: Int64, chainSHA256: String?) {
        self.results = results
        self.pushedThrough = pushedThrough
        self.chainSHA256 = chainSHA256
    }
}

/// A page of the centre's records for a station (`GET /api/v1/sync/records`).
public struct SyncPullAnswer: Sendable, Hashable, Codable {
    /// In the centre's log order; `sequence` and `chain_sha256` are the centre's.
    public var records: [SyncRecord]
    /// Where the next page starts (the last centre position this page covered).
    public var next: Int64
    /// Records of this page not sent: their personal fields (unit, notes) are not for this
    /// account.
    public var heldBack: Int
    /// Whether more records follow.
    public var more: Bool

    enum CodingKeys: String, CodingKey {
        case records, next, more
        case heldBack = "held_back"
    }

    public init(records: [SyncRecord], next: Int64, heldBack: Int, more: Bool) {
        self.records = records
        self.next = next
        self.heldBack = heldBack
        self.more = more
    }
}

/// How a station reaches the centre: over HTTP (``HTTPSyncTransport``), or a centre database
/// opened directly (``LocalSyncTransport``).
public protocol SyncTransport: Sendable {
    /// The station's standing with the centre.
    func head(station: String) throws(KitError) -> SyncHead
    /// Sends a batch; the answer says what the centre did with each record.
    func push(_ batch: SyncPush) throws(KitError) -> SyncPushAnswer
    /// A page of the centre's records after `after`, without the station's own.
    func pull(station: String, after: Int64, limit: Int) throws(KitError) -> SyncPullAnswer
}

/// A centre database opened on this machine, for a given account (tests; a log carried on a
/// disk).
public struct LocalSyncTransport: SyncTransport {
    public let centre: SyncCentre
    public let user: UserAccount

    public init(centre: SyncCentre, user: UserAccount) {
        self.centre = centre
        self.user = user
    }

    public func head(station: String) throws(KitError) -> SyncHead {
        try centre.head(station: station)
    }

    public func push(_ batch: SyncPush) throws(KitError) -> SyncPushAnswer {
        try centre.push(batch, user: user)
    }

    public func pull(station: String, after: Int64, limit: Int) throws(KitError)
        -> SyncPullAnswer
    {
        try centre.pull(station: station, after: after, limit: limit, user: user)
    }
}
