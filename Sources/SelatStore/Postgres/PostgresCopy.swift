import Foundation
import PostgresNIO
import SelatGeo
import SelatModel

/// Large batches of sightings (imports) on PostgreSQL: the rows are sent with `COPY … FROM STDIN`
/// (PostgreSQL's bulk path, what `psql \copy` uses) instead of `INSERT` statements, inside the
/// caller's transaction and under the sightings' append lock, chained exactly as ``SelatDatabase``
/// chains every record.
extension SelatDatabase {
    /// The columns an import's COPY sends (for benchmarks that load the same rows another way).
    public static var copyColumnNames: [String] { copyColumns }

    /// The columns a COPY sends, in order.
    static let copyColumns = [
        "id", "observed_at", "observed_offset_min", "lat", "lon", "cell", "vessel_type",
        "activity", "persons_aboard", "heading_deg", "speed_kn", "source", "unit", "confidence",
        "confidence_level", "notes", "content_sha256", "created_at", "on_land", "chain_sha256",
        "seal_sha256", "outside_region", "inland_water",
    ]

    /// Copies the rows of `rows` whose id is not stored yet (the first of equal ids), chaining each
    /// to `head`; returns, per row, its log position when it was added.
    static func postgresCopy(
        _ rows: ArraySlice<PreparedSighting>, createdAt: Int64, head: inout [UInt8],
        _ runner: PostgresRunner
    ) throws -> [Int64?] {
        let stored = try runner.storedIDs(rows.map(\.sighting.id.rawValue))
        let before: Int64 = try runner.value("SELECT coalesce(max(seq), 0) FROM sighting") ?? 0
        var seen = Set<String>()
        var chained: [String] = []
        var line = CopyLine(buffer: ByteBuffer())
        line.buffer.reserveCapacity(rows.count * 420)
        for row in rows {
            let s = row.sighting
            let id = s.id.rawValue
            guard !stored.contains(id), seen.insert(id).inserted else { continue }
            head = SightingChain.link(
                previous: head, id: id, content: row.digest, createdAt: createdAt,
                supersedes: nil, reason: nil)
            chained.append(id)
            let (value, level) = Self.confidenceColumns(s.confidence)
            // Written straight into the buffer, field by field (no string per field).
            line.startRow()
            line.text(id)
            line.text(postgresTime(s.observedAt.millisecondsSince1970))
            line.int(Int64(s.observedAt.offsetMinutes))
            line.double(s.position.latitude)
            line.double(s.position.longitude)
            line.int(row.cell)
            line.text(s.vesselType.rawValue)
            line.text(s.activity.rawValue)
            line.int(s.personsAboard.map(Int64.init))
            line.double(s.headingDegrees)
            line.double(s.speed?.knots)
            line.text(s.source?.rawValue)
            line.text(s.unit)
            line.double(value)
            line.text(level)
            line.text(s.notes)
            line.bytes(row.digest)
            line.int(createdAt)
            line.int(s.onLand ? 1 : 0)
            line.bytes(head)
            line.bytes(row.seal)
            line.int(s.outsideRegion ? 1 : 0)
            line.int(s.inlandWater ? 1 : 0)
            line.endRow()
        }
        var positions: [String: Int64] = [:]
        if !chained.isEmpty {
            try runner.copy(table: "sighting", columns: copyColumns, data: line.buffer)
            // What PostgreSQL numbered, checked without reading every row back: the count, the
            // first and last numbers, and a hash of the ids in their order.
            var expected: [UInt8] = []
            expected.reserveCapacity(chained.count * 37)
            for (k, id) in chained.enumerated() {
                if k > 0 { expected.append(0x0A) }
                expected.append(contentsOf: id.utf8)
            }
            if let summary = try runner.row(
                "SELECT count(*), min(seq), max(seq), sha256(convert_to(string_agg(id, E'\\n' ORDER BY seq), 'UTF8')) FROM sighting WHERE seq > ?",
                [before]),
                let count: Int64 = summary[0], let low: Int64 = summary[1],
                let high: Int64 = summary[2], let digest: Data = summary[3],
                count == Int64(chained.count), high - low + 1 == count,
                Array(digest) == SHA256.hash(expected)
            {
                for (k, id) in chained.enumerated() { positions[id] = low + Int64(k) }
                return Self.positions(rows, positions)
            }
            let added = try runner.rows(
                "SELECT seq, id FROM sighting WHERE seq > ? ORDER BY seq", [before])
            guard added.count == chained.count else {
                throw StoreError.database(
                    "PostgreSQL added \(added.count) sightings where \(chained.count) were sent; nothing was stored"
                )
            }
            for (row, id) in zip(added, chained) {
                guard try row[1] as String == id else {
                    throw StoreError.database(
                        "PostgreSQL numbered the copied sightings out of the order they were chained in; nothing was stored"
                    )
                }
                positions[id] = try row[0]
            }
        }
        return Self.positions(rows, positions)
    }

