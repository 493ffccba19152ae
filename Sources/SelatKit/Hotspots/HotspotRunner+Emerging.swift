import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel

extension HotspotRunner {
    /// Emerging hot spots over a space-time cube.
    func emerging(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (String) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        guard request.alpha > 0 && request.alpha < 0.5 else {
            throw .invalidParameter(
                name: "--alpha", value: "\(request.alpha)",
                reason: "use a significance level such as 0.05 or 0.10")
        }
        let spacing = try spacing(request, points, computed: &computed)
        let grid = HexGrid(projection: points.projection, spacing: spacing)
        progress("Building the space-time cube…")
        let area = studyArea(
            points, grid, margin: max(spacing, request.band?.metres ?? 0), computed: &computed)
        try checkBandSize(request, cells: area.cells.count, spacing: spacing)
        let weights = area.weights(request.band.map { .band($0.metres) } ?? .adjacent)
        // Time steps in WIB: calendar months, or weeks from Monday 00:00.
        let steps0 = sample.times.map { ms in
            let t = Timestamp(millisecondsSince1970: ms)
            return request.step == .month
                ? t.monthsSince1970(offsetMinutes: 420) : t.weeksSince1970(offsetMinutes: 420)
        }
        let first = steps0.min()!
        let last = steps0.max()!
        let steps = last - first + 1
        guard steps >= 4 else {
            throw .tooFew(what: "\(request.step.rawValue)s of data", count: steps, needed: 4)
        }
        if steps < 10 {
            computed.notes.append(
                "Only \(steps) \(request.step.rawValue)s: trends over fewer than 10 steps are weak (ArcGIS asks for at least 10)."
            )
        }
        guard area.cells.count * steps <= 20_000_000 else {
            throw .invalidParameter(
                name: "--step", value: request.step.rawValue,
                reason:
                    "\(area.cells.count) cells × \(steps) steps is too large a cube (at most 20 million bins); use --step month, a larger --cell, or --since/--until"
            )
        }
        var cube = [Int](repeating: 0, count: area.cells.count * steps)
        for i in 0..<sample.count {
            let k = Int(area.assignment[i])
            if k >= 0 { cube[k * steps + steps0[i] - first] += 1 }
        }
        progress("Gi* over \(area.cells.count) cells × \(steps) \(request.step.rawValue)s…")
        let e = try EmergingHotSpots(
            counts: cube, steps: steps, weights: weights, timeWindow: request.timeWindow,
            fdr: request.fdr, alpha: request.alpha)
        computed.notes.append(
            "Space-time cube: \(area.cells.count) cells × \(steps) \(request.step.rawValue)s (WIB); a bin's neighbours are its cell's neighbours in the same and the \(request.timeWindow) previous step(s)."
        )
        computed.notes.append(
            "A bin is significant at p ≤ \(request.alpha)"
                + (request.fdr ? " after FDR correction over the cube" : "")
                + "; trends are Mann–Kendall on each cell's z-scores at the same level.")
        var tally: [EmergingHotSpots.Pattern: Int] = [:]
        for p in e.patterns where p != .none { tally[p, default: 0] += 1 }
        let summary = EmergingHotSpots.Pattern.allCases.compactMap { p in
            tally[p].map { "\($0) \(p.rawValue.lowercased())" }
        }
        computed.notes.append(
            summary.isEmpty
                ? "No cell shows a pattern." : "Patterns: " + summary.joined(separator: ", ") + ".")

        let members = area.members(ofCells: { e.patterns[$0].sign > 0 })
        progress("Preparing features…")
        for k in area.cells.indices {
            let pattern = e.patterns[k]
            if request.significantOnly && pattern == .none { continue }
            let series = e.significance[(k * steps)..<((k + 1) * steps)]
            var p = GeoJSONProperties()
            p.add("cell", area.cells[k].description)
            p.add("count", (0..<steps).reduce(0) { $0 + cube[k * steps + $1] })
            p.add("pattern", pattern.rawValue)
            p.add("hot_steps", series.filter { $0 > 0 }.count)
            p.add("cold_steps", series.filter { $0 < 0 }.count)
            p.add("final_z", e.z[k * steps + steps - 1])
            p.add("final_p", e.p[k * steps + steps - 1], decimals: 8)
            p.add("trend_z", e.trends[k].z)
            p.add("trend_p", e.trends[k].p, decimals: 8)
            p.add("trend_tau", e.trends[k].tau)
            p.add("counts", (0..<steps).map { cube[k * steps + $0] })
            if let m = members[k] {
                let profile = HourProfile(sample, members: m)
                p.add("hours_wib", profile.counts)
                p.add("peak_wib", profile.peakText())
            }
            let f = GeoJSONFeature(polygon: [Self.ring(grid, area.cells[k])], properties: p)
            computed.features.append(f)
            if pattern != .none { computed.stored.append(f) }
        }

        // Regions of adjacent cells with the same hot pattern, by pattern priority then size.
        let priority: [EmergingHotSpots.Pattern] = [
            .newHot, .intensifyingHot, .consecutiveHot, .persistentHot, .sporadicHot,
            .oscillatingHot, .diminishingHot, .historicalHot,
        ]
        var regions: [(pattern: EmergingHotSpots.Pattern, cells: [Int])] = []
        for pattern in priority {
            for r in Self.regions(
                area, members: area.cells.indices.filter { e.patterns[$0] == pattern })
            {
                regions.append((pattern, r))
            }
        }
        regions.sort { a, b in
            let pa = priority.firstIndex(of: a.pattern)!
            let pb = priority.firstIndex(of: b.pattern)!
            let ca = a.cells.reduce(0) { $0 + area.counts[$1] }
            let cb = b.cells.reduce(0) { $0 + area.counts[$1] }
            return (pa, -ca) < (pb, -cb)
        }
        for (rank, region) in regions.prefix(request.top).enumerated() {
            let peak = region.cells.max { e.trends[$0].z < e.trends[$1].z }!
            let profile = HourProfile(sample, members: region.cells.flatMap { members[$0] ?? [] })
            let centre = grid.centreCoordinate(of: area.cells[peak])
            let t = e.trends[peak]
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.describe(centre), centre: centre,
                    sightings: region.cells.reduce(0) { $0 + area.counts[$1] },
                    size: region.cells.count == 1 ? "1 cell" : "\(region.cells.count) cells",
                    statistic: region.pattern.rawValue.lowercased(),
                    trend: String(
                        format: "z trend %@ (tau %.2f, p %.3f)",
                        t.direction(alpha: request.alpha) > 0
                            ? "rising"
                            : (t.direction(alpha: request.alpha) < 0 ? "falling" : "flat"), t.tau,
                        t.p),
                    peak: profile.peakText()))
        }
        return computed
    }
}
