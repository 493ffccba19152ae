import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

/// The analyst's report in words: ``ReportFindings`` as Markdown and as one HTML page (with the
/// map), in the order an analyst reads them, in English or Bahasa Indonesia.
struct ReportDocument {
    let findings: ReportFindings
    let title: String?
    let database: String
    let offsetMinutes: Int
    let spelling: CommandSpelling
    var words = Words(.en)

    var indonesian: Bool { words.language == .id }

    typealias Section = (title: String, text: String, table: DocumentTable?)

    var zone: String { TimeZoneName.name(offsetMinutes) }

    var heading: String {
        title
            ?? words(
                "report.heading",
                ["from": findings.day(findings.from), "to": findings.day(findings.to)])
    }

    var banner: String? { findings.synthetic ? words("report.synthetic") : nil }

    func percent(_ n: Int, _ total: Int) -> String {
        total == 0 ? "-" : words.number(100 * Double(n) / Double(total), decimals: 1) + " %"
    }

    /// An activity or vessel type as the reader says it (the data keys stay English).
    func value(_ key: String) -> String { Self.value(key, words) }

    static func value(_ key: String, _ words: Words) -> String {
        guard let entry = valueKeys[key] else {
            return key.replacingOccurrences(of: "_", with: " ")
        }
        return words(entry)
    }

    /// Activity and vessel-type values (the data's identifiers) and their keys in the catalogue:
    /// `activity.<value>`, `vessel.<value>` (an activity first where both have the value).
    static let valueKeys = Dictionary(
        Activity.allCases.map { ($0.rawValue, "activity." + $0.rawValue) }
            + VesselType.allCases.map { ($0.rawValue, "vessel." + $0.rawValue) },
        uniquingKeysWith: { first, _ in first })

    /// The emerging-hotspot pattern names (``EmergingHotSpots/Pattern``'s values, as the analysis
    /// writes them) and their keys; `no pattern` where a hot spot lies outside every cell.
    static let patternKeys: [String: String] = {
        let keys = [
            "pattern.not_detected", "pattern.new_hot", "pattern.consecutive_hot",
            "pattern.intensifying_hot", "pattern.persistent_hot", "pattern.diminishing_hot",
            "pattern.sporadic_hot", "pattern.oscillating_hot", "pattern.historical_hot",
            "pattern.new_cold", "pattern.consecutive_cold", "pattern.intensifying_cold",
            "pattern.persistent_cold", "pattern.diminishing_cold", "pattern.sporadic_cold",
            "pattern.oscillating_cold", "pattern.historical_cold",
        ]
        precondition(keys.count == EmergingHotSpots.Pattern.allCases.count)
        var map = Dictionary(
            uniqueKeysWithValues: zip(EmergingHotSpots.Pattern.allCases.map(\.rawValue), keys))
        map["no pattern"] = "pattern.none"
        return map
    }()

    func pattern(_ name: String) -> String {
        Self.patternKeys[name].map { words($0) } ?? name
    }

    func trend(_ t: HotspotRow.Trend) -> String {
        switch t {
        case .monthly(let direction, let p):
            let p = words.number(p, decimals: 3)
            if direction > 0 { return words("report.trend.rising", ["p": p]) }
            if direction < 0 { return words("report.trend.falling", ["p": p]) }
            return words("report.trend.none", ["p": p])
        case .tooFewMonths: return words("report.trend.few")
        case .zTrend: return t.words
        }
    }

    func statistic(_ s: HotspotRow.Statistic) -> String { s.words(words) }

    func peak(_ p: PeakHours?) -> String {
        guard let p else { return "-" }
        func clock(_ h: Int) -> String { words.clock((h < 10 ? "0" : "") + "\(h):00") }
        return words(
            "report.peak",
            [
                "from": clock(p.startHour), "to": clock((p.startHour + p.hours) % 24),
                "zone": "WIB",
                "share": String(format: "%.0f", p.share * 100),
            ])
    }

