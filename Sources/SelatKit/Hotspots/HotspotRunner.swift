import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatStore

/// Runs a hotspot analysis on the sighting log: reads the sightings, runs the method, writes the
/// GeoJSON and stores the run (`selat hotspots`).
public struct HotspotRunner: Sendable {
    public let database: SelatDatabase
    public let geoData: GeoData

    public init(database: SelatDatabase, geoData: GeoData) {
        self.database = database
        self.geoData = geoData
    }

    /// What a method produced before it is written and stored.
    struct Computed {
        var notes: [String] = []
        var rows: [HotspotRow] = []
        /// Everything exported with `--out`.
        var features: [GeoJSONFeature] = []
        /// What is stored with the run: the significant part.
        var stored: [GeoJSONFeature] = []
        /// Parameters chosen from the data, added to the stored parameters.
        var chosen: [(String, Double)] = []
    }

    /// Runs the request.
    /// - Parameters:
    ///   - command: the command line, stored so the run can be repeated.
    ///   - out: GeoJSON file to write, if any (checked before the analysis runs).
    ///   - outPurpose: what the file is for (``OutputFile`` replaces its own files of that purpose).
    ///   - force: replace `out` even if Selat did not write it.
    ///   - progress: receives a line at each stage (for long runs).
    /// - Throws: ``KitError`` with a message that says what to change.
    public func run(
        _ request: HotspotRequest, command: String, out: String? = nil,
        outPurpose: OutputPurpose = .hotspots,
        force: Bool = false, progress: (String) -> Void = { _ in }
    ) throws(KitError) -> HotspotOutcome {
        guard request.top >= 1 else { throw .invalidRequest(.top(request.top)) }
        if let out {
            try KitError.output { () throws(OutputError) in
                try OutputFile.check(out, purpose: outPurpose, force: force)
            }
        }
        progress("Reading sightings…")
        let (sample, digest) = try KitError.store { () throws(StoreError) in
            try database.sightingSample(matching: request.query, nightOnly: request.nightOnly)
        }
        guard !sample.isEmpty else { throw .analysis(.noSightings) }
        let box = sample.boundingBox!
        let projection = TransverseMercator.centred(on: box)
        let points = ProjectedPoints(sample, projection: projection)
        var computed: Computed
        do throws(AnalysisError) {
            switch request.method {
            case .gistar: computed = try giStar(request, sample, points, progress)
            case .dbscan: computed = try dbscan(request, sample, points, progress)
            case .kde: computed = try kde(request, sample, points, progress)
            case .emerging: computed = try emerging(request, sample, points, progress)
            }
        } catch {
            throw .analysis(error)
        }
        computed.notes.insert(
            "\(sample.count) sightings analysed"
                + (request.nightOnly ? " (night only: 18:00–06:00 WIB)" : "") + ".", at: 0)
        computed.notes.append(
            String(
                format:
                    "Projection: transverse Mercator centred on %.2f°E, %.2f°N (scale error under %.2f%% over the data).",
                projection.centralMeridian, projection.originLatitude,
                (max(
                    projection.scaleFactor(
                        at: try! Coordinate(latitude: box.south, longitude: box.west)),
                    projection.scaleFactor(
                        at: try! Coordinate(latitude: box.north, longitude: box.east))) - 1) * 100))
        let parameters = request.parametersJSON(projection: projection, chosen: computed.chosen)

        var written: (String, Int)?
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        if let out {
            progress("Writing \(out)…")
            var started: GeoJSONFeatureCollectionWriter?
            do throws(OutputError) {
                started = try GeoJSONFeatureCollectionWriter(
                    path: out, name: "selat-hotspots-\(request.method.rawValue)",
                    metadata: [
                        (
                            "selat",
                            "{\"method\":\(JSONText.string(request.method.rawValue)),\"sightings\":\(sample.count),\"input_sha256\":\(JSONText.string(digest)),\"parameters\":\(parameters)}"
                        )
                    ]
                        + (synthetic
                            ? [
                                ("synthetic", "true"),
                                (
                                    "description",
                                    JSONText.string("SYNTHETIC DEMO DATA, not real sightings")
                                ),
                            ] : []),
                    purpose: outPurpose, force: force)
                for f in computed.features { try started!.append(f) }
                written = (out, try started!.finish())
            } catch {
                started?.discard()
                throw .output(error)
            }
        }
        var outcome = HotspotOutcome(
            method: request.method, runID: 0, sightingCount: sample.count, inputDigest: digest,
            notes: computed.notes, rows: computed.rows, written: written)
        let record = HotspotRunRecord(
            createdAt: Timestamp(Date()), method: request.method.rawValue, parameters: parameters,
            command: command, sightingCount: sample.count, inputDigest: digest,
            summary: outcome.text, featureCount: computed.stored.count)
        outcome.runID = try KitError.store { () throws(StoreError) in
            try database.saveHotspotRun(
                record,
                features: computed.stored.map {
                    StoredFeature(geometry: $0.geometry, properties: $0.properties)
                })
        }
        return outcome
    }

