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

    public init() {}
}
