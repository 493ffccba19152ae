import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel

extension HotspotRunner {
    /// Quartic kernel density, as a grid and as percent-volume contours.
    func kde(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (String) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        let h: Double
        if let b = request.bandwidth {
            guard b.metres >= 50 && b.metres <= 200_000 else {
                throw .invalidParameter(
                    name: "--bandwidth", value: b.metricText,
                    reason: "use 50 m to 200 km, e.g. --bandwidth 2km")
            }
            h = b.metres
            computed.notes.append("Bandwidth \(Distance(metres: h).metricText) (from --bandwidth).")
        } else {
            guard let rule = KernelDensity.silvermanBandwidth(points) else {
                throw .tooFew(what: "distinct positions", count: 1, needed: 2)
            }
            h = max(50, rule)
            computed.notes.append(
                "Bandwidth \(Distance(metres: h).metricText): 0.9 · min(standard distance, √(1/ln 2) · median distance) · n^-0.2 (the spatial Silverman rule ArcGIS documents). Set --bandwidth to choose."
            )
            computed.chosen.append(("bandwidth_m", h))
        }
        for level in request.levels where !(level > 0 && level < 100) {
            throw .invalidParameter(
                name: "--levels", value: JSONNumber.text(level),
                reason: "use percentages between 0 and 100, e.g. --levels 50,75,90")
        }
        let w = points.xs.max()! - points.xs.min()! + 2 * h
        let hgt = points.ys.max()! - points.ys.min()! + 2 * h
        let cell: Double
        if let c = request.cell {
            cell = c.metres
            computed.notes.append("Grid cell \(Distance(metres: cell).metricText) (from --cell).")
        } else {
            cell = max(10, (max(h / 5, (w * hgt / 250_000).squareRoot()) / 10).rounded(.up) * 10)
            computed.notes.append(
                "Grid cell \(Distance(metres: cell).metricText): a fifth of the bandwidth, or coarser to keep the grid under 250,000 cells. Set --cell to choose."
            )
            computed.chosen.append(("cell_m", cell))
        }
        progress(
            "Kernel density on a \(Int((w / cell).rounded(.up)))×\(Int((hgt / cell).rounded(.up))) grid…"
        )
        var density = try KernelDensity(points: points, bandwidth: h, cellSize: cell)
        let tm = points.projection
        let coast = geoData.coastline
        // Water only: cells whose centre is on land are zeroed before levels, contours and peaks.
        let (x0, y0) = (density.originX, density.originY)
        let onLand = density.zero { col, row in
            coast.isLand(tm.unproject(x: x0 + Double(col) * cell, y: y0 + Double(row) * cell))
        }
        progress("Preparing features…")
        for row in 0..<density.rows {
            for col in 0..<density.columns {
                let v = density.values[row * density.columns + col]
                guard v > 0 else { continue }
                let c = density.centre(column: col, row: row)
                let half = cell / 2
                let ring = [
                    (-half, -half), (half, -half), (half, half), (-half, half), (-half, -half),
                ]
                .map { tm.unproject(x: c.x + $0.0, y: c.y + $0.1) }
                var p = GeoJSONProperties()
                p.add("feature", "grid")
                p.add("density_km2", v, decimals: 4)
                computed.features.append(GeoJSONFeature(polygon: [ring], properties: p))
            }
        }
        computed.notes.append(
            "Density in sightings per km² at sea: \(onLand) grid cells whose centre is on land are set to zero, so contours follow the coast to within one cell (\(Distance(metres: cell).metricText))."
        )
        let percents = request.levels.sorted(by: >)
        let levels = density.percentVolumeLevels(percents)
        for (percent, level) in zip(percents, levels) where level > 0 {
            let polygons = density.contour(level: level)
            let area = KernelDensity.area(of: polygons)
            var p = GeoJSONProperties()
            p.add("feature", "contour")
            p.add("percent_volume", percent, decimals: 2)
            p.add("density_km2", level, decimals: 4)
            p.add("area_km2", area / 1e6, decimals: 3)
            p.add("polygons", polygons.count)
            let geometry = polygons.map { polygon in
                polygon.map { ring in ring.map { tm.unproject(x: $0.x, y: $0.y) } }
            }
            let f = GeoJSONFeature(multiPolygon: geometry, properties: p)
            computed.features.append(f)
            computed.stored.append(f)
            computed.notes.append(
                String(
                    format:
                        "%.0f%% of the density lies inside %.1f km² (%d polygons, density ≥ %.3g per km²).",
                    percent, area / 1e6, polygons.count, level))
        }

        // Peaks: cells higher than their eight neighbours, inside the widest contour.
        let floor = levels.first ?? density.percentVolumeLevels([90])[0]
        var peaks: [(Int, Int, Double)] = []
        for row in 0..<density.rows {
            for col in 0..<density.columns {
                let v = density.values[row * density.columns + col]
                guard v >= floor, v > 0 else { continue }
                var isPeak = true
                for dr in -1...1 {
                    for dc in -1...1 where !(dr == 0 && dc == 0) {
                        let r = row + dr
                        let c = col + dc
                        if r >= 0, r < density.rows, c >= 0, c < density.columns,
                            density.values[r * density.columns + c] > v
                        {
                            isPeak = false
                        }
                    }
                }
                if isPeak { peaks.append((col, row, v)) }
            }
        }
        peaks.sort { $0.2 > $1.2 }
        let trend = MonthlyTrend(sample)
        for (rank, peak) in peaks.prefix(request.top).enumerated() {
            let c = density.centre(column: peak.0, row: peak.1)
            let members = (0..<points.count).filter { i in
                let dx = points.xs[i] - c.x
                let dy = points.ys[i] - c.y
                return dx * dx + dy * dy < h * h
            }
            let profile = HourProfile(sample, members: members)
            let centre = tm.unproject(x: c.x, y: c.y)
            var p = GeoJSONProperties()
            p.add("feature", "peak")
            p.add("rank", rank + 1)
            p.add("density_km2", peak.2, decimals: 4)
            p.add("sightings_within_bandwidth", members.count)
            p.add("hours_wib", profile.counts)
            p.add("peak_wib", profile.peakText())
            let f = GeoJSONFeature(point: centre, properties: p)
            computed.features.append(f)
            computed.stored.append(f)
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.describe(centre), centre: centre,
                    sightings: members.count,
                    size: "\(Distance(metres: h).metricText) radius",
                    statistic: String(format: "%.3g /km²", peak.2),
                    trend: trend.describe(members), peak: profile.peakText()))
        }
        return computed
    }
}
