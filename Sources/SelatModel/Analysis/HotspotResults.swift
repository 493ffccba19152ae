import Foundation
import SelatGeo

/// The hot-spot methods Selat runs.
public enum HotspotMethod: String, Sendable, Codable, CaseIterable {
    /// Getis-Ord Gi* on hexagon counts, with FDR.
    case gistar
    /// DBSCAN clusters of sightings.
    case dbscan
    /// Quartic kernel density with percent-volume contours.
    case kde
    /// Emerging hot spots on a space-time cube.
    case emerging
}

/// A share of a cluster's sightings with one value (a vessel type or an activity).
public struct Share: Sendable, Codable, Hashable {
    /// The value, as stored (`speedboat`, `trafficking`).
    public let value: String
    /// Fraction of the cluster, 0–1.
    public let share: Double

    public init(value: String, share: Double) {
        self.value = value
        self.share = share
    }
}

/// A Gi* cell: one hexagon of the study area.
public struct HotspotCell: Sendable, Codable, Hashable {
    /// The cell's key in the hexagon grid (`q,r`).
    public let cell: String
    /// The hexagon, closed (first corner repeated).
    public let ring: [Coordinate]
    /// Sightings counted in the cell.
    public let count: Int
    public let giZ: Double
    /// Two-sided p-value before correction.
    public let p: Double
    /// Benjamini–Hochberg adjusted p-value (nil when the run had no FDR correction).
    public let pFdr: Double?
    /// Confidence bin: +3/+2/+1 hot at 99/95/90 %, −3…−1 cold, 0 not significant.
    public let bin: Int
    /// Neighbouring cells (the cell itself not counted).
    public let neighbours: Int
    /// Sightings by hour of day (WIB), 24 values, for hot cells.
    public let hoursWib: [Int]?

    public init(
        cell: String, ring: [Coordinate], count: Int, giZ: Double, p: Double, pFdr: Double?,
        bin: Int, neighbours: Int, hoursWib: [Int]?
    ) {
        self.cell = cell
        self.ring = ring
        self.count = count
        self.giZ = giZ
        self.p = p
        self.pFdr = pFdr
        self.bin = bin
        self.neighbours = neighbours
        self.hoursWib = hoursWib
    }

    /// The mean of the ring's corners.
    public var centre: Coordinate { RingCentre.of(ring) }
}

/// A DBSCAN cluster.
public struct Cluster: Sendable, Codable, Hashable {
    /// Cluster number (0, 1, …, largest first).
    public let cluster: Int
    public let count: Int
    /// Core sightings (with at least min-points sightings within eps).
    public let coreCount: Int
    public let firstSeen: Timestamp
    public let lastSeen: Timestamp
    /// Vessel types and activities, largest share first.
    public let vesselTypes: [Share]
    public let activities: [Share]
    /// Sightings by hour of day (WIB), 24 values.
    public let hoursWib: [Int]
    /// The outline (convex hull with a margin), closed.
    public let hull: [Coordinate]
    public let centroid: Coordinate

    public init(
        cluster: Int, count: Int, coreCount: Int, firstSeen: Timestamp, lastSeen: Timestamp,
        vesselTypes: [Share], activities: [Share], hoursWib: [Int], hull: [Coordinate],
        centroid: Coordinate
    ) {
        self.cluster = cluster
        self.count = count
        self.coreCount = coreCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.vesselTypes = vesselTypes
        self.activities = activities
        self.hoursWib = hoursWib
        self.hull = hull
        self.centroid = centroid
    }
}

/// A percent-volume contour of a kernel density surface.
public struct DensityContour: Sendable, Codable, Hashable {
    /// The share of the density inside, in percent.
    public let percentVolume: Double
    /// The density at the contour, sightings per km².
    public let densityKm2: Double
    public let areaKm2: Double
    /// Polygons, each a list of closed rings (outer first).
    public let polygons: [[[Coordinate]]]

    public init(
        percentVolume: Double, densityKm2: Double, areaKm2: Double, polygons: [[[Coordinate]]]
    ) {
        self.percentVolume = percentVolume
        self.densityKm2 = densityKm2
        self.areaKm2 = areaKm2
        self.polygons = polygons
    }
}

