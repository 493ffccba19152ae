import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

#if canImport(Glibc)
    import Glibc
#endif

struct HotspotsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract:
            "Gi* vs esda, DBSCAN vs scikit-learn, and `selat hotspots` end to end, on seeded synthetic sightings.",
        discussion:
            "Run through Tools/bench-hotspots.sh, which makes the Python virtualenv with the peers."
    )

    @Option(help: "Rows to generate.") var rows = 1_000_000
    @Option(help: "Seed for the data.") var seed: UInt64 = 1
    @Option(help: "Working folder.") var out = "bench-out"
    @Option(help: "Python with esda, libpysal and scikit-learn (Tools/venv.sh prints it).")
    var python: String?
    @Option(help: "The peer script (Tools/bench_hotspots_peer.py).") var peer =
        "Tools/bench_hotspots_peer.py"
    @Option(help: "DBSCAN eps in metres.") var eps = 500.0
    @Option(name: .customLong("min-points"), help: "DBSCAN min points.") var minPoints = 10
    @Option(
        help:
            "province (spread over the whole province) or clustered (dense hot spots over province-wide noise: a fifth of the records within a few km off Batam)."
    )
    var spread = "province"
    @Option(
        help:
            "What to time: all, or one of end-to-end, gistar, dbscan (the data is made either way)."
    )
    var only = "all"

    func run() throws {
        guard let spreadKind = SyntheticSightings.Spread(rawValue: spread),
            [.province, .clustered].contains(spreadKind)
        else { throw ValidationError("--spread: province or clustered") }
        guard ["all", "end-to-end", "gistar", "dbscan"].contains(only) else {
            throw ValidationError("--only: all, end-to-end, gistar or dbscan")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let geo = try GeoData.bundled()
        let dbPath = (out as NSString).appendingPathComponent("hotspots-\(spread)-\(rows).sqlite")
        let csv = (out as NSString).appendingPathComponent("sightings-\(spread)-\(rows).csv")
        var db = try SelatDatabase(path: dbPath)
        if try db.sightingCount() != rows {
            for s in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: dbPath + s)
            }
            db = try SelatDatabase(path: dbPath)
            let generator = SyntheticSightings(
                seed: seed, start: Timestamp(millisecondsSince1970: 1_761_955_200_000), days: 365,
                spread: spreadKind, coastline: geo.coastline)
            if !FileManager.default.fileExists(atPath: csv) {
                try generator.writeCSV(count: rows, to: csv)
            }
            let report = try SightingImporter(
                database: db, landCheck: LandCheck(coastline: geo.coastline)
            ).importFile(csv)
            print("imported \(report.counts.added) synthetic sightings into \(dbPath)")
        }

        print("data: \(rows) sightings, \(spread)")
        if only == "all" || only == "end-to-end" { try endToEnd(dbPath) }
        let (sample, _) = try db.sightingSample(matching: SightingQuery())
        if only == "all" || only == "gistar" { try giStar(sample, geo) }
        if only == "all" || only == "dbscan" {
            // The selat process first: peak memory is read over all children so far.
            try endToEndDBSCAN(dbPath)
            try dbscan(sample)
        }
    }

    /// End to end, as an analyst runs it: a separate `selat` process, wall time and peak memory.
    func endToEnd(_ dbPath: String) throws {
        let selat = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("selat").path
        let geojson = (out as NSString).appendingPathComponent("hotspots-\(rows).geojson")
        // The default study area (cells with sightings and their neighbours), then the full box.
        for extent in ["data", "full"] {
            let (wall, rss) = try timeChild(
                selat,
                ["hotspots", "--db", dbPath, "--out", geojson, "--force", "--study-area", extent])
            let size =
                (try FileManager.default.attributesOfItem(atPath: geojson)[.size] as? Int) ?? 0
            print(
                "end to end: selat hotspots (gistar) --study-area \(extent) --out: "
                    + String(
                        format: "%.2f s, peak memory %.0f MB, GeoJSON %.0f MB  (goal < 3 s)",
                        wall, Double(rss) / 1024, Double(size) / 1_048_576))
        }

    }

    /// Gi* on the same cells and weights as the CLI run, beside esda.
    func giStar(_ sample: SightingSample, _ geo: GeoData) throws {
        let clock = ContinuousClock()
        let projection = TransverseMercator.centred(on: sample.boundingBox!)
        let points = ProjectedPoints(sample, projection: projection)
        let spacing = CellSizeChoice(points: points).spacing  // as `selat hotspots` chooses it
        // The cells `selat hotspots` analyses by default: those with sightings and their neighbours.
        let area = StudyArea(
            points: points, grid: HexGrid(projection: projection, spacing: spacing),
            around: .adjacent, isLand: { geo.coastline.isLand($0) })
        let weights = area.weights(.adjacent)
        let values = area.counts.map(Double.init)
        var gi: GetisOrdGiStar?
        var best = Duration.seconds(1000)
        for _ in 0..<5 {
            best = min(
                best,
                try clock.measure { gi = try GetisOrdGiStar(values: values, weights: weights) })
        }
        print(
            String(
                format: "selat Gi* on %d cells (%.0f m): %.4f s (best of 5)", area.cells.count,
                spacing, seconds(best)))
        let giDir = (out as NSString).appendingPathComponent("gistar-\(rows)")
        try FileManager.default.createDirectory(atPath: giDir, withIntermediateDirectories: true)
        try write(values, to: giDir + "/counts.f64")
        // CSR without each cell itself: esda adds the diagonal for star=True.
        var start: [Int32] = [0]
        var nb: [Int32] = []
        for i in 0..<weights.count {
            for j in weights.of(i) where Int(j) != i { nb.append(j) }
            start.append(Int32(nb.count))
        }
        try write(start, to: giDir + "/start.i32")
        try write(nb, to: giDir + "/neighbours.i32")

        guard let python else {
            print("(no --python: esda not run)")
            return
        }
        let t1 = try timeChildPrinting(python, [peer, "gistar", giDir])
        let z: [Double] = try read(giDir + "/z.f64")
        let maxDiff = zip(z, gi!.z).map { abs($0 - $1) }.max() ?? .nan
        print(
            String(
                format:
                    "  Gi* z-scores: max |selat − esda| = %.2e over %d cells; compute ratio esda/selat = %.0fx (peer call %.3f s)",
                maxDiff, z.count, t1.reported / seconds(best), t1.reported))
    }

    /// `selat hotspots --method dbscan` as an analyst runs it: wall time and peak memory.
    func endToEndDBSCAN(_ dbPath: String) throws {
        let selat = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("selat").path
        let geojson = (out as NSString).appendingPathComponent("dbscan-\(spread)-\(rows).geojson")
        let (wall, rss) = try timeChild(
            selat,
            [
                "hotspots", "--db", dbPath, "--method", "dbscan", "--eps", "\(Int(eps))m",
                "--min-points", "\(minPoints)", "--out", geojson, "--force",
            ])
        print(
            String(
                format:
                    "end to end: selat hotspots --method dbscan --out: %.2f s, peak memory of selat processes so far %.0f MB (goal < 1 GB)",
                wall, Double(rss) / 1024))
    }

    /// DBSCAN on every sighting, beside scikit-learn.
    func dbscan(_ sample: SightingSample) throws {
        let clock = ContinuousClock()
        var d: DBSCAN?
        let dt = try clock.measure {
            d = try DBSCAN(
                latitudes: sample.latitudes, longitudes: sample.longitudes, eps: eps,
                minPoints: minPoints)
        }
        let dbscan = d!
        print(
            String(
                format:
                    "selat DBSCAN on %d points (eps %.0f m, min %d): %.3f s, %d clusters, %d core points",
                sample.count, eps, minPoints, seconds(dt), dbscan.clusterCount,
                dbscan.isCore.filter { $0 }.count))
        let dbDir = (out as NSString).appendingPathComponent("dbscan-\(spread)-\(rows)")
        try FileManager.default.createDirectory(atPath: dbDir, withIntermediateDirectories: true)
        try write(sample.latitudes, to: dbDir + "/lat.f64")
        try write(sample.longitudes, to: dbDir + "/lon.f64")
        try "eps_m=\(eps) min_points=\(minPoints) radius_m=\(DBSCAN.earthRadius)".write(
            toFile: dbDir + "/params.txt", atomically: true, encoding: .utf8)

        guard let python else {
            print("(no --python: scikit-learn not run)")
            return
        }
        let t2 = try timeChildPrinting(python, [peer, "dbscan", dbDir])
        let labels: [Int64] = try read(dbDir + "/labels.i64")
        let core: [UInt8] = try read(dbDir + "/core.u8")
        var coreSame = true
        var labelsSame = true
        var pairs: [Int] = []
        for i in 0..<labels.count {
            if (core[i] == 1) != dbscan.isCore[i] { coreSame = false }
            if Int64(dbscan.labels[i]) != labels[i] { labelsSame = false }
            if core[i] == 1 { pairs.append(i) }
        }
        let ari = adjustedRand(pairs.map { Int(dbscan.labels[$0]) }, pairs.map { Int(labels[$0]) })
        let peerClusters = Set(labels.filter { $0 >= 0 }).count
        let peerNoise = labels.filter { $0 < 0 }.count
        let noise = dbscan.labels.filter { $0 < 0 }.count
        print(
            String(
                format:
                    "  DBSCAN: core points identical: %@; all labels identical: %@; ARI on core points %.6f; clusters %d vs %d, noise %d vs %d; time ratio sklearn/selat = %.1fx",
                coreSame ? "yes" : "NO", labelsSame ? "yes" : "NO", ari, dbscan.clusterCount,
                peerClusters, noise, peerNoise, t2.reported / seconds(dt)))
    }

    /// Runs a child; returns wall seconds and the children's peak RSS in KiB.
    func timeChild(_ exe: String, _ args: [String]) throws -> (Double, Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let t0 = Date()
        try p.run()
        p.waitUntilExit()
        let wall = Date().timeIntervalSince(t0)
        guard p.terminationStatus == 0 else {
            throw ValidationError("\(exe) \(args.joined(separator: " ")) failed")
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return (wall, Int(usage.ru_maxrss))
    }

    /// Runs a peer, echoing its output; returns the seconds it reports for its own computation.
    func timeChildPrinting(_ exe: String, _ args: [String]) throws -> (
        reported: Double, wall: Double
    ) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        let t0 = Date()
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text, terminator: "")
        guard p.terminationStatus == 0 else { throw ValidationError("peer failed: \(args)") }
        let reported = text.split(separator: " ").compactMap { Double($0) }.last ?? .nan
        return (reported, Date().timeIntervalSince(t0))
    }
}

func write<T>(_ values: [T], to path: String) throws {
    let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
    try data.write(to: URL(fileURLWithPath: path))
}

func read<T>(_ path: String) throws -> [T] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

/// Adjusted Rand index (Hubert & Arabie 1985) of two labelings.
func adjustedRand(_ a: [Int], _ b: [Int]) -> Double {
    let n = a.count
    guard n > 1 else { return 1 }
    var table: [[Int]: Int] = [:]
    var rows: [Int: Int] = [:]
    var cols: [Int: Int] = [:]
    for i in 0..<n {
        table[[a[i], b[i]], default: 0] += 1
        rows[a[i], default: 0] += 1
        cols[b[i], default: 0] += 1
    }
    func c2(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
    let index = table.values.reduce(0) { $0 + c2($1) }
    let sa = rows.values.reduce(0) { $0 + c2($1) }
    let sb = cols.values.reduce(0) { $0 + c2($1) }
    let expected = sa * sb / c2(n)
    let maxIndex = (sa + sb) / 2
    return maxIndex == expected ? 1 : (index - expected) / (maxIndex - expected)
}
