import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

extension HotspotRunner {
    /// Quartic kernel density, as a grid and as percent-volume contours.
    func kde(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (Phrase) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        let h: Double
        if let b = request.bandwidth {
            guard b.metres >= 50 && b.metres <= 200_000 else {
                throw .outOfRange(.bandwidth, value: b.metricText, allowed: 50...200_000)
            }
            h = b.metres
            computed.notes.append(.bandwidthGiven(metres: h))
        } else {
            guard let rule = KernelDensity.silvermanBandwidth(points) else {
                throw .tooFew(.distinctPositions, count: 1, needed: 2)
            }
            h = max(50, rule)
            computed.notes.append(.bandwidthChosen(metres: h))
            computed.chosen.append(("bandwidth_m", h))
        }
        for level in request.levels where !(level > 0 && level < 100) {
            throw .outOfRange(.levels, value: JSONNumber.text(level), allowed: 0...100)
        }
        let w = points.xs.max()! - points.xs.min()! + 2 * h
        let hgt = points.ys.max()! - points.ys.min()! + 2 * h
        let cell: Double
        if let c = request.cell {
            cell = c.metres
            computed.notes.append(.gridCellGiven(metres: cell))
        } else {
            cell = max(10, (max(h / 5, (w * hgt / 250_000).squareRoot()) / 10).rounded(.up) * 10)
            computed.notes.append(.gridCellChosen(metres: cell))
            computed.chosen.append(("cell_m", cell))
        }
        progress(
            Phrase(
                "progress.hotspots.kde",
                [
                    "columns": "\(Int((w / cell).rounded(.up)))",
                    "rows": "\(Int((hgt / cell).rounded(.up)))",
                ]))
        var density = try KernelDensity(points: points, bandwidth: h, cellSize: cell)
        let tm = points.projection
        let coast = geoData.coastline
        // Water only: cells whose centre is on land are zeroed before levels, contours and peaks.
        let (x0, y0) = (density.originX, density.originY)
        let onLand = density.zero { col, row in
            coast.isLand(tm.unproject(x: x0 + Double(col) * cell, y: y0 + Double(row) * cell))
        }
        progress(Phrase("progress.hotspots.results"))
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
                computed.results.grid.append(DensityGridCell(ring: ring, densityKm2: v))
            }
        }
        computed.notes.append(.landZeroed(cells: onLand, cellMetres: cell))
        let percents = request.levels.sorted(by: >)
        let levels = density.percentVolumeLevels(percents)
        for (percent, level) in zip(percents, levels) where level > 0 {
            let polygons = density.contour(level: level)
            let area = KernelDensity.area(of: polygons)
            let geometry = polygons.map { polygon in
                polygon.map { ring in ring.map { tm.unproject(x: $0.x, y: $0.y) } }
            }
            computed.results.contours.append(
                DensityContour(
                    percentVolume: percent, densityKm2: level, areaKm2: area / 1e6,
                    polygons: geometry))
            computed.notes.append(
                .contour(
                    percent: percent, areaKm2: area / 1e6, polygons: polygons.count,
                    densityKm2: level))
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
            computed.results.peaks.append(
                DensityPeak(
                    rank: rank + 1, centre: centre, densityKm2: peak.2,
                    sightingsWithinBandwidth: members.count, hoursWib: profile.counts))
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.reference(centre), centre: centre,
                    sightings: members.count, size: .radius(metres: h),
                    statistic: .density(perKm2: peak.2), trend: trend.trend(members),
                    peakHours: PeakHours(profile)))
        }
        computed.totalRows = peaks.count
        return computed
    }
}
