import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat-bench sea`: builds the sea-routing graph, saves and loads it, routes seeded random
/// pairs (Batam–Bintan–Karimun, and Batam to Natuna/Anambas), times a distance matrix, and
/// writes the pairs with Selat's lengths for `Tools/bench-sea.sh`'s peers.
struct SeaRoutesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sea",
        abstract: "Build, save and load the sea-routing graph; time routes and a 100×100 matrix.")

    @Option(help: "Clearance from shore, metres.") var clearance = 185.2
    @Option(help: "Random sea-to-sea pairs in the Batam–Bintan–Karimun area.") var pairs = 200
    @Option(help: "Long pairs, Batam to Natuna or Anambas.") var long = 20
    @Option(help: "Points for the distance matrix.") var matrix = 100
    @Option(help: "Seed for the pairs.") var seed: UInt64 = 1
    @Option(help: "Folder for the pairs CSV and the graph file.") var out = "bench-out/sea"
    @Option(help: "Print both routes' turning points for this pair.") var show: Int?

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let geo = try GeoData.bundled()
        var graph: SeaGraph!
        let build = clock.measure {
            graph = SeaGraphBuilder(coastline: geo.coastline, clearance: clearance).build {
                print("  " + $0.description)
            }
        }
        print(
            "graph: \(graph.nodeCount) turning points, \(graph.legCount) legs; built in \(Self.text(build))"
        )
        let file = URL(fileURLWithPath: out).appendingPathComponent("graph.bin")
        try graph.serialized().write(to: file)
        var router: SeaRouter!
        let load = try clock.measure {
            let data = try Data(contentsOf: file)
            guard let loaded = SeaGraph(serialized: data) else {
                throw ValidationError("graph file unreadable")
            }
            router = try SeaRouter(coastline: geo.coastline, graph: loaded)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print("graph file \(size / 1_000_000) MB; loaded and router ready in \(Self.text(load))")

        var rng = SeededGenerator(seed: seed)
        func seaPoint(lat: ClosedRange<Double>, lon: ClosedRange<Double>) throws -> Coordinate {
            while true {
                let c = try Coordinate(
                    latitude: Double.random(in: lat, using: &rng),
                    longitude: Double.random(in: lon, using: &rng))
                if !geo.coastline.isLand(c), router.shoreDistance(c) >= router.clearance {
                    return c
                }
            }
        }
        var jobs: [(kind: String, a: Coordinate, b: Coordinate)] = []
        for _ in 0..<pairs {
            jobs.append(
                (
                    "area", try seaPoint(lat: 0.55...1.35, lon: 103.35...104.65),
                    try seaPoint(lat: 0.55...1.35, lon: 103.35...104.65)
                ))
        }
        for k in 0..<long {
            let batam = try seaPoint(lat: 0.95...1.25, lon: 103.85...104.25)
            let far =
                k % 2 == 0
                ? try seaPoint(lat: 3.5...4.3, lon: 107.9...108.4)
                : try seaPoint(lat: 2.9...3.4, lon: 105.9...106.4)
            jobs.append(("long", batam, far))
        }
        var reference: SeaRouteReference!
        let referenceSetup = clock.measure {
            reference = SeaRouteReference(coastline: geo.coastline, clearance: router.clearance)
        }
        print(
            "exact reference: \(reference.nodeCount) turning points on the unsimplified coastline's corner arcs, \(Self.text(referenceSetup))"
        )
        var lines = [
            "id,kind,lat1,lon1,lat2,lon2,selat_nm,selat_ms,narrow_legs,reference_nm,reference_points,reference_s,clearance_m,centre_lat,centre_lon"
        ]
        var excess: [String: [Double]] = [:]
        var times: [String: [Double]] = [:]
        var crossings = 0
        var failures = 0
        for (i, job) in jobs.enumerated() {
            var route: SeaRoute?
            let t = clock.measure {
                route = try? router.route(through: [job.a, job.b], labels: ["A", "B"])
            }
            let ms = Double(t.components.attoseconds) / 1e15 + Double(t.components.seconds) * 1000
            times[job.kind, default: []].append(ms)
            guard let route else {
                failures += 1
                print("  no route \(i): \(job.a) → \(job.b)")
                continue
            }
            for leg in route.legs
            where geo.coastline.firstLandCrossing(from: leg.from, to: leg.to, step: .metres(100))
                != nil
            { crossings += 1 }
            var exact: (length: Distance, points: [Coordinate], considered: Int)?
            let rt = clock.measure {
                exact = reference.route(from: job.a, to: job.b, bound: route.length)
            }
            let exactNM = exact?.length.nauticalMiles ?? .nan
            if show == i {
                print(
                    "Selat:",
                    route.points.map { String(format: "%.5f,%.5f", $0.latitude, $0.longitude) }
                        .joined(separator: " "))
                print(
                    "exact:",
                    (exact?.points ?? []).map {
                        String(format: "%.5f,%.5f", $0.latitude, $0.longitude)
                    }.joined(separator: " "))
                let pts = exact?.points ?? []
                for k in 1..<pts.count {
                    let d = router.shoreDistance(from: pts[k - 1], to: pts[k])
                    if d < router.clearance { print("  exact leg \(k) comes \(d) m from shore") }
                }
            }
            if let exact {
                excess[job.kind, default: []].append(
                    100 * (route.length.metres / exact.length.metres - 1))
            }
            if (i + 1) % 20 == 0 {
                print("  \(i + 1) of \(jobs.count) pairs (reference \(Self.text(rt)) for the last)")
            }
            lines.append(
                [
                    String(i), job.kind, String(job.a.latitude), String(job.a.longitude),
                    String(job.b.latitude), String(job.b.longitude),
                    String(format: "%.4f", route.length.nauticalMiles), String(format: "%.3f", ms),
                    String(route.narrowLegs.count),
                    String(format: "%.4f", exactNM), String(exact?.considered ?? 0), Self.text(rt),
                    String(router.clearance), String(router.plane.centre.latitude),
                    String(router.plane.centre.longitude),
                ]
                .joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: out + "/pairs.csv", atomically: true, encoding: .utf8)
        for (kind, ms) in times.sorted(by: { $0.key < $1.key }) {
            let s = ms.sorted()
            print(
                "\(kind): \(s.count) routes, median \(String(format: "%.2f", s[s.count / 2])) ms, "
                    + "95th \(String(format: "%.2f", s[s.count * 95 / 100])) ms, worst \(String(format: "%.2f", s.last!)) ms"
            )
        }
        for (kind, e) in excess.sorted(by: { $0.key < $1.key }) {
            let s = e.sorted()
            print(
                "\(kind): Selat vs exact reference: median \(String(format: "%+.3f", s[s.count / 2])) %, worst \(String(format: "%+.3f", s.last!)) %, "
                    + "best \(String(format: "%+.3f", s.first!)) %, over 0.5 %: \(s.filter { $0 > 0.5 }.count), over 2 %: \(s.filter { $0 > 2 }.count)"
            )
        }
        print(
            "no route: \(failures); legs crossing land (checked every 100 m along the geodesic): \(crossings)"
        )

        var points: [Coordinate] = []
        for _ in 0..<matrix { points.append(try seaPoint(lat: 0.55...1.35, lon: 103.35...104.65)) }
        var result: DistanceMatrix?
        let m = clock.measure { result = try? router.matrix(points) }
        let unreachable =
            result.map { r in r.nauticalMiles.joined().filter { $0 == nil }.count } ?? -1
        print(
            "\(matrix)×\(matrix) matrix: \(Self.text(m)) on \(Parallel.workers) cores (unreachable cells: \(unreachable))"
        )
        print("pairs written to \(out)/pairs.csv")
    }

    static func text(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s < 1 ? String(format: "%.1f ms", s * 1000) : String(format: "%.2f s", s)
    }
}
