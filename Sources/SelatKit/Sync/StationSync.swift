import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// A station's side of sync (`selat sync`): sends the centre every record of this log it has not
/// acknowledged, in log order, then stores the records of other stations the centre gives it.
///
/// Each step is kept as soon as it is done (the centre's acknowledgement; a page of pulled
/// records, then how far this log has read), so a sync cut at any point — the link, the
/// process, either machine — resumes where it stopped, and repeating a step changes nothing:
/// records are matched by id and content digest. A record that meets another with the same id
/// and other content is a conflict, kept on both sides, never stored over the other.
public struct StationSync: Sendable {
    public let database: SelatDatabase
    public let transport: any SyncTransport
    /// The centre's address, as this log remembers its state with it.
    public let server: String
    /// The station's name, for people at the centre.
    public let name: String
    /// Records per request.
    public var batchSize = SyncCentre.batchLimit

    public init(database: SelatDatabase, transport: any SyncTransport, server: String, name: String)
    {
        self.database = database
        self.transport = transport
        self.server = server
        self.name = name
    }

    /// What one sync did.
    public struct Report: Sendable, Hashable, Codable {
        /// This log's station id.
        public var station = ""
        /// Records sent, and what the centre did with them.
        public var sent = 0
        public var added = 0
        public var alreadyThere = 0
        public var conflictsPushed = 0
        /// Records received, and what this log did with them.
        public var received = 0
        public var stored = 0
        public var alreadyHere = 0
        public var conflictsPulled = 0
        /// Records the centre did not send (personal fields not for this account), or that
        /// correct a record this station does not hold.
        public var heldBack = 0
        /// How far the centre has acknowledged this log, and how far this log has read the
        /// centre's.
        public var pushedThrough: Int64 = 0
        public var pulledThrough: Int64 = 0

        public init() {}
    }

    /// How far a sync has come (for a progress line).
    public enum Progress: Sendable {
        case pushed(sent: Int, through: Int64)
        case pulled(received: Int, through: Int64)
    }

    /// Pushes, then pulls.
    /// - Throws: ``KitError/sync(_:)`` (the centre unreachable or refusing, a log that does not
    ///   match what the centre acknowledged); what was done before the error stays done.
    public func run(progress: (Progress) -> Void = { _ in }) throws(KitError) -> Report {
        var report = Report()
        let station = try KitError.store { () throws(StoreError) in try database.stationID() }
        report.station = station
        var peer =
            try KitError.store { () throws(StoreError) in try database.syncPeer(server: server) }
            ?? SyncPeer(server: server)
        try push(station: station, peer: &peer, report: &report, progress: progress)
        try pull(station: station, peer: &peer, report: &report, progress: progress)
        return report
    }

    private func push(
        station: String, peer: inout SyncPeer, report: inout Report, progress: (Progress) -> Void
    ) throws(KitError) {
        let head = try transport.head(station: station)
        var through = head.pushedThrough
        if through > 0 {
            // The centre's last record from this station must be this log's record there.
            let local = try KitError.store { () throws(StoreError) in
                try database.chainLink(before: through + 1)
            }
            guard local.sequence == through, let hash = local.hash,
                SHA256.hex(hash) == head.chainSHA256?.lowercased()
            else { throw .sync(.historyDiffers(sequence: through)) }
        }
        peer.pushedSequence = through
        peer.pushedChain = head.chainSHA256.flatMap(SHA256.bytes(hex:))
        // Conflicts the centre kept, whether or not their answer reached this station.
        let known = try KitError.store { () throws(StoreError) in
            Set(
                try database.syncConflicts().filter { $0.server == server && $0.direction == .push }
                    .map(\.sightingID))
        }
        let missed = head.conflicts.filter { !known.contains($0.id) }.map {
            pushConflict($0, at: Timestamp(Date()))
        }
        if !missed.isEmpty {
            report.conflictsPushed += missed.count
            let saved = peer
            try KitError.store { () throws(StoreError) in
                try database.saveSyncPeer(saved, conflicts: missed)
            }
        }
        while true {
            var batch: [SyncRecord] = []
            var damaged: Int64?
            try KitError.store { () throws(StoreError) in
                try database.forEachChainRecord(from: through + 1, pageSize: batchSize + 1) { r in
                    guard let s = r.sighting, let chain = r.chain,
                        r.currentContent == r.storedContent, r.hasSeal, r.sealMatches
                    else {
                        damaged = r.sequence
                        return false
                    }
                    batch.append(
                        SyncRecord(
                            s, sequence: r.sequence, content: r.storedContent,
                            createdAt: r.createdAt, supersedes: r.supersedes, reason: r.reason,
                            chain: chain))
                    return batch.count < batchSize
                }
            }
            if batch.isEmpty {
                if let damaged { throw .sync(.recordDamaged(sequence: damaged, side: .station)) }
                break
            }
            let answer = try transport.push(SyncPush(station: station, name: name, records: batch))
            guard answer.pushedThrough > through else {
                throw .sync(.badAnswer(server: server, .nothingAcknowledged(through: through)))
            }
            var conflicts: [SyncConflict] = []
            let now = Timestamp(Date())
            for result in answer.results {
                switch result.outcome {
                case .added: report.added += 1
                case .duplicate: report.alreadyThere += 1
                case .conflict:
                    report.conflictsPushed += 1
                    conflicts.append(pushConflict(result, at: now))
                }
            }
            report.sent += batch.count
            through = answer.pushedThrough
            peer.pushedSequence = through
            peer.pushedChain = answer.chainSHA256.flatMap(SHA256.bytes(hex:))
            peer.lastAt = now
            let saved = peer
            try KitError.store { () throws(StoreError) in
                try database.saveSyncPeer(saved, conflicts: conflicts)
            }
            progress(.pushed(sent: report.sent, through: through))
        }
        report.pushedThrough = through
    }

