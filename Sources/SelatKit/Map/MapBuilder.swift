import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatStore
import SelatWords

/// `selat map`: gathers what the database and GeoData hold into a ``MapDocument`` — coastline,
/// boundaries, ports and bases, sightings by activity, Gi* cells by bin, cluster outlines,
/// emerging-hotspot patterns and each boat's planned route with stops and ETAs.
public struct MapBuilder: Sendable {
    public struct Request: Sendable {
        public var title: String?
        /// Sightings shown (time and attribute filters).
        public var query = SightingQuery()
        /// Stored runs to draw; nil = the latest of that method, if any.
        public var giStarRun: Int64?
        public var clusterRun: Int64?
        public var emergingRun: Int64?
        /// Stored plan to draw; nil = the latest, if any.
        public var planID: Int64?
        public var showPlan = true
        /// A patrol to draw as sailed beside its plan (its plan is the one drawn, if it has one).
        public var patrolID: Int64?
        public var includePersonal = false
        /// Most sightings drawn (the newest); a page with more is slow in a browser.
        public var maxSightings = 20_000
        /// The language of the words drawn on the map (title marks, warning, scale, legend title,
        /// north, sources); its layers' titles and details are still English.
        public var language: Language = .en

        public init() {}
    }

    public let database: SelatDatabase
    public let geoData: GeoData
    public let offsetMinutes: Int

    public init(database: SelatDatabase, geoData: GeoData, offsetMinutes: Int = 420) {
        self.database = database
        self.geoData = geoData
        self.offsetMinutes = offsetMinutes
    }

    /// The map's sources and licences, in English.
    public static var attribution: String { attribution(Words(.en)) }

    /// The map's sources and licences in `words`' language.
    public static func attribution(_ words: Words) -> String { words("map.attribution") }

    /// What went into the map, for the caller to print.
    public struct Contents: Sendable {
        public var sightings = 0
        public var giStarRun: Int64?
        public var clusterRun: Int64?
        public var emergingRun: Int64?
        public var planID: Int64?
        public var patrolID: Int64?
        public var notes: [MapNote] = []
    }

    /// Something the map leaves out that its reader must know.
    public enum MapNote: Sendable, Hashable, Codable {
        /// Only the newest `shown` of `of` sightings are drawn.
        case newestSightingsShown(shown: Int, of: Int)

        /// The note as a sentence, with controls spelled by the front end.
        public func words(_ n: ControlNames) -> String {
            switch self {
            case .newestSightingsShown(let shown, let of):
                "Showing the newest \(shown) of \(of) sightings; narrow \(n(.since))/\(n(.until)) to see all."
            }
        }
    }

