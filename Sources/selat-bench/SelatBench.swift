import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// Benchmarks that print figures and, where a peer exists, the peer's figure from the same run.
/// Build in release: `swift run -c release selat-bench store`.
@main
struct SelatBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selat-bench",
        abstract: "Selat's benchmarks (see Benchmarks/README.md).",
        subcommands: [
            StoreBench.self, PhasesBench.self, UpgradeFixtures.self, QueryBench.self,
            GeoDataBench.self, HotspotsBench.self, SeaRoutesBench.self, PatrolPlanBench.self,
            EnginesBench.self, StreamBench.self, DigestBench.self,
        ])
}

struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract:
            "Import a seeded sighting CSV (vs the sqlite3 shell's .import) and time 5 nm radius queries."
    )

    @Option(help: "Rows to generate.") var rows = 1_000_000
    @Option(help: "Seed for the data and the query centres.") var seed: UInt64 = 1
    @Option(help: "Working folder (created; its files are replaced).") var out = "bench-out"
    @Option(help: "Radius queries to time.") var queries = 200
    @Flag(help: "Also time filling an SQLite R*Tree with the same points (the alternative design).")
    var rtree = false
    @Option(
        help:
            "corridors (dense, as the demo), province (spread over the whole province) or clustered (dense hot spots over province-wide noise)."
    )
    var spread = "province"
    @Option(
        name: .customLong("hot-spot"),
        help:
            "With --spread clustered: LAT,LON,SHARE,MAJOR_KM[,MINOR_KM[,BEARING[,steady|rising|fading|new]]] (repeat; default: five hot spots, a fifth of the records within a few km off Batam)."
    )
    var hotSpot: [String] = []

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        guard let spreadKind = SyntheticSightings.Spread(rawValue: spread) else {
            throw ValidationError("--spread: corridors, province or clustered")
        }
        let spots = try hotSpot.map { text in
            guard let h = SyntheticHotSpot(parsing: text) else {
                throw ValidationError(
                    "--hot-spot \(text): LAT,LON,SHARE,MAJOR_KM[,MINOR_KM[,BEARING[,TREND]]]")
            }
            return h
        }
        // A file per set of hot spots (FNV-1a of their text: stable from run to run).
        let digest = hotSpot.joined(separator: ";").utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        let tag = spots.isEmpty ? spread : "\(spread)-\(String(digest % 1_000_000, radix: 16))"
        let csv = (out as NSString).appendingPathComponent("sightings-\(tag)-\(rows).csv")
        let dbPath = (out as NSString).appendingPathComponent("bench.sqlite")
        let peerPath = (out as NSString).appendingPathComponent("peer.sqlite")
        for p in [dbPath, peerPath] {
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + s) }
        }

        let clock = ContinuousClock()
        let geo = try GeoData.bundled()
        var generator = SyntheticSightings(
            seed: seed, start: Timestamp(millisecondsSince1970: 1_761_955_200_000), days: 365,
            spread: spreadKind, coastline: geo.coastline)
        if !spots.isEmpty { generator.hotSpots = spots }
        if !FileManager.default.fileExists(atPath: csv) {
            let t = clock.measure { try? generator.writeCSV(count: rows, to: csv) }
            print("generated \(csv) in \(fmt(t))")
        }
        let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
        print("file: \(rows) rows, \(size / 1_048_576) MiB")

        // Peer: the sqlite3 shell importing the same file into a plain table (no indexes, no checks).
        let peer = try timeProcess(
            "/usr/bin/env", ["sqlite3", peerPath, ".mode csv", ".import \(csv) sighting_plain"])
        print("sqlite3 .import into a plain table: \(fmt(peer))")

        // Selat: the real import path (parse, validate, digest, Hilbert key, idempotent insert, 3 indexes).
        let db = try SelatDatabase(path: dbPath)
        var report: ImportReport?
        let selat = try clock.measure {
            report = try SightingImporter(
                database: db, landCheck: LandCheck(coastline: geo.coastline)
            ).importFile(csv)
        }
        guard let report, report.counts.added == rows else {
            throw ValidationError(
                "import did not add every row: \(String(describing: report?.counts))")
        }
        let rate = Double(rows) / seconds(selat)
        print(
            "selat sighting import: \(fmt(selat)), \(Int(rate)) rows/s, ratio to sqlite3 .import: "
                + String(format: "%.2fx", seconds(selat) / seconds(peer)))

        if rtree {
            let rt = try timeProcess(
                "/usr/bin/env",
                [
                    "sqlite3", peerPath,
                    "CREATE VIRTUAL TABLE r USING rtree(id, minlat, maxlat, minlon, maxlon);",
                    "INSERT INTO r SELECT rowid, lat, lat, lon, lon FROM sighting_plain;",
                ])
            let cell = try timeProcess(
                "/usr/bin/env",
                [
                    "sqlite3", peerPath,
                    "ALTER TABLE sighting_plain ADD COLUMN cell INTEGER;",
                    "UPDATE sighting_plain SET cell = CAST((lat + 90) * 4096 AS INTEGER) * 2000000 + CAST((lon + 180) * 4096 AS INTEGER);",
                    "CREATE INDEX plain_cell ON sighting_plain(cell);",
                ])
            print(
                "alternative designs, after the plain .import: fill an R*Tree \(fmt(rt)); "
                    + "add+fill+index an integer cell column \(fmt(cell))")
        }

        // Radius queries: 5 nm around seeded centres drawn from the data itself, and anywhere.
        try QueryBench.report(
            db, queries: queries, seed: seed, radius: .nauticalMiles(5), rows: rows)

        // Big answers, streamed: the densest hot spot's circle (clustered), or a wide circle
        // over the straits (even data, where 5 nm holds ~10,000).
        let centre =
            spreadKind == .clustered
            ? (spots.first ?? SyntheticHotSpot.defaults[0]).centre
            : try Coordinate(latitude: 1.2, longitude: 104.0)
        try StreamBench.report(
            dbPath: dbPath, centre: centre, radius: spreadKind == .clustered ? "5nm" : "40nm")
    }

}

