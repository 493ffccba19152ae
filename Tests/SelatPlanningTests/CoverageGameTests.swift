import Foundation
import SelatGeo
import Testing

@testable import SelatPlanning

@Suite("Stackelberg coverage and nights")
struct CoverageGameTests {
    @Test("ORIGAMI on a worked example: weights 10, 5, 1 and one boat-night give 2/3, 1/3, 0")
    func workedExample() {
        let c = CoverageGame.coverage(weights: [10, 5, 1], resources: 1)
        #expect(abs(c[0] - 2.0 / 3) < 1e-12)
        #expect(abs(c[1] - 1.0 / 3) < 1e-12)
        #expect(c[2] == 0)
        #expect(
            abs(CoverageGame.attackerValue(weights: [10, 5, 1], coverage: c) - 10.0 / 3) < 1e-12)
    }

    @Test(
        "coverage spends the resources, leaves no covered target more attractive than another, and beats covering by weight",
        arguments: [UInt64(1), 2, 3, 4])
    func equilibriumProperties(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let weights = (0..<50).map { _ in 0.5 + 20 * random.unit() }
        let resources = 12.0
        let c = CoverageGame.coverage(weights: weights, resources: resources)
        #expect(abs(c.reduce(0, +) - resources) < 1e-9)
        #expect(c.allSatisfy { (0...1).contains($0) })
        let attacked = weights.indices.filter { c[$0] > 0 }.map { weights[$0] * (1 - c[$0]) }
        let value = CoverageGame.attackerValue(weights: weights, coverage: c)
        #expect(attacked.allSatisfy { abs($0 - value) < 1e-9 })
        #expect(weights.indices.filter { c[$0] == 0 }.allSatisfy { weights[$0] <= value + 1e-9 })
        // Covering the 12 heaviest for sure (a predictable plan) leaves the 13th to the attacker.
        let top = weights.sorted(by: >)
        #expect(value < top[12])
    }

    @Test(
        "sampling draws each target with its probability (20,000 draws, within 4 standard errors)")
    func samplingMarginals() {
        let c = [0.9, 0.5, 0.25, 0.75, 0.1, 0.5, 0.0, 1.0]
        var random = SeededGenerator(seed: 9)
        var counts = [Double](repeating: 0, count: c.count)
        let draws = 20_000
        for _ in 0..<draws {
            let set = CoverageGame.sample(c, using: &random)
            #expect(set.count == 4)  // the probabilities sum to 4
            for i in set { counts[i] += 1 }
        }
        for i in c.indices {
            let error = (c[i] * (1 - c[i]) / Double(draws)).squareRoot()
            #expect(abs(counts[i] / Double(draws) - c[i]) <= 4 * error + 1e-12, "target \(i)")
        }
    }

    @Test("entropy: zero for a fixed schedule, one bit per target at even odds")
    func entropy() {
        #expect(CoverageGame.entropy([1, 0, 1]) == 0)
        #expect(abs(CoverageGame.entropy([0.5, 0.5]) - 2) < 1e-12)
    }

    @Test("nights promise no coverage to a target no boat may serve (outside every boat's waters)")
    func unservableTargetsGetNoCoverage() throws {
        let base = PatrolFixture.problem(targets: 14, boats: 2, bases: 2, hours: 8, seed: 21)
        let closed: Set<Int> = [0, 3]
        let vehicles = base.vehicles.map {
            PatrolProblem.Vehicle(
                name: $0.name, agency: $0.agency, start: $0.start, ends: $0.ends, speed: $0.speed,
                maxDuration: $0.maxDuration, excluded: closed)
        }
        let problem = PatrolProblem(
            targets: base.targets, positions: base.positions, metres: base.metres,
            vehicles: vehicles)
        #expect(
            problem.servable.enumerated().allSatisfy { $0.element == !closed.contains($0.offset) })
        let nights = try PatrolNights.plan(
            problem, nights: 20, capacity: 6, seed: 3, iterations: 60)
        #expect(closed.allSatisfy { nights.coverage[$0] == 0 })
        #expect(abs(nights.coverage.reduce(0, +) - 6) < 1e-9)
        #expect(nights.nights.allSatisfy { $0.missed.isEmpty })
    }

    @Test(
        "nights: the same seed repeats them, consecutive nights differ, and coverage over 300 nights matches the probabilities"
    )
    func nightsFollowTheStrategy() throws {
        let problem = PatrolFixture.problem(targets: 14, boats: 2, bases: 2, hours: 8, seed: 21)
        let best = try PatrolSolver(problem: problem).solve(.init(iterations: 400, seed: 1))
        let capacity = min(best.covered.count, 6)
        let nights = try PatrolNights.plan(
            problem, nights: 300, capacity: capacity, seed: 5, iterations: 60)
        let again = try PatrolNights.plan(
            problem, nights: 300, capacity: capacity, seed: 5, iterations: 60)
        #expect(nights.nights.map(\.chosen) == again.nights.map(\.chosen))
        #expect(nights.nights.map { $0.solution.tours } == again.nights.map { $0.solution.tours })
        #expect(nights.nights.allSatisfy { $0.missed.isEmpty })
        let repeats = zip(nights.nights.dropLast(), nights.nights.dropFirst()).filter {
            $0.chosen == $1.chosen
        }.count
        #expect(repeats < 30, "\(repeats) of 299 consecutive pairs were the same night")
        let realised = nights.realised
        for i in problem.targets.indices {
            let c = nights.coverage[i]
            let error = (c * (1 - c) / 300).squareRoot()
            #expect(
                abs(realised[i] - c) <= 4 * error + 1e-9,
                "target \(i): planned \(c), realised \(realised[i])")
        }
        #expect(nights.entropy > 0)
    }

    @Test(
        "catching up: each target's coverage over past and new nights meets the game's, within 0 and 1, summing to the resources"
    )
    func catchingUp() {
        // Four nights behind, four ahead, half of each target wanted: the one never visited is
        // drawn every night, the one visited every night never, the others half the nights.
        let even = CoverageGame.catchingUp(
            [0.5, 0.5, 0.5, 0.5], resources: 2, past: 4, covered: [4, 0, 2, 2], nights: 4)
        #expect(zip(even, [0.0, 1, 0.5, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 })
        // Eight nights behind, two ahead: three targets missed all along share the two boats.
        let short = CoverageGame.catchingUp(
            [0.5, 0.5, 0.5, 0.5], resources: 2, past: 8, covered: [8, 0, 0, 0], nights: 2)
        #expect(zip(short, [0.0, 2.0 / 3, 2.0 / 3, 2.0 / 3]).allSatisfy { abs($0 - $1) < 1e-6 })
        // A target the game leaves out stays out; no history changes nothing.
        let closed = CoverageGame.catchingUp(
            [0.8, 0, 0.6], resources: 1.4, past: 3, covered: [3, 0, 0], nights: 3)
        #expect(closed[1] == 0 && abs(closed.reduce(0, +) - 1.4) < 1e-6 && closed[2] > 0.6)
        #expect(
            CoverageGame.catchingUp([0.3, 0.7], resources: 1, past: 0, covered: [0, 0], nights: 5)
                == [0.3, 0.7])
    }

    @Test(
        "nights started from history draw a target missed in past nights more often than the game alone"
    )
    func nightsFromHistory() throws {
        let problem = PatrolFixture.problem(targets: 14, boats: 2, bases: 2, hours: 8, seed: 21)
        let plain = try PatrolNights.plan(
            problem, nights: 10, capacity: 6, seed: 3, iterations: 60)
        let open = plain.coverage.indices.filter {
            plain.coverage[$0] > 0 && plain.coverage[$0] < 1
        }
        let missed = try #require(open.first)
        let kept = try #require(open.last)
        // Ten past nights: `missed` never covered, `kept` every night, the rest as planned.
        var covered = plain.coverage.map { $0 * 10 }
        covered[missed] = 0
        covered[kept] = 10
        let caught = try PatrolNights.plan(
            problem, nights: 10, capacity: 6, seed: 3, iterations: 60,
            history: (nights: 10, covered: covered))
        #expect(caught.coverage[missed] > plain.coverage[missed])
        #expect(caught.coverage[kept] < plain.coverage[kept])
        #expect(abs(caught.coverage.reduce(0, +) - plain.coverage.reduce(0, +)) < 1e-6)
        let drawnMissed = caught.nights.filter { $0.chosen.contains(missed) }.count
        let drawnBefore = plain.nights.filter { $0.chosen.contains(missed) }.count
        #expect(drawnMissed >= drawnBefore)
    }
}
