import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel

/// A hotspot run's typed results as GeoJSON features, with the properties Selat has always
/// written (`cell`, `count`, `gi_z`, `bin`, `pattern`, `cluster`, `percent_volume`, …): the
/// `--out` file of `selat hotspots`, and every export and map of a stored run.
enum HotspotFeatures {
    /// One feature and the result it came from.
    struct Item {
        enum Source {
            case cell(HotspotCell)
            case emergingCell(EmergingCell)
            case clusterHull(Cluster)
            case clusterCentre(Cluster)
            case contour(DensityContour)
            case peak(DensityPeak)
            case grid(DensityGridCell)
        }
        let source: Source
        let feature: GeoJSONFeature
    }

    /// Every feature of `results`, in the order the run wrote them.
    static func items(_ results: HotspotResults) -> [Item] {
        var out: [Item] = []
        for c in results.cells { out.append(Item(source: .cell(c), feature: feature(c))) }
        for c in results.clusters {
            out.append(Item(source: .clusterHull(c), feature: hull(c)))
            out.append(Item(source: .clusterCentre(c), feature: centre(c)))
        }
        for g in results.grid {
            var p = GeoJSONProperties()
            p.add("feature", "grid")
            p.add("density_km2", g.densityKm2, decimals: 4)
            out.append(
                Item(source: .grid(g), feature: GeoJSONFeature(polygon: [g.ring], properties: p)))
        }
        for c in results.contours { out.append(Item(source: .contour(c), feature: feature(c))) }
        for p in results.peaks { out.append(Item(source: .peak(p), feature: feature(p))) }
        for c in results.emergingCells {
            out.append(Item(source: .emergingCell(c), feature: feature(c)))
        }
        return out
    }

    /// Every feature of `results` in the same order as ``items(_:)``, handed to `body` one at a
    /// time as it is made (a written file never holds them all in memory); the cells, which can
    /// be hundreds of thousands, are made a block at a time over the available cores.
    static func forEachFeature(
        _ results: HotspotResults, _ body: (GeoJSONFeature) throws(OutputError) -> Void
    ) throws(OutputError) {
        let cells = results.cells
        let block = 8192
        var from = 0
        while from < cells.count {
            let to = min(cells.count, from + block)
            let first = from
            for f in Parallel.map(
                count: to - from, minimumChunk: 1024, { feature(cells[first + $0]) })
            {
                try body(f)
            }
            from = to
        }
        var rest = results
        rest.cells = []
        for item in items(rest) { try body(item.feature) }
    }

    static func hours(_ p: inout GeoJSONProperties, _ counts: [Int]?) {
        guard let counts, counts.count == 24 else { return }
        p.add("hours_wib", counts)
        p.add("peak_wib", PeakHours(HourProfile(counts: counts))?.words ?? "-")
    }

    static func feature(_ c: HotspotCell) -> GeoJSONFeature {
        var p = GeoJSONProperties()
        p.add("cell", c.cell)
        p.add("count", c.count)
        p.add("gi_z", c.giZ)
        p.add("p", c.p, decimals: 8)
        if let fdr = c.pFdr { p.add("p_fdr", fdr, decimals: 8) }
        p.add("bin", c.bin)
        p.add("label", HotSpotBin.label(c.bin))
        p.add("neighbours", c.neighbours)
        hours(&p, c.hoursWib)
        return GeoJSONFeature(polygon: [c.ring], properties: p)
    }

    static func clusterProperties(_ c: Cluster) -> GeoJSONProperties {
        var p = GeoJSONProperties()
        p.add("cluster", c.cluster)
        p.add("count", c.count)
        p.add("core_count", c.coreCount)
        p.add("first_seen", c.firstSeen.iso8601())
        p.add("last_seen", c.lastSeen.iso8601())
        p.add("vessel_types", shares: c.vesselTypes.map { ($0.value, $0.share) })
        p.add("activities", shares: c.activities.map { ($0.value, $0.share) })
        hours(&p, c.hoursWib)
        return p
    }

    static func hull(_ c: Cluster) -> GeoJSONFeature {
        var p = clusterProperties(c)
        p.add("feature", "hull")
        return GeoJSONFeature(polygon: [c.hull], properties: p)
    }

    static func centre(_ c: Cluster) -> GeoJSONFeature {
        var p = clusterProperties(c)
        p.add("feature", "centroid")
        return GeoJSONFeature(point: c.centroid, properties: p)
    }

    static func feature(_ c: DensityContour) -> GeoJSONFeature {
        var p = GeoJSONProperties()
        p.add("feature", "contour")
        p.add("percent_volume", c.percentVolume, decimals: 2)
        p.add("density_km2", c.densityKm2, decimals: 4)
        p.add("area_km2", c.areaKm2, decimals: 3)
        p.add("polygons", c.polygons.count)
        return GeoJSONFeature(multiPolygon: c.polygons, properties: p)
    }

    static func feature(_ k: DensityPeak) -> GeoJSONFeature {
        var p = GeoJSONProperties()
        p.add("feature", "peak")
        p.add("rank", k.rank)
        p.add("density_km2", k.densityKm2, decimals: 4)
        p.add("sightings_within_bandwidth", k.sightingsWithinBandwidth)
        hours(&p, k.hoursWib)
        return GeoJSONFeature(point: k.centre, properties: p)
    }

    static func feature(_ c: EmergingCell) -> GeoJSONFeature {
        var p = GeoJSONProperties()
        p.add("cell", c.cell)
        p.add("count", c.count)
        p.add("pattern", c.pattern)
        p.add("hot_steps", c.hotSteps)
        p.add("cold_steps", c.coldSteps)
        p.add("final_z", c.finalZ)
        p.add("final_p", c.finalP, decimals: 8)
        p.add("trend_z", c.trendZ)
        p.add("trend_p", c.trendP, decimals: 8)
        p.add("trend_tau", c.trendTau)
        p.add("counts", c.counts)
        hours(&p, c.hoursWib)
        return GeoJSONFeature(polygon: [c.ring], properties: p)
    }
}
