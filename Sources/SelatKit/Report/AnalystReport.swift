import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatStore

/// `selat report`: an analyst's summary of a period — sightings by month, activity and vessel
/// type; the strongest hot spots (Gi* with FDR) with their monthly trend and emerging-hotspot
/// pattern; and the map — as Markdown (map as an SVG beside it) and as one HTML page.
///
/// The hot spots are analysed afresh for the period and stored as runs, so each figure can be
/// reproduced with the command the report prints.
public struct AnalystReport: Sendable {
    public struct Request: Sendable {
        public var query = SightingQuery()
        public var title: String?
        public var top = 10
        public var includePlan = true

        public init() {}
    }

    /// A finished report.
    public struct Output: Sendable {
        public var markdown: String
        public var html: String
        public var map: MapDocument
        public var sightings: Int
        public var runs: [Int64]
    }

    public let database: SelatDatabase
    public let geoData: GeoData
    public let offsetMinutes: Int

    public init(database: SelatDatabase, geoData: GeoData, offsetMinutes: Int = 420) {
        self.database = database
        self.geoData = geoData
        self.offsetMinutes = offsetMinutes
    }

    func local(_ t: Timestamp) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(10))
    }

    static func percent(_ n: Int, _ total: Int) -> String {
        total == 0 ? "-" : String(format: "%.1f %%", 100 * Double(n) / Double(total))
    }

    /// Builds the report; `mapFile` is the SVG name the Markdown links to.
    /// - Throws: ``KitError`` (no sightings in the period says which filters to loosen).
    public func make(_ request: Request, mapFile: String, progress: (String) -> Void = { _ in })
        throws(KitError) -> Output
    {
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        progress("Reading sightings…")
        let stored = try KitError.store { () throws(StoreError) in
            try database.sightings(matching: request.query)
        }
        let sightings = stored.map(\.sighting)
        guard let first = sightings.first?.observedAt, let last = sightings.last?.observedAt else {
            throw .notFound(.sightingsInPeriod)
        }
        let from = request.query.since ?? first
        let to = request.query.until ?? last
        let zone = TimeZoneName.name(offsetMinutes)
        var sections: [(title: String, text: String, table: DocumentTable?)] = []

        // Counts.
        var months: [Int: [Activity: Int]] = [:]
        for s in sightings {
            months[s.observedAt.monthsSince1970(offsetMinutes: offsetMinutes), default: [:]][
                s.activity, default: 0] += 1
        }
        let activities = Activity.allCases.filter { a in sightings.contains { $0.activity == a } }
        let monthRows: [[String]] = months.keys.sorted().map { m in
            let counts = months[m]!
            let label = String(format: "%04d-%02d", 1970 + m / 12, m % 12 + 1)
            return [label, String(counts.values.reduce(0, +))]
                + activities.map { String(counts[$0] ?? 0) }
        }
        let persons = sightings.compactMap(\.personsAboard).reduce(0, +)
        let trafficking = sightings.filter { $0.activity == .trafficking }
        sections.append(
            (
                "Summary",
                "\(sightings.count) sightings from \(local(from)) to \(local(to)) (\(zone)); "
                    + "\(trafficking.count) suspected trafficking (\(Self.percent(trafficking.count, sightings.count))), "
                    + "\(trafficking.compactMap(\.personsAboard).reduce(0, +)) persons aboard those boats; \(persons) persons aboard in all.",
                nil
            ))
        sections.append(
            (
                "Sightings by month (\(zone))", "",
                DocumentTable(
                    headers: ["Month", "All"] + activities.map(\.rawValue), rows: monthRows)
            ))
        func tally<T: Hashable>(_ key: (Sighting) -> T, _ name: (T) -> String, _ order: [T])
            -> DocumentTable
        {
            var c: [T: Int] = [:]
            for s in sightings { c[key(s), default: 0] += 1 }
            let keys = order.filter { c[$0] != nil }.sorted { c[$0]! > c[$1]! }
            return DocumentTable(
                headers: ["", "Sightings", "Share"],
                rows: keys.map {
                    [name($0), String(c[$0]!), Self.percent(c[$0]!, sightings.count)]
                })
        }
        sections.append(("By activity", "", tally(\.activity, { $0.rawValue }, Activity.allCases)))
        sections.append(
            ("By vessel type", "", tally(\.vesselType, { $0.rawValue }, VesselType.allCases)))

        // Hot spots, analysed afresh for the period.
        let runner = HotspotRunner(database: database, geoData: geoData)
        var gi = HotspotRequest()
        gi.query = request.query
        gi.query.limit = nil
        gi.top = request.top
        progress("Finding hot spots (Gi*)…")
        let giCommand =
            "selat hotspots" + Self.filterArguments(request.query, offsetMinutes)
            + " --top \(request.top)"
        let giOutcome = try runner.run(gi, command: giCommand, progress: progress)
        var runs = [giOutcome.runID]
        var emergingCells: [(ring: [Coordinate], pattern: String)] = []
        var emergingRun: Int64?
        var em = HotspotRequest()
        em.method = .emerging
        em.query = gi.query
        let spanMonths =
            last.monthsSince1970(offsetMinutes: offsetMinutes)
            - first.monthsSince1970(offsetMinutes: offsetMinutes) + 1
        em.step = spanMonths >= 6 ? .month : .week
        progress("Finding emerging hot spots…")
        var emergingNote = ""
        do {
            let outcome = try runner.run(
                em,
                command: "selat hotspots --method emerging --step \(em.step.rawValue)"
                    + Self.filterArguments(request.query, offsetMinutes),
                progress: progress)
            emergingRun = outcome.runID
            runs.append(outcome.runID)
            let (_, features) = try KitError.store { () throws(StoreError) in
                try database.hotspotRun(id: outcome.runID)
            }
            for f in features {
                if case .polygon(let rings)? = try? GeoJSONGeometry(text: f.geometry),
                    let ring = rings.first,
                    case .object(let p)? = try? JSONValue.parse(Data(f.properties.utf8)),
                    case .string(let pattern)? = p["pattern"]
                {
                    emergingCells.append((ring, pattern))
                }
            }
        } catch {
            emergingNote = " No emerging-hotspot trends: \(error.description)."
        }
        func pattern(at c: Coordinate) -> String {
            emergingCells.first { Self.contains($0.ring, c) }?.pattern ?? "no pattern"
        }
        let hotRows = giOutcome.rows.map { r in
            [
                String(r.rank), r.place, r.centre.formatted(.degreesMinutes), String(r.sightings),
                r.statistic, r.trend, pattern(at: r.centre), r.peak,
            ]
        }
        sections.append(
            (
                "Top hot spots",
                (hotRows.isEmpty
                    ? "No significant hot spots in the period."
                    : "Getis-Ord Gi* on hexagon counts with FDR correction (run \(giOutcome.runID)); "
                        + "trend is Mann–Kendall on monthly counts; pattern is the emerging-hotspot category (\(em.step.rawValue)ly steps"
                        + (emergingRun.map { ", run \($0)" } ?? "") + ") of the cell at the centre.")
                    + emergingNote,
                hotRows.isEmpty
                    ? nil
                    : DocumentTable(
                        headers: [
                            "#", "Where", "Centre", "Sightings", "Gi*", "Monthly trend", "Pattern",
                            "Peak hours",
                        ], rows: hotRows)
            ))

        // The map of the period, with the runs just made.
        progress("Drawing the map…")
        var mapRequest = MapBuilder.Request()
        mapRequest.query = request.query
        mapRequest.giStarRun = giOutcome.runID
        mapRequest.emergingRun = emergingRun
        mapRequest.showPlan = request.includePlan
        mapRequest.title =
            request.title ?? "Sightings and hot spots, \(local(from)) to \(local(to))"
        let (map, _) = try MapBuilder(
            database: database, geoData: geoData, offsetMinutes: offsetMinutes
        ).build(mapRequest)

        let title = (request.title ?? "Selat analyst report, \(local(from)) to \(local(to))")
        let banner = synthetic ? "SYNTHETIC DEMO DATA — not real sightings." : nil
        let method =
            "Runs \(runs.map(String.init).joined(separator: ", ")) are stored: `selat hotspots show N`. "
            + "Reproduce: `\(giCommand)`. Sightings analysed: \(giOutcome.sightingCount) (fingerprint \(giOutcome.inputDigest.prefix(16))…)."

        var md = "# \(MarkdownText.escaped(title))\n\n"
        if let banner { md += "**\(banner)**\n\n" }
        md +=
            "Made \(String(Timestamp(Date()).iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(of: "T", with: " ")) \(zone) from `\(database.path)`.\n\n"
        for s in sections {
            md += "## \(MarkdownText.escaped(s.title))\n\n"
            if !s.text.isEmpty { md += MarkdownText.escaped(s.text) + "\n\n" }
            if let t = s.table { md += t.markdown + "\n" }
        }
        md +=
            "## Map\n\n![Map of sightings and hot spots](\(mapFile))\n\n## Method\n\n\(method)\n\n"
        md += "Sources: \(MapBuilder.attribution).\n"

        let e = GPXDocument.escape
        var body = "<div class=\"appendix\">\n<h1>\(e(title))</h1>\n"
        if let banner { body += "<p style=\"color:#b00020;font-weight:bold\">\(e(banner))</p>\n" }
        for s in sections {
            body += "<h2>\(e(s.title))</h2>\n"
            if !s.text.isEmpty { body += "<p>\(e(s.text))</p>\n" }
            if let t = s.table { body += t.html }
        }
        body +=
            "<h2>Method</h2>\n<p>\(e(method.replacingOccurrences(of: "`", with: "")))</p>\n</div>\n"
        let html = MapPage(map, appendix: body).text
        return Output(markdown: md, html: html, map: map, sightings: sightings.count, runs: runs)
    }

    /// The filters as command-line options, for the reproduce line.
    static func filterArguments(_ q: SightingQuery, _ offset: Int) -> String {
        var out = ""
        if let s = q.since { out += " --since \(s.iso8601(offsetMinutes: offset))" }
        if let u = q.until { out += " --until \(u.iso8601(offsetMinutes: offset))" }
        for a in q.activities.map(\.rawValue).sorted() { out += " --activity \(a)" }
        for v in q.vesselTypes.map(\.rawValue).sorted() { out += " --vessel-type \(v)" }
        return out
    }

    /// Point in a ring (planar, even-odd).
    static func contains(_ ring: [Coordinate], _ c: Coordinate) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i]
            let b = ring[j]
            if (a.latitude > c.latitude) != (b.latitude > c.latitude),
                c.longitude < (b.longitude - a.longitude) * (c.latitude - a.latitude)
                    / (b.latitude - a.latitude) + a.longitude
            {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
