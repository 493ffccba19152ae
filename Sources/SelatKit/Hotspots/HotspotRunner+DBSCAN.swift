import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel

extension HotspotRunner {
    /// DBSCAN clusters of sightings.
    func dbscan(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (String) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        progress(
            "Clustering \(sample.count) sightings (eps \(request.eps.metricText), min \(request.minPoints))…"
        )
        let clustering = try DBSCAN(
            latitudes: sample.latitudes, longitudes: sample.longitudes,
            eps: request.eps.metres, minPoints: request.minPoints)
        let noise = clustering.labels.filter { $0 < 0 }.count
        computed.notes.append(
            "DBSCAN: eps \(request.eps.metricText) (great-circle), at least \(request.minPoints) sightings within eps (itself included) make a core point."
        )
        computed.notes.append(
            "\(clustering.clusterCount) clusters; \(noise) sightings are noise (in no cluster). A border sighting near two clusters joins the one found first, as scikit-learn does."
        )
        let clusters = ClusterSummary.summarise(
            sample, clustering: clustering, points: points, margin: request.eps.metres / 2)
        progress("Preparing features…")
        for c in clusters {
            var p = GeoJSONProperties()
            p.add("cluster", c.label)
            p.add("count", c.count)
            p.add("core_count", c.coreCount)
            p.add("first_seen", Timestamp(millisecondsSince1970: c.firstSeen).iso8601())
            p.add("last_seen", Timestamp(millisecondsSince1970: c.lastSeen).iso8601())
            p.add("vessel_types", shares: c.vesselTypes.map { ($0.0.rawValue, $0.1) })
            p.add("activities", shares: c.activities.map { ($0.0.rawValue, $0.1) })
            p.add("hours_wib", c.hours.counts)
            p.add("peak_wib", c.hours.peakText())
            var q = p
            p.add("feature", "hull")
            q.add("feature", "centroid")
            let hull = GeoJSONFeature(polygon: [c.hull], properties: p)
            let centroid = GeoJSONFeature(point: c.centroid, properties: q)
            computed.features += [hull, centroid]
            computed.stored += [hull, centroid]
        }
        let trend = MonthlyTrend(sample)
        for (rank, c) in clusters.prefix(request.top).enumerated() {
            let top =
                c.activities.first.map { String(format: "%.0f%% %@", $0.1 * 100, $0.0.rawValue) }
                ?? "-"
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.describe(c.centroid), centre: c.centroid,
                    sightings: c.count,
                    size: "\(c.coreCount) core", statistic: top,
                    trend: trend.describe(c.members), peak: c.hours.peakText()))
        }
        if clusters.count > request.top {
            computed.notes.append(
                "The table shows the \(request.top) largest clusters (--top); the GeoJSON has all \(clusters.count)."
            )
        }
        return computed
    }
}
