import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

extension HotspotRunner {
    /// Emerging hot spots over a space-time cube.
    func emerging(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (Phrase) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        guard request.alpha > 0 && request.alpha < 0.5 else {
            throw .outOfRange(.alpha, value: "\(request.alpha)", allowed: 0...0.5)
        }
        let spacing = try spacing(request, points, computed: &computed)
        let grid = HexGrid(projection: points.projection, spacing: spacing)
        progress(Phrase("progress.hotspots.cube"))
        let area = studyArea(points, grid, request, computed: &computed)
        try checkBandSize(request, cells: area.cells.count, spacing: spacing)
        let weights = area.weights(request.neighbourhood)
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
            throw .tooFew(.periods(step: request.step.rawValue), count: steps, needed: 4)
        }
        if steps < 10 {
            computed.notes.append(.fewSteps(steps: steps, step: request.step.rawValue))
        }
        guard area.cells.count * steps <= 20_000_000 else {
            throw .tooLarge(
                .step, value: request.step.rawValue,
                size: .cubeBins(cells: area.cells.count, steps: steps, limit: 20_000_000))
        }
        var cube = [Int](repeating: 0, count: area.cells.count * steps)
        for i in 0..<sample.count {
            let k = Int(area.assignment[i])
            if k >= 0 { cube[k * steps + steps0[i] - first] += 1 }
        }
        progress(
            Phrase(
                "progress.hotspots.gi_cube",
                ["cells": "\(area.cells.count)", "steps": "\(steps)"],
                words: [
                    "unit": request.step.rawValue == "week"
                        ? "hotspots.unit.weeks" : "hotspots.unit.months"
                ]))
        let e = try EmergingHotSpots(
            counts: cube, steps: steps, weights: weights, timeWindow: request.timeWindow,
            fdr: request.fdr, alpha: request.alpha)
        computed.notes.append(
            .cube(
                cells: area.cells.count, steps: steps, step: request.step.rawValue,
                timeWindow: request.timeWindow))
        computed.notes.append(.significance(alpha: request.alpha, fdr: request.fdr))
        var tally: [EmergingHotSpots.Pattern: Int] = [:]
        for p in e.patterns where p != .none { tally[p, default: 0] += 1 }
        computed.notes.append(
            .patterns(
                EmergingHotSpots.Pattern.allCases.compactMap { p in
                    tally[p].map { HotspotNote.PatternCount(pattern: p.rawValue, cells: $0) }
                }))

        let members = area.members(ofCells: { e.patterns[$0].sign > 0 })
        progress(Phrase("progress.hotspots.results"))
        for k in area.cells.indices {
            let pattern = e.patterns[k]
            if request.significantOnly && pattern == .none { continue }
            let series = e.significance[(k * steps)..<((k + 1) * steps)]
            let last = k * steps + steps - 1
            computed.results.emergingCells.append(
                EmergingCell(
                    cell: area.cells[k].description, ring: Self.ring(grid, area.cells[k]),
                    count: (0..<steps).reduce(0) { $0 + cube[k * steps + $1] },
                    pattern: pattern.rawValue, hotSteps: series.filter { $0 > 0 }.count,
                    coldSteps: series.filter { $0 < 0 }.count, finalZ: e.z[last],
                    finalP: e.p[last], trendZ: e.trends[k].z, trendP: e.trends[k].p,
                    trendTau: e.trends[k].tau, counts: (0..<steps).map { cube[k * steps + $0] },
                    hoursWib: members[k].map { HourProfile(sample, members: $0).counts }))
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
            let centre = grid.centreCoordinate(of: area.cells[peak])
            let t = e.trends[peak]
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.reference(centre), centre: centre,
                    sightings: region.cells.reduce(0) { $0 + area.counts[$1] },
                    size: .cells(count: region.cells.count),
                    statistic: .pattern(name: region.pattern.rawValue),
                    trend: .zTrend(
                        direction: t.direction(alpha: request.alpha), tau: t.tau, p: t.p),
                    peakHours: Self.peak(sample, region.cells.flatMap { members[$0] ?? [] })))
        }
        computed.totalRows = regions.count
        return computed
    }
}
