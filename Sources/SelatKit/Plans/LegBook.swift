import Foundation
import SelatGeo
import SelatGeoData
import SelatPlanning

/// The sea route of every leg a plan uses, routed once, and the corrections they make to the
/// planner's distance table: a leg longer than the table said gets its real length, a leg that
/// leaves Indonesian waters is taken out for boats that must stay in them. Planning repeats until
/// every leg of the plan has been sailed on the map and agrees with the table.
final class LegBook {
    struct Leg {
        /// From the lower-numbered node to the higher.
        let points: [Coordinate]
        let metres: Double
        let foreign: Bool
    }

    let router: SeaRouter
    let boundaries: BoundaryChains
    /// Boats that must stay in Indonesian waters, by name.
    let national: Set<String>
    private var legs: [Int: Leg?] = [:]
    private var corrections: [(Int, Int, Double)] = []
    private(set) var foreignLegs = 0

    init(router: SeaRouter, boundaries: BoundaryChains, national: Set<String>) {
        self.router = router
        self.boundaries = boundaries
        self.national = national
    }

    private func key(_ a: Int, _ b: Int) -> Int { min(a, b) << 20 | max(a, b) }

    func leg(_ a: Int, _ b: Int, problem: PatrolProblem) -> Leg? {
        let k = key(a, b)
        if let known = legs[k] { return known }
        let from = problem.positions[min(a, b)]
        let to = problem.positions[max(a, b)]
        var made: Leg?
        if from == to {
            made = Leg(points: [from], metres: 0, foreign: false)
        } else if let route = try? router.route(through: [from, to], labels: ["from", "to"]) {
            let points = route.points
            made = Leg(
                points: points, metres: route.length.metres,
                foreign: !national.isEmpty && boundaries.reachesOtherSide(points))
        }
        legs[k] = made
        return made
    }

    /// The leg's turning points from node `a` to node `b`.
    func points(_ a: Int, _ b: Int, problem: PatrolProblem) -> [Coordinate] {
        guard let leg = leg(a, b, problem: problem) else {
            return [problem.positions[a], problem.positions[b]]
        }
        return a <= b ? leg.points : leg.points.reversed()
    }

    /// Applies every correction learnt so far (to a night's copy of the problem).
    func apply(to problem: inout PatrolProblem) {
        for (a, b, m) in corrections { problem.setDistance(a, b, metres: m) }
    }

    /// Plans, then routes every leg of the plan and corrects the table. If the same routes still
    /// keep every limit with the corrected lengths they are kept, with times from the real lengths
    /// (and any new leg, such as a nearer base to finish at, is routed in turn); only when a route
    /// breaks a limit (a leg taken out, a boat back too late) is the plan made again.
    func solve(_ problem: inout PatrolProblem, options: PatrolSolver.Options) throws(KitError)
        -> PatrolSolution
    {
        func solved(_ problem: PatrolProblem) throws(KitError) -> PatrolSolution {
            do { return try PatrolSolver(problem: problem).solve(options) } catch {
                throw .patrol(error)
            }
        }
        var solution = try solved(problem)
        for _ in 0..<30 {
            guard correct(solution, in: &problem) else { return solution }
            let tours = solution.tours.map {
                problem.evaluate($0.visits.map(\.node), vehicle: $0.vehicle)
            }
            if tours.allSatisfy({ $0 != nil }) {
                solution = PatrolSolution(tours: tours.map { $0! }, iterations: solution.iterations)
            } else {
                solution = try solved(problem)
            }
        }
        throw .legsUnconfirmed(rounds: 30)
    }

    /// Routes every leg of `solution` and records what the table got wrong. Returns whether anything changed.
    private func correct(_ solution: PatrolSolution, in problem: inout PatrolProblem) -> Bool {
        var changed = false
        for tour in solution.tours {
            let vehicle = problem.vehicles[tour.vehicle]
            let nodes = [vehicle.start] + tour.visits.map(\.node) + [tour.end]
            for (a, b) in zip(nodes.dropLast(), nodes.dropFirst()) where a != b {
                let correction: Double
                if let leg = leg(a, b, problem: problem) {
                    if leg.foreign && national.contains(vehicle.name) {
                        correction = .infinity
                        foreignLegs += 1
                    } else if abs(leg.metres - problem.distance(a, b)) > 0.5 {
                        correction = leg.metres
                    } else {
                        continue
                    }
                } else {
                    correction = .infinity
                }
                corrections.append((a, b, correction))
                problem.setDistance(a, b, metres: correction)
                changed = true
            }
        }
        return changed
    }
}

extension BoundaryChains {
    /// Samples a route every kilometre or so: is any of it on the neighbours' side?
    func reachesOtherSide(_ points: [Coordinate]) -> Bool {
        for (p, q) in zip(points.dropLast(), points.dropFirst()) {
            let steps = max(1, Int(p.distance(to: q).metres / 1000))
            for s in 0...steps {
                let t = Double(s) / Double(steps)
                guard
                    let c = try? Coordinate(
                        latitude: p.latitude + t * (q.latitude - p.latitude),
                        longitude: p.longitude + t * (q.longitude - p.longitude))
                else { continue }
                if case .foreign = jurisdiction(of: c) { return true }
            }
        }
        return false
    }
}
