import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat-bench plan`: seeded patrol-planning instances on real sea distances (3–8 boats from
/// 2–4 of the GeoData bases, 20–200 targets in the Batam–Bintan–Karimun waters, an 8 h window),
/// solved by Selat's planner; each instance and Selat's routes are written as JSON for
/// `Tools/bench_plan_peer.py`, which solves the same instance with OR-Tools and checks both.
struct PatrolPlanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Patrol planning on seeded instances; writes them for the OR-Tools peer.")

    @Option(help: "Seed for the instances.") var seed: UInt64 = 1
    @Option(help: "Folder for the instance files.") var out = "bench-out/plan"
    @Option(help: "Solver steps (default: the planner's default for the instance size).")
    var iterations: Int?
    @Option(
        help:
            "Plan this instance file instead (format: Benchmarks/PlanInstances.md) and print the plan and its score."
    )
    var instance: String?
    @Option(
        help:
            "With --instance: search for this many seconds (default: the file's time_limit_s, else --iterations)."
    )
    var timeLimit: Double?
    @Flag(help: "With --instance: print the result as JSON.") var json = false

    /// (boats, bases, targets) per instance.
    static let sizes: [(Int, Int, Int)] = [
        (3, 2, 20), (3, 2, 40), (4, 2, 60), (4, 3, 80), (5, 3, 100), (5, 2, 120),
        (6, 3, 140), (6, 4, 160), (7, 4, 180), (8, 4, 200), (8, 3, 200), (8, 4, 200),
    ]

    func run() throws {
        if let instance {
            try solve(instance)
            return
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let geo = try GeoData.bundled()
        let routing = SeaRouting(geoData: geo)
        let router = try routing.router()
        let bases = geo.bases.compactMap { place -> (String, Coordinate)? in
            guard let water = router.nearestWater(to: place.position, within: .kilometres(5)) else {
                return nil
            }
            return (place.name, water.position)
        }
        var random = SeededGenerator(seed: seed)
        print("instance  boats  bases  targets   matrix    selat risk   selat time   steps")
        for (k, size) in Self.sizes.enumerated() {
            let (boatCount, baseCount, targetCount) = size
            var targets: [Coordinate] = []
            while targets.count < targetCount {
                let c = try Coordinate(
                    latitude: Double.random(in: 0.75...1.3, using: &random),
                    longitude: Double.random(in: 103.55...104.6, using: &random))
                if !geo.coastline.isLand(c), router.shoreDistance(c) >= router.clearance {
                    targets.append(c)
                }
            }
            let chosenBases = Array(bases.shuffled(using: &random).prefix(baseCount))
            let points = targets + chosenBases.map(\.1)
            let clock = ContinuousClock()
            var matrix: DistanceMatrix!
            let matrixTime = try clock.measure { matrix = try router.matrix(points) }
            let n = points.count
            let metres = PatrolProblem.metres(from: matrix)
            let weights = (0..<targetCount).map { _ in Double(1 + Int(pow(random.unit(), 2) * 99)) }
            let problemTargets = (0..<targetCount).map {
                PatrolProblem.Target(
                    name: "T\($0)", position: targets[$0], weight: weights[$0], dwell: 600)
            }
            let vehicles = (0..<boatCount).map { v -> PatrolProblem.Vehicle in
                let home = targetCount + v % baseCount
                let knots = [18.0, 22, 25, 28, 30][Int(random.next() % 5)]
                let endurance = [6.0, 7, 8, 10][Int(random.next() % 4)]
                return PatrolProblem.Vehicle(
                    name: "BOAT-\(v + 1)", agency: "A\(v % 2)", start: home, ends: [home],
                    speed: knots * 1852 / 3600, maxDuration: min(endurance, 8) * 3600)
            }
            let problem = PatrolProblem(
                targets: problemTargets, positions: points, metres: metres, vehicles: vehicles,
                startSecondOfDay: 20 * 3600)
            var solution: PatrolSolution!
            let solveTime = try clock.measure {
                solution = try PatrolSolver(problem: problem).solve(
                    .init(iterations: iterations, seed: seed &+ UInt64(k)))
            }
            let seconds =
                Double(solveTime.components.seconds) + Double(solveTime.components.attoseconds)
                / 1e18
            let instance: [String: Any] = [
                "name": "i\(k + 1)", "boats": boatCount, "bases": baseCount,
                "metres": (0..<n).map { a in
                    (0..<n).map { b in metres[a * n + b].isFinite ? metres[a * n + b] : -1 }
                },
                "targets": problemTargets.map {
                    [
                        "weight": $0.weight, "dwell": $0.dwell, "lat": $0.position.latitude,
                        "lon": $0.position.longitude,
                    ]
                },
                "vehicles": vehicles.map {
                    [
                        "name": $0.name, "start": $0.start, "end": $0.ends[0], "speed": $0.speed,
                        "max_duration": $0.maxDuration,
                    ]
                },
                "selat": [
                    "value": solution.value, "seconds": seconds, "iterations": solution.iterations,
                    "routes": solution.tours.map { $0.visits.map(\.node) },
                ],
            ]
            let data = try JSONSerialization.data(withJSONObject: instance, options: [.sortedKeys])
            try data.write(
                to: URL(fileURLWithPath: out).appendingPathComponent("instance-\(k + 1).json"))
            print(
                String(
                    format: "%8@  %5d  %5d  %7d  %7.2f s  %11.0f  %9.3f s  %6d", "i\(k + 1)",
                    boatCount, baseCount, targetCount,
                    Double(matrixTime.components.seconds) + Double(
                        matrixTime.components.attoseconds) / 1e18,
                    solution.value, seconds, solution.iterations))
        }
    }

    /// Plans one instance file: its score, routes and time.
    func solve(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let instance = try JSONDecoder().decode(PlanInstance.self, from: data)
        let problem = try instance.problem()
        let seconds = timeLimit ?? instance.timeLimitS
        var options = PatrolSolver.Options(iterations: iterations, seed: seed)
        if let seconds, iterations == nil { options.timeLimit = .milliseconds(Int(seconds * 1000)) }
        let clock = ContinuousClock()
        var solution: PatrolSolution!
        let took = try clock.measure {
            solution = try PatrolSolver(problem: problem).solve(options)
        }
        let elapsed = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        let available = problem.targets.reduce(0) { $0 + $1.weight }
        if json {
            let result: [String: Any] = [
                "name": instance.name ?? path, "score": solution.value, "seconds": elapsed,
                "iterations": solution.iterations,
                "routes": solution.tours.map { $0.visits.map(\.node) },
                "durations_s": solution.tours.map(\.duration),
            ]
            let text = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: text, as: UTF8.self))
            return
        }
        print(
            "instance \(instance.name ?? path): \(problem.targets.count) targets, "
                + "\(problem.vehicles.count) boats, \(instance.depots.count) depots")
        print(
            String(
                format: "score %.1f of %.1f available, %d of %d targets, %.2f s, %d steps",
                solution.value, available, solution.covered.count, problem.targets.count, elapsed,
                solution.iterations))
        for tour in solution.tours {
            let names = tour.visits.map { problem.targets[$0.node].name }
            print(
                String(
                    format: "  %@ (%.2f h): ", problem.vehicles[tour.vehicle].name,
                    tour.duration / 3600)
                    + (names.isEmpty ? "stays at its depot" : names.joined(separator: " ")))
        }
    }
}
