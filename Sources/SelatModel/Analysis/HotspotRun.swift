import Foundation
import SelatGeo

/// What a hotspot run found: the stored run's number, what was analysed, the choices made
/// (``HotspotNote``), the ranked regions, clusters or peaks (``HotspotRow``) and every result
/// (``HotspotResults``). `Codable` with snake_case keys (``ResultJSON``), sent by the server as
/// it is; the command line words it with ``HotspotRun/words(_:)``.
public struct HotspotRun: Sendable, Codable, Hashable {
    /// Stored run number (set once the run is saved).
    public var runId: Int64
    public let method: HotspotMethod
    /// Sightings analysed.
    public let sightingCount: Int
    /// SHA-256 (hex) over the sorted content digests of the sightings analysed.
    public let inputSha256: String
    /// The choices made and anything the analyst must know, in order.
    public let notes: [HotspotNote]
    /// The ranked summary: Gi* and emerging regions, DBSCAN clusters or density peaks.
    public let hotspots: [HotspotRow]
    /// Rows there would be without the `top` limit.
    public let totalRows: Int
    /// Every cell, cluster, contour or peak the run found (significant ones are stored).
    public let results: HotspotResults
    /// The GeoJSON file written, if one was asked for.
    public var written: WrittenFile?

    public init(
        runId: Int64, method: HotspotMethod, sightingCount: Int, inputSha256: String,
        notes: [HotspotNote], hotspots: [HotspotRow], totalRows: Int, results: HotspotResults,
        written: WrittenFile?
    ) {
        self.runId = runId
        self.method = method
        self.sightingCount = sightingCount
        self.inputSha256 = inputSha256
        self.notes = notes
        self.hotspots = hotspots
        self.totalRows = totalRows
        self.results = results
        self.written = written
    }

    /// The same run with other results (the store keeps the results apart from the summary).
    public func with(results: HotspotResults) -> HotspotRun {
        HotspotRun(
            runId: runId, method: method, sightingCount: sightingCount, inputSha256: inputSha256,
            notes: notes, hotspots: hotspots, totalRows: totalRows, results: results,
            written: written)
    }
}

/// A file a use case wrote.
public struct WrittenFile: Sendable, Codable, Hashable {
    public let path: String
    /// Features (or records) in it.
    public let features: Int

    public init(path: String, features: Int) {
        self.path = path
        self.features = features
    }
}

/// One line of a hotspot run's summary: a region of hot cells, a cluster or a density peak.
public struct HotspotRow: Sendable, Codable, Hashable {
    public let rank: Int
    /// Where, relative to the nearest port or base.
    public let place: PlaceReference?
    public let centre: Coordinate
    /// Sightings in the region, cluster or kernel.
    public let sightings: Int
    public let size: Size
    public let statistic: Statistic
    public let trend: Trend
    /// Busiest four hours, WIB.
    public let peakHours: PeakHours?

    /// How large a region, cluster or kernel is.
    public enum Size: Sendable, Codable, Hashable {
        case cells(count: Int)
        case coreSightings(count: Int)
        case radius(metres: Double)
    }

    /// The statistic that ranks the row.
    public enum Statistic: Sendable, Codable, Hashable {
        /// Gi* z of the strongest cell and its confidence (90, 95, 99 %).
        case giZ(z: Double, confidencePercent: Int)
        /// The largest activity share of a cluster (nil: no activities).
        case topActivity(Share?)
        /// Density at the peak, sightings per km².
        case density(perKm2: Double)
        /// An emerging pattern ("New hot spot").
        case pattern(name: String)
    }

    /// How the row's sightings change over time.
    public enum Trend: Sendable, Codable, Hashable {
        /// Mann–Kendall on monthly counts: +1 rising, −1 falling, 0 no trend.
        case monthly(direction: Int, p: Double)
        /// Fewer than 4 months of data.
        case tooFewMonths
        /// Mann–Kendall on the strongest cell's z-scores (emerging runs).
        case zTrend(direction: Int, tau: Double, p: Double)
    }

    public init(
        rank: Int, place: PlaceReference?, centre: Coordinate, sightings: Int, size: Size,
        statistic: Statistic, trend: Trend, peakHours: PeakHours?
    ) {
        self.rank = rank
        self.place = place
        self.centre = centre
        self.sightings = sightings
        self.size = size
        self.statistic = statistic
        self.trend = trend
        self.peakHours = peakHours
    }
}

/// A position described by the nearest port or base.
public struct PlaceReference: Sendable, Codable, Hashable {
    /// The short name of the port or base.
    public let name: String
    public let distanceNm: Double
    /// Bearing from the place to the position, degrees true.
    public let bearingDegrees: Double

    public init(name: String, distanceNm: Double, bearingDegrees: Double) {
        self.name = name
        self.distanceNm = distanceNm
        self.bearingDegrees = bearingDegrees
    }
}

/// The busiest stretch of hours (WIB) and its share of the sightings.
public struct PeakHours: Sendable, Codable, Hashable {
    /// First hour, 0–23 WIB.
    public let startHour: Int
    public let hours: Int
    /// Fraction of the sightings in the window, 0–1.
    public let share: Double

    public init(startHour: Int, hours: Int, share: Double) {
        self.startHour = startHour
        self.hours = hours
        self.share = share
    }
}