/// The wall time of the sqlite3 shell running `statements` on `path` (read from its standard input).
func timeSQLite(_ path: String, _ statements: [String]) throws -> Duration {
    let script = NSTemporaryDirectory() + "selat-bench-\(getpid()).sql"
    try statements.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: script) }
    return try timeProcess("/bin/sh", ["-c", "sqlite3 '\(path)' < '\(script)' > /dev/null"])
}

/// What a child process writes to its standard output; it must succeed.
func shellOutput(_ exe: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [exe] + args
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw ValidationError("\(exe) \(args.joined(separator: " ")) failed")
    }
    return String(decoding: data, as: UTF8.self)
}

/// The wall time of a child process, which must succeed.
func timeProcess(_ exe: String, _ args: [String]) throws -> Duration {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let clock = ContinuousClock()
    let t = try clock.measure {
        try p.run()
        p.waitUntilExit()
    }
    guard p.terminationStatus == 0 else {
        throw ValidationError("\(args.joined(separator: " ")) failed")
    }
    return t
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func fmt(_ d: Duration) -> String {
    let s = seconds(d)
    return s < 1 ? String(format: "%.1f ms", s * 1000) : String(format: "%.2f s", s)
}

/// Where import time goes: each stage of `selat sighting import` timed alone on one core, in the
/// importer's order and batch size, beside the whole import and the `sqlite3` shell's `.import` of
/// the same file in the same run.
struct PhasesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phases",
        abstract: "Time each stage of an import, beside the whole import and the sqlite3 shell.")
    @Argument(help: "A sighting CSV (e.g. bench-out/sightings-clustered-1000000.csv).") var csv:
        String
    @Option(help: "Working folder for the databases.") var out = "bench-out"

    func run() throws {
        let clock = ContinuousClock()
        let geo = try GeoData.bundled()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        func fresh(_ name: String) -> String {
            let path = (out as NSString).appendingPathComponent(name)
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
            return path
        }
        let batch = SightingImporter.Options().batchSize

        // The whole: the peer, then the real import (two threads: reading and checking beside
        // writing; secondary indexes rebuilt after a bulk load).
        let peerPath = fresh("phases-peer.sqlite")
        let peer = try timeProcess(
            "/usr/bin/env", ["sqlite3", peerPath, ".mode csv", ".import \(csv) sighting_plain"])
        let wholePath = fresh("phases-import.sqlite")
        let whole = try clock.measure {
            let report = try SightingImporter(
                database: try SelatDatabase(path: wholePath),
                landCheck: LandCheck(coastline: geo.coastline)
            ).importFile(csv)
            guard report.counts.rejected == 0 else {
                throw ValidationError(
                    "\(report.counts.rejected) rows were rejected: see the rejects file")
            }
        }

        // The stages, one at a time, each kept in memory for the next.
        var fields: [[String]] = []
        var header: [String] = []
        let tRead = try clock.measure {
            var reader = try CSVReader(path: csv)
            guard let h = reader.next()?.fields else { throw ValidationError("\(csv) is empty") }
            header = h
            while let r = reader.next() { fields.append(r.fields) }
        }
        let index = SightingColumn.allCases.map { c in header.firstIndex(of: c.rawValue) }
        var parsed: [Sighting] = []
        parsed.reserveCapacity(fields.count)
        let tParse = try clock.measure {
            for f in fields {
                parsed.append(
                    try Sighting.reading(
                        { c in index[c.ordinal].map { f[$0] } }, defaultOffsetMinutes: 420
                    ).sighting)
            }
        }
        fields = []
        let landCheck = LandCheck(coastline: geo.coastline)
        var checked: [Sighting] = []
        checked.reserveCapacity(parsed.count)
        let tLand = try clock.measure {
            for s in parsed { checked.append(try landCheck.check(s)) }
        }
        parsed = []
        var prepared: [PreparedSighting] = []
        prepared.reserveCapacity(checked.count)
        let tPrepare = clock.measure {
            for s in checked { prepared.append(PreparedSighting(s)) }
        }
        checked = []
        let stagesPath = fresh("phases-stages.sqlite")
        let database = try SelatDatabase(path: stagesPath)
        try database.setWriterCache(megabytes: 512)
        try database.dropSecondaryIndexes()
        let tInsert = try clock.measure {
            var i = 0
            while i < prepared.count {
                _ = try database.insert(
                    prepared: Array(prepared[i..<min(i + batch, prepared.count)]))
                i += batch
            }
        }
        let tIndex = try clock.measure { try database.rebuildSecondaryIndexes() }

        // SQLite's own floor: the rows as stored, copied by the sqlite3 shell into the same schema
        // in the importer's transactions (WAL, synchronous=FULL), then the two search indexes
        // built — no Swift code, no parsing, no checks, no hashing.
        let floorPath = fresh("phases-floor.sqlite")
        let rows = prepared.count
        var script = [
            "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "PRAGMA cache_size=-524288;",
        ]
        // The table as Selat made it (`.schema`), its two search indexes kept for afterwards.
        let schema = try shellOutput("sqlite3", [stagesPath, ".schema sighting"])
            .components(separatedBy: ";\n").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            .filter { !$0.isEmpty }
        let searchIndexes = schema.filter {
            $0.contains("INDEX sighting_on_cell") || $0.contains("INDEX sighting_on_observed_at")
        }
        guard searchIndexes.count == 2 else {
            throw ValidationError(
                "expected the two search indexes in the schema, found \(searchIndexes)")
        }
        script += schema.filter { !searchIndexes.contains($0) }.map { $0 + ";" }
        script.append("ATTACH '\(stagesPath)' AS src;")
        var first = 0
        while first < rows {
            script.append(
                "BEGIN; INSERT INTO main.sighting SELECT * FROM src.sighting WHERE seq > \(first)"
                    + " AND seq <= \(first + batch) ORDER BY seq; COMMIT;")
            first += batch
        }
        script += ["DETACH src;", "PRAGMA threads=2;"]
        let floorInsert = try timeSQLite(floorPath, script)
        // The indexes built as fast as the shell can: the sorter's runs 4 MiB, in temporary
        // files (the shell's default), merged by a second thread — 2.5x faster than one 512 MiB
        // run on this machine.
        let floorIndex = try timeSQLite(
            floorPath,
            [
                "PRAGMA cache_size=-4096;", "PRAGMA temp_store=FILE;", "PRAGMA synchronous=FULL;",
                "PRAGMA threads=2;",
            ]
                + searchIndexes.map { $0 + ";" })

        let producer = seconds(tRead) + seconds(tParse) + seconds(tLand) + seconds(tPrepare)
        let writer = seconds(tInsert)
        let sum = producer + writer + seconds(tIndex)
        func line(_ name: String, _ t: Double) {
            print(
                name.padding(toLength: 62, withPad: " ", startingAt: 0)
                    + String(format: "%7.2f s  %4.1f %%", t, 100 * t / sum))
        }
        print("\(prepared.count) rows of \(csv), each stage alone on one core:")
        line("1 read the CSV (records and fields)", seconds(tRead))
        line("2 check every field into a sighting", seconds(tParse))
        line("3 land, region, inland-water and plausibility checks", seconds(tLand))
        line("4 content digest, seal (SHA-256) and cell key", seconds(tPrepare))
        line("5 chain and insert, \(batch) rows a durable transaction", writer)
        line("6 rebuild the secondary indexes", seconds(tIndex))
        print(
            String(
                format:
                    "stages 1-4 (the reading thread) %.2f s; stage 5 (the writing thread) %.2f s; "
                    + "with both threads busy the import needs at least %.2f s",
                producer, writer, max(producer, writer) + seconds(tIndex)))
        print(
            String(
                format:
                    "whole import %.2f s; sqlite3 .import into a plain table %.2f s (same run): %.2fx  (goal: 2x)",
                seconds(whole), seconds(peer), seconds(whole) / seconds(peer)))
        let floor = seconds(floorInsert) + seconds(floorIndex)
        print(
            String(
                format:
                    "SQLite's floor for these rows (the sqlite3 shell copying them as stored, same "
                    + "transactions, then the two indexes): %.2f s + %.2f s = %.2f s = %.2fx .import",
                seconds(floorInsert), seconds(floorIndex), floor, floor / seconds(peer)))
    }
}

