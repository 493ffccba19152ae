import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// The centre's side of station sync: takes a station's records in its log order, and gives a
/// station the records of the others that its account may see in full.
///
/// A pushed record is checked before anything is stored: its fields must make a valid sighting
/// whose content digest is the one the station stored, and its chain hash must follow the last
/// record the centre holds from that station — so the centre can show, link by link, that the
/// station's records arrived as logged (`selat verify` recomputes the links). Then each record is
/// stored as new, recognised as already held (same id and content: a retry, or a record the
/// station had pulled), or kept as a conflict beside the centre's record, which it never
/// replaces. Corrections travel as the new records they are. Every step can be repeated: a sync
/// cut anywhere resumes where the centre's acknowledgement stands.
public struct SyncCentre: Sendable {
    public let database: SelatDatabase
    /// The most records in one pushed batch or pulled page.
    public static let batchLimit = 500

    public init(database: SelatDatabase) { self.database = database }

    /// Where `station` stands, and the conflicts kept from it.
    public func head(station: String) throws(KitError) -> SyncHead {
        try Self.checkStation(station)
        let (link, kept) = try KitError.store { () throws(StoreError) in
            (
                try database.syncHead(station: station),
                try database.syncConflictLinks(station: station)
            )
        }
        var conflicts: [SyncPushAnswer.Result] = []
        for k in kept {
            conflicts.append(
                try conflict(
                    sequence: k.sequence, id: k.sightingID, existing: k.sightingID, reason: nil))
        }
        return SyncHead(
            station: station, pushedThrough: link?.sequence ?? 0,
            chainSHA256: link.map { SHA256.hex($0.chain) }, conflicts: conflicts)
    }

