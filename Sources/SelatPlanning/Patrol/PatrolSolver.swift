import Foundation
import SelatGeo
import SelatWords

/// Plans every boat's night: which targets, in what order, maximising the risk covered
/// (time-of-day weighted) within each boat's endurance and the window, with each target visited
/// by at most one boat and every rendezvous kept.
///
/// This is a team orienteering problem with time-dependent scores. The solver is a ruin-and-
/// recreate local search in the manner of Christiaens & Vanden Berghe, "Slack Induction by String
/// Removals for Vehicle Routing Problems" (Transportation Science 54(2), 2020): each step removes
/// a few visits that are close to one another (or a string of one route), reinserts every target
/// that fits at its cheapest place (with "blinks" that skip a place now and then), straightens
/// the routes it touched (2-opt), and keeps the result by simulated annealing on the risk covered.
/// It stops after a fixed number of steps, so the same seed gives the same plan on any machine.
public struct PatrolSolver: Sendable {
    /// Seconds a boat may be late for a rendezvous.
    public static let meetingTolerance = 60.0

    public struct Options: Sendable {
        /// Steps of ruin and recreate (nil: ``defaultIterations(targets:)``).
        public var iterations: Int?
        public var seed: UInt64
        /// Search until this much time has passed since `solve` began, instead of a number of
        /// steps (the cooling follows the clock).
        public var timeLimit: Duration?

        public init(iterations: Int? = nil, seed: UInt64 = 1, timeLimit: Duration? = nil) {
            self.iterations = iterations
            self.seed = seed
            self.timeLimit = timeLimit
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Enough steps for the search to settle on problems of this size (about 1 s for 200 targets).
    public static func defaultIterations(targets: Int) -> Int { 3000 + 60 * targets }

    public let problem: PatrolProblem

    public init(problem: PatrolProblem) { self.problem = problem }

    /// The best plan found.
    /// - Throws: ``PatrolError`` when a boat cannot make its rendezvous.
    public func solve(_ options: Options = .init()) throws(PatrolError) -> PatrolSolution {
        let clock = ContinuousClock()
        let began = clock.now
        var search = Search(problem: problem, seed: options.seed)
        try search.placeMeetings()
        search.recreate(routes: Array(problem.vehicles.indices), removed: [], centre: nil)
        for v in problem.vehicles.indices { search.straighten(v) }
        var iterations = 0
        if let limit = options.timeLimit {
            let total = Self.seconds(limit)
            while true {
                let fraction = Self.seconds(clock.now - began) / max(total, 1e-9)
                if fraction >= 1 { break }
                for _ in 0..<8 {
                    search.step(fraction: fraction)
                    iterations += 1
                }
            }
        } else {
            iterations =
                options.iterations ?? Self.defaultIterations(targets: problem.targets.count)
            for step in 0..<iterations {
                search.step(fraction: Double(step) / Double(iterations))
            }
        }
        let tours = search.best.routes.indices.map { v in
            // The search only keeps feasible routes, so the exact evaluation succeeds.
            problem.evaluate(search.best.routes[v].nodes, vehicle: v)!
        }
        return PatrolSolution(tours: tours, iterations: iterations)
    }
}

/// One boat's route with the times the cheap insertion test needs.
struct RouteState {
    var nodes: [Int] = []
    var arrival: [Double] = []
    var departure: [Double] = []
    /// How much later the stop at each position (and, last, the return) may be reached.
    var maxDelay: [Double] = [0]
    /// Metres from the last stop to the nearest base the boat may finish at.
    var back: Double = 0
    var profit: Double = 0
    var duration: Double = 0
    var feasible = true
}

/// A whole plan during the search.
struct SearchSolution {
    var routes: [RouteState]
    var visited: [Bool]
    var profit: Double { routes.reduce(0) { $0 + $1.profit } }
    var duration: Double { routes.reduce(0) { $0 + $1.duration } }
}

struct Search {
    let problem: PatrolProblem
    var random: SeededGenerator
    var current: SearchSolution
    var best: SearchSolution
    /// For each target, the other targets by distance (at most 40).
    let neighbours: [[Int]]
    /// Per vehicle, per node: metres to the nearest allowed end.
    let endMetres: [[Double]]
    let meanWeight: Double
    let allowed: [[Bool]]