    func wib(_ t: Timestamp) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(
            of: "T", with: " ")
    }

    /// - Throws: ``KitError`` when a run or plan asked for does not exist.
    public func build(_ request: Request) throws(KitError) -> (map: MapDocument, contents: Contents)
    {
        var contents = Contents()
        let words = Words(request.language)
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        var layers: [MapDocument.Layer] = []
        var extentPoints: [Coordinate] = []
        var subtitle: [String] = []

        // Sightings.
        let query = request.query
        let all = try KitError.store { () throws(StoreError) in
            try database.sightings(matching: query)
        }
        let shown = all.count > request.maxSightings ? Array(all.suffix(request.maxSightings)) : all
        contents.sightings = shown.count
        if shown.count < all.count {
            contents.notes.append(.newestSightingsShown(shown: shown.count, of: all.count))
        }
        if let first = all.first?.sighting.observedAt, let last = all.last?.sighting.observedAt {
            subtitle.append(
                words(
                    "map.subtitle.sightings",
                    [
                        "from": wib(query.since ?? first, words),
                        "to": wib(query.until ?? last, words),
                        "zone": TimeZoneName.name(offsetMinutes), "count": String(all.count),
                    ]))
        } else {
            subtitle.append(words("map.subtitle.none"))
        }
        extentPoints += shown.map(\.sighting.position)

        // Runs: the latest of each method unless asked.
        let runs = try KitError.store { () throws(StoreError) in try database.hotspotRuns() }
        func pick(_ asked: Int64?, _ method: String) throws(KitError) -> StoredHotspotRun? {
            if let asked {
                guard let run = runs.first(where: { $0.id == asked }) else {
                    throw .notFound(.hotspotRun(id: asked, stored: runs.compactMap(\.id)))
                }
                guard run.method == method else {
                    throw .wrongRunKind(run: asked, method: run.method, wanted: [method])
                }
            }
            guard let id = asked ?? runs.filter({ $0.method == method }).compactMap(\.id).max()
            else { return nil }
            return try KitError.store { () throws(StoreError) in try database.hotspotRun(id: id) }
        }
        if let stored = try pick(request.giStarRun, "gistar") {
            let run = stored.record
            contents.giStarRun = run.id
            let layer = HotspotLayer.make(stored, synthetic: synthetic, words: words)
            layers.append(
                areaLayer(
                    layer, id: "gistar",
                    title: words("map.layer.gistar", ["run": String(run.id ?? 0)]),
                    visible: true, outline: false,
                    colour: { Palette.bin(Int(Self.property($0, "bin")?.number ?? 0)) },
                    legendKey: "label", words: words))
            extentPoints += layer.features.flatMap { $0.geometry.positions }
            subtitle.append(words("map.subtitle.hotspots", ["run": String(run.id ?? 0)]))
        }
        if let stored = try pick(request.emergingRun, "emerging") {
            let run = stored.record
            contents.emergingRun = run.id
            let layer = HotspotLayer.make(stored, synthetic: synthetic, words: words)
            layers.append(
                areaLayer(
                    layer, id: "emerging",
                    title: words("map.layer.emerging", ["run": String(run.id ?? 0)]),
                    visible: true, outline: true,
                    colour: { Palette.pattern(Self.property($0, "pattern")?.string ?? "") },
                    legendKey: "pattern", words: words))
            subtitle.append(words("map.subtitle.trends", ["run": String(run.id ?? 0)]))
        }
        if let stored = try pick(request.clusterRun, "dbscan") {
            let run = stored.record
            contents.clusterRun = run.id
            let layer = HotspotLayer.make(stored, synthetic: synthetic, words: words)
            var items: [MapDocument.Item] = []
            let style = MapDocument.Style(
                fill: "#6a00a8", fillOpacity: 0.08, stroke: "#6a00a8", strokeWidth: 1.8,
                dash: "5 3", radius: 3)
            for f in layer.features {
                guard case .polygon = f.geometry else { continue }
                items.append(
                    MapDocument.Item(
                        geometry: f.geometry, style: style, title: f.description,
                        details: details(f)))
            }
            layers.append(
                MapDocument.Layer(
                    id: "clusters",
                    title: words("map.layer.clusters", ["run": String(run.id ?? 0)]),
                    items: items, legend: [.init(style: style, text: words("map.legend.cluster"))]))
        }
        layers.append(
            sightingLayer(
                shown.map(\.sighting), includePersonal: request.includePersonal, words: words))

        // The patrol, as sailed.
        var patrolReport: PatrolReport?
        if let patrolID = request.patrolID {
            let report = try PatrolLog(database: database, geoData: geoData).report(patrolID)
            patrolReport = report
            contents.patrolID = patrolID
            extentPoints += report.runs.flatMap { $0.map(\.position) }
            subtitle.append(
                words(
                    "map.subtitle.patrol",
                    [
                        "patrol": String(patrolID), "boat": report.patrol.boat,
                        "start": wib(report.patrol.startedAt, words),
                    ]))
        }

        // The plan (the patrol's own when a patrol is drawn).
        if request.showPlan && (patrolReport == nil || patrolReport?.patrol.planID != nil) {
            let plans = try KitError.store { () throws(StoreError) in try database.plans() }
            if let id = patrolReport?.patrol.planID ?? request.planID ?? plans.map(\.id).max() {
                guard plans.contains(where: { $0.id == id }) else {
                    throw .notFound(.plan(id: id, stored: plans.map(\.id)))
                }
                let plan = try KitError.store { () throws(StoreError) in try database.plan(id: id) }
                contents.planID = id
                layers.append(planLayer(plan, words: words))
                extentPoints += plan.nights.flatMap {
                    $0.boats.flatMap { $0.stops.map(\.position) }
                }
                if let night = plan.nights.first {
                    subtitle.append(
                        words(
                            plan.nights.count > 1
                                ? "map.subtitle.plan_nights" : "map.subtitle.plan",
                            [
                                "plan": String(id), "start": wib(night.start, words),
                                "end": clock(night.end, words), "nights": String(plan.nights.count),
                            ]))
                }
            }
        }

        if let patrolReport { layers.append(patrolLayer(patrolReport, words: words)) }

        let extent = MapDocument.extent(of: extentPoints) ?? [103.4, 0.4, 104.8, 1.6]
        layers.insert(contentsOf: baseLayers(extent, words: words), at: 0)
        layers.append(placeLayer(extent, words: words))

        let title = request.title ?? words("map.title")
        var map = MapDocument(
            title: title + (synthetic ? " (\(words("map.synthetic_mark")))" : ""),
            subtitle: subtitle.joined(separator: " · "),
            attribution: Self.attribution(words),
            warning: synthetic ? words("map.synthetic_warning") : nil,
            extent: extent, layers: layers)
        map.scaleUnit = words("map.scale_unit")
        map.legendTitle = words("map.legend")
        map.northLetter = words("map.north")
        map.decimalComma = request.language == .id
        map.viewer.language = request.language.rawValue
        map.viewer.layers = words("map.viewer.layers")
        map.viewer.view = words("map.viewer.view")
        map.viewer.zoomIn = words("map.viewer.zoom_in")
        map.viewer.zoomOut = words("map.viewer.zoom_out")
        map.viewer.wholeMap = words("map.viewer.whole_map")
        map.viewer.hint = words("map.viewer.hint")
        map.viewer.details = words("map.viewer.details")
        map.viewer.nothingSelected = words("map.viewer.nothing_selected")
        if request.language != .en {
            for l in map.layers.indices {
                for i in map.layers[l].items.indices {
                    map.layers[l].items[i].details = map.layers[l].items[i].details.map {
                        (Self.fieldKeys[$0.0].map { words($0) } ?? $0.0, $0.1)
                    }
                }
            }
        }
        return (map, contents)
    }

    // MARK: Layers

    /// A property of a stored-run feature (``HotspotLayer`` keeps them as JSON values).
    static func property(_ f: FeatureLayer.Feature, _ key: String) -> JSONValue? {
        for (k, v) in f.properties where k == key {
            if case .json(let j) = v { return j }
        }
        return nil
    }

    func details(_ f: FeatureLayer.Feature) -> [(String, String)] {
        f.properties.compactMap { k, v in
            // hour and step series: in the export
            if case .json(.array(let a)) = v, a.count > 8 { return nil }
            let text = v.plain
            return text.isEmpty ? nil : (k, text)
        }
    }

    /// Cells filled by colour, or (`outline`) drawn as coloured outlines so a filled layer
    /// beneath still shows.
    func areaLayer(
        _ layer: FeatureLayer, id: String, title: String, visible: Bool, outline: Bool,
        colour: (FeatureLayer.Feature) -> String,
        legendKey: String, words: Words
    ) -> MapDocument.Layer {
        func style(_ c: String) -> MapDocument.Style {
            outline
                ? MapDocument.Style(stroke: c, strokeWidth: 1.3)
                : MapDocument.Style(fill: c, fillOpacity: 0.72, stroke: "#666666", strokeWidth: 0.4)
        }
        var items: [MapDocument.Item] = []
        var legend: [(String, String)] = []
        for f in layer.features {
            guard case .polygon = f.geometry else { continue }
            let c = colour(f)
            items.append(
                MapDocument.Item(
                    geometry: f.geometry, style: style(c),
                    // Worded by HotspotLayer in `words`' language already; the details are data.
                    title: f.description,
                    details: details(f).map { ($0.0, Self.runText($0.1, words)) }))
            let key = Self.property(f, legendKey)?.string ?? f.name ?? ""
            if !legend.contains(where: { $0.0 == key }) { legend.append((key, c)) }
        }
        if id == "gistar" {
            let order = (-3...3).reversed().map { HotSpotBin.label($0) }
            legend.sort { (order.firstIndex(of: $0.0) ?? 99) < (order.firstIndex(of: $1.0) ?? 99) }
        }
        return MapDocument.Layer(
            id: id, title: title, visible: visible, items: items,
            legend: legend.map {
                let text = Self.legendText($0.0, words)
                return .init(
                    style: style($0.1),
                    text: outline ? words("map.legend.outline", ["what": text]) : text)
            })
    }

    func sightingLayer(_ sightings: [Sighting], includePersonal: Bool, words: Words)
        -> MapDocument.Layer
    {
        var items: [MapDocument.Item] = []
        var seen = Set<Activity>()
        for s in sightings {
            seen.insert(s.activity)
            var details: [(String, String)] = [
                ("id", s.id.rawValue),
                ("seen", wib(s.observedAt) + " " + TimeZoneName.name(offsetMinutes)),
                (
                    "position",
                    s.position.formatted(
                        words.language == .id ? .degreesMinutesIndonesian : .degreesMinutes)
                ),
                ("what", SightingLayer.summary(s, words)),
            ]
            if includePersonal {
                if let u = s.unit { details.append(("unit", u)) }
                if let n = s.notes { details.append(("notes", n)) }
            }
            items.append(
                MapDocument.Item(
                    geometry: .point(s.position),
                    style: MapDocument.Style(
                        fill: Palette.activity(s.activity), fillOpacity: 0.8, stroke: "#ffffff",
                        strokeWidth: 0.3, radius: 1.7),
                    title:
                        "\(ReportDocument.value(s.activity.rawValue, words)), \(ReportDocument.value(s.vesselType.rawValue, words)), \(wib(s.observedAt, words))",
                    details: details))
        }
        let legend = Activity.allCases.filter(seen.contains).map {
            MapDocument.LegendEntry(
                style: MapDocument.Style(fill: Palette.activity($0), radius: 4), point: true,
                text: ReportDocument.value($0.rawValue, words))
        }
        return MapDocument.Layer(
            id: "sightings",
            title: words("map.layer.sightings", ["count": String(sightings.count)]),
            items: items, legend: legend)
    }

    func planLayer(_ plan: PatrolPlan, words: Words) -> MapDocument.Layer {
        var items: [MapDocument.Item] = []
        var legend: [MapDocument.LegendEntry] = []
        let calls = Array(Set(plan.nights.flatMap { $0.boats.map(\.callSign) })).sorted()
        guard let night = plan.nights.first else {
            return MapDocument.Layer(
                id: "plan", title: words("map.layer.plan", ["plan": String(plan.id ?? 0)]))
        }
        // ETAs beside the stops when they fit; with many stops they are in the details only.
        let labelled = night.boats.reduce(0) { $0 + max(0, $1.stops.count - 2) } <= 30
        for boat in night.boats where boat.stops.count > 2 {
            let colour = Palette.boat(calls.firstIndex(of: boat.callSign) ?? 0)
            let style = MapDocument.Style(stroke: colour, strokeWidth: 2.6)
            let line = PatrolPlanRenderer.densified(PatrolPlanRenderer.track(boat))
            let summary = words(
                "map.route_summary",
                [
                    "distance": words.number(boat.nauticalMiles, decimals: 1),
                    "hours": words.number(boat.hours, decimals: 1),
                    "risk": words.number(boat.risk, decimals: 1),
                ])
            items.append(
                MapDocument.Item(
                    geometry: .lineString(line), style: style,
                    title: "\(boat.callSign) (\(boat.agency)): " + summary,
                    details: [
                        ("boat", boat.callSign), ("agency", boat.agency),
                        ("speed", String(format: "%.0f kn", boat.speedKnots)),
                        ("crew", String(boat.crew)), ("route", summary),
                        ("contact", boat.contact ?? "-"),
                    ]))
            legend.append(.init(style: style, text: "\(boat.callSign) (\(boat.agency))"))
            for (k, stop) in boat.stops.enumerated() where k > 0 && k < boat.stops.count - 1 {
                let eta = stop.arrival.map { clock($0, words) } ?? "-"
                let shape = MapDocument.Style(
                    fill: stop.kind == .rendezvous ? "#7a00a0" : colour, stroke: "#ffffff",
                    strokeWidth: 1, radius: 4.5)
                items.append(
                    MapDocument.Item(
                        geometry: .point(stop.position), style: shape,
                        title: words(
                            "map.stop_title",
                            [
                                "call_sign": boat.callSign, "stop": String(k),
                                "place": PlanStopName.spoken(stop.name, words), "eta": eta,
                            ]),
                        details: [
                            ("boat", boat.callSign), ("stop", "\(k) of \(boat.stops.count - 2)"),
                            ("where", PlanStopName.spoken(stop.name, words)),
                            ("arrive", eta),
                            (
                                "leave",
                                stop.departure.map {
                                    TimeZoneName.clock($0, offsetMinutes: offsetMinutes)
                                } ?? "-"
                            ),
                            ("risk", stop.risk.map { String(format: "%.1f", $0) } ?? "-"),
                        ],
                        label: labelled ? String(eta.prefix(5)) : nil))
            }
        }
        for r in plan.rendezvous {
            items.append(
                MapDocument.Item(
                    geometry: .point(r.position),
                    style: MapDocument.Style(
                        fill: "#7a00a0", stroke: "#ffffff", strokeWidth: 1.5, radius: 7),
                    title: words(
                        "map.rendezvous_title",
                        ["boats": r.boats.joined(separator: ", "), "time": clock(r.time, words)]),
                    details: [
                        ("where", PlanStopName.spoken(r.name, words)), ("when", wib(r.time, words)),
                        ("boats", r.boats.joined(separator: ", ")),
                    ], label: "RV"))
        }
        if !plan.rendezvous.isEmpty {
            legend.append(
                .init(
                    style: MapDocument.Style(fill: "#7a00a0", radius: 5), point: true,
                    text: words("briefing.map.rendezvous")))
        }
        return MapDocument.Layer(
            id: "plan",
            title: words(
                plan.nights.count > 1 ? "map.layer.plan_night" : "map.layer.plan",
                ["plan": String(plan.id ?? 0)]),
            items: items, legend: legend)
    }

    /// A patrol as sailed: its track in stretches, its gaps as thin dashed lines (not sailed, as
    /// far as anyone knows), its planned stops ringed green (visited) or red (missed), and the
    /// fixes kept out of it.
    func patrolLayer(_ report: PatrolReport, words: Words) -> MapDocument.Layer {
        var items: [MapDocument.Item] = []
        let track = MapDocument.Style(stroke: "#111111", strokeWidth: 2.2)
        let gap = MapDocument.Style(stroke: "#888888", strokeWidth: 1.2, dash: "4 4")
        let visited = MapDocument.Style(
            fill: "none", stroke: "#1a8a1a", strokeWidth: 2.5, radius: 9)
        let missed = MapDocument.Style(fill: "none", stroke: "#d01010", strokeWidth: 2.5, radius: 9)
        let flagged = MapDocument.Style(
            fill: "#ff9900", stroke: "#ffffff", strokeWidth: 1, radius: 3)
        let summary = words(
            "patrol.report.sailed",
            [
                "nm": words.number(report.distanceNM, decimals: 1),
                "hours": words.number(report.hours, decimals: 1),
                "paused": words.number(report.hoursPaused, decimals: 1),
            ])
        for run in report.runs where run.count >= 2 {
            items.append(
                MapDocument.Item(
                    geometry: .lineString(run.map(\.position)), style: track,
                    title: "\(report.patrol.boat): " + summary,
                    details: [
                        ("boat", report.patrol.boat), ("route", summary),
                        ("from", wib(run[0].time, words)),
                        ("to", wib(run[run.count - 1].time, words)),
                    ]))
        }
        for g in report.gaps {
            items.append(
                MapDocument.Item(
                    geometry: .lineString([g.fromPosition, g.toPosition]), style: gap,
                    title: words(
                        "patrol.report.gap",
                        [
                            "from": clock(g.from, words), "to": clock(g.to, words),
                            "minutes": words.number(g.minutes, decimals: 0),
                            "nm": words.number(g.straightNM, decimals: 1),
                        ])))
        }
        for stop in report.stops {
            guard let c = try? Coordinate(latitude: stop.latitude, longitude: stop.longitude) else {
                continue
            }
            let place = PlanStopName.spoken(stop.name, words)
            let title =
                stop.visitedAt.map { at in
                    words(
                        "patrol.report.visited",
                        [
                            "name": place,
                            "place": PatrolReportRenderer.position(stop.latitude, stop.longitude),
                            "time": clock(at, words),
                        ])
                }
                ?? words(
                    "patrol.report.missed",
                    [
                        "name": place,
                        "place": PatrolReportRenderer.position(stop.latitude, stop.longitude),
                        "closest": stop.closestNM.map { words.number($0, decimals: 1) } ?? "–",
                    ])
            items.append(
                MapDocument.Item(
                    geometry: .point(c), style: stop.visitedAt == nil ? missed : visited,
                    title: title,
                    details: [
                        ("where", place),
                        ("arrive", stop.plannedArrival.map { wib($0, words) } ?? "-"),
                        ("visited", stop.visitedAt.map { wib($0, words) } ?? "-"),
                    ]))
        }
        for fix in report.flaggedFixes {
            items.append(
                MapDocument.Item(
                    geometry: .point(fix.position), style: flagged,
                    title: words(
                        "map.patrol.flagged",
                        ["flag": fix.flag?.rawValue ?? "", "time": wib(fix.time, words)])))
        }
        return MapDocument.Layer(
            id: "patrol",
            title: words(
                "map.layer.patrol",
                ["patrol": String(report.patrol.id), "boat": report.patrol.boat]),
            items: items,
            legend: [
                .init(style: track, text: words("map.legend.track")),
                .init(style: gap, text: words("map.legend.gap")),
                .init(style: visited, point: true, text: words("map.legend.visited")),
                .init(style: missed, point: true, text: words("map.legend.missed")),
            ])
    }

    /// The land (GSHHG full): every ring that reaches near `extent`, as one even-odd path (lakes
    /// are holes). Shared by the map and the briefings.
    public static func landLayer(
        _ coast: Coastline, extent: [Double], words: Words = Words(.en)
    ) -> MapDocument.Layer {
        var rings: [[Coordinate]] = []
        let mx = (extent[2] - extent[0]) * 0.6
        let my = (extent[3] - extent[1]) * 0.6
        for polygon in coast.polygons.indices {
            for ring in coast.rings(ofPolygon: polygon) {
                guard let first = ring.first else { continue }
                var lo = first
                var hi = first
                for p in ring {
                    lo = (min(lo.x, p.x), min(lo.y, p.y))
                    hi = (max(hi.x, p.x), max(hi.y, p.y))
                }
                guard hi.x >= extent[0] - mx, lo.x <= extent[2] + mx, hi.y >= extent[1] - my,
                    lo.y <= extent[3] + my
                else { continue }
                rings.append(ring.compactMap { try? Coordinate(latitude: $0.y, longitude: $0.x) })
            }
        }
        let landStyle = MapDocument.Style(fill: "#f2ead3", stroke: "#8c7b4f", strokeWidth: 0.5)
        return MapDocument.Layer(
            id: "land", title: words("map.land"),
            items: [
                MapDocument.Item(geometry: .multiPolygon(rings.map { [$0] }), style: landStyle)
            ],
            legend: [.init(style: landStyle, text: words("map.land_legend"))])
    }

    func baseLayers(_ extent: [Double], words: Words) -> [MapDocument.Layer] {
        let land = Self.landLayer(geoData.coastline, extent: extent, words: words)
        let lineStyle = MapDocument.Style(stroke: "#b0006e", strokeWidth: 1.6, dash: "8 4")
        let boundaries = MapDocument.Layer(
            id: "boundaries", title: words("map.layer.boundaries"),
            items: geoData.boundaryLines.map {
                MapDocument.Item(
                    geometry: .lineString($0.points), style: lineStyle, title: $0.name,
                    details: [("line", $0.name), ("agreement", $0.agreement ?? "-")])
            },
            legend: [.init(style: lineStyle, text: words("map.legend.boundary"))])
        return [land, boundaries]
    }

    func placeLayer(_ extent: [Double], words: Words) -> MapDocument.Layer {
        func inside(_ c: Coordinate) -> Bool {
            c.longitude >= extent[0] && c.longitude <= extent[2] && c.latitude >= extent[1]
                && c.latitude <= extent[3]
        }
        var items: [MapDocument.Item] = []
        let portStyle = MapDocument.Style(
            fill: "#1f4e99", stroke: "#ffffff", strokeWidth: 0.8, radius: 3.2)
        let baseStyle = MapDocument.Style(
            fill: "#111111", stroke: "#ffffff", strokeWidth: 1, radius: 4)
        for p in geoData.places where inside(p.position) {
            let isBase = p.kind == .base
            items.append(
                MapDocument.Item(
                    geometry: .point(p.position), style: isBase ? baseStyle : portStyle,
                    title: p.name,
                    details: [
                        ("name", p.name),
                        (
                            "kind",
                            isBase
                                ? words(
                                    "export.place.base_of",
                                    ["agency": p.agency ?? words("export.place.an_agency")])
                                : words("export.place.port")
                        ),
                        ("position", p.position.formatted(.degreesMinutes)), ("source", p.source),
                    ],
                    label: String(PlaceNamer.shortName(p.name).prefix(22))))
        }
        return MapDocument.Layer(
            id: "places", title: words("map.layer.places"), items: items,
            legend: [
                .init(style: portStyle, point: true, text: words("map.legend.port")),
                .init(style: baseStyle, point: true, text: words("map.legend.base")),
            ])
    }

    /// A time in the map's zone for people to read (`2026-11-20 21:40`, or `20-11-2026 21.40`).
    func wib(_ t: Timestamp, _ words: Words) -> String {
        let text = wib(t)
        guard words.language == .id, text.count >= 16 else { return text }
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return text }
        let ymd = parts[0].split(separator: "-")
        guard ymd.count == 3 else { return text }
        return "\(ymd[2])-\(ymd[1])-\(ymd[0]) " + words.clock(String(parts[1]))
    }

    /// `22:15 WIB`, or `22.15 WIB` in Indonesian.
    func clock(_ t: Timestamp, _ words: Words) -> String {
        words.clock(TimeZoneName.clock(t, offsetMinutes: offsetMinutes))
    }

    /// The names of the details a map item shows (data keys) and their catalogue keys: the
    /// pop-up says `kegiatan`, not `activities`, on an Indonesian map.
    static let fieldKeys: [String: String] = [
        "activities": "map.field.activities",
        "agency": "map.field.agency",
        "agreement": "map.field.agreement",
        "arrive": "map.field.arrive",
        "bin": "map.field.bin",
        "boat": "map.field.boat",
        "boats": "map.field.boats",
        "cell": "map.field.cell",
        "cluster": "map.field.cluster",
        "cold_steps": "map.field.cold_steps",
        "contact": "map.field.contact",
        "core_count": "map.field.core_count",
        "count": "map.field.count",
        "counts": "map.field.counts",
        "crew": "map.field.crew",
        "feature": "map.field.feature",
        "from": "map.field.from",
        "final_p": "map.field.final_p",
        "final_z": "map.field.final_z",
        "first_seen": "map.field.first_seen",
        "gi_z": "map.field.gi_z",
        "hot_steps": "map.field.hot_steps",
        "hours_wib": "map.field.hours_wib",
        "to": "map.field.to",
        "visited": "map.field.visited",
        "kind": "map.field.kind",
        "label": "map.field.label",
        "last_seen": "map.field.last_seen",
        "line": "map.field.line",
        "method": "map.field.method",
        "name": "map.field.name",
        "neighbours": "map.field.neighbours",
        "notes": "map.field.notes",
        "p": "map.field.p",
        "p_fdr": "map.field.p_fdr",
        "pattern": "map.field.pattern",
        "peak_wib": "map.field.peak_wib",
        "percent_volume": "map.field.percent_volume",
        "polygons": "map.field.polygons",
        "position": "map.field.position",
        "rank": "map.field.rank",
        "risk": "map.field.risk",
        "route": "map.field.route",
        "run": "map.field.run",
        "seen": "map.field.seen",
        "sightings_within_bandwidth": "map.field.sightings_within_bandwidth",
        "source": "map.field.source",
        "speed": "map.field.speed",
        "stop": "map.field.stop",
        "trend_p": "map.field.trend_p",
        "trend_tau": "map.field.trend_tau",
        "trend_z": "map.field.trend_z",
        "unit": "map.field.unit",
        "vessel_types": "map.field.vessel_types",
        "what": "map.field.what",
        "when": "map.field.when",
        "where": "map.field.where",
    ]

    /// A legend label of a stored run (Gi* bins, emerging patterns) in `words`' language.
    static func legendText(_ label: String, _ words: Words) -> String {
        if let key = binKeys[label] { return words(key) }
        if let key = ReportDocument.patternKeys[label] { return words(key) }
        return label
    }

    /// A run's text (a cell's description or detail) with its bin and pattern labels in
    /// `words`' language.
    static func runText(_ text: String, _ words: Words) -> String {
        guard words.language != .en else { return text }
        var out = text
        for (label, key) in binKeys.merging(
            ReportDocument.patternKeys, uniquingKeysWith: { a, _ in a }
        )
        .sorted(by: { $0.key.count > $1.key.count }) where out.contains(label) {
            out = out.replacingOccurrences(of: label, with: words(key))
        }
        return out
    }

    /// The Gi* confidence bins as ``HotSpotBin/label(_:)`` writes them (cold 99 % … hot 99 %),
    /// and their keys.
    static let binKeys = Dictionary(
        uniqueKeysWithValues: zip(
            (-3...3).map(HotSpotBin.label),
            [
                "map.bin.cold99", "map.bin.cold95", "map.bin.cold90", "map.bin.none",
                "map.bin.hot90", "map.bin.hot95", "map.bin.hot99",
            ]))
}
