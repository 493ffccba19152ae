import Foundation

/// Planned routes for every boat of a ``PatrolProblem``, with the times the plan implies.
public struct PatrolSolution: Sendable {
    /// One stop of a boat's route.
    public struct Visit: Sendable, Hashable {
        public let node: Int
        /// Seconds after the window starts.
        public let arrival: Double
        /// Arrival plus any wait for a rendezvous plus the dwell.
        public let departure: Double
        /// Risk covered here (time-of-day weighted); zero at a meeting point.
        public let value: Double
    }

    /// A boat's night.
    public struct Tour: Sendable, Hashable {
        public let vehicle: Int
        public let visits: [Visit]
        /// Base it finishes at.
        public let end: Int
        /// Seconds from leaving to being back.
        public let duration: Double
        public let metres: Double
        public var value: Double { visits.reduce(0) { $0 + $1.value } }
    }

    public let tours: [Tour]
    /// Solver iterations run.
    public let iterations: Int
    /// The solver stopped at its time limit rather than its iteration count.
    public let stoppedByTime: Bool

    /// Total risk covered.
    public var value: Double { tours.reduce(0) { $0 + $1.value } }
    /// Targets visited, by index.
    public var covered: Set<Int> { Set(tours.flatMap { $0.visits.map(\.node) }) }
}

extension PatrolProblem {
    /// The exact times and value of one boat's ordered stops; nil if the route breaks a limit
    /// (too long, a meeting missed, a leg with no allowed water).
    public func evaluate(_ route: [Int], vehicle v: Int) -> PatrolSolution.Tour? {
        let vehicle = vehicles[v]
        var t = 0.0, metresRun = 0.0
        var previous = vehicle.start
        var visits: [PatrolSolution.Visit] = []
        visits.reserveCapacity(route.count)
        for node in route {
            let leg = distance(previous, node)
            guard leg.isFinite else { return nil }
            metresRun += leg
            t += leg / vehicle.speed
            let arrival = t
            if node < targets.count {
                let value = self.value(node, at: arrival)
                t += targets[node].dwell
                visits.append(.init(node: node, arrival: arrival, departure: t, value: value))
            } else if let meeting = meetings.first(where: { $0.node == node }) {
                guard arrival <= meeting.time + PatrolSolver.meetingTolerance else { return nil }
                t = max(arrival, meeting.time) + meeting.dwell
                visits.append(.init(node: node, arrival: arrival, departure: t, value: 0))
            } else {
                visits.append(.init(node: node, arrival: arrival, departure: t, value: 0))
            }
            previous = node
        }
        guard let (end, back) = nearestEnd(from: previous, vehicle: vehicle) else { return nil }
        t += back / vehicle.speed
        metresRun += back
        guard t <= vehicle.maxDuration + 1e-6 else { return nil }
        return .init(vehicle: v, visits: visits, end: end, duration: t, metres: metresRun)
    }

    /// The closest base the boat may finish at, and how far it is.
    func nearestEnd(from node: Int, vehicle: Vehicle) -> (Int, Double)? {
        var best: (Int, Double)?
        for e in vehicle.ends {
            let d = distance(node, e)
            if d.isFinite, d < (best?.1 ?? .infinity) { best = (e, d) }
        }
        return best
    }
}
