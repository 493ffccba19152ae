import Foundation
import SelatModel
import SelatStore

/// `selat verify`: walks the sighting log's chain and names the first record that was edited,
/// deleted, inserted or reordered outside Selat.
public struct ChainVerifier: Sendable {
    public let database: SelatDatabase

    public init(database: SelatDatabase) { self.database = database }

    /// What the walk found.
    public struct Report: Sendable, Codable {
        public var records = 0
        /// Station sync: the stations whose origin links were walked, and the links checked
        /// (at a centre); the centres whose acknowledgement was checked (at a station).
        public var syncStations = 0
        public var originLinks = 0
        public var syncCentres = 0
        /// The last record's sequence number and chain hash (hex): write it down to detect later cuts.
        public var headSequence: Int64 = 0
        public var head = SHA256.hex(SightingChain.genesis)
        /// `PRAGMA integrity_check`.
        public var integrity = "ok"
        /// The first problem, in words, naming the record; nil when the log verifies.
        public var problem: String?
        /// The record the problem is at.
        public var problemSequence: Int64?

        public var verified: Bool { problem == nil && integrity == "ok" }
    }

    /// Walks the chain.
    /// - Parameters:
    ///   - first: Start at this record (its link to the record before is checked too); the walk
    ///     always goes on to the end of the log and the recorded head.
    ///   - progress: records checked so far (every 100,000).
    ///   - visit: called with each record that verifies and the chain hash before it.
    /// Everything compared — the records, the link before the first, the recorded head, the
    /// integrity check — is read in one read transaction, so records logged by other processes
    /// during the walk are simply not seen (never reported as deleted or inserted).
    public func verify(
        from first: Int64 = 0, progress: (Int) -> Void = { _ in },
        visit: (SelatDatabase.ChainRecord, _ previous: [UInt8]) -> Void = { _, _ in }
    ) throws(KitError) -> Report {
        try KitError.inSnapshot(database) { () throws(KitError) in
            try walk(from: first, progress: progress, visit: visit)
        }
    }

    private func walk(
        from first: Int64, progress: (Int) -> Void,
        visit: (SelatDatabase.ChainRecord, _ previous: [UInt8]) -> Void
    ) throws(KitError) -> Report {
        var report = Report()
        report.integrity = try KitError.store { () throws(StoreError) in
            try database.integrityCheck()
        }
        let before = try KitError.store { () throws(StoreError) in
            try database.chainLink(before: first)
        }
        guard var previous = before.hash else {
            report.problem =
                "record #\(before.sequence) has no chain hash: it was inserted outside Selat"
            report.problemSequence = before.sequence
            return report
        }
        var previousSequence = before.sequence
        var broken: SelatDatabase.ChainRecord?
        try KitError.store { () throws(StoreError) in
            try database.forEachChainRecord(from: first) { r in
                func fail(_ text: String) -> Bool {
                    report.problem = text
                    report.problemSequence = r.sequence
                    return false
                }
                let name =
                    "record #\(r.sequence) (sighting \(r.id), logged \(Timestamp(millisecondsSince1970: r.createdAt).iso8601(offsetMinutes: 420)))"
                guard let chain = r.chain else {
                    return fail("\(name) has no chain hash: it was inserted outside Selat")
                }
                if let why = r.unreadable {
                    return fail(
                        "\(name) was edited outside Selat: its fields no longer make a valid sighting (\(why))"
                    )
                }
                if r.currentContent != r.storedContent {
                    return fail(
                        "\(name) was edited outside Selat: its fields no longer match the hash taken when it was logged"
                    )
                }
                if let expected = r.expectedCell, expected != r.storedCell {
                    return fail(
                        "\(name) was edited outside Selat: its spatial key (cell \(r.storedCell)) does not match its position "
                            + "(cell \(expected)), so searches by area would not find it")
                }
                if chain != r.expectedChain(after: previous) {
                    broken = r
                    return fail("")
                }
                if !r.hasSeal {
                    return fail(
                        "\(name) has no seal: it was written outside Selat (or by a Selat older than its database)"
                    )
                }
                if !r.sealMatches {
                    return fail(
                        "\(name) was edited outside Selat: its UTC offset (\(Timestamp.offsetText(r.offsetMinutes))) "
                            + "does not match the seal taken when it was logged")
                }
                visit(r, previous)
                previous = chain
                previousSequence = r.sequence
                report.records += 1
                if report.records % 100_000 == 0 { progress(report.records) }
                return true
            }
        }
        if let r = broken {
            report.problem = try explainBreak(r, previousSequence: previousSequence)
            return report
        }
        guard report.problem == nil else { return report }
        report.headSequence = previousSequence
        report.head = SHA256.hex(previous)
        if let recorded = try KitError.store({ () throws(StoreError) in
            try database.recordedChainHead()
        }) {
            if recorded.sequence > previousSequence {
                report.problem =
                    "the log ends at record #\(previousSequence) but Selat last logged record #\(recorded.sequence): "
                    + "the records after #\(previousSequence) were deleted outside Selat"
                report.problemSequence = previousSequence + 1
            } else if recorded.sequence == previousSequence && recorded.hash != report.head {
                report.problem =
                    "the last record #\(previousSequence) does not end the chain Selat recorded (head \(recorded.hash.prefix(16))…): it was replaced outside Selat"
                report.problemSequence = previousSequence
            }
        } else if report.records > 0 {
            report.problem =
                "the chain head Selat records with each write is missing: the setting table was edited outside Selat"
        }
        // Which sightings belong to which case decides what a case's bundle holds: its own chain.
        if report.problem == nil,
            let problem = try KitError.store({ () throws(StoreError) in
                try database.caseChainProblem()
            })
        {
            report.problem = problem
        }
        // The station server's audit trail is chained the same way.
        if report.problem == nil,
            let problem = try KitError.store({ () throws(StoreError) in
                try database.auditChainProblem()
            })
        {
            report.problem = problem
        }
        // Station sync: the links the centre keeps of each station's chain, and, at a station,
        // the records each centre acknowledged.
        if report.problem == nil, let problem = try syncProblem(&report) {
            report.problem = problem
        }
        return report
    }