    private func pull(
        station: String, peer: inout SyncPeer, report: inout Report, progress: (Progress) -> Void
    ) throws(KitError) {
        while true {
            let answer = try transport.pull(
                station: station, after: peer.pulledSequence, limit: batchSize)
            report.heldBack += answer.heldBack
            report.received += answer.records.count
            // (Checked before anything of the page is stored.)
            guard answer.next >= peer.pulledSequence else {
                throw .sync(
                    .badAnswer(
                        server: server,
                        .pageGoesBack(from: peer.pulledSequence, next: answer.next)))
            }
            var conflicts: [SyncConflict] = []
            try store(answer.records, report: &report, conflicts: &conflicts)
            let moved = answer.next > peer.pulledSequence
            peer.pulledSequence = answer.next
            peer.lastAt = Timestamp(Date())
            let saved = peer
            try KitError.store { () throws(StoreError) in
                try database.saveSyncPeer(saved, conflicts: conflicts)
            }
            progress(.pulled(received: report.received, through: peer.pulledSequence))
            if !answer.more || !moved { break }
        }
        report.pulledThrough = peer.pulledSequence
    }

    /// Stores a page of the centre's records in order: runs of originals in one transaction,
    /// corrections each after what it corrects.
    private func store(
        _ records: [SyncRecord], report: inout Report, conflicts: inout [SyncConflict]
    ) throws(KitError) {
        var sightings: [Sighting] = []
        for (k, record) in records.enumerated() {
            do { sightings.append(try record.sighting()) } catch {
                throw .sync(.badAnswer(server: server, .badRecord(index: k, error)))
            }
        }
        var versions = try KitError.store { () throws(StoreError) in
            try database.storedVersions(ids: records.map(\.id) + records.compactMap(\.supersedes))
        }
        let now = Timestamp(Date())
        var run: [Sighting] = []
        func flush() throws(KitError) {
            guard !run.isEmpty else { return }
            let prepared = run.map(PreparedSighting.init)
            run = []
            let outcomes = try KitError.store { () throws(StoreError) in
                try database.insert(prepared: prepared)
            }
            for (p, outcome) in zip(prepared, outcomes) {
                switch outcome {
                case .added: report.stored += 1
                case .duplicate: report.alreadyHere += 1
                case .conflict:
                    // (Stored meanwhile by another writer of this log.)
                    report.conflictsPulled += 1
                    if let r = records.first(where: { $0.id == p.sighting.id.rawValue }) {
                        conflicts.append(conflict(r, at: now))
                    }
                }
            }
        }
        for (record, sighting) in zip(records, sightings) {
            if let stored = versions[record.id] {
                if stored.content == record.content && stored.supersedes == record.supersedes
                    && stored.reason == record.reason
                {
                    report.alreadyHere += 1
                } else {
                    report.conflictsPulled += 1
                    conflicts.append(conflict(record, at: now))
                }
                continue
            }
            versions[record.id] = StoredVersion(
                content: record.content, supersedes: record.supersedes, reason: record.reason,
                correctedBy: nil)
            guard let target = record.supersedes, let reason = record.reason else {
                run.append(sighting)
                continue
            }
            try flush()
            let old = try KitError.store { () throws(StoreError) in
                try database.storedVersions(ids: [target])
            }[target]
            guard let old else {
                // It corrects a record this station was not sent.
                report.heldBack += 1
                continue
            }
            if old.correctedBy != nil {
                report.conflictsPulled += 1
                conflicts.append(conflict(record, at: now))
                continue
            }
            guard let targetID = try? SightingID(target) else {
                report.heldBack += 1
                continue
            }
            do throws(StoreError) {
                _ = try database.correct(targetID, with: sighting, reason: reason)
                report.stored += 1
            } catch .alreadyCorrected, .notFound, .idTaken, .correctionChangesNothing {
                report.conflictsPulled += 1
                conflicts.append(conflict(record, at: now))
            } catch {
                throw .store(error)
            }
        }
        try flush()
    }

    private func pushConflict(_ result: SyncPushAnswer.Result, at: Timestamp) -> SyncConflict {
        SyncConflict(
            server: server, direction: .push, sightingID: result.id,
            theirs: result.existing.map { ResultJSON.text($0) }
                ?? ResultJSON.text(["reason": result.reason ?? "not_held"]),
            at: at)
    }

    private func conflict(_ record: SyncRecord, at: Timestamp) -> SyncConflict {
        SyncConflict(
            server: server, direction: .pull, sightingID: record.id,
            theirs: ResultJSON.text(record), at: at)
    }
}
