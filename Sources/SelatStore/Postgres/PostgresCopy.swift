import Foundation
import PostgresNIO
import SelatGeo
import SelatModel

/// Large batches of sightings (imports) on PostgreSQL: the rows are sent with `COPY … FROM STDIN`
/// (PostgreSQL's bulk path, what `psql \copy` uses) instead of `INSERT` statements, inside the
/// caller's transaction and under the sightings' append lock, chained exactly as ``SelatDatabase``
/// chains every record.
extension SelatDatabase {
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
        var text = ByteBuffer()
        text.reserveCapacity(rows.count * 420)
        for row in rows {
            let s = row.sighting
            let id = s.id.rawValue
            guard !stored.contains(id), seen.insert(id).inserted else { continue }
            head = SightingChain.link(
                previous: head, id: id, content: row.digest, createdAt: createdAt,
                supersedes: nil, reason: nil)
            chained.append(id)
            let (value, level) = Self.confidenceColumns(s.confidence)
            let fields: [String?] = [
                id, postgresTime(s.observedAt.millisecondsSince1970),
                String(s.observedAt.offsetMinutes), "\(s.position.latitude)",
                "\(s.position.longitude)", String(row.cell), s.vesselType.rawValue,
                s.activity.rawValue, s.personsAboard.map(String.init),
                s.headingDegrees.map { "\($0)" }, s.speed.map { "\($0.knots)" },
                s.source?.rawValue, s.unit, value.map { "\($0)" }, level, s.notes,
                Self.copyBytes(row.digest), String(createdAt), s.onLand ? "1" : "0",
                Self.copyBytes(head), Self.copyBytes(row.seal), s.outsideRegion ? "1" : "0",
                s.inlandWater ? "1" : "0",
            ]
            for (k, field) in fields.enumerated() {
                if k > 0 { text.writeInteger(UInt8(ascii: "\t")) }
                if let field {
                    Self.writeCopyText(field, to: &text)
                } else {
                    text.writeString("\\N")
                }
            }
            text.writeInteger(UInt8(ascii: "\n"))
        }
        var positions: [String: Int64] = [:]
        if !chained.isEmpty {
            try runner.copy(table: "sighting", columns: copyColumns, data: text)
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
        var seenAgain = Set<String>()
        return rows.map { row in
            let id = row.sighting.id.rawValue
            guard seenAgain.insert(id).inserted else { return nil }
            return positions[id]
        }
    }

    /// A bytea value in COPY's text format (`\\x` then hex: the backslash escaped for COPY).
    static func copyBytes(_ bytes: [UInt8]) -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var out = "\\\\x"
        out.reserveCapacity(4 + bytes.count * 2)
        for b in bytes {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
        return out
    }

    /// Text in COPY's text format: backslash, tab, newline and carriage return escaped (a bytea
    /// value from ``copyBytes(_:)`` is already escaped and passes through unchanged, having none of
    /// the others).
    static func writeCopyText(_ text: String, to buffer: inout ByteBuffer) {
        if text.hasPrefix("\\\\x") {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
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
