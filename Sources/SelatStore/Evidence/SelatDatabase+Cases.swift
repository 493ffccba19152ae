import Foundation
import GRDB
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
    /// - Throws: ``StoreError/refused(_:)`` naming an id that is not in the log, or a blank name.
    public func addToCase(_ name: String, ids: [SightingID]) throws(StoreError) -> (
        added: Int, total: Int
    ) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw .refused("a case needs a name, e.g. --case \"LP/123/XI/2026\"")
        }
        return try write { db in
            var added = 0
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            for id in ids {
                guard
                    try Int.fetchOne(
                        db, sql: "SELECT 1 FROM sighting WHERE id = ?", arguments: [id.rawValue])
                        != nil
                else {
                    throw StoreError.refused(
                        "no sighting \(id) in the log; check the id with `selat sighting list`")
                }
                try db.execute(
                    sql:
                        "INSERT INTO evidence_case (name, sighting_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [name, id.rawValue, now])
                added += db.changesCount
            }
            return (
                added,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM evidence_case WHERE name = ?", arguments: [name])
                    ?? added
            )
        }
    }

    /// The sightings in a case, in the order they were added (empty if there is no such case).
    public func caseSightingIDs(_ name: String) throws(StoreError) -> [SightingID] {
        try read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT sighting_id FROM evidence_case WHERE name = ? ORDER BY added_at, sighting_id",
                arguments: [name.trimmingCharacters(in: .whitespaces)]
            ).map { try SightingID($0) }
        }
    }

    /// Every case, by name.
    public func evidenceCases() throws(StoreError) -> [EvidenceCase] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, count(*) FROM evidence_case GROUP BY name ORDER BY name"
            )
            .map { EvidenceCase(name: $0[0], count: $0[1]) }
        }
    }
}