    var sections: [Section] {
        let f = findings
        let c = f.counts
        var sections: [Section] = []
        sections.append(
            (
                words("report.summary"),
                words(
                    "report.summary_text",
                    [
                        "count": String(f.sightingCount), "from": f.day(f.from), "to": f.day(f.to),
                        "zone": zone, "trafficking": String(c.trafficking),
                        "share": percent(c.trafficking, f.sightingCount),
                        "trafficking_persons": String(c.traffickingPersons),
                        "persons": String(c.persons),
                    ]),
                nil
            ))
        sections.append(
            (
                words("report.by_month", ["zone": zone]), "",
                DocumentTable(
                    headers: [words("report.col.month"), words("report.col.all")]
                        + c.activities.map(value),
                    rows: c.months.map { m in
                        [m.month, String(m.total)]
                            + c.activities.map { String(m.byActivity[$0] ?? 0) }
                    })
            ))
        func table(_ tallies: [ReportCounts.Tally]) -> DocumentTable {
            DocumentTable(
                headers: ["", words("report.col.sightings"), words("report.col.share")],
                rows: tallies.map {
                    [value($0.value), String($0.count), percent($0.count, f.sightingCount)]
                })
        }
        sections.append((words("report.by_activity"), "", table(c.byActivity)))
        sections.append((words("report.by_vessel"), "", table(c.byVesselType)))
        let hot = f.hotspots
        let rows = zip(hot.hotspots, f.patterns).map { r, name in
            [
                String(r.rank), r.place.map { PlanStopName.place($0.words, words) } ?? "-",
                r.centre.formatted(indonesian ? .degreesMinutesIndonesian : .degreesMinutes),
                String(r.sightings), statistic(r.statistic), trend(r.trend), pattern(name),
                peak(r.peakHours),
            ]
        }
        let emergingNote =
            f.emergingProblem.map {
                " " + words("report.no_emerging", ["reason": $0.words(spelling.names)])
            } ?? ""
        let step = f.emergingStep == "week" ? words("report.step.week") : words("report.step.month")
        sections.append(
            (
                words("report.top"),
                (rows.isEmpty
                    ? words("report.no_hotspots")
                    : words(
                        "report.method_line",
                        [
                            "run": String(hot.runId), "step": step,
                            "emerging_run": f.emergingRun.map {
                                words("report.emerging_run", ["run": String($0)])
                            } ?? "",
                        ]))
                    + emergingNote,
                rows.isEmpty
                    ? nil
                    : DocumentTable(
                        headers: [
                            "#", words("report.col.where"), words("report.col.centre"),
                            words("report.col.sightings"), "Gi*", words("report.col.trend"),
                            words("report.col.pattern"), words("report.col.peak"),
                        ], rows: rows)
            ))
        return sections
    }

    var method: String {
        words(
            "report.method",
            [
                "runs": findings.runs.map(String.init).joined(separator: ", "),
                "show": spelling.showHotspotRun("N", nil), "reproduce": findings.reproduce,
                "count": String(findings.hotspots.sightingCount),
                "fingerprint": String(findings.hotspots.inputSha256.prefix(16)),
            ])
    }

    func markdown(mapFile: String) -> String {
        var md = "# \(MarkdownText.escaped(heading))\n\n"
        if let banner { md += "**\(banner)**\n\n" }
        let made = String(Timestamp(Date()).iso8601(offsetMinutes: offsetMinutes).prefix(16))
            .replacingOccurrences(of: "T", with: " ")
        md += words("report.made", ["time": made, "zone": zone, "database": database]) + "\n\n"
        for s in sections {
            md += "## \(MarkdownText.escaped(s.title))\n\n"
            if !s.text.isEmpty { md += MarkdownText.escaped(s.text) + "\n\n" }
            if let t = s.table { md += t.markdown + "\n" }
        }
        md += "## \(words("report.map_title"))\n\n![\(words("report.map_alt"))](\(mapFile))\n\n"
        md += "## \(words("report.method_title"))\n\n\(method)\n\n"
        md += words("report.sources", ["sources": MapBuilder.attribution(words)]) + "\n"
        return md
    }

    func html(map: MapDocument) -> String {
        let e = GPXDocument.escape
        var body = "<div class=\"appendix\">\n<h1>\(e(heading))</h1>\n"
        if let banner { body += "<p style=\"color:#b00020;font-weight:bold\">\(e(banner))</p>\n" }
        for s in sections {
            body += "<h2>\(e(s.title))</h2>\n"
            if !s.text.isEmpty { body += "<p>\(e(s.text))</p>\n" }
            if let t = s.table { body += t.html }
        }
        body +=
            "<h2>\(e(words("report.method_title")))</h2>\n"
            + "<p>\(e(method.replacingOccurrences(of: "`", with: "")))</p>\n</div>\n"
        return MapPage(map, appendix: body).text
    }
}
