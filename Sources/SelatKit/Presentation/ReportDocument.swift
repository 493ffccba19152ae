import Foundation
import SelatFormats
import SelatGeo
import SelatModel

/// The analyst's report in words: ``ReportFindings`` as Markdown and as one HTML page (with the
/// map), in the order an analyst reads them.
struct ReportDocument {
    let findings: ReportFindings
    let title: String?
    let database: String
    let offsetMinutes: Int
    let spelling: CommandSpelling

    typealias Section = (title: String, text: String, table: DocumentTable?)

    var zone: String { TimeZoneName.name(offsetMinutes) }

    var heading: String {
        title
            ?? "Selat analyst report, \(findings.day(findings.from)) to \(findings.day(findings.to))"
    }

    var banner: String? { findings.synthetic ? "SYNTHETIC DEMO DATA — not real sightings." : nil }

    static func percent(_ n: Int, _ total: Int) -> String {
        total == 0 ? "-" : String(format: "%.1f %%", 100 * Double(n) / Double(total))
    }

    var sections: [Section] {
        let f = findings
        let c = f.counts
        var sections: [Section] = []
        sections.append(
            (
                "Summary",
                "\(f.sightingCount) sightings from \(f.day(f.from)) to \(f.day(f.to)) (\(zone)); "
                    + "\(c.trafficking) suspected trafficking (\(Self.percent(c.trafficking, f.sightingCount))), "
                    + "\(c.traffickingPersons) persons aboard those boats; \(c.persons) persons aboard in all.",
                nil
            ))
        sections.append(
            (
                "Sightings by month (\(zone))", "",
                DocumentTable(
                    headers: ["Month", "All"] + c.activities,
                    rows: c.months.map { m in
                        [m.month, String(m.total)]
                            + c.activities.map { String(m.byActivity[$0] ?? 0) }
                    })
            ))
        func table(_ tallies: [ReportCounts.Tally]) -> DocumentTable {
            DocumentTable(
                headers: ["", "Sightings", "Share"],
                rows: tallies.map {
                    [$0.value, String($0.count), Self.percent($0.count, f.sightingCount)]
                })
        }
        sections.append(("By activity", "", table(c.byActivity)))
        sections.append(("By vessel type", "", table(c.byVesselType)))
        let hot = f.hotspots
        let rows = zip(hot.hotspots, f.patterns).map { r, pattern in
            [
                String(r.rank), r.place?.words ?? "-", r.centre.formatted(.degreesMinutes),
                String(r.sightings), r.statistic.words, r.trend.words, pattern,
                r.peakHours?.words ?? "-",
            ]
        }
        let emergingNote =
            f.emergingProblem.map { " No emerging-hotspot trends: \($0.words(spelling.names))." }
            ?? ""
        sections.append(
            (
                "Top hot spots",
                (rows.isEmpty
                    ? "No significant hot spots in the period."
                    : "Getis-Ord Gi* on hexagon counts with FDR correction (run \(hot.runId)); "
                        + "trend is Mann–Kendall on monthly counts; pattern is the emerging-hotspot category (\(f.emergingStep)ly steps"
                        + (f.emergingRun.map { ", run \($0)" } ?? "")
                        + ") of the cell at the centre.")
                    + emergingNote,
                rows.isEmpty
                    ? nil
                    : DocumentTable(
                        headers: [
                            "#", "Where", "Centre", "Sightings", "Gi*", "Monthly trend", "Pattern",
                            "Peak hours",
                        ], rows: rows)
            ))
        return sections
    }

    var method: String {
        "Runs \(findings.runs.map(String.init).joined(separator: ", ")) are stored: `\(spelling.showHotspotRun("N", nil))`. "
            + "Reproduce: `\(findings.reproduce)`. Sightings analysed: \(findings.hotspots.sightingCount) (fingerprint \(findings.hotspots.inputSha256.prefix(16))…)."
    }

    func markdown(mapFile: String) -> String {
        var md = "# \(MarkdownText.escaped(heading))\n\n"
        if let banner { md += "**\(banner)**\n\n" }
        md +=
            "Made \(String(Timestamp(Date()).iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(of: "T", with: " ")) \(zone) from `\(database)`.\n\n"
        for s in sections {
            md += "## \(MarkdownText.escaped(s.title))\n\n"
            if !s.text.isEmpty { md += MarkdownText.escaped(s.text) + "\n\n" }
            if let t = s.table { md += t.markdown + "\n" }
        }
        md +=
            "## Map\n\n![Map of sightings and hot spots](\(mapFile))\n\n## Method\n\n\(method)\n\n"
        md += "Sources: \(MapBuilder.attribution).\n"
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
            "<h2>Method</h2>\n<p>\(e(method.replacingOccurrences(of: "`", with: "")))</p>\n</div>\n"
        return MapPage(map, appendix: body).text
    }
}
