import Foundation
import SelatGeo
import SelatWords

/// Several nights of patrols whose coverage follows a ``CoverageGame`` strategy: each night
/// draws the targets to cover from the coverage probabilities and plans routes for exactly those.
public struct PatrolNights: Sendable {
    /// One night.
    public struct Night: Sendable {
        public let number: Int
        /// Targets drawn for the night.
        public let chosen: [Int]
        public let solution: PatrolSolution
        /// Drawn targets no boat could fit in.
        public var missed: [Int] { chosen.filter { !solution.covered.contains($0) } }
    }

    /// Coverage probability per target.
    public let coverage: [Double]
    /// Targets a night can cover (the resources of the game).
    public let resources: Double
    public let nights: [Night]

    /// How often each target was covered in these nights.
    public var realised: [Double] {
        var counts = [Double](repeating: 0, count: coverage.count)
        for night in nights {
            for i in night.solution.covered where i < counts.count { counts[i] += 1 }
        }
        return counts.map { $0 / Double(max(nights.count, 1)) }
    }

    public var entropy: Double { CoverageGame.entropy(coverage) }

    /// Plans `count` nights from `seed`.
    ///
    /// The game's resources start at `capacity` (what the best single plan covers); if more than
    /// one in twenty drawn targets cannot be fitted into the routes, the resources are lowered to
    /// the number the nights did fit (and by at least 15 %) and the nights drawn again (at most four
    /// times), so the probabilities reported are ones the fleet can keep.
    /// With `history` (past nights, and how many of them each target was covered), each
    /// target's coverage makes up what those nights missed (``CoverageGame/catchingUp(_:resources:past:covered:nights:)``).
    /// `solve` plans one night (by default ``PatrolSolver``; the Kit's version also checks every leg
    /// on the map).
    /// - Throws: what `solve` throws, e.g. ``PatrolError`` if a rendezvous cannot be made.
    public static func plan<Failure: Error>(
        _ problem: PatrolProblem, nights count: Int, capacity: Int, seed: UInt64,
        iterations: Int? = nil, history: (nights: Int, covered: [Double])? = nil,
        progress: (Phrase) -> Void = { _ in },
        solve: (PatrolProblem, PatrolSolver.Options) throws(Failure) -> PatrolSolution
    )
        throws(Failure) -> PatrolNights
    {
        // Only targets some boat can serve are in the game: coverage promised elsewhere could never be kept.
        let servable = problem.servable
        let weights = problem.targets.indices.map { servable[$0] ? problem.targets[$0].weight : 0 }
        var resources = Double(max(capacity, 1))
        var attempt = 0
        while true {
            attempt += 1
            let game = CoverageGame.coverage(weights: weights, resources: resources)
            // Starting from what past nights covered, when known: the shortfall is made up.
            let coverage =
                history.map {
                    CoverageGame.catchingUp(
                        game, resources: resources, past: $0.nights, covered: $0.covered,
                        nights: count)
                } ?? game
            var nights: [Night] = []
            var drawn = 0
            var missed = 0
            for number in 1...max(count, 1) {
                var random = SeededGenerator(seed: nightSeed(seed, number))
                let chosen = CoverageGame.sample(coverage, using: &random)
                let solution = try solve(
                    problem.restricted(to: Set(chosen)),
                    .init(
                        iterations: iterations
                            ?? PatrolSolver.defaultIterations(targets: chosen.count),
                        seed: nightSeed(seed, number)))
                let night = Night(number: number, chosen: chosen, solution: solution)
                drawn += chosen.count
                missed += night.missed.count
                nights.append(night)
                progress(
                    Phrase(
                        "progress.nights.night",
                        [
                            "number": "\(number)", "count": "\(count)", "drawn": "\(chosen.count)",
                            "missed": "\(night.missed.count)",
                        ]))
            }
            if attempt >= 4 || Double(missed) <= 0.05 * Double(max(drawn, 1)) {
                return PatrolNights(coverage: coverage, resources: resources, nights: nights)
            }
            // Aim at what the nights actually fitted, and at least 15 % lower.
            let next = min(resources * 0.85, Double(drawn - missed) / Double(max(count, 1)))
            progress(
                Phrase(
                    "progress.nights.lowering",
                    [
                        "missed": "\(missed)", "drawn": "\(drawn)",
                        "from": String(format: "%.1f", resources),
                        "to": String(format: "%.1f", next),
                    ]))
            resources = max(next, 1)
        }
    }

    /// ``plan(_:nights:capacity:seed:iterations:history:progress:solve:)`` with each night
    /// solved by ``PatrolSolver`` alone.
    /// - Throws: ``PatrolError`` if a night cannot be planned (e.g. a rendezvous cannot be made).
    public static func plan(
        _ problem: PatrolProblem, nights count: Int, capacity: Int, seed: UInt64,
        iterations: Int? = nil, history: (nights: Int, covered: [Double])? = nil,
        progress: (Phrase) -> Void = { _ in }
    ) throws(PatrolError) -> PatrolNights {
        try plan(
            problem, nights: count, capacity: capacity, seed: seed, iterations: iterations,
            history: history, progress: progress
        ) { (night, options) throws(PatrolError) in
            try PatrolSolver(problem: night).solve(options)
        }
    }

    /// A seed per night derived from the plan's seed (SplitMix-style mixing).
    public static func nightSeed(_ seed: UInt64, _ night: Int) -> UInt64 {
        var g = SeededGenerator(seed: seed &+ UInt64(night) &* 0x9E37_79B9_7F4A_7C15)
        return g.next()
    }
}

extension PatrolProblem {
    /// The same problem with only `targets` open to the boats.
    public func restricted(to open: Set<Int>) -> PatrolProblem {
        let closed = Set(targets.indices).subtracting(open)
        let boats = vehicles.map {
            Vehicle(
                name: $0.name, agency: $0.agency, start: $0.start, ends: $0.ends, speed: $0.speed,
                maxDuration: $0.maxDuration, excluded: $0.excluded.union(closed))
        }
        return PatrolProblem(
            targets: targets, positions: positions, metres: metres, vehicles: boats,
            meetings: meetings, startSecondOfDay: startSecondOfDay)
    }
}
