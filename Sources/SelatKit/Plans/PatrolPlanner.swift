import Foundation
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore

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

    /// Makes, checks and stores the plan.
    /// - Throws: ``KitError`` saying what cannot be done and what to change.
    public func plan(_ request: Request, progress: (String) -> Void = { _ in }) throws(KitError)
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
        let geo = routing.geoData

        // The fleet.
        let fleet = try KitError.store { () throws(StoreError) in try database.boats() }
        guard !fleet.isEmpty else {
            throw .notFound(.noBoats)
        }
        var boats: [Boat] = []
        for name in request.boats {
            guard let boat = fleet.first(where: { $0.callSign == name.uppercased() }) else {
                throw .notFound(.boat(callSign: name, fleet: fleet.map(\.callSign)))
            }
            if !boats.contains(boat) { boats.append(boat) }
        }
        if boats.isEmpty { boats = fleet }
        let bases = try KitError.store { () throws(StoreError) in try database.bases() }

        // Targets.
        let targetFinder = PatrolTargets(routing: routing)
        var candidates: [PatrolTargets.Candidate] = []
        if request.useHotspots {
            let runs = try KitError.store { () throws(StoreError) in try database.hotspotRuns() }
            let run: HotspotRunRecord?
            if let id = request.hotspotRun {
                guard let found = runs.first(where: { $0.id == id }) else {
                    throw .notFound(.hotspotRun(id: id, stored: runs.compactMap(\.id)))
                }
                run = found
            } else {
                run = runs.filter { ["gistar", "emerging", "dbscan"].contains($0.method) }.max {
                    ($0.id ?? 0) < ($1.id ?? 0)
                }
            }
            if let run, let id = run.id {
                let stored = try KitError.store { () throws(StoreError) in
                    try database.hotspotRun(id: id)
                }
                let hot = try targetFinder.fromHotspotRun(
                    stored, dwell: request.dwell, notes: &notes)
                notes.append(.targetsFromRun(run: id, method: run.method, count: hot.count))
                candidates += hot
            }
        }
        let unit =
            candidates.isEmpty
            ? 1 : candidates.reduce(0) { $0 + $1.weight } / Double(candidates.count)
        for spec in request.targets {
            candidates.append(
                try targetFinder.fromSpec(
                    spec, unit: unit, dwell: request.dwell, database: database))
        }
        guard !candidates.isEmpty else {
            throw .invalidRequest(.nothingToPatrol)
        }
        if !request.targets.isEmpty {
            notes.append(
                .typedTargetWeight(
                    unit: unit,
                    noHotspots: unit == 1 && candidates.count == request.targets.count))
        }
        candidates.sort { $0.weight > $1.weight }
        if candidates.count > request.maxTargets {
            notes.append(.targetsLimited(planned: request.maxTargets, of: candidates.count))
            candidates = Array(candidates.prefix(request.maxTargets))
        }

        // Who may go where.
        var foreign = Set<Int>()
        for (i, c) in candidates.enumerated() {
            if case .other = geo.boundaries.jurisdiction(of: c.position) { foreign.insert(i) }
        }
        if !foreign.isEmpty {
            notes.append(.foreignTargets(count: foreign.count, coordinated: request.coordinated))
        }

        // Nodes: targets, then bases, then the rendezvous.
        var baseNames: [String] = []
        for boat in boats {
            for b in [boat.homeBase] + bases.filter({ $0.agency == boat.agency }).map(\.name)
            where !baseNames.contains(where: { $0.caseInsensitiveCompare(b) == .orderedSame }) {
                baseNames.append(b)
            }
        }
        var basePositions: [Coordinate] = []
        for name in baseNames {
            guard
                let base = bases.first(where: {
                    $0.name.caseInsensitiveCompare(name) == .orderedSame
                })
            else {
                throw .notFound(.base(name: name))
            }
            if !geo.coastline.isLand(base.position)
                && router.shoreDistance(base.position) >= router.clearance
            {
                basePositions.append(base.position)
            } else if let water = router.nearestWater(to: base.position, within: .kilometres(5)) {
                basePositions.append(water.position)
            } else {
                throw .invalidRequest(.baseOffWater(name: name, limit: .kilometres(5)))
            }
        }
        func baseNode(_ name: String) -> Int {
            candidates.count + baseNames.firstIndex {
                $0.caseInsensitiveCompare(name) == .orderedSame
            }!
        }
        var positions = candidates.map(\.position) + basePositions
        var labels = candidates.map(\.name) + baseNames
        var rendezvous: (name: String, time: Timestamp)?
        if let text = request.rendezvous {
            guard let at = text.lastIndex(of: "@") else {
                throw .invalidRequest(.rendezvousFormat(text))
            }
            let stop = try routing.stop(
                String(text[..<at]).trimmingCharacters(in: .whitespaces), snap: .kilometres(5),
                database: database)
            let time: Timestamp
            do {
                time = try Timestamp.parse(
                    String(text[text.index(after: at)...]).trimmingCharacters(in: .whitespaces),
                    defaultOffsetMinutes: 420
                ).timestamp
            } catch { throw .invalidRequest(.rendezvousTime(text, reason: error.description)) }
            let offset =
                Double(time.millisecondsSince1970 - request.start.millisecondsSince1970) / 1000
            guard offset >= 0, offset <= request.hours * 3600 else {
                throw .invalidRequest(
                    .rendezvousOutsideWindow(time: time, start: request.start, hours: request.hours)
                )
            }
            guard boats.count >= 2 else {
                throw .patrol(.meetingNeedsTwoBoats(place: stop.label))
            }
            positions.append(stop.position)
            labels.append("Rendezvous (\(stop.label))")
            rendezvous = ("Rendezvous (\(stop.label))", time)
        }

        // Sea distances.
        progress("Sea distances between \(positions.count) points …")
        let matrix: DistanceMatrix
        // Boats that must stay in Indonesian waters: each pair's route is checked against the
        // boundaries while the matrix has it, and one that crosses is taken out of the table.
        let national = Set(
            boats.filter { !(request.coordinated && $0.waters == .coordinated) }.map(\.callSign))
        let boundaries = geo.boundaries
        var crossesBoundary: (@Sendable ([Coordinate]) -> Bool)?
        if !national.isEmpty {
            crossesBoundary = { @Sendable points in boundaries.reachesOtherSide(points) }
        }
        do { matrix = try router.matrix(positions, labels: labels, flag: crossesBoundary) } catch {
            throw .routing(error)
        }
        let n = positions.count
        var metres = PatrolProblem.metres(from: matrix)
        var crossing = 0
        for a in 0..<n where !matrix.flagged.isEmpty {
            for b in (a + 1)..<n where matrix.flagged[a][b] {
                metres[a * n + b] = .infinity
                metres[b * n + a] = .infinity
                crossing += 1
            }
        }
        if crossing > 0 {
            notes.append(.crossingRoutes(count: crossing, of: n * (n - 1) / 2))
        }

        let vehicles = boats.map { boat in
            let home = baseNode(boat.homeBase)
            let others = bases.filter { $0.agency == boat.agency }.map { baseNode($0.name) }.filter
            { $0 != home }
            let mayCross = request.coordinated && boat.waters == .coordinated
            return PatrolProblem.Vehicle(
                name: boat.callSign, agency: boat.agency, start: home, ends: [home] + others,
                speed: boat.cruiseSpeed.metresPerSecond,
                maxDuration: min(boat.enduranceHours, request.hours) * 3600,
                excluded: mayCross ? [] : foreign)
        }
        let secondOfDay = Double(
            ((request.start.millisecondsSince1970 / 1000 + 7 * 3600) % 86_400 + 86_400) % 86_400)
        let targets = candidates.map {
            PatrolProblem.Target(
                name: $0.name, position: $0.position, weight: $0.weight,
                hourly: PatrolProblem.hourlyFactors(counts: $0.hours), dwell: $0.dwell)
        }
        var meetings: [PatrolProblem.Meeting] = []
        var meetingRecord: [PatrolPlan.Rendezvous] = []
        if let rendezvous {
            let offset =
                Double(rendezvous.time.millisecondsSince1970 - request.start.millisecondsSince1970)
                / 1000
            meetings.append(
                .init(
                    name: rendezvous.name, node: n - 1, time: offset, dwell: Self.meetingDwell,
                    vehicles: Array(vehicles.indices)))
            meetingRecord.append(
                .init(
                    name: rendezvous.name, position: positions[n - 1], time: rendezvous.time,
                    boats: boats.map(\.callSign)))
        }
        var problem = PatrolProblem(
            targets: targets, positions: positions, metres: metres, vehicles: vehicles,
            meetings: meetings, startSecondOfDay: secondOfDay)
        if request.joint && rendezvous == nil {
            guard
                let (meeting, target, record) = Self.jointMeeting(
                    problem, boats: boats, start: request.start)
            else {
                throw .invalidRequest(.noJointMeeting)
            }
            // The meeting point is a copy of the target's node; planning the copy keeps the target itself open.
            problem = Self.addingMeeting(meeting, copying: target, to: problem)
            meetingRecord.append(record)
            notes.append(
                .jointMeeting(
                    boats: record.boats, place: record.name, time: record.time,
                    minutes: Int(Self.meetingDwell / 60)))
        }
        let servable = problem.servable
        let outOfReach = candidates.indices.filter { i in
            !servable[i] && vehicles.contains { !$0.excluded.contains(i) }
        }
        if !outOfReach.isEmpty {
            notes.append(
                .outOfReach(count: outOfReach.count, names: outOfReach.map { candidates[$0].name }))
        }
        for v in vehicles
        where !candidates.indices.contains(where: { problem.distance(v.start, $0).isFinite }) {
            notes.append(.noWaterFromBase(boat: v.name, base: labels[v.start]))
        }

        // Plan, routing every leg on the map.
        let legs = LegBook(router: router, boundaries: boundaries, national: national)
        progress("Planning \(boats.count) boats over \(candidates.count) targets …")
        let nightly: [PatrolSolution]
        var coverage: [Double]?
        var issued: [Double]
        var entropy: Double?
        do {
            let first = try legs.solve(
                &problem, options: .init(iterations: request.iterations, seed: request.seed))
            if request.nights == 1 {
                nightly = [first]
                issued = candidates.indices.map { first.covered.contains($0) ? 1 : 0 }
            } else {
                let nights = try PatrolNights.plan(
                    problem, nights: request.nights, capacity: first.covered.count,
                    seed: request.seed,
                    iterations: request.iterations, progress: progress
                ) { night, options in
                    // Each night starts from the corrections every earlier night learnt.
                    var restricted = night
                    legs.apply(to: &restricted)
                    return try legs.solve(&restricted, options: options)
                }
                nightly = nights.nights.map(\.solution)
                coverage = nights.coverage
                issued = nights.realised
                entropy = nights.entropy
                let missed = nights.nights.reduce(0) { $0 + $1.missed.count }
                notes.append(
                    .stackelberg(
                        nights: request.nights, targetsPerNight: nights.resources,
                        entropyBits: nights.entropy))
                if missed > 0 {
                    notes.append(.undrawnTargets(count: missed))
                }
            }
        } catch let error as PatrolError {
            throw .patrol(error)
        } catch let error as KitError {
            throw error
        } catch {
            throw .unexpected("\(error)")
        }
        if legs.foreignLegs > 0 {
            notes.append(.foreignLegsRemoved(count: legs.foreignLegs))
        }

        // The plan as issued.
        var plan = PatrolPlan(
            createdAt: Timestamp(Date()), command: request.command, seed: request.seed,
            parameters: Self.parameters(request, boats: boats), nights: [], targets: [],
            rendezvous: meetingRecord,
            entropyBits: entropy, notes: notes, synthetic: request.synthetic)
        for (k, solution) in nightly.enumerated() {
            let nightStart = Timestamp(
                millisecondsSince1970: request.start.millisecondsSince1970 + Int64(k) * 86_400_000)
            func at(_ seconds: Double) -> Timestamp {
                Timestamp(
                    millisecondsSince1970: nightStart.millisecondsSince1970
                        + Int64((seconds * 1000).rounded()))
            }
            var routes: [PatrolPlan.BoatRoute] = []
            for tour in solution.tours {
                let boat = boats[tour.vehicle]
                let vehicle = problem.vehicles[tour.vehicle]
                var stops = [
                    PatrolPlan.Stop(
                        name: labels[vehicle.start], kind: .base,
                        position: problem.positions[vehicle.start],
                        arrival: nil, departure: nightStart, risk: nil)
                ]
                for visit in tour.visits {
                    let isTarget = visit.node < candidates.count
                    let name =
                        isTarget
                        ? candidates[visit.node].name
                        : problem.meetings[problem.meetingIndex[visit.node]].name
                    stops.append(
                        .init(
                            name: name,
                            kind: isTarget ? .target : .rendezvous,
                            position: problem.positions[visit.node],
                            arrival: at(visit.arrival), departure: at(visit.departure),
                            risk: isTarget ? visit.value : nil))
                }
                stops.append(
                    .init(
                        name: labels[tour.end], kind: .base, position: problem.positions[tour.end],
                        arrival: at(tour.duration), departure: nil, risk: nil))
                let nodes = [vehicle.start] + tour.visits.map(\.node) + [tour.end]
                var geometry: [[Coordinate]] = []
                for (a, b) in zip(nodes.dropLast(), nodes.dropFirst()) {
                    geometry.append(legs.points(a, b, problem: problem))
                }
                routes.append(
                    .init(
                        callSign: boat.callSign, agency: boat.agency, crew: boat.crew,
                        contact: boat.contact,
                        speedKnots: boat.cruiseSpeed.knots, stops: stops, legs: geometry,
                        nauticalMiles: tour.metres / Distance.metresPerNauticalMile,
                        hours: tour.duration / 3600,
                        risk: tour.value))
                if tour.visits.isEmpty && request.nights == 1 {
                    plan.notes.append(
                        .boatStaysAtBase(boat: boat.callSign, base: labels[vehicle.start]))
                }
            }
            plan.nights.append(
                .init(
                    number: k + 1, start: nightStart,
                    end: Timestamp(
                        millisecondsSince1970: nightStart.millisecondsSince1970
                            + Int64(request.hours * 3_600_000)),
                    boats: routes))
        }
        plan.targets = candidates.enumerated().map { i, c in
            PatrolPlan.Target(
                name: c.name, position: c.position, weight: c.weight, source: c.source,
                peak: c.hours.isEmpty ? nil : HourProfile(counts: c.hours).peakText(),
                probability: coverage?[i], covered: issued[i])
        }
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
        if !r.targets.isEmpty {
            p["targets"] = r.targets.map {
                "\($0.place)=\($0.priority)" + ($0.dwell.map { "/\(Int($0 / 60))m" } ?? "")
            }.joined(separator: "; ")
        }
        return p
    }

    /// For `--joint`: the earliest meeting at one of the ten highest-risk targets of two boats of
    /// different agencies that both can reach and still get home from.
    static func jointMeeting(_ problem: PatrolProblem, boats: [Boat], start: Timestamp)
        -> (meeting: PatrolProblem.Meeting, target: Int, record: PatrolPlan.Rendezvous)?
    {
        let order = problem.targets.indices.sorted {
            problem.targets[$0].weight > problem.targets[$1].weight
        }.prefix(10)
        var best: (time: Double, weight: Double, target: Int, a: Int, b: Int)?
        for c in order {
            for a in problem.vehicles.indices {
                for b in problem.vehicles.indices
                where b > a && problem.vehicles[a].agency != problem.vehicles[b].agency {
                    let va = problem.vehicles[a]
                    let vb = problem.vehicles[b]
                    guard !va.excluded.contains(c), !vb.excluded.contains(c) else { continue }
                    let ta = problem.distance(va.start, c) / va.speed
                    let tb = problem.distance(vb.start, c) / vb.speed
                    guard ta.isFinite, tb.isFinite else { continue }
                    let time = (max(ta, tb) / 900).rounded(.up) * 900
                    let fits = [(va, a), (vb, b)].allSatisfy { v, _ in
                        time + meetingDwell + v.ends.map { problem.distance(c, $0) }.min()!
                            / v.speed <= v.maxDuration
                    }
                    guard fits else { continue }
                    let weight = problem.targets[c].weight
                    if best == nil || time < best!.time
                        || (time == best!.time && weight > best!.weight)
                    {
                        best = (time, weight, c, a, b)
                    }
                }
            }
        }
        guard let best else { return nil }
        let name = "Rendezvous at \(problem.targets[best.target].name)"
        let meeting = PatrolProblem.Meeting(
            name: name, node: problem.nodeCount, time: best.time, dwell: meetingDwell,
            vehicles: [best.a, best.b])
        let record = PatrolPlan.Rendezvous(
            name: name, position: problem.targets[best.target].position,
            time: Timestamp(
                millisecondsSince1970: start.millisecondsSince1970 + Int64(best.time * 1000)),
            boats: [boats[best.a].callSign, boats[best.b].callSign])
        return (meeting, best.target, record)
    }

    /// The problem with one more node, a copy of node `source` (its position and distances), for a meeting there.
    static func addingMeeting(
        _ meeting: PatrolProblem.Meeting, copying source: Int, to p: PatrolProblem
    ) -> PatrolProblem {
        let n = p.nodeCount
        var metres = [Double](repeating: 0, count: (n + 1) * (n + 1))
        for a in 0...n {
            for b in 0...n {
                let sa = a == n ? source : a
                let sb = b == n ? source : b
                metres[a * (n + 1) + b] = a == b ? 0 : p.distance(sa, sb)
            }
        }
        return PatrolProblem(
            targets: p.targets, positions: p.positions + [p.positions[source]], metres: metres,
            vehicles: p.vehicles,
            meetings: p.meetings + [meeting], startSecondOfDay: p.startSecondOfDay)
    }
}
