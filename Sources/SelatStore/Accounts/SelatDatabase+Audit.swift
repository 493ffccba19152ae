import Foundation
import GRDB
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Appends entries to the audit trail in one transaction, each chained to the one before
    /// (``AuditChain``), and records the trail's head.
    /// - Returns: the entries with their sequence numbers.
    @discardableResult
    public func appendAudit(_ entries: [AuditEntry]) throws(StoreError) -> [AuditEntry] {
        guard !entries.isEmpty else { return [] }
        return try write { db in try Self.appendAudit(entries, db) }
    }

    /// Appends audit entries inside a transaction the caller holds.
    static func appendAudit(_ entries: [AuditEntry], _ db: Database) throws -> [AuditEntry] {
        guard !entries.isEmpty else { return [] }
        do {
            var (last, previous) = try Self.auditTail(db)
            var stored: [AuditEntry] = []
            let insert = try db.cachedStatement(
                sql:
                    "INSERT INTO audit (seq, at, user_name, action, target, detail, address, link_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            )
            for var e in entries {
                last += 1
                e.sequence = last
                previous = AuditChain.link(previous: previous, e)
                try insert.execute(arguments: [
                    e.sequence, e.at.millisecondsSince1970, e.user, e.action, e.target, e.detail,
                    e.address, Data(previous),
                ])
                stored.append(e)
            }
            try db.cachedStatement(
                sql:
                    "INSERT INTO setting (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ).execute(arguments: ["\(last) " + SHA256.hex(previous)])
            return stored
        }
    }

    /// The last entry's sequence number and link (0 and the genesis when the trail is empty).
    static func auditTail(_ db: Database) throws -> (Int64, [UInt8]) {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT seq, link_sha256 FROM audit ORDER BY seq DESC LIMIT 1"))
        else { return (0, SightingChain.genesis) }
        return (row[0], Array(row[1] as Data))
    }

    /// Audit entries, newest first: of one user, since a time, at most `limit`.
    public func auditEntries(user: String? = nil, since: Timestamp? = nil, limit: Int = 1000)
        throws(StoreError) -> [AuditEntry]
    {
        var clauses: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if let user {
            clauses.append("user_name = ? COLLATE NOCASE")
            args.append(user)
        }
        if let since {
            clauses.append("at >= ?")
            args.append(since.millisecondsSince1970)
        }
        var sql = "SELECT * FROM audit"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY seq DESC LIMIT ?"
        args.append(limit)
        let arguments = StatementArguments(args)
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditEntry(
                    sequence: row["seq"], at: Timestamp(millisecondsSince1970: row["at"]),
                    user: row["user_name"], action: row["action"], target: row["target"],
                    detail: row["detail"], address: row["address"])
            }
        }
    }

    /// The first thing wrong with the audit trail (entries in order, each link, the recorded
    /// head), in words; nil when every entry is as Selat recorded it.
    public func auditChainProblem() throws(StoreError) -> String? {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
            var previous = SightingChain.genesis
            var last: Int64 = 0
            while let row = try rows.next() {
                let e = AuditEntry(
                    sequence: row["seq"], at: Timestamp(millisecondsSince1970: row["at"]),
                    user: row["user_name"], action: row["action"], target: row["target"],
                    detail: row["detail"], address: row["address"])
                if e.sequence != last + 1 {
                    return
                        "the audit trail is missing entry #\(last + 1) (before #\(e.sequence)): it was deleted outside Selat"
                }
                let expected = AuditChain.link(previous: previous, e)
                guard Array(row["link_sha256"] as Data) == expected else {
                    return "audit entry #\(e.sequence) (\(e.action)) was edited outside Selat"
                }
                previous = expected
                last = e.sequence
            }
            let recorded = try String.fetchOne(
                db, sql: "SELECT value FROM setting WHERE key = 'audit_head'")
            if let recorded, recorded != "\(last) " + SHA256.hex(previous) {
                return
                    "the audit trail does not end where Selat recorded it (\(recorded.prefix(12))…): entries were deleted or edited outside Selat"
            }
            if recorded == nil && last > 0 {
                return
                    "the audit trail's recorded end is missing: the setting table was edited outside Selat"
            }
            return nil
        }
    }
}
