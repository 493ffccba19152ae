import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

extension HotspotRunner {
    /// The most neighbour pairs a distance band may produce (about 0.8 GB of weights).
    static let maximumNeighbourPairs = 100_000_000.0

    /// Refuses a distance band whose neighbour lists would not fit: each cell lists every cell
    /// within the band, about π·(band/spacing)²·2/√3 of them. Checked before the lists are built,
    /// which could otherwise ask for tens of gigabytes.
    func checkBandSize(_ request: HotspotRequest, cells: Int, spacing: Double) throws(AnalysisError)
    {
        guard let band = request.band else { return }
        let perCell =
            Double.pi * (band.metres / spacing) * (band.metres / spacing) * 2 / 3.0.squareRoot()
        guard Double(cells) * perCell <= Self.maximumNeighbourPairs else {
            throw .tooLarge(
                .band, value: band.metricText,
                size: .neighbourPairs(
                    cells: cells, perCell: Int(perCell), limit: Int(Self.maximumNeighbourPairs)))
        }
    }

    /// Getis-Ord Gi* on hexagon counts.
    func giStar(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (Phrase) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        let spacing = try spacing(request, points, computed: &computed)
        if let band = request.band, band.metres < spacing || band.metres > 50 * spacing {
            throw .bandOutOfRange(value: band.metricText, cellMetres: spacing)
        }
        let grid = HexGrid(projection: points.projection, spacing: spacing)
        progress(Phrase("progress.hotspots.counting"))
        let area = studyArea(points, grid, request, computed: &computed)
        try checkBandSize(request, cells: area.cells.count, spacing: spacing)
        let weights = area.weights(request.neighbourhood)
        computed.notes.append(.neighbours(bandMetres: request.band?.metres))
        progress(
            request.permutations > 0
                ? Phrase(
                    "progress.hotspots.permutations", ["permutations": "\(request.permutations)"])
                : Phrase("progress.hotspots.gi"))
        let gi = try GetisOrdGiStar(
            values: area.counts.map(Double.init), weights: weights,
            permutations: request.permutations, seed: request.seed)
        let adjusted = request.fdr ? FalseDiscoveryRate.adjusted(gi.p) : gi.p
        let bins = zip(gi.z, adjusted).map { HotSpotBin.bin(z: $0, p: $1) }
        computed.notes.append(
            .pValues(permutations: request.permutations, seed: request.seed, fdr: request.fdr))
        let hot = bins.filter { $0 > 0 }.count
        let cold = bins.filter { $0 < 0 }.count
        computed.notes.append(.significant(hot: hot, cold: cold, cells: area.cells.count))
        if request.permutations > 0 {
            // A permutation p-value cannot go below 2/(N+1) (two-sided); with FDR over many cells
            // that floor can hide every hot spot, which the analyst must be told.
            let floor = 2.0 / Double(request.permutations + 1)
            let atFloor = gi.p.filter { $0 <= floor * (1 + 1e-12) }.count
            computed.notes.append(
                .permutationFloor(
                    permutations: request.permutations, floor: floor, cellsAtFloor: atFloor))
            if request.fdr && hot + cold == 0 && atFloor > 0 {
                computed.notes.append(.fdrHidesAll(cells: area.cells.count))
            }
        }

        // The sightings of each hot cell, for hour profiles and trends.
        let members = area.members(ofCells: { bins[$0] > 0 })

        progress(Phrase("progress.hotspots.results"))
        let kept = area.cells.indices.filter { !(request.significantOnly && bins[$0] == 0) }
        let rings = Self.rings(grid, kept.map { area.cells[$0] })
        computed.results.cells.reserveCapacity(kept.count)
        for (i, k) in kept.enumerated() {
            let bin = bins[k]
            let cell = area.cells[k]
            computed.results.cells.append(
                HotspotCell(
                    cell: cell.description, ring: rings[i], count: area.counts[k],
                    giZ: gi.z[k], p: gi.p[k], pFdr: request.fdr ? adjusted[k] : nil, bin: bin,
                    neighbours: Int(weights.start[k + 1] - weights.start[k]) - 1,
                    hoursWib: members[k].map { HourProfile(sample, members: $0).counts }))
        }

        // Regions of adjacent hot cells, strongest first.
        let regions = Self.regions(area, members: bins.indices.filter { bins[$0] > 0 })
            .map { cells in (cells: cells, peak: cells.max { gi.z[$0] < gi.z[$1] }!) }
            .sorted { gi.z[$0.peak] > gi.z[$1.peak] }
        let trend = MonthlyTrend(sample)
        for (rank, region) in regions.prefix(request.top).enumerated() {
            let all = region.cells.flatMap { members[$0] ?? [] }
            let centre = grid.centreCoordinate(of: area.cells[region.peak])
            let best = region.cells.map { bins[$0] }.max()!
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.reference(centre), centre: centre,
                    sightings: region.cells.reduce(0) { $0 + area.counts[$1] },
                    size: .cells(count: region.cells.count),
                    statistic: .giZ(
                        z: gi.z[region.peak], confidencePercent: [0, 90, 95, 99][best]),
                    trend: trend.trend(all), peakHours: Self.peak(sample, all)))
        }
        computed.totalRows = regions.count
        if regions.count > request.top {
            computed.notes.append(.moreRegions(total: regions.count, shown: request.top))
        }
        return computed
    }
}