    init(problem: PatrolProblem, seed: UInt64) {
        self.problem = problem
        random = SeededGenerator(seed: seed ^ 0x5E1A_7_9A7_201)
        let count = problem.targets.count
        neighbours = (0..<count).map { i in
            Array(
                (0..<count).filter { $0 != i && problem.distance(i, $0).isFinite }
                    .sorted { problem.distance(i, $0) < problem.distance(i, $1) }.prefix(40))
        }
        endMetres = problem.vehicles.map { v in
            (0..<problem.nodeCount).map { node in
                problem.nearestEnd(from: node, vehicle: v)?.1 ?? .infinity
            }
        }
        meanWeight = max(1e-9, problem.targets.reduce(0) { $0 + $1.weight } / Double(max(count, 1)))
        allowed = problem.vehicles.map { v in (0..<count).map { !v.excluded.contains($0) } }
        let empty = SearchSolution(routes: [], visited: [Bool](repeating: false, count: count))
        current = empty
        best = empty
        current.routes = problem.vehicles.indices.map { refresh(nodes: [], vehicle: $0) }
        best = current
    }

    /// Puts every rendezvous in the routes of its boats, failing with the reason when one cannot make it.
    mutating func placeMeetings() throws(PatrolError) {
        for meeting in problem.meetings.sorted(by: { $0.time < $1.time }) {
            for v in meeting.vehicles {
                var nodes = current.routes[v].nodes
                nodes.append(meeting.node)
                let state = refresh(nodes: nodes, vehicle: v)
                if !state.feasible {
                    throw .meetingUnreachable(
                        boat: problem.vehicles[v].name, place: meeting.name,
                        reason: meetingReason(meeting, vehicle: v, before: current.routes[v].nodes))
                }
                current.routes[v] = state
            }
        }
        best = current
    }

    private func meetingReason(_ meeting: PatrolProblem.Meeting, vehicle v: Int, before: [Int])
        -> Phrase
    {
        let vehicle = problem.vehicles[v]
        let from = before.last ?? vehicle.start
        let leg = problem.distance(from, meeting.node)
        guard leg.isFinite else { return Phrase("patrol.reason.no_water") }
        let arrive =
            (before.isEmpty ? 0 : current.routes[v].departure.last ?? 0) + leg / vehicle.speed
        if arrive > meeting.time + PatrolSolver.meetingTolerance {
            return Phrase(
                "patrol.reason.too_late",
                [
                    "hours": String(format: "%.1f", arrive / 3600),
                    "miles": String(format: "%.1f", leg / 1852),
                    "knots": String(format: "%.0f", vehicle.speed * 3600 / 1852),
                    "meeting": String(format: "%.1f", meeting.time / 3600),
                ])
        }
        let home = endMetres[v][meeting.node]
        let total = max(arrive, meeting.time) + meeting.dwell + home / vehicle.speed
        return Phrase(
            "patrol.reason.too_long",
            [
                "hours": String(format: "%.1f", total / 3600),
                "limit": String(format: "%.1f", vehicle.maxDuration / 3600),
            ])
    }

    // MARK: Route state

    /// The route's times (from ``PatrolProblem/walk(_:vehicle:)``) and, for each position, how
    /// much later that stop (or, last, the return) may be reached without breaking a limit.
    func refresh(nodes: [Int], vehicle v: Int) -> RouteState {
        var state = RouteState()
        state.nodes = nodes
        guard let walk = problem.walk(nodes, vehicle: v) else {
            state.feasible = false
            return state
        }
        state.arrival = walk.visits.map(\.arrival)
        state.departure = walk.visits.map(\.departure)
        state.profit = walk.visits.reduce(0) { $0 + $1.value }
        state.back = walk.back
        state.duration = walk.duration
        let slack = problem.vehicles[v].maxDuration - walk.duration
        state.feasible = slack >= -1e-6
        var delay = [Double](repeating: 0, count: nodes.count + 1)
        delay[nodes.count] = slack
        for k in stride(from: nodes.count - 1, through: 0, by: -1) {
            let m = problem.meetingIndex[nodes[k]]
            if m >= 0 {
                let meeting = problem.meetings[m]
                let wait = max(0, meeting.time - state.arrival[k])
                delay[k] = min(
                    meeting.time + PatrolSolver.meetingTolerance - state.arrival[k],
                    wait + delay[k + 1])
            } else {
                delay[k] = delay[k + 1]
            }
        }
        state.maxDelay = delay
        return state
    }

