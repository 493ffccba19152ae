import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatWords

/// A printable briefing for one boat's night: a map of its route among the islands, its legs and
/// ETAs, the rendezvous, and how to reach the other boats of the joint patrol. Markdown (with the
/// map as an SVG file beside it) and a self-contained HTML page (map inline), A4-sized, in English
/// or Bahasa Indonesia (positions as `1°10,500' LU 104°02,300' BT`, times as `Jumat, 20 November 2026
/// pukul 21.40 WIB`, decimal commas).
public struct PatrolBriefing {
    public let plan: PatrolPlan
    public let coastline: Coastline
    public let offsetMinutes: Int
    public let language: Language
    /// What each boat did, once its patrol is recorded (``PatrolLog/outcomes(plan:)``), by
    /// ``Page/stem``: the briefing's second page, after the patrol.
    public var outcomes: [String: PatrolReport] = [:]

    public init(
        plan: PatrolPlan, coastline: Coastline, offsetMinutes: Int = 420,
        language: Language = .en
    ) {
        self.plan = plan
        self.coastline = coastline
        self.offsetMinutes = offsetMinutes
        self.language = language
    }

    var words: Words { Words(language) }

    /// A position as this language writes it.
    func position(_ c: Coordinate) -> String {
        c.formatted(language == .id ? .degreesMinutesIndonesian : .degreesMinutes)
    }

    /// `22:15 WIB`, or `22.15 WIB` in Indonesian.
    func clock(_ t: Timestamp?) -> String { words.clock(renderer.clock(t)) }

    /// The start of a night: `2026-11-20 18:00 WIB`, or `Jumat, 20 November 2026 pukul 18.00 WIB`.
    func day(_ t: Timestamp) -> String {
        language == .id ? t.indonesianText(offsetMinutes: offsetMinutes) : renderer.day(t)
    }

    /// Writes `<night>-<callsign>.md`, `.html` and `.svg` for every boat and night into `directory`
    /// (created if missing). Briefings name crews and their contacts: the files are mode 0600.
    /// Returns the files written.
    public func write(to directory: URL, purpose: OutputPurpose = .briefing, force: Bool = false)
        throws(KitError) -> [URL]
    {
        var written: [URL] = []
        try KitError.output { () throws(OutputError) in
            try OutputFolder.prepare(directory.path, purpose: purpose, personal: true)
        }
        var files: [(URL, String)] = []
        for page in pages() {
            let svg = map(night: page.night, boat: page.boat)
            let texts = [
                (page.stem + ".svg", svg),
                (
                    page.stem + ".md",
                    markdown(night: page.night, boat: page.boat, svgFile: page.stem + ".svg")
                ),
                (page.stem + ".html", html(night: page.night, boat: page.boat, svg: svg)),
            ]
            for (name, text) in texts {
                files.append((directory.appendingPathComponent(name), text))
            }
        }
        // Every destination is checked before any is written.
        for (url, _) in files {
            try KitError.output { () throws(OutputError) in
                try OutputFile.check(url.path, purpose: purpose, force: force)
            }
        }
        for (url, text) in files {
            try Exporter.write(text, to: url.path, purpose: purpose, personal: true, force: force)
            written.append(url)
        }
        return written
    }

    /// One boat's briefing for one night.
    public struct Page: Sendable {
        public let night: PatrolPlan.Night
        public let boat: PatrolPlan.BoatRoute
        /// The night's number (1 = the first night of the plan).
        public var nightNumber: Int { night.number }
        /// The boat's call sign.
        public var callSign: String { boat.callSign }
        /// The file name without extension: `briefing-night<N>-<call sign>`.
        public var stem: String { "briefing-night\(night.number)-\(boat.callSign)" }
    }

    /// Every boat's briefing for every night of the plan, in plan order.
    public func pages() -> [Page] {
        plan.nights.flatMap { night in night.boats.map { Page(night: night, boat: $0) } }
    }

    /// The briefing of one boat on one night, if the plan has it.
    public func page(night: Int, callSign: String) -> Page? {
        pages().first {
            $0.nightNumber == night && $0.callSign.caseInsensitiveCompare(callSign) == .orderedSame
        }
    }

    /// The self-contained, A4-printable HTML page of a briefing (its map inline).
    public func html(_ page: Page) -> String {
        html(night: page.night, boat: page.boat, svg: map(night: page.night, boat: page.boat))
    }

    var renderer: PatrolPlanRenderer {
        PatrolPlanRenderer(plan: plan, offsetMinutes: offsetMinutes)
    }

    func legRows(_ boat: PatrolPlan.BoatRoute) -> [[String]] {
        let r = renderer
        return boat.stops.enumerated().map { k, stop in
            [
                String(k), PlanStopName.spoken(stop.name, words), position(stop.position),
                clock(stop.arrival), clock(stop.departure),
                k == 0
                    ? ""
                    : words.number(
                        PatrolPlanRenderer.nauticalMiles(boat.legs[k - 1]), decimals: 1),
                stop.risk.map { words.number($0, decimals: 1) } ?? "",
            ]
        }
    }

