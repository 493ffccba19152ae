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
        public var batchSize = 50_000
        /// Force a format instead of guessing from the extension.
        public var format: Format?
        /// Where to write rejected rows; default `FILE.rejects.csv` (CSV) or
        /// `FILE.rejects.geojson` (GeoJSON).
        public var rejectsPath: String?
        /// Replace a rejects file that Selat did not write (or that was changed since).
        public var force = false
        /// Polled between batches: true stops the import cleanly (Ctrl-C), keeping what is written.
        public var isCancelled: @Sendable () -> Bool = { false }
        /// Files estimated to hold at least this many rows (and more than the log already has)
        /// are bulk-loaded: the secondary indexes are dropped and rebuilt after the last batch.
        public var bulkLoadRows = 100_000
        /// Who imports (the station server's user): recorded with each row stored, in the same
        /// transaction.
        public var origin: SightingOrigin?
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
    /// Refuses (or flags, with `allowLand`) positions on land.
    public let landCheck: LandCheck

    public init(database: SelatDatabase, options: Options = Options(), landCheck: LandCheck) {
        self.database = database
        self.options = options
        self.landCheck = landCheck
    }

    /// Imports one file.
    ///
    /// Reading and checking rows runs on a second thread while this one writes the previous
    /// batch, so both cores work on a large import.
    /// - Parameter progress: Called after each batch is written (and at the end).
    /// - Throws: ``KitError`` when the file as a whole cannot be read (missing, no header, not a
    ///   FeatureCollection, required columns missing) or the database refuses a write (the
    ///   batches written before stay: re-running the import adds exactly the rest); row problems
    ///   are in the report instead.
    public func importFile(_ path: String, progress: (Progress) -> Void = { _ in }) throws(KitError)
        -> ImportReport
    {
        let started = Date()
        let format = options.format ?? Self.guessFormat(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var report = ImportReport(file: path)
        report.defaultOffsetMinutes = options.defaultOffsetMinutes
        // The input is never an output of this import (a rejects file given as the input's name).
        let input = ProtectedFiles.shared.protect(path, as: .input)
        defer { withExtendedLifetime(input) {} }
        let rejectsKind: RejectsWriter.Kind = format == .geojson ? .geojson : .csv
        let rejectsPath =
            options.rejectsPath ?? RejectsWriter.defaultPath(for: path, kind: rejectsKind)
        // Checked before any row is written: a refused rejects file would otherwise be found at the end.
        try KitError.output { () throws(OutputError) in
            try OutputFile.check(rejectsPath, purpose: .rejects, force: options.force)
        }
        let rows: any RowSource =
            switch format {
            case .csv: try CSVRowSource(path: path, words: landCheck.names.words)
            case .geojson: try GeoJSONRowSource(path: path, words: landCheck.names.words)
            }
        report.ignoredColumns = rows.ignoredColumns

        let logID = try KitError.store { () throws(StoreError) in
            try database.beginImport(
                fileName: (path as NSString).lastPathComponent, fileSize: size,
                format: format.rawValue)
        }
        let producer = ImportProducer(rows: rows, options: options, landCheck: landCheck)
        var conflicts: [RowProblem] = []

        func write(_ batch: ImportBatch) throws(ImportStop) {
            let outcomes: [InsertOutcome]
            do {
                outcomes = try database.insert(
                    prepared: batch.items,
                    origins: options.origin.map { Array(repeating: $0, count: batch.items.count) }
                        ?? [],
                    audit: { _ in [] })
            } catch {
                throw ImportStop(
                    cause: .database(error),
                    firstLocation: batch.origins.first?.location(landCheck.names.words),
                    lastLocation: batch.origins.last?.location(landCheck.names.words), rowsRead: 0)
            }
            for (outcome, origin) in zip(outcomes, batch.origins) {
                switch outcome {
                case .added: report.counts.added += 1
                case .duplicate: report.counts.duplicate += 1
                case .conflict(let existing):
                    report.counts.conflict += 1
                    let problem = ImportProblem(
                        location: origin.location(landCheck.names.words), field: "id",
                        value: existing.id.rawValue,
                        reason: landCheck.names(
                            "import.row.conflict",
                            ["id": "\(existing.id)", "observed": "\(existing.observedAt)"]),
                        isConflict: true)
                    conflicts.append(
                        RowProblem(
                            sequence: origin.sequence, problem: problem, record: origin.record))
                }
            }
            progress(Progress(rowsRead: batch.rowsRead, fraction: batch.fraction))
        }

        // Index pages stay cached across transactions (minutes against seconds for a million rows),
        // and a file much larger than the log is bulk-loaded: secondary indexes rebuilt after it.
        // Set up before any thread starts, so a failure here leaves nothing running.
        let cacheBefore = try KitError.store { () throws(StoreError) in
            try database.writerCacheMegabytes()
        }
        try KitError.store { () throws(StoreError) in try database.setWriterCache(megabytes: 512) }
        // Back to what it was (the station server keeps its writer's cache small).
        defer { if let cacheBefore { try? database.setWriterCache(megabytes: cacheBefore) } }
        let estimatedRows = size / Self.smallestRowBytes
        let existing = try KitError.store { () throws(StoreError) in try database.sightingCount() }
        let bulk = estimatedRows >= options.bulkLoadRows && estimatedRows > existing
        if bulk {
            try KitError.store { () throws(StoreError) in try database.dropSecondaryIndexes() }
        }
        // A failed rebuild is retried by the next open of the database.
        defer { if bulk { try? database.rebuildSecondaryIndexes() } }

        // A stop (Ctrl-C between batches, or the database refusing a batch) ends the import
        // cleanly: the batches written stay, the rows read so far are accounted for, the
        // rejects file is written, and the report says where it stopped.
        var readAtStop: Int?
        func writeBatches(_ next: () -> ImportBatch?) {
            var lastRead = 0
            while let batch = next() {
                if options.isCancelled() {
                    report.stopped = ImportStop(
                        cause: .interrupted,
                        firstLocation: batch.origins.first?.location(landCheck.names.words),
                        lastLocation: nil,
                        rowsRead: lastRead)
                    break
                }
                do { try write(batch) } catch {
                    report.stopped = ImportStop(
                        cause: error.cause, firstLocation: error.firstLocation,
                        lastLocation: error.lastLocation,
                        rowsRead: lastRead)
                    break
                }
                lastRead = batch.rowsRead
            }
            if report.stopped != nil { readAtStop = lastRead }
        }
        if options.strict {
            // Check every row first; write only if none is bad.
            let all = producer.collectAll()
            if producer.problems.isEmpty {
                var batches = all.makeIterator()
                writeBatches { batches.next() }
            } else {
                report.abortedByStrict = true
            }
        } else {
            let channel = BatchChannel<ImportBatch>(capacity: 3)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                producer.produce(into: channel)
                done.signal()
            }
            thread.stackSize = 1 << 22
            thread.start()
            writeBatches { channel.receive() }
            if report.stopped != nil { channel.cancel() }
            done.wait()
        }

        // After a stop, only the rows up to the last written batch are counted and reported:
        // the rest are read again by the next run.
        let limit = readAtStop.map { r in r } ?? Int.max
        report.counts.read = min(producer.rowsRead, limit)
        let problems = (producer.problems + conflicts).filter { $0.sequence <= limit }.sorted(by: {
            $0.sequence < $1.sequence
        })
        report.counts.rejected = problems.filter { !$0.problem.isConflict }.count
        report.rowsUsingDefaultOffset = producer.rowsUsingDefaultOffset
        report.flagged = producer.flagCounts
        var rejects = RejectsWriter(
            path: rejectsPath, header: rows.rejectsHeader, kind: rejectsKind)
        for p in problems {
            report.problems.append(p.problem)
            rejects.add(p.record, reason: p.problem.description)
        }
        progress(
            Progress(
                rowsRead: report.counts.read, fraction: report.stopped == nil ? 1 : rows.fraction))
        report.rejectsFile = try rejects.finish(force: options.force)
        if rejects.isEmpty && report.stopped == nil && !report.abortedByStrict {
            report.removedRejectsFile = Self.removeStaleRejects(rejectsPath)
        }
        try KitError.store { () throws(StoreError) in
            try database.finishImport(logID, counts: report.counts)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Removes a rejects file an earlier run of the same import left, when Selat wrote it and it
    /// was not changed since (a file being fixed by hand is kept). Returns its path if removed.
    static func removeStaleRejects(_ path: String) -> String? {
        guard OutputFile.writtenBySelat(path) == .rejects,
            ProtectedFiles.shared.role(of: path) == nil
        else { return nil }
        return unlink(path) == 0 ? path : nil
    }

    /// A deliberately low guess at bytes per CSV row (the minimal three columns), so the row
    /// estimate errs towards bulk loading.
    static let smallestRowBytes = 60

    static func guessFormat(_ path: String) -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "geojson" || ext == "json" ? .geojson : .csv
    }
}