    /// Per row, the log position it was added at (nil for a row not added, and for a later row
    /// with an id seen before in the batch).
    private static func positions(
        _ rows: ArraySlice<PreparedSighting>, _ positions: [String: Int64]
    ) -> [Int64?] {
        var seenAgain = Set<String>()
        return rows.map { row in
            let id = row.sighting.id.rawValue
            guard seenAgain.insert(id).inserted else { return nil }
            return positions[id]
        }
    }
}

/// Rows of COPY's text format: fields separated by tabs, `\N` for NULL, text with backslash,
/// tab, newline and carriage return escaped, bytes as bytea's hex form (`\\x…`, the backslash
/// escaped for COPY).
struct CopyLine {
    var buffer: ByteBuffer
    private var first = true

    init(buffer: ByteBuffer) { self.buffer = buffer }

    /// Begins a row (the next field is its first).
    mutating func startRow() { first = true }

    /// Ends a row.
    mutating func endRow() { buffer.writeInteger(UInt8(ascii: "\n")) }

    private mutating func separate() {
        if first { first = false } else { buffer.writeInteger(UInt8(ascii: "\t")) }
    }

    private mutating func null() { buffer.writeInteger(UInt16(0x5C4E)) }  // "\N"

    mutating func text(_ value: String?) {
        separate()
        guard let value else { return null() }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeInteger(UInt16(0x5C5C))
            case UInt8(ascii: "\t"): buffer.writeInteger(UInt16(0x5C74))
            case UInt8(ascii: "\n"): buffer.writeInteger(UInt16(0x5C6E))
            case UInt8(ascii: "\r"): buffer.writeInteger(UInt16(0x5C72))
            default: buffer.writeInteger(byte)
            }
        }
    }

    mutating func int(_ value: Int64?) {
        separate()
        guard let value else { return null() }
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: d[(20 - count)...]))
        }
    }

    mutating func double(_ value: Double?) {
        separate()
        guard let value else { return null() }
        // Swift's shortest representation that reads back to the same Double.
        buffer.writeString(value.description)
    }

    mutating func bytes(_ value: [UInt8]) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\\"))
        buffer.writeInteger(UInt8(ascii: "\\"))
        buffer.writeInteger(UInt8(ascii: "x"))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for b in value {
            buffer.writeInteger(hex[Int(b >> 4)])
            buffer.writeInteger(hex[Int(b & 15)])
        }
    }
}

extension PostgresRunner {
    /// Which of `ids` are stored (one query with an array parameter).
    func storedIDs(_ ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        var bindings = PostgresBindings()
        bindings.append(ids)
        let result = try answer(
            connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT id FROM sighting WHERE id = ANY($1)", binds: bindings),
                logger: logger))
        return Set(result.rows.compactMap { try? $0.decode(String.self) })
    }

    /// The content digests of those of `ids` that are stored.
    func storedDigests(_ ids: [String]) throws -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        var bindings = PostgresBindings()
        bindings.append(ids)
        let result = try answer(
            connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT id, content_sha256 FROM sighting WHERE id = ANY($1)",
                    binds: bindings), logger: logger))
        var out: [String: [UInt8]] = [:]
        for row in result.rows {
            let cells = row.makeRandomAccess()
            guard case .text(let id) = Self.sqlValue(cells[0]),
                case .blob(let digest) = Self.sqlValue(cells[1])
            else { continue }
            out[id] = digest
        }
        return out
    }

    /// `COPY table (columns) FROM STDIN` with `data` in COPY's text format, on this connection
    /// (inside its transaction). PostgresNIO's COPY is asynchronous; the store's callers are
    /// threads of their own (the command line's, the server's blocking pool), so this one waits.
    func copy(table: String, columns: [String], data: ByteBuffer) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = CopyOutcome()
        let connection = self.connection
        let logger = self.logger
        // The task runs on a thread of its own, never on Swift's shared pool: the caller may be
        // one of that pool's threads (a test, a server handler), blocked here until it ends.
        Task.detached(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) {
                    writer in
                    try await writer.write(data)
                }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        try waitWhileConnected(done)
        if let error = outcome.error { throw error }
    }
}

/// A thread of its own for the asynchronous part of a COPY, so that a caller blocked on one of
/// Swift's shared threads cannot starve it.
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "selat.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The error of a COPY run on another task, handed back to the waiting thread.
private final class CopyOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func set(_ error: any Error) {
        lock.lock()
        stored = error
        lock.unlock()
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