/// A local maximum of a kernel density surface.
public struct DensityPeak: Sendable, Codable, Hashable {
    public let rank: Int
    public let centre: Coordinate
    public let densityKm2: Double
    public let sightingsWithinBandwidth: Int
    /// Sightings within the bandwidth by hour of day (WIB), 24 values.
    public let hoursWib: [Int]

    public init(
        rank: Int, centre: Coordinate, densityKm2: Double, sightingsWithinBandwidth: Int,
        hoursWib: [Int]
    ) {
        self.rank = rank
        self.centre = centre
        self.densityKm2 = densityKm2
        self.sightingsWithinBandwidth = sightingsWithinBandwidth
        self.hoursWib = hoursWib
    }
}

/// One square of the kernel density grid (written to the run's file, not stored).
public struct DensityGridCell: Sendable, Codable, Hashable {
    public let ring: [Coordinate]
    public let densityKm2: Double

    public init(ring: [Coordinate], densityKm2: Double) {
        self.ring = ring
        self.densityKm2 = densityKm2
    }
}

/// A cell of an emerging-hot-spot run.
public struct EmergingCell: Sendable, Codable, Hashable {
    public let cell: String
    public let ring: [Coordinate]
    public let count: Int
    /// The pattern as ArcGIS names it: "New hot spot", "Sporadic cold spot", "No pattern detected".
    public let pattern: String
    /// Steps in which the cell was significantly hot, or cold.
    public let hotSteps: Int
    public let coldSteps: Int
    /// Gi* z and p of the last step.
    public let finalZ: Double
    public let finalP: Double
    /// Mann–Kendall on the cell's z-scores.
    public let trendZ: Double
    public let trendP: Double
    public let trendTau: Double
    /// Sightings per step.
    public let counts: [Int]
    public let hoursWib: [Int]?

    public init(
        cell: String, ring: [Coordinate], count: Int, pattern: String, hotSteps: Int,
        coldSteps: Int, finalZ: Double, finalP: Double, trendZ: Double, trendP: Double,
        trendTau: Double, counts: [Int], hoursWib: [Int]?
    ) {
        self.cell = cell
        self.ring = ring
        self.count = count
        self.pattern = pattern
        self.hotSteps = hotSteps
        self.coldSteps = coldSteps
        self.finalZ = finalZ
        self.finalP = finalP
        self.trendZ = trendZ
        self.trendP = trendP
        self.trendTau = trendTau
        self.counts = counts
        self.hoursWib = hoursWib
    }

    /// A hot pattern that still holds (not "Historical hot spot").
    public var isHotNow: Bool { pattern.hasSuffix("hot spot") && !pattern.hasPrefix("Historical") }

    /// The mean of the ring's corners.
    public var centre: Coordinate { RingCentre.of(ring) }
}

/// What a hotspot run found, by kind. Only the fields of the run's method are filled.
public struct HotspotResults: Sendable, Codable, Hashable {
    public var cells: [HotspotCell] = []
    public var clusters: [Cluster] = []
    public var contours: [DensityContour] = []
    public var peaks: [DensityPeak] = []
    public var emergingCells: [EmergingCell] = []
    /// The density grid (written to a run's file only; never stored).
    public var grid: [DensityGridCell] = []

    public init() {}

    /// The number of features these results make (a cluster makes two: outline and centre).
    public var featureCount: Int {
        cells.count + 2 * clusters.count + contours.count + peaks.count + emergingCells.count
            + grid.count
    }
}

/// The centre of a closed ring: the mean of its corners.
enum RingCentre {
    static func of(_ ring: [Coordinate]) -> Coordinate {
        let corners = ring.count > 1 && ring.first == ring.last ? Array(ring.dropLast()) : ring
        precondition(!corners.isEmpty, "a stored ring has corners (checked when it is read)")
        let lat = corners.reduce(0) { $0 + $1.latitude } / Double(corners.count)
        let lon = corners.reduce(0) { $0 + $1.longitude } / Double(corners.count)
        return (try? Coordinate(latitude: lat, longitude: lon)) ?? corners[0]
    }
}
