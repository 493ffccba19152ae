import Foundation
import SelatGeo
import SelatModel
import SelatWords

/// The words of a hotspot run: its notes and its summary table, with the controls spelled by the
/// front end.
extension HotspotRun {
    /// The notes, a blank line and the table, as `selat hotspots` prints it and `hotspots show`
    /// prints it again.
    public func words(_ names: ControlNames) -> String {
        var lines = notes.map { $0.words(names, method: method) }
        lines.append("")
        let w = names.words
        if hotspots.isEmpty {
            lines.append(
                method == .dbscan ? w("hotspots.none_clusters") : w("hotspots.none_significant"))
        } else {
            lines.append(Self.title(method, w) + ":")
            let header = [
                "#", w("hotspots.column.where"), w("hotspots.column.centre"),
                w("hotspots.column.sightings"), w("hotspots.column.size"),
                w("hotspots.column.statistic"), w("hotspots.column.trend"),
                w("hotspots.column.peak_hours"),
            ]
            let indonesian = w.language == .id
            let body = hotspots.map { r in
                [
                    "\(r.rank)", r.place.map { PlanStopName.place($0.words, w) } ?? "-",
                    r.centre.formatted(indonesian ? .degreesMinutesIndonesian : .degreesMinutes),
                    "\(r.sightings)", r.size.words(w), r.statistic.words(w),
                    r.trend.words(w), r.peakHours.map { w.clock($0.words) } ?? "-",
                ]
            }
            lines += TextTable.aligned([header] + body)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The title of the table for each method.
    public static func title(_ method: HotspotMethod, _ w: Words = Words(.en)) -> String {
        switch method {
        case .gistar: w("hotspots.title.gistar")
        case .dbscan: w("hotspots.title.dbscan")
        case .kde: w("hotspots.title.kde")
        case .emerging: w("hotspots.title.emerging")
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
    public var words: String { words(Words(.en)) }

    /// The size in `w`'s language.
    public func words(_ w: Words) -> String {
        switch self {
        case .cells(let n):
            n == 1 ? w("hotspots.size.one_cell") : w("hotspots.size.cells", ["count": "\(n)"])
        case .coreSightings(let n): w("hotspots.size.core", ["count": "\(n)"])
        case .radius(let metres):
            w("hotspots.size.radius", ["radius": Distance(metres: metres).metricText])
        }
    }
}

extension HotspotRow.Statistic {
    public var words: String { words(Words(.en)) }

    /// The statistic in `w`'s language: Gi* z and confidence, the top activity, the density
    /// or the emerging pattern.
    public func words(_ w: Words) -> String {
        switch self {
        case .giZ(let z, let confidence):
            w("report.gi", ["z": w.number(z, decimals: 2), "confidence": String(confidence)])
        case .topActivity(let share):
            share.map {
                w(
                    "hotspots.top_activity",
                    [
                        "share": String(format: "%.0f", $0.share * 100),
                        "activity": ReportDocument.valueKeys[$0.value].map { w($0) } ?? $0.value,
                    ])
            } ?? "-"
        case .density(let d):
            w(
                "hotspots.density",
                [
                    "density": w.language == .id
                        ? String(format: "%.3g", d).replacingOccurrences(of: ".", with: ",")
                        : String(format: "%.3g", d)
                ])
        case .pattern(let name):
            w.language == .en
                ? name.lowercased()
                : (ReportDocument.patternKeys[name].map { w($0) } ?? name).lowercasedFirst
        }
    }
}

extension HotspotRow.Trend {
    public var words: String { words(Words(.en)) }

    /// The trend in `w`'s language (numbers with its decimal mark).
    public func words(_ w: Words) -> String {
        switch self {
        case .monthly(let direction, let p):
            w(
                "hotspots.trend.monthly",
                [
                    "direction": direction > 0
                        ? w("hotspots.trend.rising")
                        : (direction < 0 ? w("hotspots.trend.falling") : w("hotspots.trend.none")),
                    "p": w.number(p, decimals: 3),
                ])
        case .tooFewMonths: w("hotspots.trend.too_few_months")
        case .zTrend(let direction, let tau, let p):
            w(
                "hotspots.trend.z",
                [
                    "direction": direction > 0
                        ? w("hotspots.trend.rising")
                        : (direction < 0 ? w("hotspots.trend.falling") : w("hotspots.trend.flat")),
                    "tau": w.number(tau, decimals: 2), "p": w.number(p, decimals: 3),
                ])
        }
    }
}

extension HotspotNote {
    /// The note as a sentence.
    public func words(_ n: ControlNames, method: HotspotMethod) -> String {
        func d(_ metres: Double) -> String { Distance(metres: metres).metricText }
        let w = n.words
        func f(_ format: String, _ value: Double) -> String {
            let text = String(format: format, value)
            return w.language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        switch self {
        case .analysed(let count, let night):
            return night
                ? n("hotspots.note.analysed_night", ["count": "\(count)"])
                : n("hotspots.note.analysed", ["count": "\(count)"])
        case .projection(let meridian, let latitude, let error):
            return n(
                "hotspots.note.projection",
                [
                    "meridian": f("%.2f", meridian), "latitude": f("%.2f", latitude),
                    "error": f("%.2f", error),
                ])
        case .cellGiven(let m):
            return n("hotspots.note.cell_given", ["size": d(m), "cell": n(.cell)])
        case .cellChosen(let m, .onePosition):
            return n("hotspots.note.cell_one_position", ["size": d(m)])
        case .cellChosen(let m, .twiceMeanNeighbour(let nn)):
            return n("hotspots.note.cell_chosen", ["size": d(m), "mean": d(nn), "cell": n(.cell)])
        case .cellChosen(let m, .raisedForCap(let nn, let would, let maximum)):
            return n(
                "hotspots.note.cell_raised",
                [
                    "size": d(m), "mean": d(nn), "would": "\(would)", "maximum": "\(maximum)",
                    "cell": n(.cell),
                ])
        case .studyArea(let sea, let empty):
            return n("hotspots.note.study_area", ["sea": "\(sea)", "empty": "\(empty)"])
        case .studyAreaAroundData(let sea, let empty):
            return n(
                "hotspots.note.study_area_data",
                ["sea": "\(sea)", "empty": "\(empty)", "study_area": n(.studyArea)])
        case .movedOffLand(let count, let reach):
            return n("hotspots.note.moved_off_land", ["count": "\(count)", "reach": "\(reach)"])
        case .leftOut(let count, let reach):
            return n(
                "hotspots.note.left_out",
                [
                    "count": "\(count)", "reach": "\(reach)", "allow_land": n(.allowLand),
                    "cell": n(.cell),
                ])
        case .neighbours(let band):
            return band.map { n("hotspots.note.neighbours_band", ["band": d($0)]) }
                ?? n("hotspots.note.neighbours_six")
        case .pValues(let permutations, let seed, let fdr):
            let source =
                permutations > 0
                ? n(
                    "hotspots.note.p_permutations",
                    ["permutations": "\(permutations)", "seed": "\(seed)"])
                : n("hotspots.note.p_normal")
            return fdr
                ? n("hotspots.note.fdr", ["source": source, "no_fdr": n(.noFDR)])
                : n("hotspots.note.no_fdr", ["source": source, "no_fdr": n(.noFDR)])
        case .significant(let hot, let cold, let cells):
            return n(
                "hotspots.note.significant",
                ["hot": "\(hot)", "cold": "\(cold)", "cells": "\(cells)"])
        case .permutationFloor(let permutations, let floor, let atFloor):
            return n(
                "hotspots.note.permutation_floor",
                [
                    "permutations": "\(permutations)", "floor": f("%.4g", floor),
                    "cells": "\(atFloor)",
                ])
        case .fdrHidesAll(let cells):
            return n(
                "hotspots.note.fdr_hides_all",
                ["cells": "\(cells)", "permutations": n(.permutations), "cell": n(.cell)])
        case .moreRegions(let total, let shown):
            return n(
                "hotspots.note.more_regions",
                ["total": "\(total)", "shown": "\(shown)", "top": n(.top)])
        case .dbscanParameters(let eps, let minPoints):
            return n("hotspots.note.dbscan", ["eps": d(eps), "min_points": "\(minPoints)"])
        case .clusters(let count, let noise):
            return n("hotspots.note.clusters", ["count": "\(count)", "noise": "\(noise)"])
        case .moreClusters(let shown, let total):
            return n(
                "hotspots.note.more_clusters",
                ["shown": "\(shown)", "top": n(.top), "total": "\(total)"])
        case .bandwidthGiven(let m):
            return n("hotspots.note.bandwidth_given", ["size": d(m), "bandwidth": n(.bandwidth)])
        case .bandwidthChosen(let m):
            return n("hotspots.note.bandwidth_chosen", ["size": d(m), "bandwidth": n(.bandwidth)])
        case .gridCellGiven(let m):
            return n("hotspots.note.grid_given", ["size": d(m), "cell": n(.cell)])
        case .gridCellChosen(let m):
            return n("hotspots.note.grid_chosen", ["size": d(m), "cell": n(.cell)])
        case .landZeroed(let cells, let cell):
            return n("hotspots.note.land_zeroed", ["cells": "\(cells)", "size": d(cell)])
        case .contour(let percent, let area, let polygons, let level):
            return n(
                "hotspots.note.contour",
                [
                    "percent": String(format: "%.0f", percent), "area": f("%.1f", area),
                    "polygons": "\(polygons)", "level": f("%.3g", level),
                ])
        case .fewSteps(let steps, let step):
            return n(
                "hotspots.note.few_steps",
                [
                    "steps": "\(steps)",
                    "unit": step == "week" ? n("hotspots.unit.weeks") : n("hotspots.unit.months"),
                ])
        case .cube(let cells, let steps, let step, let window):
            return n(
                "hotspots.note.cube",
                [
                    "cells": "\(cells)", "steps": "\(steps)", "window": "\(window)",
                    "unit": step == "week" ? n("hotspots.unit.weeks") : n("hotspots.unit.months"),
                ])
        case .significance(let alpha, let fdr):
            return fdr
                ? n(
                    "hotspots.note.significance_fdr",
                    [
                        "alpha": w.language == .id
                            ? "\(alpha)".replacingOccurrences(of: ".", with: ",") : "\(alpha)"
                    ])
                : n(
                    "hotspots.note.significance",
                    [
                        "alpha": w.language == .id
                            ? "\(alpha)".replacingOccurrences(of: ".", with: ",") : "\(alpha)"
                    ])
        case .patterns(let counts):
            return counts.isEmpty
                ? n("hotspots.note.no_patterns")
                : n(
                    "hotspots.note.patterns",
                    [
                        "patterns": counts.map {
                            "\($0.cells) \(HotspotRow.Statistic.pattern(name: $0.pattern).words(w))"
                        }.joined(separator: ", ")
                    ])
        }
    }
}

extension String {
    /// The text with its first letter in lower case (a name inside a sentence).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
