import Foundation
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
        return try transaction { db in
            let id = try db.insertReturningID(
                """
                INSERT INTO patrol_plan (created_at, window_start, nights, seed, command, parameters, document)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    plan.createdAt.millisecondsSince1970, start.millisecondsSince1970,
                    max(1, plan.nights.count), String(plan.seed), plan.command, parameters,
                    document,
                ])
            if db.engine == .postgresql { try Self.savePlanRoutes(plan, id: id, db) }
            return id
        }
    }

    /// On PostgreSQL, each boat's route of each night as a line (`plan_route`), for GIS clients.
    static func savePlanRoutes(_ plan: PatrolPlan, id: Int64, _ db: any SQLRunner) throws {
        for night in plan.nights {
            for boat in night.boats {
                let points = boat.legs.flatMap { $0 }
                guard points.count >= 2 else { continue }
                let wkt =
                    "LINESTRING("
                    + points.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ", ") + ")"
                try db.execute(
                    """
                    INSERT INTO plan_route (plan_id, night, boat, agency, distance_nm, geom)
                    VALUES (?, ?, ?, ?, ?, ST_GeomFromText(?, 4326))
                    """,
                    [id, night.number, boat.callSign, boat.agency, boat.nauticalMiles, wkt])
            }
        }
    }

    /// Every stored plan, newest first.
    public func plans() throws(StoreError) -> [PlanSummary] {
        try reading { db in
            try db.rows(
                "SELECT id, created_at, window_start, nights, seed, command FROM patrol_plan ORDER BY id DESC",
                []
            ).map { row in
                PlanSummary(
                    id: try row["id"],
                    createdAt: Timestamp(millisecondsSince1970: try row["created_at"]),
                    windowStart: Timestamp(millisecondsSince1970: try row["window_start"]),
                    nights: try row["nights"],
                    seed: UInt64(try row["seed"] as String) ?? 0, command: try row["command"])
            }
        }
    }

    /// One stored plan, whole.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    public func plan(id: Int64) throws(StoreError) -> PatrolPlan {
        let text: String? = try reading { db in
            try db.value("SELECT document FROM patrol_plan WHERE id = ?", [id], as: String.self)
        }
        guard let text else { throw .notFound(kind: "plan", key: String(id)) }
        do {
            var plan = try JSONDecoder().decode(PatrolPlan.self, from: Data(text.utf8))
            plan.id = id
            return plan
        } catch { throw StoreError.wrap(error) }
    }
}
