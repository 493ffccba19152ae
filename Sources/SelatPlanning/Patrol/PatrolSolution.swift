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

    public init(tours: [Tour], iterations: Int) {
        self.tours = tours
        self.iterations = iterations
    }

    /// Total risk covered.
    public var value: Double { tours.reduce(0) { $0 + $1.value } }
    /// Targets visited, by index.
    public var covered: Set<Int> { Set(tours.flatMap { $0.visits.map(\.node) }) }
}

extension PatrolProblem {
    /// The times along one boat's ordered stops, without the duration limit.
    struct Walk {
        var visits: [PatrolSolution.Visit] = []
        /// Base it finishes at, and metres from the last stop to it.
        var end = 0
        var back = 0.0
        /// Seconds from leaving to being back.
        var duration = 0.0
        var metres = 0.0
    }

    /// Walks a route: nil if a leg has no allowed water, a meeting is missed, or no base it may
    /// finish at can be reached. The planner's search and ``evaluate(_:vehicle:)`` both use it.
    func walk(_ route: [Int], vehicle v: Int) -> Walk? {
        let vehicle = vehicles[v]
        var walk = Walk()
        walk.visits.reserveCapacity(route.count)
        var t = 0.0
        var previous = vehicle.start
        for node in route {
            let leg = distance(previous, node)
            guard leg.isFinite else { return nil }
            walk.metres += leg
            t += leg / vehicle.speed
            let arrival = t
            var value = 0.0
            if node < targets.count {
                value = self.value(node, at: arrival)
                t += targets[node].dwell
            } else if meetingIndex[node] >= 0 {
                let meeting = meetings[meetingIndex[node]]
                guard arrival <= meeting.time + PatrolSolver.meetingTolerance else { return nil }
                t = max(arrival, meeting.time) + meeting.dwell
            }
            walk.visits.append(.init(node: node, arrival: arrival, departure: t, value: value))
            previous = node
        }
        guard let (end, back) = nearestEnd(from: previous, vehicle: vehicle) else { return nil }
        walk.end = end
        walk.back = back
        walk.metres += back
        walk.duration = t + back / vehicle.speed
        return walk
    }

    /// The exact times and value of one boat's ordered stops; nil if the route breaks a limit
    /// (too long, a meeting missed, a leg with no allowed water).
    public func evaluate(_ route: [Int], vehicle v: Int) -> PatrolSolution.Tour? {
        guard let walk = walk(route, vehicle: v), walk.duration <= vehicles[v].maxDuration + 1e-6
        else { return nil }
        return .init(
            vehicle: v, visits: walk.visits, end: walk.end, duration: walk.duration,
            metres: walk.metres)
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
