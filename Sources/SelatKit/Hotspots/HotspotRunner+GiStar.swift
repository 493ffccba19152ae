import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel

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
            throw .invalidParameter(
                name: "--band", value: band.metricText,
                reason:
                    "\(cells) cells with about \(Int(perCell)) neighbours each is more than this machine should hold "
                    + "(at most \(Int(Self.maximumNeighbourPairs / 1_000_000)) million pairs); use a narrower --band, a larger --cell, or narrower filters"
            )
        }
    }

    /// Getis-Ord Gi* on hexagon counts.
    func giStar(
        _ request: HotspotRequest, _ sample: SightingSample, _ points: ProjectedPoints,
        _ progress: (String) -> Void
    ) throws(AnalysisError) -> Computed {
        var computed = Computed()
        let spacing = try spacing(request, points, computed: &computed)
        if let band = request.band, band.metres < spacing || band.metres > 50 * spacing {
            throw .invalidParameter(
                name: "--band", value: band.metricText,
                reason:
                    "use a band from one cell (\(Distance(metres: spacing).metricText)) to 50 cells wide"
            )
        }
        let grid = HexGrid(projection: points.projection, spacing: spacing)
        progress("Counting sightings in hexagons…")
        let area = studyArea(
            points, grid, margin: max(spacing, request.band?.metres ?? 0), computed: &computed)
        try checkBandSize(request, cells: area.cells.count, spacing: spacing)
        let weights = area.weights(request.band.map { .band($0.metres) } ?? .adjacent)
        computed.notes.append(
            request.band.map {
                "Neighbours: every cell within \($0.metricText) (distance band), binary weights."
            }
                ?? "Neighbours: each cell and the six around it, binary weights.")
        progress(
            request.permutations > 0
                ? "Gi* with \(request.permutations) permutations per cell…" : "Gi*…")
        let gi = try GetisOrdGiStar(
            values: area.counts.map(Double.init), weights: weights,
            permutations: request.permutations, seed: request.seed)
        let adjusted = request.fdr ? FalseDiscoveryRate.adjusted(gi.p) : gi.p
        let bins = zip(gi.z, adjusted).map { HotSpotBin.bin(z: $0, p: $1) }
        computed.notes.append(
            (request.permutations > 0
                ? "p-values from \(request.permutations) conditional permutations (seed \(request.seed))"
                : "p-values from the normal approximation")
                + (request.fdr
                    ? "; Benjamini–Hochberg FDR correction applied (turn off with --no-fdr)."
                    : "; no FDR correction (--no-fdr)."))
        let hot = bins.filter { $0 > 0 }.count
        let cold = bins.filter { $0 < 0 }.count
        computed.notes.append(
            "Significant: \(hot) hot cells, \(cold) cold cells (of \(area.cells.count)).")
        if request.permutations > 0 {
            // A permutation p-value cannot go below 2/(N+1) (two-sided); with FDR over many cells
            // that floor can hide every hot spot, which the analyst must be told.
            let floor = 2.0 / Double(request.permutations + 1)
            let atFloor = gi.p.filter { $0 <= floor * (1 + 1e-12) }.count
            computed.notes.append(
                String(
                    format:
                        "With %d permutations no p-value can be below %.4g; %d cells reach that floor.",
                    request.permutations, floor, atFloor))
            if request.fdr && hot + cold == 0 && atFloor > 0 {
                computed.notes.append(
                    "After the FDR correction over \(area.cells.count) cells none of them is significant: the permutations cannot show a p-value small enough. Use more permutations (e.g. --permutations 9999), fewer cells (a larger --cell or narrower filters), or the normal approximation (leave out --permutations)."
                )
            }
        }

        // The sightings of each hot cell, for hour profiles and trends.
        let members = area.members(ofCells: { bins[$0] > 0 })

        progress("Preparing features…")
        for k in area.cells.indices {
            let bin = bins[k]
            if request.significantOnly && bin == 0 { continue }
            let cell = area.cells[k]
            var p = GeoJSONProperties()
            p.add("cell", cell.description)
            p.add("count", area.counts[k])
            p.add("gi_z", gi.z[k])
            p.add("p", gi.p[k], decimals: 8)
            if request.fdr { p.add("p_fdr", adjusted[k], decimals: 8) }
            p.add("bin", bin)
            p.add("label", HotSpotBin.label(bin))
            p.add("neighbours", Int(weights.start[k + 1] - weights.start[k]) - 1)
            if let m = members[k] {
                let profile = HourProfile(sample, members: m)
                p.add("hours_wib", profile.counts)
                p.add("peak_wib", profile.peakText())
            }
            let feature = GeoJSONFeature(polygon: [Self.ring(grid, cell)], properties: p)
            computed.features.append(feature)
            if bin != 0 { computed.stored.append(feature) }
        }

        // Regions of adjacent hot cells, strongest first.
        let regions = Self.regions(area, members: bins.indices.filter { bins[$0] > 0 })
            .map { cells in (cells: cells, peak: cells.max { gi.z[$0] < gi.z[$1] }!) }
            .sorted { gi.z[$0.peak] > gi.z[$1.peak] }
        let trend = MonthlyTrend(sample)
        for (rank, region) in regions.prefix(request.top).enumerated() {
            let all = region.cells.flatMap { members[$0] ?? [] }
            let profile = HourProfile(sample, members: all)
            let centre = grid.centreCoordinate(of: area.cells[region.peak])
            let best = region.cells.map { bins[$0] }.max()!
            computed.rows.append(
                HotspotRow(
                    rank: rank + 1, place: namer.describe(centre), centre: centre,
                    sightings: region.cells.reduce(0) { $0 + area.counts[$1] },
                    size: region.cells.count == 1 ? "1 cell" : "\(region.cells.count) cells",
                    statistic: String(
                        format: "z %.2f, %d%%", gi.z[region.peak], [0, 90, 95, 99][best]),
                    trend: trend.describe(all), peak: profile.peakText()))
        }
        if regions.count > request.top {
            computed.notes.append(
                "\(regions.count) hot regions in all; the table shows the top \(request.top) (--top)."
            )
        }
        return computed
    }
}