    /// The best place to put target `i` in route `v` (the position and its score), or nil where it fits nowhere.
    /// Mutating only because the blinks draw random numbers.
    mutating func bestInsertion(_ i: Int, in v: Int) -> (position: Int, score: Double)? {
        guard allowed[v][i] else { return nil }
        let vehicle = problem.vehicles[v]
        let route = current.routes[v]
        let dwell = problem.targets[i].dwell
        let weight = problem.targets[i].weight
        let backI = endMetres[v][i]
        var best: (Int, Double)?
        for p in 0...route.nodes.count {
            let previous = p == 0 ? vehicle.start : route.nodes[p - 1]
            let toI = problem.distance(previous, i)
            guard toI.isFinite else { continue }
            let extra: Double
            if p < route.nodes.count {
                let next = route.nodes[p]
                let fromI = problem.distance(i, next)
                guard fromI.isFinite else { continue }
                extra = (toI + fromI - problem.distance(previous, next)) / vehicle.speed + dwell
            } else {
                guard backI.isFinite else { continue }
                extra = (toI + backI - route.back) / vehicle.speed + dwell
            }
            guard extra <= route.maxDelay[p] + 1e-9 else { continue }
            if random.unit() < 0.01 { continue }
            let arrival = (p == 0 ? 0 : route.departure[p - 1]) + toI / vehicle.speed
            let factor = weight > 0 ? problem.value(i, at: arrival) / weight : 1
            let score = factor / (max(extra, 0) + 600)
            if score > (best?.1 ?? -.infinity) { best = (p, score) }
        }
        return best
    }

    // MARK: Ruin and recreate

    /// Inserts targets (those removed first, then every unvisited one) where they fit best.
    mutating func recreate(routes: [Int], removed: [Int], centre: Int?) {
        var order = (0..<problem.targets.count).filter { !current.visited[$0] }
        let mode = random.unit()
        if mode < 0.6 {
            var keys = [Double](repeating: 0, count: problem.targets.count)
            for i in order { keys[i] = problem.targets[i].weight * exp(0.3 * random.normal()) }
            order.sort { keys[$0] > keys[$1] }
        } else if mode < 0.8, let centre {
            order.sort { problem.distance(centre, $0) < problem.distance(centre, $1) }
        } else {
            order.shuffle(using: &random)
        }
        let removedSet = Set(removed)
        let all = Array(problem.vehicles.indices)
        for i in order {
            var choice: (v: Int, p: Int, score: Double)?
            for v in (removedSet.contains(i) ? all : routes) {
                if let found = bestInsertion(i, in: v), found.score > (choice?.score ?? -.infinity)
                {
                    choice = (v, found.position, found.score)
                }
            }
            guard let choice else { continue }
            var nodes = current.routes[choice.v].nodes
            nodes.insert(i, at: choice.p)
            let state = refresh(nodes: nodes, vehicle: choice.v)
            guard state.feasible else { continue }
            current.routes[choice.v] = state
            current.visited[i] = true
        }
    }