    var headers: [String] {
        let w = words
        return [
            "#", w("briefing.column.stop"), w("briefing.column.position"),
            w("briefing.column.arrive"), w("briefing.column.leave"), w("briefing.column.leg"),
            w("briefing.column.risk"),
        ]
    }

    var otherHeaders: [String] {
        let w = words
        return [
            w("briefing.column.call_sign"), w("briefing.column.agency"), w("briefing.column.base"),
            w("briefing.column.crew"), w("briefing.column.contact"),
        ]
    }

    func others(_ night: PatrolPlan.Night, _ boat: PatrolPlan.BoatRoute) -> [[String]] {
        night.boats.filter { $0.callSign != boat.callSign }.map {
            [
                $0.callSign, $0.agency, $0.stops.first?.name ?? "-", String($0.crew),
                $0.contact ?? words("briefing.default_contact"),
            ]
        }
    }

    func title(_ night: PatrolPlan.Night, _ boat: PatrolPlan.BoatRoute) -> String {
        words(
            "briefing.title",
            [
                "call_sign": boat.callSign, "agency": boat.agency, "start": day(night.start),
                "end": clock(night.end),
            ])
    }

    func summary(_ night: PatrolPlan.Night, _ boat: PatrolPlan.BoatRoute) -> String {
        words(
            "briefing.summary",
            [
                "plan": plan.id.map { String($0) } ?? "-", "night": String(night.number),
                "speed": words.number(boat.speedKnots, decimals: 0), "crew": String(boat.crew),
                "distance": words.number(boat.nauticalMiles, decimals: 1),
                "hours": words.number(boat.hours, decimals: 1),
                "risk": words.number(boat.risk, decimals: 1),
            ])
    }

    func rendezvousLine(_ m: PatrolPlan.Rendezvous, _ boat: PatrolPlan.BoatRoute) -> String {
        words(
            "briefing.rendezvous_line",
            [
                "place": PlanStopName.spoken(m.name, words), "position": position(m.position),
                "time": clock(m.time),
                "boats": m.boats.filter { $0 != boat.callSign }.joined(separator: ", "),
            ])
    }

    func markdown(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute, svgFile: String) -> String {
        let m = MarkdownText.escaped
        var out = "# \(m(title(night, boat)))\n\n"
        if plan.synthetic { out += "**\(m(words("briefing.synthetic")))**\n\n" }
        out += m(summary(night, boat)) + "\n\n"
        out += "![\(m(words("briefing.route_map")))](\(svgFile))\n\n"
        out +=
            "## " + m(words("briefing.legs", ["zone": TimeZoneName.name(offsetMinutes)])) + "\n\n"
        out += DocumentTable(headers: headers, rows: legRows(boat)).markdown
        let meetings = plan.rendezvous.filter { $0.boats.contains(boat.callSign) }
        if !meetings.isEmpty {
            out += "\n## \(m(words("briefing.rendezvous")))\n\n"
            for meeting in meetings { out += "- " + m(rendezvousLine(meeting, boat)) + "\n" }
        }
        out += "\n## \(m(words("briefing.others")))\n\n"
        out += DocumentTable(headers: otherHeaders, rows: others(night, boat)).markdown
        if let done = outcomes[Page(night: night, boat: boat).stem] {
            out += "\n## \(m(words("briefing.after.title")))\n\n"
            out += outcomeLines(done).map { m($0) + "  \n" }.joined()
            out += "\n" + DocumentTable(headers: outcomeHeaders, rows: outcomeRows(done)).markdown
        }
        out += "\n" + m(words("briefing.footer")) + "\n"
        return out
    }