    /// The first origin link that does not hold: a station's chain, recomputed from the links
    /// the centre keeps, must run unbroken from the station's first record; each record the
    /// centre stored or already held must still be, in the centre's log, the record the station
    /// sent. At a station, the record each centre acknowledged must still end what it
    /// acknowledged.
    private func syncProblem(_ report: inout Report) throws(KitError) -> String? {
        var counted = report
        defer { report = counted }
        return try KitError.store { () throws(StoreError) -> String? in
            for station in try database.syncStations() {
                counted.syncStations += 1
                var previous = SightingChain.genesis
                var problem: String?
                var pending: [SyncLink] = []
                func checkPending() throws(StoreError) -> String? {
                    let versions = try database.storedVersions(ids: pending.map(\.sightingID))
                    defer { pending.removeAll() }
                    for link in pending {
                        guard let v = versions[link.sightingID] else {
                            return
                                "sighting \(link.sightingID), record #\(link.sequence) of station \(station.name) (\(station.id)), is not in this log any more: it was deleted outside Selat"
                        }
                        if v.content != link.content || v.supersedes != link.supersedes
                            || v.reason != link.reason
                        {
                            return
                                "sighting \(link.sightingID) differs from record #\(link.sequence) as station \(station.name) (\(station.id)) sent it: it was altered outside Selat"
                        }
                    }
                    return nil
                }
                try database.forEachSyncLink(station: station.id) { link in
                    guard link.chain == link.expectedChain(after: previous) else {
                        problem =
                            "the origin link of record #\(link.sequence) from station \(station.name) (\(station.id)) does not follow the record before it: the station's records as the centre received them were altered, deleted or reordered outside Selat"
                        return false
                    }
                    previous = link.chain
                    counted.originLinks += 1
                    if link.outcome != .conflict { pending.append(link) }
                    if pending.count >= 500 {
                        problem = try checkPending()
                        return problem == nil
                    }
                    return true
                }
                if problem == nil { problem = try checkPending() }
                if let problem { return problem }
            }
            for peer in try database.syncPeers() where peer.pushedSequence > 0 {
                counted.syncCentres += 1
                let local = try database.chainLink(before: peer.pushedSequence + 1)
                guard local.sequence == peer.pushedSequence, local.hash == peer.pushedChain else {
                    return
                        "record #\(peer.pushedSequence) is not the record the centre \(peer.server) acknowledged from this log: it was altered or deleted outside Selat after it was sent"
                }
            }
            return nil
        }
    }

    /// A record whose content is intact but whose chain hash does not follow the record before it:
    /// a record before it was deleted, or records were reordered, or one was inserted.
    private func explainBreak(_ r: SelatDatabase.ChainRecord, previousSequence: Int64)
        throws(KitError) -> String
    {
        let name = "record #\(r.sequence) (sighting \(r.id))"
        var follows: Int64?
        let first = previousSequence > 0 && r.expectedChain(after: SightingChain.genesis) == r.chain
        try KitError.store { () throws(StoreError) in
            try database.forEachChainRecord { other in
                if let c = other.chain, other.sequence != r.sequence,
                    r.expectedChain(after: c) == r.chain
                {
                    follows = other.sequence
                    return false
                }
                return true
            }
        }
        if let j = follows {
            if j > r.sequence {
                return
                    "\(name) is out of order: it was logged after record #\(j), which now comes after it (the log was reordered outside Selat)"
            }
            return
                "\(name) was logged right after record #\(j): the records between #\(j) and #\(r.sequence) were deleted outside Selat"
        }
        if first {
            return
                "\(name) was logged first, but records now come before it: they were inserted outside Selat"
        }
        if r.sequence > previousSequence + 1 {
            let gap =
                r.sequence - 1 == previousSequence + 1
                ? "#\(r.sequence - 1)" : "#\(previousSequence + 1)…#\(r.sequence - 1)"
            return
                "the record logged just before \(name) is missing (no record \(gap)): it was deleted outside Selat"
        }
        return
            "\(name) does not follow record #\(previousSequence): the record logged before it was deleted, or it or its hash was altered, outside Selat"
    }
}
