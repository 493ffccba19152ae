import Foundation
import SelatModel
import SelatStore
import SelatWords

/// Where a row came from, kept beside its sighting so a conflict found at write time can be
/// reported and written to the rejects file like any other problem.
struct RowOrigin: Sendable {
    let sequence: Int
    let origin: SourceRow.Origin
    let record: ArraySlice<UInt8>

    /// Where the row is, in `words`' language.
    func location(_ words: Words) -> String { origin.location(words) }
}

/// A batch of checked rows on its way to the database.
struct ImportBatch: Sendable {
    var items: [PreparedSighting] = []
    var origins: [RowOrigin] = []
    var rowsRead = 0
    var fraction = 0.0
}

/// A refused row, in file order.
struct RowProblem: Sendable {
    let sequence: Int
    let problem: ImportProblem
    let record: ArraySlice<UInt8>
}

/// Reads and checks rows, on its own thread, handing batches to the writer.
///
/// Its counters are read by the importer only after the producer has finished.
final class ImportProducer: @unchecked Sendable {
    private var rows: any RowSource
    private let options: SightingImporter.Options
    private let landCheck: LandCheck
    private(set) var problems: [RowProblem] = []
    private(set) var rowsRead = 0
    private(set) var rowsUsingDefaultOffset = 0
    /// Rows accepted with each flag.
    private(set) var flagCounts = ImportReport.FlagCounts()

    init(rows: any RowSource, options: SightingImporter.Options, landCheck: LandCheck) {
        self.rows = rows
        self.options = options
        self.landCheck = landCheck
    }

    /// Reads every row, sending full batches; closes the channel at the end or stops early if the
    /// writer cancels.
    func produce(into channel: BatchChannel<ImportBatch>) {
        defer { channel.close() }
        while let batch = nextBatch() {
            guard channel.send(batch) else { return }
        }
    }

    /// Reads every row on this thread and returns all batches (for `--strict`).
    func collectAll() -> [ImportBatch] {
        var batches: [ImportBatch] = []
        while let batch = nextBatch() { batches.append(batch) }
        return batches
    }

    /// The next batch of up to ``SightingImporter/Options/batchSize`` good rows (bad rows are
    /// recorded as problems on the way), or nil at the end of the file.
    private func nextBatch() -> ImportBatch? {
        var batch = ImportBatch()
        var sawRow = false
        while batch.items.count < options.batchSize, let row = rows.next() {
            sawRow = true
            accept(row, into: &batch)
        }
        guard sawRow else { return nil }
        batch.rowsRead = rowsRead
        batch.fraction = rows.fraction
        return batch
    }

    private func accept(_ row: SourceRow, into batch: inout ImportBatch) {
        rowsRead += 1
        let sequence = rowsRead
        if let problem = row.problem {
            problems.append(
                RowProblem(sequence: sequence, problem: problem, record: row.rejectsRecord))
            return
        }
        let parsed: (sighting: Sighting, usedDefaultOffset: Bool)
        do {
            parsed = try Sighting.reading(
                { row.value($0) }, defaultOffsetMinutes: options.defaultOffsetMinutes)
        } catch {
            let column = SightingColumn(rawValue: error.field)
            let problem = ImportProblem(
                location: row.location(landCheck.names.words), field: error.field,
                value: column.flatMap { row.value($0) },
                reason: error.words(landCheck.names.words), isConflict: false)
            problems.append(
                RowProblem(sequence: sequence, problem: problem, record: row.rejectsRecord))
            return
        }
        let sighting: Sighting
        do { sighting = try landCheck.check(parsed.sighting) } catch {
            let column = SightingColumn(rawValue: error.field)
            let problem = ImportProblem(
                location: row.location(landCheck.names.words), field: error.field,
                value: column.flatMap { row.value($0) } ?? error.value,
                reason: error.reason, isConflict: false)
            problems.append(
                RowProblem(sequence: sequence, problem: problem, record: row.rejectsRecord))
            return
        }
        if sighting.onLand { flagCounts.onLand += 1 }
        if sighting.outsideRegion { flagCounts.outsideRegion += 1 }
        if sighting.inlandWater { flagCounts.inlandWater += 1 }
        if parsed.usedDefaultOffset { rowsUsingDefaultOffset += 1 }
        batch.items.append(PreparedSighting(sighting))
        batch.origins.append(
            RowOrigin(sequence: sequence, origin: row.origin, record: row.rejectsRecord))
    }
}