    func html(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute, svg: String) -> String {
        let e = GPXDocument.escape
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            DocumentTable(headers: headers, rows: rows).html
        }
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(e(title(night, boat)))</title>
            <style>
            @page { size: A4; margin: 12mm; }
            body { font-family: sans-serif; font-size: 11pt; max-width: 186mm; margin: auto; }
            h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
            table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; }
            .warning { color: #b00; font-weight: bold; } svg { width: 100%; height: auto; border: 1px solid #666; }
            </style></head><body>
            <h1>\(e(title(night, boat)))</h1>

            """
        if plan.synthetic {
            out += "<p class=\"warning\">\(e(words("briefing.synthetic")))</p>\n"
        }
        out += "<p>" + e(summary(night, boat)) + "</p>\n"
        out +=
            svg + "\n<h2>"
            + e(words("briefing.legs", ["zone": TimeZoneName.name(offsetMinutes)])) + "</h2>\n"
            + table(headers, legRows(boat)) + "\n"
        let meetings = plan.rendezvous.filter { $0.boats.contains(boat.callSign) }
        if !meetings.isEmpty {
            out +=
                "<h2>\(e(words("briefing.rendezvous")))</h2><ul>"
                + meetings.map { "<li>" + e(rendezvousLine($0, boat)) + "</li>" }.joined()
                + "</ul>\n"
        }
        out +=
            "<h2>\(e(words("briefing.others")))</h2>\n" + table(otherHeaders, others(night, boat))
        if let done = outcomes[Page(night: night, boat: boat).stem] {
            // The second page: what was done, against this plan.
            out +=
                "\n<section class=\"after\" style=\"break-before: page\"><h1>"
                + e(words("briefing.after.title")) + "</h1>\n"
                + outcomeLines(done).map { "<p>" + e($0) + "</p>" }.joined(separator: "\n")
                + "\n" + table(outcomeHeaders, outcomeRows(done)) + "</section>\n"
        }
        out += "\n<p><small>\(e(words("briefing.footer")))</small></p>\n</body></html>\n"
        return out
    }

    // MARK: After the patrol

    var outcomeHeaders: [String] {
        [
            words("briefing.after.stop"), words("briefing.after.planned"),
            words("briefing.after.visited"), words("briefing.after.late"),
        ]
    }

    /// The report's summary lines (the same words as `selat patrol show`).
    func outcomeLines(_ r: PatrolReport) -> [String] {
        let table = PatrolReportRenderer(words: words, offsetMinutes: offsetMinutes).table(r)
        return table.split(separator: "\n").map(String.init).filter {
            !$0.hasPrefix("  ")
        }
    }

    func outcomeRows(_ r: PatrolReport) -> [[String]] {
        r.stops.map { s in
            [
                PlanStopName.spoken(s.name, words), clock(s.plannedArrival),
                s.visitedAt.map { clock($0) }
                    ?? words(
                        "briefing.after.missed",
                        ["nm": s.closestNM.map { words.number($0, decimals: 1) } ?? "–"]),
                s.minutesLate.map { words.number($0, decimals: 0) } ?? "–",
            ]
        }
    }

    // MARK: Map

    /// An SVG map of the boat's route (bold) and the others' (dashed) over the coastline, with its
    /// stops and ETAs, a legend, a scale bar in nm and a north arrow (drawn by ``MapSVG``).
    func map(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute) -> String {
        let mine = PatrolPlanRenderer.track(boat)
        let extent =
            MapDocument.extent(
                of: mine + boat.stops.map(\.position), pad: 0.12, minimumDegrees: 0.1) ?? [
                103.4, 0.4, 104.8, 1.6,
            ]
        let others = MapDocument.Style(stroke: "#777777", strokeWidth: 1.2, dash: "4 3")
        let own = MapDocument.Style(stroke: "#cc0000", strokeWidth: 2.5)
        var routes = MapDocument.Layer(
            id: "routes", title: words("briefing.map.routes"),
            legend: [
                .init(style: own, text: boat.callSign),
                .init(style: others, text: words("briefing.map.other_boats")),
            ])
        for other in night.boats where other.callSign != boat.callSign {
            let line = PatrolPlanRenderer.track(other)
            if line.count >= 2 {
                routes.items.append(
                    .init(geometry: .lineString(line), style: others, title: other.callSign))
            }
        }
        if mine.count >= 2 {
            routes.items.append(
                .init(
                    geometry: .lineString(mine), style: own, title: boat.callSign,
                    elementID: "route"))
        }
        var stops = MapDocument.Layer(id: "stops", title: words("briefing.map.stops"))
        for (n, stop) in boat.stops.enumerated() {
            let colour =
                stop.kind == .base ? "#003f8a" : stop.kind == .rendezvous ? "#7a00a0" : "#cc0000"
            let label =
                n == 0
                ? "0 " + String(PlaceNamer.shortName(stop.name).prefix(28))
                : "\(n) \(clock(stop.arrival).prefix(5))"
            stops.items.append(
                .init(
                    geometry: .point(stop.position),
                    style: .init(fill: colour, stroke: "#ffffff", strokeWidth: 1, radius: 5),
                    title: "\(n). \(PlanStopName.spoken(stop.name, words))", label: label))
        }
        stops.legend = [
            .init(
                style: .init(fill: "#003f8a", radius: 4), point: true,
                text: words("briefing.map.base")),
            .init(
                style: .init(fill: "#cc0000", radius: 4), point: true,
                text: words("briefing.map.target")),
            .init(
                style: .init(fill: "#7a00a0", radius: 4), point: true,
                text: words("briefing.map.rendezvous")),
        ]
        var document = MapDocument(
            title: words(
                "briefing.map.title", ["call_sign": boat.callSign, "night": String(night.number)]),
            subtitle: title(night, boat),
            attribution: MapBuilder.attribution(words),
            warning: plan.synthetic ? words("map.synthetic") : nil,
            extent: extent, width: 900, height: 640,
            layers: [MapBuilder.landLayer(coastline, extent: extent, words: words), routes, stops])
        document.scaleUnit = words("map.scale_unit")
        document.legendTitle = words("map.legend")
        document.northLetter = words("map.north")
        document.decimalComma = language == .id
        return MapSVG(document).text
    }
}