/// Radius queries on an existing database: centres drawn from its own rows (dense) and uniformly
/// over a box (sparse), indexed and by full scan.
struct QueryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Time 5 nm radius queries on a database.")
    @Option var db: String
    @Option var queries = 100
    @Option var seed: UInt64 = 1
    @Option(help: "Radius.") var radius = "5nm"

    func run() throws {
        try Self.report(
            try SelatDatabase(path: db), queries: queries, seed: seed,
            radius: try Distance(parsing: radius), rows: nil)
    }

    static func report(
        _ database: SelatDatabase, queries: Int, seed: UInt64, radius r: Distance, rows: Int?
    ) throws {
        var rng = SeededGenerator(seed: seed)
        let sample = try database.sightings(
            matching: {
                var q = SightingQuery()
                q.limit = 20_000
                return q
            }())
        let dense = (0..<queries).map { _ in
            sample[Int(rng.next() % UInt64(sample.count))].sighting.position
        }
        let sparse = try (0..<queries).map { _ in
            try Coordinate(
                latitude: -1.6 + Double(rng.next() % 7000) / 1000,
                longitude: 103 + Double(rng.next() % 6800) / 1000)
        }
        for (name, centres) in [
            ("centres on the data", dense), ("centres anywhere in the province", sparse),
        ] {
            for indexed in [true, false] {
                let result = try timeQueries(
                    database, centres: Array(centres.prefix(indexed ? queries : 10)), radius: r,
                    indexed: indexed)
                print(
                    "\(r) radius query\(rows.map { " over \($0) rows" } ?? ""), \(name), \(indexed ? "indexed" : "full scan"): "
                        + "median \(fmt(result.median)), p95 \(fmt(result.p95)), \(result.hits) hits on average"
                )
            }
        }
    }
}

