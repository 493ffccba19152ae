import Foundation
import SelatModel

/// Cases: named sets of sightings gathered for a prosecution (`selat evidence case …`), so an
/// evidence bundle can be made for the whole case at once.
extension SelatDatabase {
    /// A case and how many sightings it holds.
    public struct EvidenceCase: Sendable, Hashable {
        public let name: String
        public let count: Int
    }

    /// Adds sightings to a case (created on first use), all or none.
    /// - Returns: How many were not in the case before, and how many it holds now.
    /// - Throws: ``StoreError/unknownSighting(id:)`` naming an id that is not in the log, or ``StoreError/caseNeedsName`` for a blank name.
    public func addToCase(_ name: String, ids: [SightingID]) throws(StoreError) -> (
        added: Int, total: Int
    ) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw .caseNeedsName
        }
        return try transaction { db in
            var added = 0
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try db.lockForAppending(.cases)
            var (seq, head) = try Self.caseChainEnd(db)
            for id in ids {
                guard
                    try db.value("SELECT 1 FROM sighting WHERE id = ?", [id.rawValue], as: Int.self)
                        != nil
                else {
                    throw StoreError.unknownSighting(id: id.description)
                }
                guard
                    try db.value(
                        "SELECT 1 FROM evidence_case WHERE name = ? AND sighting_id = ?",
                        [name, id.rawValue], as: Int.self) == nil
                else { continue }
                seq += 1
                head = CaseChain.link(
                    previous: head, name: name, sightingID: id.rawValue, addedAt: now)
                try db.execute(
                    "INSERT INTO evidence_case (name, sighting_id, added_at, seq, link_sha256) VALUES (?, ?, ?, ?, ?)",
                    [name, id.rawValue, now, seq, Data(head)])
                added += 1
            }
            try Self.saveCaseHead(db, seq: seq, hash: head)
            return (
                added,
                try db.value(
                    "SELECT count(*) FROM evidence_case WHERE name = ?", [name], as: Int.self)
                    ?? added
            )
        }
    }

    /// The sightings in a case, in the order they were added (empty if there is no such case).
    public func caseSightingIDs(_ name: String) throws(StoreError) -> [SightingID] {
        try reading { db in
            try db.values(
                "SELECT sighting_id FROM evidence_case WHERE name = ? ORDER BY seq, added_at, sighting_id",
                [name.trimmingCharacters(in: .whitespaces)], as: String.self
            ).map { try SightingID($0) }
        }
    }

    /// Every case, by name.
    public func evidenceCases() throws(StoreError) -> [EvidenceCase] {
        try reading { db in
            try db.rows("SELECT name, count(*) FROM evidence_case GROUP BY name ORDER BY name", [])
                .map { EvidenceCase(name: try $0[0], count: try $0[1]) }
        }
    }

    /// The last entry of the case chain (0 and the genesis hash when there is none).
    static func caseChainEnd(_ db: any SQLRunner) throws -> (Int64, [UInt8]) {
        guard
            let row = try db.row(
                "SELECT seq, link_sha256 FROM evidence_case WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
            )
        else { return (0, SightingChain.genesis) }
        let link: Data? = row[1]
        return (try row[0], link.map { Array($0) } ?? SightingChain.genesis)
    }

    /// Records the case chain's head, so entries cut from the end are noticed.
    static func saveCaseHead(_ db: any SQLRunner, seq: Int64, hash: [UInt8]) throws {
        try db.execute(
            "INSERT INTO setting (key, value) VALUES ('case_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ["\(seq) " + SHA256.hex(hash)])
    }

    /// The first thing wrong with the case chain (entries in order, links, the recorded head), in
    /// words; nil when every entry is as Selat recorded it.
    public func caseChainProblem() throws(StoreError) -> String? {
        try reading { db in
            let rows = try db.rows(
                "SELECT seq, name, sighting_id, added_at, link_sha256 FROM evidence_case ORDER BY seq IS NULL DESC, seq",
                [])
            var previous = SightingChain.genesis
            var last: Int64 = 0
            for row in rows {
                let name: String = try row[1]
                let id: String = try row[2]
                let what = "case \"\(name)\", sighting \(id)"
                guard let seq: Int64 = row[0], let link: Data = row[4] else {
                    return
                        "the case list holds an entry Selat did not record (\(what)): it was inserted outside Selat"
                }
                if seq != last + 1 {
                    return
                        "the case list is missing entry #\(last + 1) (before \(what)): it was deleted outside Selat"
                }
                let expected = CaseChain.link(
                    previous: previous, name: name, sightingID: id, addedAt: try row[3])
                guard Array(link) == expected else {
                    return "case list entry #\(seq) (\(what)) was edited outside Selat"
                }
                previous = expected
                last = seq
            }
            let recorded = try db.value(
                "SELECT value FROM setting WHERE key = 'case_head'", as: String.self)
            let head = "\(last) " + SHA256.hex(previous)
            if let recorded, recorded != head {
                let parts = recorded.split(separator: " ")
                if let n = parts.first.flatMap({ Int64($0) }), n > last {
                    return
                        "the case list ends at entry #\(last) but Selat last recorded entry #\(n): entries were deleted outside Selat"
                }
                return
                    "the case list does not end where Selat recorded it: it was edited outside Selat"
            }
            if recorded == nil && last > 0 {
                return
                    "the case list's recorded end is missing: the setting table was edited outside Selat"
            }
            return nil
        }
    }
}