    // MARK: Shared pieces

    var namer: PlaceNamer { PlaceNamer(geoData: geoData) }

    /// Hexagon spacing from the request or the data.
    func spacing(_ request: HotspotRequest, _ points: ProjectedPoints, computed: inout Computed)
        throws(AnalysisError) -> Double
    {
        if let cell = request.cell {
            guard cell.metres >= 50 && cell.metres <= 100_000 else {
                throw .invalidParameter(
                    name: "--cell", value: "\(cell.metres) m",
                    reason: "use a size between 50 m and 100 km, e.g. --cell 1km")
            }
            let w = points.xs.max()! - points.xs.min()! + 2 * cell.metres
            let h = points.ys.max()! - points.ys.min()! + 2 * cell.metres
            let cells = w * h / (3.0.squareRoot() / 2 * cell.metres * cell.metres)
            guard cells <= 2_000_000 else {
                throw .invalidParameter(
                    name: "--cell", value: cell.metricText,
                    reason:
                        "the sightings span \(Distance(metres: w).metricText) × \(Distance(metres: h).metricText), about \(Int(cells)) cells; use a larger --cell or narrow the filters (at most 2 million cells)"
                )
            }
            computed.notes.append("Cell \(cell.metricText) (from --cell), centre to centre.")
            return cell.metres
        }
        let choice = CellSizeChoice(points: points)
        computed.notes.append(choice.reason)
        computed.chosen.append(("cell_m", choice.spacing))
        return choice.spacing
    }

    /// The hexagon of a cell as a closed ring.
    static func ring(_ grid: HexGrid, _ cell: HexCell) -> [Coordinate] {
        let corners = grid.corners(of: cell)
        return corners + [corners[0]]
    }

    /// The study area, with a note on sightings moved off land or left out.
    func studyArea(
        _ points: ProjectedPoints, _ grid: HexGrid, margin: Double, computed: inout Computed
    ) -> StudyArea {
        let coast = geoData.coastline
        let area = StudyArea(
            points: points, grid: grid, margin: margin, isLand: { coast.isLand($0) })
        computed.notes.append(
            "Study area: \(area.cells.count) sea cells (cells whose centre is on land left out), including \(area.counts.filter { $0 == 0 }.count) with no sightings."
        )
        if area.movedOffLand > 0 {
            computed.notes.append(
                "\(area.movedOffLand) sightings lie in coastal cells whose centre is on land; each is counted in the nearest sea cell (within \(StudyArea.reach) cells)."
            )
        }
        if area.excluded > 0 {
            computed.notes.append(
                "\(area.excluded) sightings lie more than \(StudyArea.reach) cells from any cell whose centre is at sea (up a river or creek, or kept on land with --allow-land); they are not in this analysis. A smaller --cell reaches narrow waters."
            )
        }
        return area
    }

    /// Connected groups of cells (edge-adjacent) among `members`.
    static func regions(_ area: StudyArea, members: [Int]) -> [[Int]] {
        let inSet = Set(members)
        var seen = Set<Int>()
        var out: [[Int]] = []
        for start in members where !seen.contains(start) {
            var group: [Int] = []
            var stack = [start]
            seen.insert(start)
            while let k = stack.popLast() {
                group.append(k)
                for n in area.cells[k].neighbours {
                    if let j = area.index(of: n), inSet.contains(j), !seen.contains(j) {
                        seen.insert(j)
                        stack.append(j)
                    }
                }
            }
            out.append(group)
        }
        return out
    }
}
