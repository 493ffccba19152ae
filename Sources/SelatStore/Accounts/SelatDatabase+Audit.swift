import Foundation
import SelatGeo
import SelatModel

extension SelatDatabase {
    /// Appends entries to the audit trail in one transaction, each chained to the one before
    /// (``AuditChain``), and records the trail's head.
    /// - Returns: the entries with their sequence numbers.
    @discardableResult
    public func appendAudit(_ entries: [AuditEntry]) throws(StoreError) -> [AuditEntry] {
        guard !entries.isEmpty else { return [] }
        return try transaction { db in try Self.appendAudit(entries, db) }
    }

    /// Appends audit entries inside a transaction the caller holds.
    static func appendAudit(_ entries: [AuditEntry], _ db: any SQLRunner) throws -> [AuditEntry] {
        guard !entries.isEmpty else { return [] }
        // One appender at a time (SQLite's write lock already is; PostgreSQL takes a lock).
        try db.lockForAppending(.audit)
        var (last, previous) = try Self.auditTail(db)
        var stored: [AuditEntry] = []
        for var e in entries {
            last += 1
            e.sequence = last
            previous = AuditChain.link(previous: previous, e)
            try db.execute(
                "INSERT INTO audit (seq, at, user_name, action, target, detail, address, link_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    e.sequence, e.at.millisecondsSince1970, e.user, e.action, e.target, e.detail,
                    e.address, Data(previous),
                ])
            stored.append(e)
        }
        try Self.setSetting("audit_head", "\(last) " + SHA256.hex(previous), db)
        return stored
    }

    /// The last entry's sequence number and link (0 and the genesis when the trail is empty).
    static func auditTail(_ db: any SQLRunner) throws -> (Int64, [UInt8]) {
        guard
            let row = try db.row("SELECT seq, link_sha256 FROM audit ORDER BY seq DESC LIMIT 1")
        else { return (0, SightingChain.genesis) }
        return (try row[0], Array(try row[1] as Data))
    }

    /// Audit entries, newest first: of one user, since a time, at most `limit`.
    public func auditEntries(user: String? = nil, since: Timestamp? = nil, limit: Int = 1000)
        throws(StoreError) -> [AuditEntry]
    {
        var clauses: [String] = []
        var args: SQLArguments = []
        if let user {
            clauses.append("lower(user_name) = lower(?)")
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
        return try reading { db in try db.rows(sql, args).map(Self.auditEntry) }
    }

    /// The first thing wrong with the audit trail (entries in order, each link, the recorded
    /// head), in words; nil when every entry is as Selat recorded it.
    public func auditChainProblem() throws(StoreError) -> String? {
        try reading { db in
            var previous = SightingChain.genesis
            var last: Int64 = 0
            for row in try db.rows("SELECT * FROM audit ORDER BY seq", []) {
                let e = try Self.auditEntry(row)
                if e.sequence != last + 1 {
                    return
                        "the audit trail is missing entry #\(last + 1) (before #\(e.sequence)): it was deleted outside Selat"
                }
                let expected = AuditChain.link(previous: previous, e)
                guard Array(try row["link_sha256"] as Data) == expected else {
                    return "audit entry #\(e.sequence) (\(e.action)) was edited outside Selat"
                }
                previous = expected
                last = e.sequence
            }
            let recorded = try db.value(
                "SELECT value FROM setting WHERE key = 'audit_head'", as: String.self)
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

    static func auditEntry(_ row: SQLRow) throws(StoreError) -> AuditEntry {
        AuditEntry(
            sequence: try row["seq"], at: Timestamp(millisecondsSince1970: try row["at"]),
            user: row["user_name"], action: try row["action"], target: row["target"],
            detail: row["detail"], address: row["address"])
    }
}
