import Foundation
import GRDB
import SelatGeo
import SelatModel

/// Patrol plans as issued, so any of them can be shown, exported or re-issued later.
extension SelatDatabase {
    /// A stored plan in a list.
    public struct PlanSummary: Sendable, Hashable {
        public let id: Int64
        public let createdAt: Timestamp
        public let windowStart: Timestamp
        public let nights: Int
        public let seed: UInt64
        public let command: String
    }

    /// Stores a plan (in one transaction) and returns its number.
    public func savePlan(_ plan: PatrolPlan) throws(StoreError) -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let document: String
        let parameters: String
        do {
            document = String(decoding: try encoder.encode(plan), as: UTF8.self)
            parameters = String(decoding: try encoder.encode(plan.parameters), as: UTF8.self)
        } catch { throw StoreError.wrap(error) }
        let start = plan.nights.first?.start ?? plan.createdAt
        do {
            return try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO patrol_plan (created_at, window_start, nights, seed, command, parameters, document)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        plan.createdAt.millisecondsSince1970, start.millisecondsSince1970,
                        max(1, plan.nights.count),
                        String(plan.seed), plan.command, parameters, document,
                    ])
                return db.lastInsertedRowID
            }
        } catch { throw StoreError.wrap(error) }
    }

    /// Every stored plan, newest first.
    public func plans() throws(StoreError) -> [PlanSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, created_at, window_start, nights, seed, command FROM patrol_plan ORDER BY id DESC"
            ).map { row in
                PlanSummary(
                    id: row["id"], createdAt: Timestamp(millisecondsSince1970: row["created_at"]),
                    windowStart: Timestamp(millisecondsSince1970: row["window_start"]),
                    nights: row["nights"],
                    seed: UInt64(row["seed"] as String) ?? 0, command: row["command"])
            }
        }
    }

    /// One stored plan, whole.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    public func plan(id: Int64) throws(StoreError) -> PatrolPlan {
        let text: String? = try read { db in
            try String.fetchOne(
                db, sql: "SELECT document FROM patrol_plan WHERE id = ?", arguments: [id])
        }
        guard let text else { throw .notFound(kind: "plan", key: String(id)) }
        do {
            var plan = try JSONDecoder().decode(PatrolPlan.self, from: Data(text.utf8))
            plan.id = id
            return plan
        } catch { throw StoreError.wrap(error) }
    }
}
