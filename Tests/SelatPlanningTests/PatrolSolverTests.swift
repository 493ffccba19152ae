import Foundation
import SelatGeo
import Testing

@testable import SelatPlanning

/// Synthetic patrol problems on a plane (distances in metres, straight lines), seeded.
enum PatrolFixture {
    static let somewhere = try! Coordinate(latitude: 1, longitude: 104)

    /// `targets` random targets in a 60 km square, `bases` bases on its west edge, one boat per base
    /// (`boats` in all, cycling over the bases), agencies alternating A and B.
    static func problem(
        targets count: Int, boats: Int, bases: Int, hours: Double = 8, seed: UInt64,
        hourly: Bool = false, dwell: Double = 900, meetings: [PatrolProblem.Meeting] = [],
        extraNodes: [(Double, Double)] = []
    ) -> PatrolProblem {
        var random = SeededGenerator(seed: seed)
        var points: [(Double, Double)] = (0..<count).map { _ in
            (random.unit() * 60_000, random.unit() * 60_000)
        }
        points += (0..<bases).map { b in (0, 60_000 * (Double(b) + 0.5) / Double(bases)) }
        points += extraNodes
        let n = points.count
        var metres = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n {
                metres[a * n + b] = hypot(points[a].0 - points[b].0, points[a].1 - points[b].1)
            }
        }
        let targets = (0..<count).map { i in
            PatrolProblem.Target(
                name: "T\(i)", position: somewhere,
                weight: 1 + Double(Int(random.next() % 9)),
                hourly: hourly
                    ? PatrolProblem.hourlyFactors(
                        counts: (0..<24).map { h in h >= 22 || h < 3 ? 10 : 1 }) : [],
                dwell: dwell)
        }
        let vehicles = (0..<boats).map { v in
            PatrolProblem.Vehicle(
                name: "BOAT-\(v)", agency: v % 2 == 0 ? "A" : "B", start: count + v % bases,
                ends: [count + v % bases], speed: 20 * 1852 / 3600.0, maxDuration: hours * 3600)
        }
        return PatrolProblem(
            targets: targets, positions: points.map { _ in somewhere },
            metres: metres, vehicles: vehicles, meetings: meetings, startSecondOfDay: 20 * 3600)
    }

    /// The best risk one boat can cover, by Held–Karp over subsets (flat values only).
    static func optimum(_ problem: PatrolProblem, vehicle v: Int) -> Double {
        let n = problem.targets.count
        let boat = problem.vehicles[v]
        let full = 1 << n
        // time[mask][last]: least seconds to leave base, visit mask ending at last (dwell included).
        var time = [Double](repeating: .infinity, count: full * n)
        for i in 0..<n {
            time[(1 << i) * n + i] =
                problem.distance(boat.start, i) / boat.speed + problem.targets[i].dwell
        }
        var best = 0.0
        for mask in 1..<full {
            for last in 0..<n where mask & (1 << last) != 0 {
                let t = time[mask * n + last]
                guard t.isFinite else { continue }
                let back = boat.ends.map { problem.distance(last, $0) }.min()! / boat.speed
                if t + back <= boat.maxDuration {
                    let value = (0..<n).filter { mask & (1 << $0) != 0 }.reduce(0.0) {
                        $0 + problem.targets[$1].weight
                    }
                    best = max(best, value)
                }
                for next in 0..<n where mask & (1 << next) == 0 {
                    let u =
                        t + problem.distance(last, next) / boat.speed + problem.targets[next].dwell
                    let k = (mask | (1 << next)) * n + next
                    if u < time[k] { time[k] = u }
                }
            }
        }
        return best
    }
}

