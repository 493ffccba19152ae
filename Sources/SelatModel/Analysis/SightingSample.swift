import Foundation
import SelatGeo

/// The parts of many sightings that hotspot analysis needs, stored column by column.
///
/// A million sightings take about 26 MB here against several hundred as full ``Sighting``
/// values, and the analysis loops read contiguous arrays. Positions are WGS84 degrees, already
/// validated by the log; times are milliseconds since 1970 UTC.
public struct SightingSample: Sendable {
    public private(set) var latitudes: [Double] = []
    public private(set) var longitudes: [Double] = []
    public private(set) var times: [Int64] = []
    public private(set) var vesselTypes: [VesselType] = []
    public private(set) var activities: [Activity] = []

    public init() {}

    /// Number of sightings.
    public var count: Int { times.count }
    public var isEmpty: Bool { times.isEmpty }

    public mutating func reserveCapacity(_ n: Int) {
        latitudes.reserveCapacity(n)
        longitudes.reserveCapacity(n)
        times.reserveCapacity(n)
        vesselTypes.reserveCapacity(n)
        activities.reserveCapacity(n)
    }

    /// Adds one sighting's analysed fields.
    public mutating func append(
        latitude: Double, longitude: Double, time: Int64, vesselType: VesselType, activity: Activity
    ) {
        latitudes.append(latitude)
        longitudes.append(longitude)
        times.append(time)
        vesselTypes.append(vesselType)
        activities.append(activity)
    }

    /// Adds a sighting.
    public mutating func append(_ s: Sighting) {
        append(
            latitude: s.position.latitude, longitude: s.position.longitude,
            time: s.observedAt.millisecondsSince1970, vesselType: s.vesselType, activity: s.activity
        )
    }

    /// The box around every position (nil when empty).
    public var boundingBox: BoundingBox? {
        guard let s = latitudes.min(), let n = latitudes.max(), let w = longitudes.min(),
            let e = longitudes.max()
        else {
            return nil
        }
        return try? BoundingBox(west: w, south: s, east: e, north: n)
    }

    /// Hour of day in WIB (UTC+7), 0–23, of sighting `i`.
    public func hourWIB(_ i: Int) -> Int {
        let seconds = times[i] / 1000 + 7 * 3600
        return Int(((seconds / 3600) % 24 + 24) % 24)
    }
}
