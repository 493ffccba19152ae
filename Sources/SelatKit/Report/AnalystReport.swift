import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatStore
import SelatWords

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
        /// The language of the report's words (the data in its tables stays as stored).
        public var language: Language = .en

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

    /// Builds the report; `mapFile` is the SVG name the Markdown links to.
    /// - Parameter spelling: how the front end writes the commands that reproduce the runs (stored
    ///   with them and printed in the report's method).
    /// - Throws: ``KitError`` (no sightings in the period says which filters to loosen).
    public func make(
        _ request: Request, mapFile: String, spelling: CommandSpelling,
        progress: (Phrase) -> Void = { _ in }
    ) throws(KitError) -> Output {
        let findings = try findings(request, spelling: spelling, progress: progress)
        progress(Phrase("progress.map"))
        let map = try map(request, findings)
        let document = ReportDocument(
            findings: findings, title: request.title, database: database.path,
            offsetMinutes: offsetMinutes, spelling: spelling, words: Words(request.language))
        return Output(
            markdown: document.markdown(mapFile: mapFile), html: document.html(map: map),
            map: map, sightings: findings.sightingCount, runs: findings.runs)
    }

    /// The figures of the report: counts, the hot spots (a Gi* run stored now) and the
    /// emerging pattern at each, as values.
    public func findings(
        _ request: Request, spelling: CommandSpelling, progress: (Phrase) -> Void = { _ in }
    ) throws(KitError) -> ReportFindings {
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        progress(Phrase("progress.reading"))
        let sightings = try KitError.store { () throws(StoreError) in
            try database.sightings(matching: request.query)
        }.map(\.sighting)
        guard let first = sightings.first?.observedAt, let last = sightings.last?.observedAt else {
            throw .notFound(.sightingsInPeriod)
        }
        let counts = ReportCounts(sightings, offsetMinutes: offsetMinutes)

        // Hot spots, analysed afresh for the period.
        let runner = HotspotRunner(database: database, geoData: geoData)
        var gi = HotspotRequest()
        gi.query = request.query
        gi.query.limit = nil
        gi.top = request.top
        progress(Phrase("progress.report.gistar"))
        let giCommand = spelling.hotspots(gi, nil, nil)
        let hot = try runner.run(gi, command: giCommand, progress: progress)
        var em = HotspotRequest()
        em.method = .emerging
        em.query = gi.query
        let spanMonths =
            last.monthsSince1970(offsetMinutes: offsetMinutes)
            - first.monthsSince1970(offsetMinutes: offsetMinutes) + 1
        em.step = spanMonths >= 6 ? .month : .week
        progress(Phrase("progress.report.emerging"))
        var emerging: HotspotRun?
        var emergingProblem: KitError?
        do {
            emerging = try runner.run(
                em, command: spelling.hotspots(em, nil, nil), progress: progress)
        } catch {
            emergingProblem = error
        }
        let cells = emerging?.results.emergingCells ?? []
        let patterns = hot.hotspots.map { row in
            cells.first { Self.contains($0.ring, row.centre) }?.pattern ?? "no pattern"
        }
        return ReportFindings(
            synthetic: synthetic, from: request.query.since ?? first,
            to: request.query.until ?? last, offsetMinutes: offsetMinutes,
            sightingCount: sightings.count, counts: counts, hotspots: hot,
            emergingRun: emerging?.runId, emergingStep: em.step.rawValue,
            emergingProblem: emergingProblem, patterns: patterns, reproduce: giCommand)
    }

    /// The map of the period, with the runs just made.
    func map(_ request: Request, _ findings: ReportFindings) throws(KitError) -> MapDocument {
        var mapRequest = MapBuilder.Request()
        mapRequest.query = request.query
        mapRequest.giStarRun = findings.hotspots.runId
        mapRequest.emergingRun = findings.emergingRun
        mapRequest.showPlan = request.includePlan
        let words = Words(request.language)
        mapRequest.title =
            request.title
            ?? words(
                "report.map_heading",
                ["from": findings.day(findings.from), "to": findings.day(findings.to)])
        mapRequest.language = request.language
        return try MapBuilder(database: database, geoData: geoData, offsetMinutes: offsetMinutes)
            .build(mapRequest).map
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
