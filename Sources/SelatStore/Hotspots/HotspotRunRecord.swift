import Foundation
import SelatGeo
import SelatModel

/// A stored hotspot run: its parameters, the sightings it read, and its results.
public struct HotspotRunRecord: Sendable, Hashable {
    /// Run number, given by the database (nil before saving).
    public var id: Int64?
    public var createdAt: Timestamp
    /// `gistar`, `dbscan`, `kde` or `emerging`.
    public var method: String
    /// The parameters as JSON (cell size, projection, filters, seed, …).
    public var parameters: String
    /// The command line that reproduces the run.
    public var command: String
    public var sightingCount: Int
    /// SHA-256 (hex) over the sorted content digests of the sightings analysed: the same set of
    /// sightings gives the same value on any machine, whatever order they were imported in.
    public var inputDigest: String
    /// The summary as printed, for runs stored before schema v11 (later runs keep typed notes and
    /// rows instead, and an empty summary).
    public var summary: String
    public var featureCount: Int

    public init(
        id: Int64? = nil, createdAt: Timestamp, method: String, parameters: String, command: String,
        sightingCount: Int, inputDigest: String, summary: String, featureCount: Int
    ) {
        self.id = id
        self.createdAt = createdAt
        self.method = method
        self.parameters = parameters
        self.command = command
        self.sightingCount = sightingCount
        self.inputDigest = inputDigest
        self.summary = summary
        self.featureCount = featureCount
    }
}

/// A stored run: its record, its typed results and, for runs stored since schema v11, its notes
/// and ranked rows (older runs have their printed summary in ``HotspotRunRecord/summary``).
public struct StoredHotspotRun: Sendable {
    public let record: HotspotRunRecord
    public let results: HotspotResults
    public let outcome: HotspotRun?

    public init(record: HotspotRunRecord, results: HotspotResults, outcome: HotspotRun?) {
        self.record = record
        self.results = results
        self.outcome = outcome
    }

    /// The method, typed (nil for a method this Selat does not know).
    public var method: HotspotMethod? { HotspotMethod(rawValue: record.method) }
}
