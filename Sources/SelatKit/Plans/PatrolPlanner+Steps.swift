import Foundation
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore
import SelatWords

/// The steps of ``PatrolPlanner/plan(_:progress:)``, in the order it takes them.
extension PatrolPlanner {
    /// The boats asked for (every boat when none is named) and the bases.
    func fleet(_ request: Request) throws(KitError) -> (boats: [Boat], bases: [Base]) {
        let fleet = try KitError.store { () throws(StoreError) in try database.boats() }
        guard !fleet.isEmpty else { throw .notFound(.noBoats) }
        var boats: [Boat] = []
        for name in request.boats {
            guard let boat = fleet.first(where: { $0.callSign == name.uppercased() }) else {
                throw .notFound(.boat(callSign: name, fleet: fleet.map(\.callSign)))
            }
            if !boats.contains(boat) { boats.append(boat) }
        }
        if boats.isEmpty { boats = fleet }
        let bases = try KitError.store { () throws(StoreError) in try database.bases() }
        return (boats, bases)
    }

    /// The targets: hot cells of a stored hotspot run and typed places, highest risk first, at
    /// most `maxTargets`.
    func targets(_ request: Request, notes: inout [PlanNote]) throws(KitError)
        -> [PatrolTargets.Candidate]
    {
        let finder = PatrolTargets(routing: routing)
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
                let hot = try finder.fromHotspotRun(stored, dwell: request.dwell, notes: &notes)
                notes.append(.targetsFromRun(run: id, method: run.method, count: hot.count))
                candidates += hot
            }
        }
        let unit =
            candidates.isEmpty
            ? 1 : candidates.reduce(0) { $0 + $1.weight } / Double(candidates.count)
        for spec in request.targets {
            candidates.append(
                try finder.fromSpec(spec, unit: unit, dwell: request.dwell, database: database))
        }
        guard !candidates.isEmpty else { throw .invalidRequest(.nothingToPatrol) }
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
        return candidates
    }

    /// The places a plan joins: targets, then bases (moved to navigable water), then the
    /// rendezvous asked for; and which targets lie on the neighbours' side of the boundary.
    struct Network {
        var candidates: [PatrolTargets.Candidate]
        var positions: [Coordinate]
        var labels: [String]
        var baseNames: [String]
        var rendezvous: (name: String, time: Timestamp)?
        var foreign: Set<Int>

        func baseNode(_ name: String) -> Int {
            candidates.count
                + baseNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }!
        }
    }

    func network(
        _ request: Request, boats: [Boat], bases: [Base], candidates: [PatrolTargets.Candidate],
        router: SeaRouter, notes: inout [PlanNote]
    ) throws(KitError) -> Network {
        let geo = routing.geoData
        var foreign = Set<Int>()
        for (i, c) in candidates.enumerated() {
            if case .foreign = geo.boundaries.jurisdiction(of: c.position) { foreign.insert(i) }
        }
        if !foreign.isEmpty {
            notes.append(.foreignTargets(count: foreign.count, coordinated: request.coordinated))
        }
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
        var network = Network(
            candidates: candidates, positions: candidates.map(\.position) + basePositions,
            labels: candidates.map(\.name) + baseNames, baseNames: baseNames, rendezvous: nil,
            foreign: foreign)
        if let text = request.rendezvous {
            let (stop, time) = try rendezvous(text, request)
            guard boats.count >= 2 else {
                throw .patrol(.meetingNeedsTwoBoats(place: stop.label))
            }
            network.positions.append(stop.position)
            network.labels.append("Rendezvous (\(stop.label))")
            network.rendezvous = ("Rendezvous (\(stop.label))", time)
        }
        return network
    }

    /// `PLACE@TIME`, inside the patrol window.
    func rendezvous(_ text: String, _ request: Request) throws(KitError) -> (
        SeaRouting.Stop, Timestamp
    ) {
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
        let offset = Double(time.millisecondsSince1970 - request.start.millisecondsSince1970) / 1000
        guard offset >= 0, offset <= request.hours * 3600 else {
            throw .invalidRequest(
                .rendezvousOutsideWindow(time: time, start: request.start, hours: request.hours))
        }
        return (stop, time)
    }

    /// Sea distances between every pair of places, in metres (row-major). Boats that must stay
    /// in Indonesian waters (`national`): each pair's route is checked against the boundaries
    /// while the matrix has it, and one that crosses is taken out of the table.
    func distances(
        _ network: Network, national: Set<String>, router: SeaRouter, notes: inout [PlanNote]
    ) throws(KitError) -> [Double] {
        let boundaries = routing.geoData.boundaries
        var crossesBoundary: (@Sendable ([Coordinate]) -> Bool)?
        if !national.isEmpty {
            crossesBoundary = { @Sendable points in boundaries.reachesOtherSide(points) }
        }
        let matrix: DistanceMatrix
        do {
            matrix = try router.matrix(
                network.positions, labels: network.labels, flag: crossesBoundary)
        } catch {
            throw .routing(error)
        }
        let (metres, crossing) = PatrolProblem.metres(from: matrix, closingFlagged: true)
        if crossing > 0 {
            let n = network.positions.count
            notes.append(.crossingRoutes(count: crossing, of: n * (n - 1) / 2))
        }
        return metres
    }

    /// The planning problem: each boat from its home base back to a base of its agency within
    /// its endurance and the window, targets with their hourly risk, the rendezvous (asked for,
    /// or for `joint` the earliest two agencies can make).
    func problem(
        _ request: Request, boats: [Boat], bases: [Base], network: Network, metres: [Double],
        notes: inout [PlanNote]
    ) throws(KitError) -> PatrolProblem {
        let vehicles = boats.map { boat in
            let home = network.baseNode(boat.homeBase)
            let others = bases.filter { $0.agency == boat.agency }.map {
                network.baseNode($0.name)
            }.filter { $0 != home }
            let mayCross = request.coordinated && boat.waters == .coordinated
            return PatrolProblem.Vehicle(
                name: boat.callSign, agency: boat.agency, start: home, ends: [home] + others,
                speed: boat.cruiseSpeed.metresPerSecond,
                maxDuration: min(boat.enduranceHours, request.hours) * 3600,
                excluded: mayCross ? [] : network.foreign)
        }
        let secondOfDay = Double(
            ((request.start.millisecondsSince1970 / 1000 + 7 * 3600) % 86_400 + 86_400) % 86_400)
        let targets = network.candidates.map {
            PatrolProblem.Target(
                name: $0.name, position: $0.position, weight: $0.weight,
                hourly: PatrolProblem.hourlyFactors(counts: $0.hours), dwell: $0.dwell)
        }
        var meetings: [PatrolProblem.Meeting] = []
        if let rendezvous = network.rendezvous {
            let offset =
                Double(rendezvous.time.millisecondsSince1970 - request.start.millisecondsSince1970)
                / 1000
            meetings.append(
                .init(
                    name: rendezvous.name, node: network.positions.count - 1, time: offset,
                    dwell: Self.meetingDwell, vehicles: Array(vehicles.indices)))
        }
        var problem = PatrolProblem(
            targets: targets, positions: network.positions, metres: metres, vehicles: vehicles,
            meetings: meetings, startSecondOfDay: secondOfDay)
        if request.joint && network.rendezvous == nil {
            guard let joint = problem.earliestJointMeeting(dwell: Self.meetingDwell) else {
                throw .invalidRequest(.noJointMeeting)
            }
            // The meeting point is a copy of the target's node; planning the copy keeps the
            // target itself open.
            let meeting = PatrolProblem.Meeting(
                name: PlanStopName.rendezvous(targets[joint.target].name), node: problem.nodeCount,
                time: joint.time, dwell: Self.meetingDwell, vehicles: [joint.a, joint.b])
            problem = problem.addingMeeting(meeting, copying: joint.target)
            notes.append(
                .jointMeeting(
                    boats: [boats[joint.a].callSign, boats[joint.b].callSign], place: meeting.name,
                    time: Self.time(request.start, plus: joint.time),
                    minutes: Int(Self.meetingDwell / 60)))
        }
        let servable = problem.servable
        let outOfReach = network.candidates.indices.filter { i in
            !servable[i] && vehicles.contains { !$0.excluded.contains(i) }
        }
        if !outOfReach.isEmpty {
            notes.append(
                .outOfReach(
                    count: outOfReach.count, names: outOfReach.map { network.candidates[$0].name }))
        }
        for v in vehicles
        where !network.candidates.indices.contains(where: {
            problem.distance(v.start, $0).isFinite
        }) {
            notes.append(.noWaterFromBase(boat: v.name, base: network.labels[v.start]))
        }
        return problem
    }

    /// `start` plus `seconds`.
    static func time(_ start: Timestamp, plus seconds: Double) -> Timestamp {
        Timestamp(
            millisecondsSince1970: start.millisecondsSince1970 + Int64((seconds * 1000).rounded()))
    }

    /// What the solver gave: each night's tours, and each target's drawn and issued coverage.
    struct Solved {
        var nightly: [PatrolSolution]
        var coverage: [Double]?
        var issued: [Double]
        var entropy: Double?
    }

    /// Solves one night, or draws several from a Stackelberg coverage strategy, routing every
    /// leg on the map (``LegBook``).
    func solve(
        _ problem: inout PatrolProblem, _ request: Request, legs: LegBook,
        progress: (Phrase) -> Void, notes: inout [PlanNote]
    ) throws(KitError) -> Solved {
        let first = try legs.solve(
            &problem, options: .init(iterations: request.iterations, seed: request.seed))
        if request.nights == 1 {
            return Solved(
                nightly: [first],
                issued: problem.targets.indices.map { first.covered.contains($0) ? 1 : 0 })
        }
        var history: (nights: Int, covered: [Double])?
        if let source = request.coverageHistory {
            let from = Timestamp(
                millisecondsSince1970: request.start.millisecondsSince1970
                    - Int64(request.historyDays) * 86_400_000)
            let past = try PatrolCoverage(database: database, geoData: routing.geoData).history(
                source, targets: problem.targets, in: from..<request.start)
            notes.append(
                .coverageHistory(
                    source: source.rawValue, nights: past.nights, days: request.historyDays))
            if past.nights > 0 { history = past }
        }
        let nights = try PatrolNights.plan(
            problem, nights: request.nights, capacity: first.covered.count,
            seed: request.seed, iterations: request.iterations, history: history,
            progress: progress
        ) { (night, options) throws(KitError) in
            // Each night starts from the corrections every earlier night learnt.
            var restricted = night
            legs.apply(to: &restricted)
            return try legs.solve(&restricted, options: options)
        }
        notes.append(
            .stackelberg(
                nights: request.nights, targetsPerNight: nights.resources,
                entropyBits: nights.entropy))
        let missed = nights.nights.reduce(0) { $0 + $1.missed.count }
        if missed > 0 { notes.append(.undrawnTargets(count: missed)) }
        return Solved(
            nightly: nights.nights.map(\.solution), coverage: nights.coverage,
            issued: nights.realised, entropy: nights.entropy)
    }

    /// The plan as issued: each night's boats with their stops, times and sea legs.
    func issue(
        _ request: Request, boats: [Boat], network: Network, problem: PatrolProblem,
        solved: Solved, legs: LegBook, notes: [PlanNote]
    ) -> PatrolPlan {
        let candidates = network.candidates
        let meetings = problem.meetings.map { m in
            PatrolPlan.Rendezvous(
                name: m.name, position: problem.positions[m.node],
                time: Self.time(request.start, plus: m.time),
                boats: m.vehicles.map { boats[$0].callSign })
        }
        var plan = PatrolPlan(
            createdAt: Timestamp(Date()), command: request.command, seed: request.seed,
            parameters: Self.parameters(request, boats: boats), nights: [], targets: [],
            rendezvous: meetings, entropyBits: solved.entropy, notes: notes,
            synthetic: request.synthetic)
        for (k, solution) in solved.nightly.enumerated() {
            let nightStart = Timestamp(
                millisecondsSince1970: request.start.millisecondsSince1970 + Int64(k) * 86_400_000)
            var routes: [PatrolPlan.BoatRoute] = []
            for tour in solution.tours {
                routes.append(
                    route(
                        tour, boat: boats[tour.vehicle], network: network, problem: problem,
                        legs: legs, start: nightStart))
                if tour.visits.isEmpty && request.nights == 1 {
                    plan.notes.append(
                        .boatStaysAtBase(
                            boat: boats[tour.vehicle].callSign,
                            base: network.labels[problem.vehicles[tour.vehicle].start]))
                }
            }
            plan.nights.append(
                .init(
                    number: k + 1, start: nightStart,
                    end: Self.time(nightStart, plus: request.hours * 3600), boats: routes))
        }
        plan.targets = candidates.enumerated().map { i, c in
            PatrolPlan.Target(
                name: c.name, position: c.position, weight: c.weight, source: c.source,
                peak: c.hours.isEmpty ? nil : HourProfile(counts: c.hours).peakText(),
                probability: solved.coverage?[i], covered: solved.issued[i])
        }
        return plan
    }

    /// One boat's night: its stops with arrival and departure times, and its legs at sea.
    func route(
        _ tour: PatrolSolution.Tour, boat: Boat, network: Network, problem: PatrolProblem,
        legs: LegBook, start: Timestamp
    ) -> PatrolPlan.BoatRoute {
        let vehicle = problem.vehicles[tour.vehicle]
        let candidates = network.candidates
        var stops = [
            PatrolPlan.Stop(
                name: network.labels[vehicle.start], kind: .base,
                position: problem.positions[vehicle.start], arrival: nil, departure: start,
                risk: nil)
        ]
        for visit in tour.visits {
            let isTarget = visit.node < candidates.count
            stops.append(
                .init(
                    name: isTarget
                        ? candidates[visit.node].name
                        : problem.meetings[problem.meetingIndex[visit.node]].name,
                    kind: isTarget ? .target : .rendezvous,
                    position: problem.positions[visit.node],
                    arrival: Self.time(start, plus: visit.arrival),
                    departure: Self.time(start, plus: visit.departure),
                    risk: isTarget ? visit.value : nil))
        }
        stops.append(
            .init(
                name: network.labels[tour.end], kind: .base, position: problem.positions[tour.end],
                arrival: Self.time(start, plus: tour.duration), departure: nil, risk: nil))
        let nodes = [vehicle.start] + tour.visits.map(\.node) + [tour.end]
        let geometry = zip(nodes.dropLast(), nodes.dropFirst()).map { a, b in
            legs.points(a, b, problem: problem)
        }
        return PatrolPlan.BoatRoute(
            callSign: boat.callSign, agency: boat.agency, crew: boat.crew, contact: boat.contact,
            speedKnots: boat.cruiseSpeed.knots, stops: stops, legs: geometry,
            nauticalMiles: tour.metres / Distance.metresPerNauticalMile,
            hours: tour.duration / 3600, risk: tour.value)
    }
}
