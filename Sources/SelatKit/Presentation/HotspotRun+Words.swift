import Foundation
import SelatGeo
import SelatModel

/// The words of a hotspot run: its notes and its summary table, with the controls spelled by the
/// front end.
extension HotspotRun {
    /// The notes, a blank line and the table, as `selat hotspots` prints it and `hotspots show`
    /// prints it again.
    public func words(_ names: ControlNames) -> String {
        var lines = notes.map { $0.words(names, method: method) }
        lines.append("")
        if hotspots.isEmpty {
            lines.append(
                method == .dbscan ? "No clusters found." : "No significant hot spots found.")
        } else {
            lines.append(Self.title(method) + ":")
            let header = [
                "#", "where", "centre", "sightings", "size", "statistic", "trend", "peak hours",
            ]
            let body = hotspots.map { r in
                [
                    "\(r.rank)", r.place?.words ?? "-", r.centre.formatted(.degreesMinutes),
                    "\(r.sightings)", r.size.words, r.statistic.words, r.trend.words,
                    r.peakHours?.words ?? "-",
                ]
            }
            lines += TextTable.aligned([header] + body)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The title of the table for each method.
    public static func title(_ method: HotspotMethod) -> String {
        switch method {
        case .gistar: "Hot spot regions (Getis-Ord Gi*), strongest first"
        case .dbscan: "Clusters (DBSCAN), largest first"
        case .kde: "Density peaks (quartic kernel), highest first"
        case .emerging: "Emerging hot spots, by pattern"
        }
    }
}

extension PlaceReference {
    /// "2.1 nm NE of Nongsapura", or "at Nongsapura" within half a mile.
    public var words: String {
        if distanceNm < 0.5 { return "at \(name)" }
        return String(
            format: "%.1f nm %@ of %@", distanceNm, Self.compassPoint(bearingDegrees), name)
    }

    /// N, NE, E, … for a bearing in degrees true.
    static func compassPoint(_ degrees: Double) -> String {
        let points = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
        return points[Int(((degrees + 22.5) / 45).rounded(.down)) % 8]
    }
}

extension PeakHours {
    /// "20:00–24:00 WIB (41%)".
    public var words: String {
        String(
            format: "%02d:00–%02d:00 WIB (%.0f%%)", startHour, (startHour + hours) % 24,
            share * 100)
    }
}

extension HotspotRow.Size {
    public var words: String {
        switch self {
        case .cells(let n): n == 1 ? "1 cell" : "\(n) cells"
        case .coreSightings(let n): "\(n) core"
        case .radius(let metres): "\(Distance(metres: metres).metricText) radius"
        }
    }
}

extension HotspotRow.Statistic {
    public var words: String {
        switch self {
        case .giZ(let z, let confidence): String(format: "z %.2f, %d%%", z, confidence)
        case .topActivity(let share):
            share.map { String(format: "%.0f%% %@", $0.share * 100, $0.value) } ?? "-"
        case .density(let d): String(format: "%.3g /km²", d)
        case .pattern(let name): name.lowercased()
        }
    }
}

extension HotspotRow.Trend {
    public var words: String {
        switch self {
        case .monthly(let direction, let p):
            String(
                format: "%@ (p %.3f)",
                direction > 0 ? "rising" : (direction < 0 ? "falling" : "no trend"), p)
        case .tooFewMonths: "- (under 4 months)"
        case .zTrend(let direction, let tau, let p):
            String(
                format: "z trend %@ (tau %.2f, p %.3f)",
                direction > 0 ? "rising" : (direction < 0 ? "falling" : "flat"), tau, p)
        }
    }
}

extension HotspotNote {
    /// The note as a sentence.
    public func words(_ n: ControlNames, method: HotspotMethod) -> String {
        func d(_ metres: Double) -> String { Distance(metres: metres).metricText }
        switch self {
        case .analysed(let count, let night):
            return "\(count) sightings analysed"
                + (night ? " (night only: 18:00–06:00 WIB)" : "") + "."
        case .projection(let meridian, let latitude, let error):
            return String(
                format:
                    "Projection: transverse Mercator centred on %.2f°E, %.2f°N (scale error under %.2f%% over the data).",
                meridian, latitude, error)
        case .cellGiven(let m):
            return "Cell \(d(m)) (from \(n(.cell))), centre to centre."
        case .cellChosen(let m, .onePosition):
            return "Cell \(d(m)): the sightings share one position, so 1 km was used."
        case .cellChosen(let m, .twiceMeanNeighbour(let nn)):
            return
                "Cell \(d(m)): twice the mean distance between neighbouring sightings (\(d(nn))), about one sighting per cell where they are evenly spread. Set \(n(.cell)) to choose."
        case .cellChosen(let m, .raisedForCap(let nn, let would, let maximum)):
            return
                "Cell \(d(m)): twice the mean distance between neighbouring sightings (\(d(nn))) would need about \(would) cells; raised to keep the study area under \(maximum) cells. Set \(n(.cell)), or narrow the data, for finer cells."
        case .studyArea(let sea, let empty):
            return
                "Study area: \(sea) sea cells (cells whose centre is on land left out), including \(empty) with no sightings."
        case .movedOffLand(let count, let reach):
            return
                "\(count) sightings lie in coastal cells whose centre is on land; each is counted in the nearest sea cell (within \(reach) cells)."
        case .leftOut(let count, let reach):
            return
                "\(count) sightings lie more than \(reach) cells from any cell whose centre is at sea (up a river or creek, or kept on land with \(n(.allowLand))); they are not in this analysis. A smaller \(n(.cell)) reaches narrow waters."
        case .neighbours(let band):
            return band.map {
                "Neighbours: every cell within \(d($0)) (distance band), binary weights."
            } ?? "Neighbours: each cell and the six around it, binary weights."
        case .pValues(let permutations, let seed, let fdr):
            return
                (permutations > 0
                ? "p-values from \(permutations) conditional permutations (seed \(seed))"
                : "p-values from the normal approximation")
                + (fdr
                    ? "; Benjamini–Hochberg FDR correction applied (turn off with \(n(.noFDR)))."
                    : "; no FDR correction (\(n(.noFDR))).")
        case .significant(let hot, let cold, let cells):
            return "Significant: \(hot) hot cells, \(cold) cold cells (of \(cells))."
        case .permutationFloor(let permutations, let floor, let atFloor):
            return String(
                format:
                    "With %d permutations no p-value can be below %.4g; %d cells reach that floor.",
                permutations, floor, atFloor)
        case .fdrHidesAll(let cells):
            return
                "After the FDR correction over \(cells) cells none of them is significant: the permutations cannot show a p-value small enough. Use more permutations (e.g. \(n(.permutations)) 9999), fewer cells (a larger \(n(.cell)) or narrower filters), or the normal approximation (leave out \(n(.permutations)))."
        case .moreRegions(let total, let shown):
            return "\(total) hot regions in all; the table shows the top \(shown) (\(n(.top)))."
        case .dbscanParameters(let eps, let minPoints):
            return
                "DBSCAN: eps \(d(eps)) (great-circle), at least \(minPoints) sightings within eps (itself included) make a core point."
        case .clusters(let count, let noise):
            return
                "\(count) clusters; \(noise) sightings are noise (in no cluster). A border sighting near two clusters joins the one found first, as scikit-learn does."
        case .moreClusters(let shown, let total):
            return
                "The table shows the \(shown) largest clusters (\(n(.top))); the GeoJSON has all \(total)."
        case .bandwidthGiven(let m):
            return "Bandwidth \(d(m)) (from \(n(.bandwidth)))."
        case .bandwidthChosen(let m):
            return
                "Bandwidth \(d(m)): 0.9 · min(standard distance, √(1/ln 2) · median distance) · n^-0.2 (the spatial Silverman rule ArcGIS documents). Set \(n(.bandwidth)) to choose."
        case .gridCellGiven(let m):
            return "Grid cell \(d(m)) (from \(n(.cell)))."
        case .gridCellChosen(let m):
            return
                "Grid cell \(d(m)): a fifth of the bandwidth, or coarser to keep the grid under 250,000 cells. Set \(n(.cell)) to choose."
        case .landZeroed(let cells, let cell):
            return
                "Density in sightings per km² at sea: \(cells) grid cells whose centre is on land are set to zero, so contours follow the coast to within one cell (\(d(cell)))."
        case .contour(let percent, let area, let polygons, let level):
            return String(
                format:
                    "%.0f%% of the density lies inside %.1f km² (%d polygons, density ≥ %.3g per km²).",
                percent, area, polygons, level)
        case .fewSteps(let steps, let step):
            return
                "Only \(steps) \(step)s: trends over fewer than 10 steps are weak (ArcGIS asks for at least 10)."
        case .cube(let cells, let steps, let step, let window):
            return
                "Space-time cube: \(cells) cells × \(steps) \(step)s (WIB); a bin's neighbours are its cell's neighbours in the same and the \(window) previous step(s)."
        case .significance(let alpha, let fdr):
            return "A bin is significant at p ≤ \(alpha)"
                + (fdr ? " after FDR correction over the cube" : "")
                + "; trends are Mann–Kendall on each cell's z-scores at the same level."
        case .patterns(let counts):
            return counts.isEmpty
                ? "No cell shows a pattern."
                : "Patterns: "
                    + counts.map { "\($0.cells) \($0.pattern.lowercased())" }.joined(
                        separator: ", ") + "."
        }
    }
}