    /// Removes visits near a seed target, a string from one route, or a few at random.
    /// Returns the routes touched and the targets removed.
    mutating func ruin() -> (routes: [Int], removed: [Int], centre: Int?) {
        var placed: [(v: Int, k: Int)] = []
        for (v, route) in current.routes.enumerated() {
            for (k, node) in route.nodes.enumerated() where problem.meetingIndex[node] < 0 {
                placed.append((v, k))
            }
        }
        guard !placed.isEmpty else { return (Array(problem.vehicles.indices), [], nil) }
        let limit = max(2, min(15, placed.count / 3))
        let count = min(placed.count, 1 + Int(random.next() % UInt64(limit)))
        var remove = Set<Int>()
        let mode = random.unit()
        var centre: Int?
        if mode < 0.5 {
            let pick = placed[Int(random.next() % UInt64(placed.count))]
            let seed =
                random.unit() < 0.8
                ? current.routes[pick.v].nodes[pick.k]
                : Int(random.next() % UInt64(problem.targets.count))
            centre = seed
            if current.visited[seed] { remove.insert(seed) }
            for n in neighbours[seed] where remove.count < count && current.visited[n] {
                remove.insert(n)
            }
        } else if mode < 0.8 {
            let (v, k) = placed[Int(random.next() % UInt64(placed.count))]
            let nodes = current.routes[v].nodes
            let length = 1 + Int(random.next() % UInt64(min(nodes.count, 10)))
            let start = max(0, min(k - length / 2, nodes.count - length))
            for node in nodes[start..<(start + length)] where problem.meetingIndex[node] < 0 {
                remove.insert(node)
            }
            centre = nodes[k]
        } else {
            while remove.count < count {
                let (v, k) = placed[Int(random.next() % UInt64(placed.count))]
                remove.insert(current.routes[v].nodes[k])
            }
        }
        var touched: [Int] = []
        for v in current.routes.indices
        where current.routes[v].nodes.contains(where: remove.contains) {
            let nodes = current.routes[v].nodes.filter { !remove.contains($0) }
            let state = refresh(nodes: nodes, vehicle: v)
            // A forbidden leg (no allowed water) can make the shortened route impossible: keep it whole.
            guard state.feasible else {
                for node in current.routes[v].nodes { remove.remove(node) }
                continue
            }
            current.routes[v] = state
            touched.append(v)
        }
        for i in remove { current.visited[i] = false }
        return (touched, remove.sorted(), centre)
    }

    /// 2-opt on one route: reverses stretches while that shortens it without losing risk covered.
    mutating func straighten(_ v: Int) {
        var state = current.routes[v]
        guard state.nodes.count >= 3 else { return }
        let start = problem.vehicles[v].start
        var improved = true
        var rounds = 0
        while improved && rounds < 8 {
            improved = false
            rounds += 1
            let nodes = state.nodes
            let n = nodes.count
            for a in 0..<(n - 1) {
                let before = a == 0 ? start : nodes[a - 1]
                for b in (a + 1)..<n {
                    // Reverse nodes[a...b]; the end after b is either the next stop or the nearest end.
                    let gain: Double
                    if b + 1 < n {
                        gain =
                            problem.distance(before, nodes[a])
                            + problem.distance(nodes[b], nodes[b + 1])
                            - problem.distance(before, nodes[b])
                            - problem.distance(nodes[a], nodes[b + 1])
                    } else {
                        gain =
                            problem.distance(before, nodes[a]) + endMetres[v][nodes[b]]
                            - problem.distance(before, nodes[b]) - endMetres[v][nodes[a]]
                    }
                    guard gain > 1 else { continue }
                    var candidate = nodes
                    candidate[a...b].reverse()
                    let next = refresh(nodes: candidate, vehicle: v)
                    if next.feasible, next.profit >= state.profit - 1e-9 {
                        state = next
                        improved = true
                        break
                    }
                }
                if improved { break }
            }
        }
        current.routes[v] = state
    }

    private func key(_ s: SearchSolution) -> Double {
        s.profit - meanWeight * 1e-4 * s.duration / 3600
    }

    /// One step: ruin, recreate, straighten, then accept or go back.
    mutating func step(fraction: Double) {
        let saved = current
        let (touched, removed, centre) = ruin()
        recreate(routes: touched, removed: removed, centre: centre)
        var changed = Set(touched)
        for v in current.routes.indices where current.routes[v].nodes != saved.routes[v].nodes {
            changed.insert(v)
        }
        for v in changed.sorted() {  // a fixed order: the steps draw random numbers
            let before = current.routes[v].duration
            straighten(v)
            if current.routes[v].duration < before - 1 {
                recreate(routes: [v], removed: [], centre: nil)
            }
        }
        let t0 = 0.5 * meanWeight
        let tf = 0.01 * meanWeight
        let temperature = t0 * pow(tf / t0, fraction)
        let newKey = key(current)
        let oldKey = key(saved)
        if newKey >= oldKey || newKey > oldKey + temperature * log(max(random.unit(), 1e-300)) {
            if newKey > key(best) + 1e-12 { best = current }
        } else {
            current = saved
        }
    }
}
