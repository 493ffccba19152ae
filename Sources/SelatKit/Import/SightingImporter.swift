import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// Imports sightings from CSV or GeoJSON into the database.
///
/// Every row is accounted for: added, duplicate (same id and content already stored), conflict
/// (same id, different content: the stored record is kept) or rejected (with line, field, value
/// and reason). Rejected and conflicting rows are written unchanged to `FILE.rejects.csv` with a
/// `reason` column, to be fixed and imported again. Rows are written in transactions of at most
/// ``Options/batchSize`` rows, so an interrupted import leaves a valid database and re-running it
/// adds exactly the rows that are missing.
public struct SightingImporter: Sendable {
    /// How to import.
    public struct Options: Sendable {
        /// The UTC offset for times written without one (WIB, +7 h, by default).
        public var defaultOffsetMinutes = 420
        /// Import nothing if any row is bad.
        public var strict = false
        /// Rows per transaction.
        public var batchSize = 5_000
        /// Force a format instead of guessing from the extension.
        public var format: Format?
        /// Where to write rejected rows; default `FILE.rejects.csv`.
        public var rejectsPath: String?
        public init() {}
    }

    /// The formats read.
    public enum Format: String, Sendable, CaseIterable {
        case csv, geojson
    }

    /// Progress during an import.
    public struct Progress: Sendable {
        public let rowsRead: Int
        public let fraction: Double
    }

    public let database: SelatDatabase
    public let options: Options

    public init(database: SelatDatabase, options: Options = Options()) {
        self.database = database
        self.options = options
    }

    /// Imports one file.
    /// - Parameter progress: Called every few thousand rows (and at the end).
    /// - Throws: ``KitError`` when the file as a whole cannot be read (missing, no header, not a
    ///   FeatureCollection, required columns missing); row problems are in the report instead.
    public func importFile(_ path: String, progress: (Progress) -> Void = { _ in }) throws(KitError) -> ImportReport {
        let started = Date()
        let format = options.format ?? Self.guessFormat(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var report = ImportReport(file: path)
        report.defaultOffsetMinutes = options.defaultOffsetMinutes
        let rows: RowSource
        do {
            switch format {
            case .csv: rows = try CSVRowSource(path: path)
            case .geojson: rows = try GeoJSONRowSource(path: path)
            }
        } catch let error as KitError {
            throw error
        } catch let error as FormatError {
            throw .format(error)
        } catch {
            throw .other(String(describing: error))
        }
        report.ignoredColumns = rows.ignoredColumns

        let logID = try KitError.store { () throws(StoreError) in
            try database.beginImport(fileName: (path as NSString).lastPathComponent, fileSize: size, format: format.rawValue)
        }
        var rejects = RejectsWriter(path: options.rejectsPath ?? path + ".rejects.csv", header: rows.rejectsHeader)
        var batch: [(sighting: Sighting, row: SourceRow)] = []
        batch.reserveCapacity(options.batchSize)

        func flush() throws(KitError) {
            guard !batch.isEmpty else { return }
            let outcomes = try KitError.store { () throws(StoreError) in try database.insert(batch.map(\.sighting)) }
            for (outcome, item) in zip(outcomes, batch) {
                switch outcome {
                case .added: report.counts.added += 1
                case .duplicate: report.counts.duplicate += 1
                case .conflict(let existing):
                    report.counts.conflict += 1
                    let problem = ImportProblem(
                        location: item.row.location, field: "id", value: existing.id.rawValue,
                        reason: "conflict: id \(existing.id) is already stored with different content "
                            + "(observed \(existing.observedAt)); the stored record was kept. "
                            + "If this row is a correction, record it as one; otherwise give it a new id",
                        isConflict: true)
                    report.problems.append(problem)
                    rejects.add(item.row, reason: problem.description)
                }
            }
            batch.removeAll(keepingCapacity: true)
        }

        var sourceRows = rows
        while let row = sourceRows.next() {
            report.counts.read += 1
            if report.counts.read % 4096 == 0 {
                progress(Progress(rowsRead: report.counts.read, fraction: sourceRows.fraction))
            }
            if let problem = row.problem {
                report.counts.rejected += 1
                report.problems.append(problem)
                rejects.add(row, reason: problem.description)
            } else {
                let parsed: (sighting: Sighting, usedDefaultOffset: Bool)
                do {
                    parsed = try Sighting.reading({ row.value($0) }, defaultOffsetMinutes: options.defaultOffsetMinutes)
                } catch {
                    report.counts.rejected += 1
                    let column = SightingColumn(rawValue: error.field)
                    let problem = ImportProblem(location: row.location, field: error.field,
                                                value: column.flatMap { row.value($0) },
                                                reason: error.description, isConflict: false)
                    report.problems.append(problem)
                    rejects.add(row, reason: problem.description)
                    continue
                }
                if parsed.usedDefaultOffset { report.rowsUsingDefaultOffset += 1 }
                batch.append((parsed.sighting, row))
                if !options.strict && batch.count >= options.batchSize { try flush() }
            }
        }
        if options.strict && report.counts.rejected > 0 {
            report.abortedByStrict = true
            batch.removeAll()
        } else if options.strict {
            // All rows are good: write them in bounded transactions.
            let all = batch
            batch.removeAll(keepingCapacity: true)
            for item in all {
                batch.append(item)
                if batch.count >= options.batchSize { try flush() }
            }
        }
        try flush()
        progress(Progress(rowsRead: report.counts.read, fraction: 1))
        report.rejectsFile = try rejects.finish()
        try KitError.store { () throws(StoreError) in try database.finishImport(logID, counts: report.counts) }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    static func guessFormat(_ path: String) -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "geojson" || ext == "json" ? .geojson : .csv
    }
}
