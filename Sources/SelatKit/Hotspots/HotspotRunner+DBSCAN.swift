import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

extension HotspotRunner {
    /// DBSCAN clusters of sightings.
    func dbscan(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (Phrase) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        progress(
            Phrase(
                "progress.hotspots.clustering",
                [
                    "count": "\(sample.count)", "eps": request.eps.metricText,
                    "min": "\(request.minPoints)",
                ]))
        let clustering = try DBSCAN(
            latitudes: sample.latitudes, longitudes: sample.longitudes,
            eps: request.eps.metres, minPoints: request.minPoints)
        let noise = clustering.labels.filter { $0 < 0 }.count
        computed.notes.append(
            .dbscanParameters(epsMetres: request.eps.metres, minPoints: request.minPoints))
        computed.notes.append(.clusters(count: clustering.clusterCount, noise: noise))
        let clusters = ClusterSummary.summarise(
            sample, clustering: clustering, points: points, margin: request.eps.metres / 2)
        progress(Phrase("progress.hotspots.results"))
        computed.results.clusters = clusters.map { c in
            Cluster(
                cluster: c.label, count: c.count, coreCount: c.coreCount,
                firstSeen: Timestamp(millisecondsSince1970: c.firstSeen),
                lastSeen: Timestamp(millisecondsSince1970: c.lastSeen),
                vesselTypes: c.vesselTypes.map { Share(value: $0.0.rawValue, share: $0.1) },
                activities: c.activities.map { Share(value: $0.0.rawValue, share: $0.1) },
                hoursWib: c.hours.counts, hull: c.hull, centroid: c.centroid)
        }
        let trend = MonthlyTrend(sample)
        for (rank, c) in clusters.prefix(request.top).enumerated() {
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.reference(c.centroid), centre: c.centroid,
                    sightings: c.count, size: .coreSightings(count: c.coreCount),
                    statistic: .topActivity(
                        c.activities.first.map { Share(value: $0.0.rawValue, share: $0.1) }),
                    trend: trend.trend(c.members), peakHours: PeakHours(c.hours)))
        }
        computed.totalRows = clusters.count
        if clusters.count > request.top {
            computed.notes.append(.moreClusters(shown: request.top, total: clusters.count))
        }
        return computed
    }
}