func timeQueries(_ db: SelatDatabase, centres: [Coordinate], radius: Distance, indexed: Bool) throws
    -> (median: Duration, p95: Duration, hits: Int)
{
    let clock = ContinuousClock()
    var times: [Duration] = []
    var hits = 0
    for centre in centres {
        var q = SightingQuery()
        q.near = (centre, radius)
        q.useSpatialIndex = indexed
        var n = 0
        times.append(try clock.measure { n = try db.sightings(matching: q).count })
        hits += n
    }
    times.sort()
    return (
        times[times.count / 2], times[min(times.count - 1, times.count * 95 / 100)],
        hits / max(1, times.count)
    )
}

/// Coastline load time and `isLand` throughput, beside GMT's `gmt select` on the same points.
struct GeoDataBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geodata", abstract: "Time coastline loading and land checks.")
    @Option var points = 2_000_000
    @Option var seed: UInt64 = 7
    @Flag(help: "Skip the GMT peer.") var noPeer = false

    func run() throws {
        let clock = ContinuousClock()
        var loads: [Duration] = []
        var geo: GeoData?
        for _ in 0..<5 { loads.append(try clock.measure { geo = try GeoData.bundled() }) }
        loads.sort()
        guard let coast = geo?.coastline else { return }
        print(
            "load coastline (\(coast.polygons.count) polygons) + ports + bases: median \(fmt(loads[2])) of 5"
        )
        var rng = SeededGenerator(seed: seed)
        let pts = try (0..<points).map { _ in
            try Coordinate(
                latitude: .random(in: -1.6...5.4, using: &rng),
                longitude: .random(in: 103...109.8, using: &rng))
        }
        var land = 0
        let t = clock.measure { for p in pts where coast.isLand(p) { land += 1 } }
        let rate = Double(points) / seconds(t)
        print(
            "isLand, one thread: \(points) random points in the box in \(fmt(t)): \(String(format: "%.2f", rate / 1e6)) M checks/s (\(land) on land)"
        )
        var near = 0
        let nearPts = try (0..<(points / 10)).map { _ in
            try Coordinate(
                latitude: .random(in: 0.9...1.3, using: &rng),
                longitude: .random(in: 103.6...104.4, using: &rng))
        }
        let tn = clock.measure { for p in nearPts where coast.isLand(p) { near += 1 } }
        print(
            "isLand among the Batam–Bintan islands: \(String(format: "%.2f", Double(nearPts.count) / seconds(tn) / 1e6)) M checks/s"
        )
        guard !noPeer else { return }
        let sample = pts.prefix(20_000)
        let input =
            sample.map { String(format: "%.6f %.6f", $0.longitude, $0.latitude) }.joined(
                separator: "\n") + "\n"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gmt", "select", "-R103/109.8/-1.6/5.4", "-Df", "-Ns/k/s/s/s"]
        let inPipe = Pipe()
        let outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        let tg = try clock.measure {
            try p.run()
            DispatchQueue.global().async {
                inPipe.fileHandleForWriting.write(Data(input.utf8))
                try? inPipe.fileHandleForWriting.close()
            }
            _ = outPipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
        }
        print(
            "peer: gmt select -Df on \(sample.count) points: \(fmt(tg)), \(String(format: "%.2f", Double(sample.count) / seconds(tg) / 1e6)) M checks/s (process included)"
        )
    }
}
