import Foundation
import SelatModel
import SelatStore

/// Group commit for many writers at once (the station server): sightings handed in by concurrent
/// requests are stored together, many in one transaction, and each caller is answered only once
/// the transaction holding its sighting is durable (SQLite in WAL mode, `synchronous=FULL`).
/// While one group is being written and synced, the next one gathers, so the rate is not one
/// fsync per request.
///
/// Should the database refuse a whole group (a constraint one record breaks), its sightings are
/// written again one by one, so only the record at fault is refused.
public final class SightingCommitter: @unchecked Sendable {
    /// A sighting and, for the station server, the agency and user that logged it and the audit
    /// entry to record when it is new (in the group's transaction, not one of its own).
    public struct Submission: Sendable {
        /// The sighting with its digest and key, computed by the caller's thread, not the
        /// writer's.
        public let prepared: PreparedSighting
        public let origin: SightingOrigin?
        public let audit: AuditEntry?
        public var sighting: Sighting { prepared.sighting }

        public init(sighting: Sighting, origin: SightingOrigin?, audit: AuditEntry? = nil) {
            self.prepared = PreparedSighting(sighting)
            self.origin = origin
            self.audit = audit
        }
    }

    public let database: SelatDatabase
    /// The most sightings in one transaction.
    public let groupLimit: Int

    private let lock = NSLock()
    private var pending: [(Submission, CheckedContinuation<Committed, any Error>)] = []
    private var writing = false
    private let queue = DispatchQueue(label: "selat.group-commit")
    /// Groups written so far and the sightings in them (for benchmarks and tests).
    public private(set) var groups = 0
    public private(set) var written = 0

    /// The writer's page cache while groups are committed, in MiB: small, because SQLite walks
    /// the whole cache at the end of many small transactions
    /// (``SelatDatabase/setWriterCache(megabytes:)``). 8 MiB against the default 64: about 5 %
    /// more sightings a second in A/B runs of `Tools/bench-server.sh`, on empty and on
    /// million-row logs — within this machine's noise.
    public static let writerCacheMegabytes = 8

    /// A group commit on `database`; sets its writer's page cache to ``writerCacheMegabytes``
    /// (a tuning: should SQLite refuse it, the default cache stays and nothing else changes).
    public init(database: SelatDatabase, groupLimit: Int = 2_000) {
        self.database = database
        self.groupLimit = groupLimit
        try? database.setWriterCache(megabytes: Self.writerCacheMegabytes)
    }

    /// What became of a submission: the outcome, and the record as stored when it was added.
    public struct Committed: Sendable {
        public let outcome: InsertOutcome
        /// The added sighting with its place in the log and time stored (nil unless added).
        public let stored: StoredSighting?
    }

    /// Stores `submission` with whatever else is waiting; returns once it is durable.
    /// - Throws: ``KitError/store(_:)`` when the database refuses it.
    public func insert(_ submission: Submission) async throws -> Committed {
        try await withCheckedThrowingContinuation { continuation in
            let start = lock.withLock { () -> Bool in
                pending.append((submission, continuation))
                guard !writing else { return false }
                writing = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// How long the writer waits for a small group to grow before writing it (PostgreSQL's
    /// `commit_delay`, in spirit). Zero (the default) writes at once: a group still gathers while
    /// the one before it is written and synced, and on the benchmark machine (fsync about 0.1 ms)
    /// waiting 2 ms cost a fifth of the rate (`Tools/bench-server.sh`, Benchmarks/README.md).
    /// A disk with slow syncs may gain from a short wait.
    public var gatherDelay: TimeInterval = 0
    /// A group this large is written without waiting.
    public var gatherTarget = 48

    /// Writes groups until nothing waits.
    private func drain() {
        while true {
            if gatherDelay > 0, lock.withLock({ pending.count }) < gatherTarget {
                Thread.sleep(forTimeInterval: gatherDelay)
            }
            let group = lock.withLock {
                () -> [(Submission, CheckedContinuation<Committed, any Error>)] in
                let next = Array(pending.prefix(groupLimit))
                pending.removeFirst(next.count)
                if next.isEmpty { writing = false }
                return next
            }
            guard !group.isEmpty else { return }
            write(group)
        }
    }

    private func write(_ group: [(Submission, CheckedContinuation<Committed, any Error>)]) {
        do {
            // The sightings, their origins and the audit entries of the new ones: one transaction.
            let submissions = group.map(\.0)
            let outcomes = try database.insertStoring(
                prepared: submissions.map(\.prepared),
                origins: submissions.map(\.origin),
                audit: { outcomes in
                    zip(submissions, outcomes).compactMap { s, o in o == .added ? s.audit : nil }
                })
            lock.withLock {
                groups += 1
                written += group.count
            }
            for (k, item) in group.enumerated() {
                item.1.resume(
                    returning: Committed(outcome: outcomes[k].outcome, stored: outcomes[k].stored))
            }
        } catch {
            guard group.count > 1 else {
                group[0].1.resume(
                    throwing: KitError.store(error))
                return
            }
            // One record may be at fault: each on its own.
            for item in group { write([item]) }
        }
    }
}
