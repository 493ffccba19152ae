import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatStore
import SelatWords

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
        var notes: [HotspotNote] = []
        var rows: [HotspotRow] = []
        /// Rows before the `top` limit.
        var totalRows = 0
        /// Everything written with `out`.
        var results = HotspotResults()
        /// Parameters chosen from the data, added to the stored parameters.
        var chosen: [(String, Double)] = []

        /// What is stored with the run: the significant part (no density grid).
        var stored: HotspotResults {
            var r = results
            r.cells = r.cells.filter { $0.bin != 0 }
            r.emergingCells = r.emergingCells.filter {
                $0.pattern != EmergingHotSpots.Pattern.none.rawValue
            }
            r.grid = []
            return r
        }
    }

    /// Runs the request.
    /// - Parameters:
    ///   - command: the command line, stored so the run can be repeated.
    ///   - out: GeoJSON file to write, if any (checked before the analysis runs).
    ///   - outPurpose: what the file is for (``OutputFile`` replaces its own files of that purpose).
    ///   - force: replace `out` even if Selat did not write it.
    ///   - progress: receives a line at each stage (for long runs).
    /// - Returns: the stored run, typed: notes, ranked rows and every result.
    /// - Throws: ``KitError``: ``KitError/analysis(_:)`` for parameters out of range or too
    ///   little data, ``KitError/output(_:)`` for a file that may not be written.
    public func run(
        _ request: HotspotRequest, command: String, out: String? = nil,
        outPurpose: OutputPurpose = .hotspots,
        force: Bool = false, progress: (Phrase) -> Void = { _ in }
    ) throws(KitError) -> HotspotRun {
        guard request.top >= 1 else { throw .invalidRequest(.top(request.top)) }
        if let out {
            try KitError.output { () throws(OutputError) in
                try OutputFile.check(out, purpose: outPurpose, force: force)
            }
        }
        progress(Phrase("progress.reading"))
        let (sample, digest) = try KitError.store { () throws(StoreError) in
            try database.sightingSample(matching: request.query, nightOnly: request.nightOnly)
        }
        guard !sample.isEmpty else { throw .analysis(.noSightings) }
        let box = sample.boundingBox!
        let projection = TransverseMercator.centred(on: box)
        var computed = try compute(request, sample, projection, progress)
        computed.notes.insert(
            .analysed(sightings: sample.count, nightOnly: request.nightOnly), at: 0)
        let corners = [(box.south, box.west), (box.north, box.east)].map {
            projection.scaleFactor(at: try! Coordinate(latitude: $0.0, longitude: $0.1))
        }
        computed.notes.append(
            .projection(
                centralMeridian: projection.centralMeridian,
                originLatitude: projection.originLatitude,
                scaleErrorPercent: (corners.max()! - 1) * 100))
        let parameters = request.parametersJSON(projection: projection, chosen: computed.chosen)
        var written: WrittenFile?
        if let out {
            progress(Phrase("progress.writing", ["file": out]))
            written = try write(
                computed.results, to: out, request: request, sightings: sample.count,
                digest: digest, parameters: parameters, purpose: outPurpose, force: force)
        }
        var run = HotspotRun(
            runId: 0, method: request.method, sightingCount: sample.count, inputSha256: digest,
            notes: computed.notes, hotspots: computed.rows, totalRows: computed.totalRows,
            results: computed.results, written: written)
        let stored = computed.stored
        let record = HotspotRunRecord(
            createdAt: Timestamp(Date()), method: request.method.rawValue, parameters: parameters,
            command: command, sightingCount: sample.count, inputDigest: digest,
            summary: "", featureCount: stored.featureCount)
        run.runId = try KitError.store { () throws(StoreError) in
            try database.saveHotspotRun(record, results: stored, outcome: run)
        }
        return run
    }

    /// Runs the request's method on the sample.
    func compute(
        _ request: HotspotRequest, _ sample: SightingSample, _ projection: TransverseMercator,
        _ progress: (Phrase) -> Void
    ) throws(KitError) -> Computed {
        let points = ProjectedPoints(sample, projection: projection)
        do throws(AnalysisError) {
            switch request.method {
            case .gistar: return try giStar(request, sample, points, progress)
            case .dbscan: return try dbscan(request, sample, points, progress)
            case .kde: return try kde(request, sample, points, progress)
            case .emerging: return try emerging(request, sample, points, progress)
            }
        } catch {
            throw .analysis(error)
        }
    }

    /// Writes every result as a GeoJSON FeatureCollection, with the run's parameters (and the
    /// synthetic mark) as foreign members.
    func write(
        _ results: HotspotResults, to out: String, request: HotspotRequest, sightings: Int,
        digest: String, parameters: String, purpose: OutputPurpose, force: Bool
    ) throws(KitError) -> WrittenFile {
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        var metadata = [
            (
                "selat",
                "{\"method\":\(JSONText.string(request.method.rawValue)),\"sightings\":\(sightings),\"input_sha256\":\(JSONText.string(digest)),\"parameters\":\(parameters)}"
            )
        ]
        if synthetic {
            metadata += [
                ("synthetic", "true"),
                ("description", JSONText.string("SYNTHETIC DEMO DATA, not real sightings")),
            ]
        }
        var started: GeoJSONFeatureCollectionWriter?
        do throws(OutputError) {
            started = try GeoJSONFeatureCollectionWriter(
                path: out, name: "selat-hotspots-\(request.method.rawValue)", metadata: metadata,
                purpose: purpose, force: force)
            try HotspotFeatures.forEachFeature(results) { f throws(OutputError) in
                try started!.append(f)
            }
            return WrittenFile(path: out, features: try started!.finish())
        } catch {
            started?.discard()
            throw .output(error)
        }
    }

    /// Writes a stored run's results (its significant part) as a GeoJSON FeatureCollection, with
    /// the run's number, method and parameters as a foreign member.
    /// - Throws: ``KitError/output(_:)``.
    public static func write(_ stored: StoredHotspotRun, to out: String, force: Bool = false)
        throws(KitError) -> WrittenFile
    {
        let r = stored.record
        var started: GeoJSONFeatureCollectionWriter?
        do throws(OutputError) {
            started = try GeoJSONFeatureCollectionWriter(
                path: out, name: "selat-hotspots-run-\(r.id ?? 0)",
                metadata: [
                    (
                        "selat",
                        "{\"run\":\(r.id ?? 0),\"method\":\(JSONText.string(r.method)),\"parameters\":\(r.parameters)}"
                    )
                ],
                force: force)
            try HotspotFeatures.forEachFeature(stored.results) { f throws(OutputError) in
                try started!.append(f)
            }
            return WrittenFile(path: out, features: try started!.finish())
        } catch {
            started?.discard()
            throw .output(error)
        }
    }

    // MARK: Shared pieces

    var namer: PlaceNamer { PlaceNamer(geoData: geoData) }

    /// The busiest four hours of `members`.
    static func peak(_ sample: SightingSample, _ members: [Int]) -> PeakHours? {
        PeakHours(HourProfile(sample, members: members))
    }

    /// Hexagon spacing from the request or the data.
    func spacing(_ request: HotspotRequest, _ points: ProjectedPoints, computed: inout Computed)
        throws(AnalysisError) -> Double
    {
        if let cell = request.cell {
            guard cell.metres >= 50 && cell.metres <= 100_000 else {
                throw .outOfRange(.cell, value: "\(cell.metres) m", allowed: 50...100_000)
            }
            let w = points.xs.max()! - points.xs.min()! + 2 * cell.metres
            let h = points.ys.max()! - points.ys.min()! + 2 * cell.metres
            let cells = w * h / (3.0.squareRoot() / 2 * cell.metres * cell.metres)
            guard cells <= 2_000_000 else {
                throw .tooLarge(
                    .cell, value: cell.metricText,
                    size: .hexCells(Int(cells), width: w, height: h, limit: 2_000_000))
            }
            computed.notes.append(.cellGiven(metres: cell.metres))
            return cell.metres
        }
        let choice = CellSizeChoice(points: points)
        computed.notes.append(.cellChosen(metres: choice.spacing, basis: .init(choice.basis)))
        computed.chosen.append(("cell_m", choice.spacing))
        return choice.spacing
    }

    /// The hexagon of a cell as a closed ring.
    static func ring(_ grid: HexGrid, _ cell: HexCell) -> [Coordinate] {
        let corners = grid.corners(of: cell)
        return corners + [corners[0]]
    }

    /// The rings of many cells, made over the available cores.
    static func rings(_ grid: HexGrid, _ cells: [HexCell]) -> [[Coordinate]] {
        Parallel.map(count: cells.count, minimumChunk: 1024) { ring(grid, cells[$0]) }
    }

    /// The study area the request asks for (``StudyExtent``), with a note on its cells and on
    /// sightings moved off land or left out.
    func studyArea(
        _ points: ProjectedPoints, _ grid: HexGrid, _ request: HotspotRequest,
        computed: inout Computed
    ) -> StudyArea {
        let coast = geoData.coastline
        let area =
            switch request.studyArea {
            case .data:
                StudyArea(
                    points: points, grid: grid, around: request.neighbourhood,
                    isLand: { coast.isLand($0) })
            case .full:
                StudyArea(
                    points: points, grid: grid,
                    margin: max(grid.spacing, request.band?.metres ?? 0),
                    isLand: { coast.isLand($0) })
            }
        let empty = area.counts.filter { $0 == 0 }.count
        computed.notes.append(
            request.studyArea == .data
                ? .studyAreaAroundData(seaCells: area.cells.count, emptyCells: empty)
                : .studyArea(seaCells: area.cells.count, emptyCells: empty))
        if area.movedOffLand > 0 {
            computed.notes.append(
                .movedOffLand(sightings: area.movedOffLand, reachCells: StudyArea.reach))
        }
        if area.excluded > 0 {
            computed.notes.append(.leftOut(sightings: area.excluded, reachCells: StudyArea.reach))
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
