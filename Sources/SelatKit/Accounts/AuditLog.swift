import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// The audit trail: what every front end records of writes, exports, logins, logouts and
/// refusals, and how it is read back and checked.
public struct AuditLog: Sendable {
    public let database: SelatDatabase

    public init(database: SelatDatabase) { self.database = database }

    /// Records one entry now.
    public func record(
        user: String?, action: String, target: String? = nil, detail: String? = nil,
        address: String? = nil
    ) throws(KitError) {
        let entry = AuditEntry(
            at: Timestamp(Date()), user: user, action: action, target: target.map(Self.clip),
            detail: detail.map(Self.clip), address: address)
        try KitError.store { () throws(StoreError) in _ = try database.appendAudit([entry]) }
    }

    /// Entries, newest first.
    public func list(user: String? = nil, since: Timestamp? = nil, limit: Int = 1000)
        throws(KitError) -> [AuditEntry]
    {
        try KitError.store { () throws(StoreError) in
            try database.auditEntries(user: user, since: since, limit: limit)
        }
    }

    /// At most 2,000 characters of a target or detail (a list of many ids), marked when cut.
    static func clip(_ text: String) -> String {
        text.count <= 2000 ? text : String(text.prefix(1990)) + " … (cut)"
    }
}