@Suite("Patrol planner")
struct PatrolSolverTests {
    @Test(
        "every boat is back within its endurance, ETAs follow from speed and distance, each target is visited once",
        arguments: [UInt64(1), 2, 3])
    func plansKeepTheLimits(seed: UInt64) throws {
        let problem = PatrolFixture.problem(
            targets: 60, boats: 4, bases: 2, hours: 6, seed: seed, hourly: true)
        let plan = try PatrolSolver(problem: problem).solve(.init(iterations: 1500, seed: seed))
        var seen = Set<Int>()
        for tour in plan.tours {
            let boat = problem.vehicles[tour.vehicle]
            #expect(tour.duration <= boat.maxDuration + 1e-6)
            var t = 0.0
            var previous = boat.start
            for visit in tour.visits {
                t += problem.distance(previous, visit.node) / boat.speed
                #expect(abs(visit.arrival - t) < 1e-6)
                #expect(abs(visit.value - problem.value(visit.node, at: visit.arrival)) < 1e-9)
                t += problem.targets[visit.node].dwell
                #expect(abs(visit.departure - t) < 1e-6)
                #expect(seen.insert(visit.node).inserted, "target \(visit.node) visited twice")
                previous = visit.node
            }
            #expect(boat.ends.contains(tour.end))
            #expect(
                abs(tour.duration - (t + problem.distance(previous, tour.end) / boat.speed)) < 1e-6)
        }
        #expect(plan.value > 0)
        #expect(plan.iterations == 1500)
    }

    @Test(
        "one boat: the plan covers as much risk as the exact optimum (Held–Karp) on small problems",
        arguments: [UInt64(11), 12, 13, 14, 15])
    func matchesTheOptimum(seed: UInt64) throws {
        let problem = PatrolFixture.problem(targets: 11, boats: 1, bases: 1, hours: 3, seed: seed)
        let plan = try PatrolSolver(problem: problem).solve(.init(iterations: 800, seed: seed))
        let optimum = PatrolFixture.optimum(problem, vehicle: 0)
        #expect(plan.value > 0)
        #expect(abs(plan.value - optimum) < 1e-9, "planner \(plan.value) vs optimum \(optimum)")
    }

    @Test("the same seed gives the same plan; another seed is still a valid plan")
    func seedsRepeat() throws {
        let problem = PatrolFixture.problem(targets: 80, boats: 3, bases: 2, seed: 7)
        let a = try PatrolSolver(problem: problem).solve(.init(iterations: 600, seed: 42))
        let b = try PatrolSolver(problem: problem).solve(.init(iterations: 600, seed: 42))
        #expect(a.tours == b.tours)
        let c = try PatrolSolver(problem: problem).solve(.init(iterations: 600, seed: 43))
        #expect(c.value > 0.9 * a.value)
    }

    @Test("a boat never visits a target it is excluded from (outside its waters)")
    func exclusionsHold() throws {
        let base = PatrolFixture.problem(targets: 40, boats: 2, bases: 1, seed: 5)
        let closed = Set(0..<20)
        let vehicles = base.vehicles.enumerated().map { v, boat in
            PatrolProblem.Vehicle(
                name: boat.name, agency: boat.agency, start: boat.start, ends: boat.ends,
                speed: boat.speed,
                maxDuration: boat.maxDuration, excluded: v == 0 ? closed : [])
        }
        let problem = PatrolProblem(
            targets: base.targets, positions: base.positions, metres: base.metres,
            vehicles: vehicles)
        let plan = try PatrolSolver(problem: problem).solve(.init(iterations: 500, seed: 1))
        #expect(!plan.tours[0].visits.isEmpty)
        #expect(plan.tours[0].visits.allSatisfy { !closed.contains($0.node) })
    }

    @Test("a forbidden leg is never sailed")
    func forbiddenLegs() throws {
        var problem = PatrolFixture.problem(targets: 30, boats: 2, bases: 2, seed: 9)
        let first = try PatrolSolver(problem: problem).solve(.init(iterations: 400, seed: 1))
        let tour = try #require(first.tours.first { $0.visits.count >= 2 })
        let a = tour.visits[0].node
        let b = tour.visits[1].node
        problem.forbid(a, b)
        let second = try PatrolSolver(problem: problem).solve(.init(iterations: 400, seed: 1))
        for t in second.tours {
            for (x, y) in zip(t.visits.dropLast(), t.visits.dropFirst()) {
                #expect(!((x.node == a && y.node == b) || (x.node == b && y.node == a)))
            }
        }
    }

    @Test("boats of two agencies meet at the rendezvous at the time set; arrivals before it wait")
    func rendezvousLinesUp() throws {
        let count = 40
        // Node count + 2 (after two bases) is the meeting point in the middle of the square.
        let meeting = PatrolProblem.Meeting(
            node: count + 2, time: 3 * 3600, dwell: 1200, vehicles: [0, 1])
        let problem = PatrolFixture.problem(
            targets: count, boats: 3, bases: 2, seed: 4, meetings: [meeting],
            extraNodes: [(30_000, 30_000)])
        let plan = try PatrolSolver(problem: problem).solve(.init(iterations: 800, seed: 3))
        for v in [0, 1] {
            let visit = try #require(plan.tours[v].visits.first { $0.node == meeting.node })
            #expect(visit.arrival <= meeting.time + PatrolSolver.meetingTolerance)
            #expect(
                abs(visit.departure - (max(visit.arrival, meeting.time) + meeting.dwell)) < 1e-6)
            #expect(
                plan.tours[v].visits.count > 1, "the boat still patrols before or after the meeting"
            )
        }
        #expect(plan.tours[2].visits.allSatisfy { $0.node != meeting.node })
        #expect(problem.vehicles[0].agency != problem.vehicles[1].agency)
    }

    @Test("a rendezvous a boat cannot reach in time is refused, naming the boat and why")
    func unreachableRendezvous() throws {
        let meeting = PatrolProblem.Meeting(node: 12, time: 600, dwell: 600, vehicles: [0, 1])
        let problem = PatrolFixture.problem(
            targets: 10, boats: 2, bases: 2, seed: 4, meetings: [meeting],
            extraNodes: [(55_000, 50_000)])
        #expect {
            _ = try PatrolSolver(problem: problem).solve(.init(iterations: 10, seed: 1))
        } throws: { error in
            guard let e = error as? PatrolError,
                case .meetingUnreachable(let boat, _, let reason) = e
            else { return false }
            return boat == "BOAT-0" && reason.description.contains("needs")
                && reason.description.contains("kn")
        }
    }

    @Test(
        "with a time limit instead of a number of steps, the search stops and its routes keep every limit"
    )
    func timeLimit() throws {
        let problem = PatrolFixture.problem(targets: 40, boats: 3, bases: 2, hours: 6, seed: 5)
        let solution = try PatrolSolver(problem: problem).solve(
            .init(seed: 2, timeLimit: .milliseconds(200)))
        #expect(solution.iterations > 0)
        for tour in solution.tours {
            let again = try #require(
                problem.evaluate(tour.visits.map(\.node), vehicle: tour.vehicle))
            #expect(again.duration <= problem.vehicles[tour.vehicle].maxDuration + 1e-6)
        }
        #expect(solution.covered.count == solution.tours.reduce(0) { $0 + $1.visits.count })
    }
}