    /// Takes a batch of `user`'s station's records.
    /// - Throws: ``SyncError`` (as ``KitError/sync(_:)``) when the batch as a whole is refused;
    ///   ``KitError/store(_:)``.
    public func push(_ batch: SyncPush, user: UserAccount) throws(KitError) -> SyncPushAnswer {
        try Self.checkStation(batch.station)
        let name = batch.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw .sync(.badStation(field: "name", value: batch.name))
        }
        guard batch.records.count <= Self.batchLimit else {
            throw .sync(.tooManyRecords(batch.records.count, limit: Self.batchLimit))
        }
        var sightings: [Sighting] = []
        var last: Int64 = 0
        for (k, record) in batch.records.enumerated() {
            do { sightings.append(try record.sighting()) } catch {
                throw .sync(.badRecord(index: k, error))
            }
            guard record.sequence > last else {
                throw .sync(.notInOrder(index: k, sequence: record.sequence, after: last))
            }
            last = record.sequence
        }
        let station = batch.station
        let head = try KitError.store { () throws(StoreError) in
            try database.syncHead(station: station)
        }
        // Records the centre acknowledged already (a retry after a cut): they must be the same.
        let known = batch.records.filter { $0.sequence <= (head?.sequence ?? 0) }
        let links = try KitError.store { () throws(StoreError) in
            try database.syncLinks(station: station, sequences: known.map(\.sequence))
        }
        for record in known where links[record.sequence]?.chain != record.chain {
            throw .sync(.historyDiffers(sequence: record.sequence))
        }
        var previous = head?.chain ?? SightingChain.genesis
        var previousSequence = head?.sequence ?? 0
        var fresh: [(index: Int, record: SyncRecord, sighting: Sighting)] = []
        for (k, record) in batch.records.enumerated() where record.sequence > previousSequence {
            guard record.follows(previous) else {
                throw .sync(
                    .chainBroken(
                        index: k, sequence: record.sequence, id: record.id,
                        after: previousSequence))
            }
            previous = record.chain
            previousSequence = record.sequence
            fresh.append((k, record, sightings[k]))
        }
        let origin = SightingOrigin(agency: user.agency, user: user.name)
        let results = try store(
            fresh.map { ($0.record, $0.sighting) }, station: station, origin: origin)
        let kept = zip(fresh, results).map { item, result in
            SyncLink(
                station: station, sequence: item.record.sequence, sightingID: item.record.id,
                content: item.record.content, createdAt: item.record.createdAt,
                supersedes: item.record.supersedes, reason: item.record.reason,
                chain: item.record.chain, outcome: result.outcome,
                record: result.outcome == .conflict ? ResultJSON.text(item.record) : nil)
        }
        try KitError.store { () throws(StoreError) in
            try database.saveSyncLinks(station: station, name: name, user: user.name, kept)
        }
        let now = try self.head(station: station)
        return SyncPushAnswer(
            results: results, pushedThrough: now.pushedThrough, chainSHA256: now.chainSHA256)
    }

    /// Stores new records in order: runs of originals in one transaction each, corrections one
    /// by one (each after what it corrects).
    private func store(
        _ records: [(SyncRecord, Sighting)], station: String, origin: SightingOrigin
    ) throws(KitError) -> [SyncPushAnswer.Result] {
        var ids = records.map(\.0.id)
        ids += records.compactMap(\.0.supersedes)
        var versions = try KitError.store { () throws(StoreError) in
            try database.storedVersions(ids: ids)
        }
        var results: [SyncPushAnswer.Result?] = Array(repeating: nil, count: records.count)
        var run: [Int] = []
        func flush() throws(KitError) {
            guard !run.isEmpty else { return }
            let prepared = run.map { PreparedSighting(records[$0].1) }
            let indices = run
            run = []
            let outcomes = try KitError.store { () throws(StoreError) in
                try database.insertStoring(
                    prepared: prepared, origins: Array(repeating: origin, count: prepared.count),
                    audit: { _ in [] })
            }
            for (k, outcome) in zip(indices, outcomes) {
                let record = records[k].0
                switch outcome.outcome {
                case .added, .duplicate:
                    results[k] = .init(
                        sequence: record.sequence, id: record.id,
                        outcome: outcome.outcome == .added ? .added : .duplicate)
                    versions[record.id] = StoredVersion(
                        content: record.content, supersedes: nil, reason: nil, correctedBy: nil)
                case .conflict:
                    results[k] = try conflict(record, existing: record.id, reason: nil)
                }
            }
        }
        for (k, (record, sighting)) in records.enumerated() {
            if let stored = versions[record.id] {
                let same =
                    stored.content == record.content && stored.supersedes == record.supersedes
                    && stored.reason == record.reason
                results[k] =
                    same
                    ? .init(sequence: record.sequence, id: record.id, outcome: .duplicate)
                    : try conflict(record, existing: record.id, reason: nil)
                continue
            }
            guard let target = record.supersedes, let reason = record.reason else {
                run.append(k)
                versions[record.id] = StoredVersion(
                    content: record.content, supersedes: nil, reason: nil, correctedBy: nil)
                continue
            }
            try flush()
            let current = try KitError.store { () throws(StoreError) in
                try database.storedVersions(ids: [target])
            }
            guard let old = current[target] else {
                results[k] = try conflict(record, existing: nil, reason: "not_held")
                continue
            }
            if let by = old.correctedBy {
                results[k] = try conflict(record, existing: by, reason: nil)
                continue
            }
            // A correction of a record the centre refused from this station corrects the
            // station's record, not the centre's: a conflict too.
            let theirs = try KitError.store { () throws(StoreError) in
                try database.linkedOutcomes(from: station, among: [target])
            }
            let conflicted = results.contains {
                $0?.outcome == .conflict && $0?.id == target
            }
            if conflicted || theirs[target] == .conflict {
                results[k] = try conflict(record, existing: target, reason: nil)
                continue
            }
            guard let targetID = try? SightingID(target) else {
                results[k] = try conflict(record, existing: nil, reason: "not_held")
                continue
            }
            do throws(StoreError) {
                _ = try database.correct(targetID, with: sighting, reason: reason, origin: origin)
                results[k] = .init(sequence: record.sequence, id: record.id, outcome: .added)
                versions[record.id] = StoredVersion(
                    content: record.content, supersedes: target, reason: reason,
                    correctedBy: nil)
            } catch .alreadyCorrected, .notFound, .idTaken, .correctionChangesNothing {
                results[k] = try conflict(record, existing: nil, reason: "not_applicable")
            } catch {
                throw .store(error)
            }
        }
        try flush()
        return results.compactMap { $0 }
    }

    /// A conflict result, with the centre's record `existing` as it stands in its log.
    private func conflict(_ record: SyncRecord, existing id: String?, reason: String?)
        throws(KitError) -> SyncPushAnswer.Result
    {
        try conflict(sequence: record.sequence, id: record.id, existing: id, reason: reason)
    }

    private func conflict(sequence: Int64, id: String, existing: String?, reason: String?)
        throws(KitError) -> SyncPushAnswer.Result
    {
        var theirs: SyncRecord?
        if let existing { theirs = try self.record(id: existing) }
        return .init(
            sequence: sequence, id: id, outcome: .conflict, existing: theirs,
            reason: theirs == nil ? (reason ?? "not_held") : nil)
    }

    /// The centre's record `id` as it travels, if stored.
    func record(id: String) throws(KitError) -> SyncRecord? {
        guard let sightingID = try? SightingID(id) else { return nil }
        return try KitError.store { () throws(StoreError) -> SyncRecord? in
            guard let stored = try database.sighting(id: sightingID) else { return nil }
            var found: SelatDatabase.ChainRecord?
            try database.forEachChainRecord(from: stored.sequence, pageSize: 1) { r in
                found = r
                return false
            }
            guard let r = found, r.sequence == stored.sequence else { return nil }
            return SyncRecord(
                stored.sighting, sequence: r.sequence, content: r.storedContent,
                createdAt: r.createdAt, supersedes: r.supersedes, reason: r.reason,
                chain: r.chain ?? [])
        }
    }

    /// A page of records after `after` for `station`: not the station's own, and only those
    /// `user` may see in full (a record with a unit or notes goes to an account that may see
    /// them: an admin, or an officer of the agency that logged it).
    public func pull(station: String, after: Int64, limit: Int, user: UserAccount)
        throws(KitError) -> SyncPullAnswer
    {
        try Self.checkStation(station)
        let limit = max(1, min(limit, Self.batchLimit))
        var page: [SelatDatabase.ChainRecord] = []
        var damaged: Int64?
        var more = false
        try KitError.store { () throws(StoreError) in
            try database.forEachChainRecord(from: max(after, 0) + 1, pageSize: limit + 1) { r in
                if page.count == limit {
                    more = true
                    return false
                }
                guard r.sighting != nil, r.chain != nil, r.currentContent == r.storedContent
                else {
                    damaged = r.sequence
                    return false
                }
                page.append(r)
                return true
            }
        }
        if let damaged, page.isEmpty {
            throw .sync(.recordDamaged(sequence: damaged, side: .centre))
        }
        let ids = page.map(\.id)
        let own = try KitError.store { () throws(StoreError) in
            try database.linkedOutcomes(from: station, among: ids)
        }
        let role = user.role
        var agencies: [SightingID: String] = [:]
        if !role.permits(.seeAllPersonal) {
            agencies = try KitError.store { () throws(StoreError) in
                try database.origins(of: page.compactMap { $0.sighting?.id })
            }
        }
        var records: [SyncRecord] = []
        var heldBack = 0
        for r in page where own[r.id] == nil {
            guard let s = r.sighting, let chain = r.chain else { continue }
            let personal = s.unit != nil || s.notes != nil
            let mayRead =
                !personal || role.permits(.seeAllPersonal)
                || (role.permits(.seeOwnAgencyPersonal) && agencies[s.id] == user.agency)
            guard mayRead else {
                heldBack += 1
                continue
            }
            records.append(
                SyncRecord(
                    s, sequence: r.sequence, content: r.storedContent, createdAt: r.createdAt,
                    supersedes: r.supersedes, reason: r.reason, chain: chain))
        }
        return SyncPullAnswer(
            records: records, next: page.last?.sequence ?? max(after, 0), heldBack: heldBack,
            more: more || damaged != nil)
    }

    /// A station id: 8 to 64 letters, digits and hyphens (a UUID).
    static func checkStation(_ station: String) throws(KitError) {
        let ok =
            (8...64).contains(station.utf8.count)
            && station.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5a).contains($0)
                    || (0x61...0x7a).contains($0) || $0 == 0x2d
            }
        guard ok else { throw .sync(.badStation(field: "station", value: station)) }
    }
}
