import Foundation
import SelatGeo
import SelatModel

/// What an analyst needs to know about one DBSCAN cluster.
public struct ClusterSummary: Sendable {
    /// The cluster's DBSCAN label (0, 1, …).
    public let label: Int
    /// The cluster's sightings (core and border), as indices into the sample.
    public let members: [Int]
    /// Sightings in the cluster.
    public var count: Int { members.count }
    public let coreCount: Int
    /// Mean position (mean of the projected points, back on the ellipsoid).
    public let centroid: Coordinate
    /// Outline: the convex hull of the cluster's sightings widened by a margin, anticlockwise,
    /// closed (first position repeated).
    public let hull: [Coordinate]
    /// Earliest and latest sighting, milliseconds since 1970 UTC.
    public let firstSeen: Int64, lastSeen: Int64
    /// Share of the cluster's sightings by vessel type and by activity, largest first.
    public let vesselTypes: [(VesselType, Double)]
    public let activities: [(Activity, Double)]
    /// When the cluster's sightings happen.
    public let hours: HourProfile

    /// Summarises every cluster of a DBSCAN run, largest first.
    /// - Parameters:
    ///   - margin: metres the hull is widened by (half of eps in the application).
    /// - Complexity: O(n log n).
    public static func summarise(
        _ sample: SightingSample, clustering: DBSCAN, points: ProjectedPoints, margin: Double
    ) -> [ClusterSummary] {
        var members = [[Int]](repeating: [], count: clustering.clusterCount)
        for (i, label) in clustering.labels.enumerated() where label >= 0 {
            members[Int(label)].append(i)
        }
        let tm = points.projection
        var out: [ClusterSummary] = []
        for (label, idx) in members.enumerated() where !idx.isEmpty {
            var sx = 0.0
            var sy = 0.0
            var first = Int64.max
            var last = Int64.min
            var core = 0
            var vessels: [VesselType: Int] = [:]
            var activities: [Activity: Int] = [:]
            var plane: [(x: Double, y: Double)] = []
            plane.reserveCapacity(idx.count)
            for i in idx {
                sx += points.xs[i]
                sy += points.ys[i]
                plane.append((points.xs[i], points.ys[i]))
                first = min(first, sample.times[i])
                last = max(last, sample.times[i])
                if clustering.isCore[i] { core += 1 }
                vessels[sample.vesselTypes[i], default: 0] += 1
                activities[sample.activities[i], default: 0] += 1
            }
            let n = Double(idx.count)
            var ring = ConvexHull.widened(plane, margin: margin).map {
                tm.unproject(x: $0.x, y: $0.y)
            }
            ring.append(ring[0])
            out.append(
                ClusterSummary(
                    label: label, members: idx, coreCount: core,
                    centroid: tm.unproject(x: sx / n, y: sy / n), hull: ring, firstSeen: first,
                    lastSeen: last,
                    vesselTypes: vessels.map { ($0.key, Double($0.value) / n) }.sorted {
                        ($0.1, $1.0.rawValue) > ($1.1, $0.0.rawValue)
                    },
                    activities: activities.map { ($0.key, Double($0.value) / n) }.sorted {
                        ($0.1, $1.0.rawValue) > ($1.1, $0.0.rawValue)
                    },
                    hours: HourProfile(sample, members: idx)))
        }
        return out.sorted { ($0.count, -$0.label) > ($1.count, -$1.label) }
    }
}
