import Foundation
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore
import SelatWords

/// "Plan tonight's joint patrol": the fleet from the database, targets from a hotspot run and
/// typed places, sea distances from the router, the planner, every leg routed and checked, and
/// the plan stored so it can be re-issued.
public struct PatrolPlanner {
    /// What the planner asked for.
    public struct Request: Sendable {
        public var start: Timestamp
        public var hours: Double
        /// Call signs; empty: every boat in the fleet.
        public var boats: [String] = []
        /// A stored hotspot run (nil: the latest gistar, emerging or dbscan run, if any).
        public var hotspotRun: Int64?
        public var useHotspots = true
        public var targets: [PatrolTargets.Spec] = []
        /// Default time at each target.
        public var dwell: TimeInterval = 900
        /// Boats allowed to (`waters = coordinated`) may enter the neighbours' waters.
        public var coordinated = false
        /// `PLACE@TIME`: every boat chosen meets there then.
        public var rendezvous: String?
        /// Let the planner choose where two boats of different agencies meet.
        public var joint = false
        public var nights = 1
        /// Several nights: start from the coverage of the last `historyDays` days, as the
        /// patrols' tracks show it (`realised`) or as the plans set it (`planned`); nil: from none.
        public var coverageHistory: PatrolCoverage.History?
        public var historyDays = 14
        public var seed: UInt64 = 1
        public var iterations: Int?
        public var maxTargets = 200
        public var command = ""
        public var synthetic = false

        public init(start: Timestamp, hours: Double) {
            self.start = start
            self.hours = hours
        }
    }

    /// How long boats stay together at a rendezvous.
    public static let meetingDwell: TimeInterval = 1200

    public let routing: SeaRouting
    public let database: SelatDatabase

    public init(routing: SeaRouting, database: SelatDatabase) {
        self.routing = routing
        self.database = database
    }

    /// Makes, checks and stores the plan: the fleet, the targets, the sea distances between
    /// them, the planning problem, its solution routed leg by leg on the map, and the plan as
    /// issued.
    /// - Throws: ``KitError`` saying what cannot be done and what to change.
    public func plan(_ request: Request, progress: (Phrase) -> Void = { _ in }) throws(KitError)
        -> PatrolPlan
    {
        guard (0.5...24).contains(request.hours) else {
            throw .invalidRequest(.patrolHours(request.hours, allowed: 0.5...24))
        }
        guard (1...366).contains(request.nights) else {
            throw .invalidRequest(.patrolNights(request.nights, allowed: 1...366))
        }
        var notes: [PlanNote] = []
        let router = try routing.router()
        let (boats, bases) = try fleet(request)
        let candidates = try targets(request, notes: &notes)
        let network = try network(
            request, boats: boats, bases: bases, candidates: candidates, router: router,
            notes: &notes)
        progress(Phrase("progress.plan.distances", ["count": "\(network.positions.count)"]))
        let national = Set(
            boats.filter { !(request.coordinated && $0.waters == .coordinated) }.map(\.callSign))
        let metres = try distances(network, national: national, router: router, notes: &notes)
        var problem = try problem(
            request, boats: boats, bases: bases, network: network, metres: metres,
            notes: &notes)
        let legs = LegBook(
            router: router, boundaries: routing.geoData.boundaries, national: national)
        progress(
            Phrase(
                "progress.plan.planning",
                ["boats": "\(boats.count)", "targets": "\(candidates.count)"]))
        let solved = try solve(&problem, request, legs: legs, progress: progress, notes: &notes)
        if legs.foreignLegs > 0 {
            notes.append(.foreignLegsRemoved(count: legs.foreignLegs))
        }
        var plan = issue(
            request, boats: boats, network: network, problem: problem, solved: solved,
            legs: legs, notes: notes)
        plan.id = try KitError.store { () throws(StoreError) in try database.savePlan(plan) }
        return plan
    }

    static func parameters(_ r: Request, boats: [Boat]) -> [String: String] {
        var p: [String: String] = [
            "start": r.start.iso8601(offsetMinutes: 420), "hours": String(r.hours),
            "boats": boats.map(\.callSign).joined(separator: ","),
            "nights": String(r.nights), "seed": String(r.seed),
            "dwell_minutes": String(r.dwell / 60),
            "coordinated": String(r.coordinated), "joint": String(r.joint),
            "max_targets": String(r.maxTargets),
        ]
        if let run = r.hotspotRun { p["hotspot_run"] = String(run) }
        if !r.useHotspots { p["hotspots"] = "none" }
        if let rv = r.rendezvous { p["rendezvous"] = rv }
        if let it = r.iterations { p["iterations"] = String(it) }
        if let h = r.coverageHistory {
            p["coverage_from"] = h.rawValue
            p["history_days"] = String(r.historyDays)
        }
        if !r.targets.isEmpty {
            p["targets"] = r.targets.map {
                "\($0.place)=\($0.priority)" + ($0.dwell.map { "/\(Int($0 / 60))m" } ?? "")
            }.joined(separator: "; ")
        }
        return p
    }
}
