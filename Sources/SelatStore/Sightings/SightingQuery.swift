import Foundation
import SelatGeo
import SelatModel

/// A search of the sighting log. Every filter is optional; those given must all hold.
public struct SightingQuery: Sendable, Hashable {
    /// Within `radius` (geodesic) of `centre`.
    public var near: (centre: Coordinate, radius: Distance)? {
        get { nearCentre.map { ($0, nearRadius) } }
        set {
            nearCentre = newValue?.centre
            nearRadius = newValue?.radius ?? Distance(metres: 0)
        }
    }
    private var nearCentre: Coordinate?
    private var nearRadius = Distance(metres: 0)
    /// Inside a latitude/longitude box.
    public var box: BoundingBox?
    /// Observed at or after.
    public var since: Timestamp?
    /// Observed at or before.
    public var until: Timestamp?
    /// Any of these vessel types (empty: all).
    public var vesselTypes: Set<VesselType> = []
    /// Any of these activities (empty: all).
    public var activities: Set<Activity> = []
    /// Reporting unit contains this text (case-insensitive).
    public var unit: String?
    /// At most this many, earliest first.
    public var limit: Int?
    /// Use the spatial index (default). Off, area filters scan every row: the brute-force
    /// reference for tests and the baseline for benchmarks.
    public var useSpatialIndex = true
    /// Also return records that a correction superseded (default: only the current versions).
    public var includeSuperseded = false
    /// Only sightings after this one in (time, log) order: the next page.
    public var after: SightingCursor?

    public init() {}
}

/// Where a page of sightings ended: the last row's time and log position. As text (`cursor`),
/// `TIME_SEQUENCE` in milliseconds and log order.
public struct SightingCursor: Sendable, Hashable, Codable {
    public let observedAt: Int64
    public let sequence: Int64

    public init(observedAt: Int64, sequence: Int64) {
        self.observedAt = observedAt
        self.sequence = sequence
    }

    /// The cursor after `s`.
    public init(after s: StoredSighting) {
        self.init(observedAt: s.sighting.observedAt.millisecondsSince1970, sequence: s.sequence)
    }

    /// Reads `text`; nil when it is not a cursor.
    public init?(text: String) {
        let parts = text.split(separator: "_")
        guard parts.count == 2, let t = Int64(parts[0]), let s = Int64(parts[1]), s > 0 else {
            return nil
        }
        self.init(observedAt: t, sequence: s)
    }

    public var text: String { "\(observedAt)_\(sequence)" }
}
