import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// The same million sightings on SQLite and on PostgreSQL/PostGIS, in one run: the import (beside
/// `psql \copy` of the same CSV into a plain table, the physical limit of loading it), 5 nm
/// searches (p50/p99) and Gi* end to end on each engine.
struct EnginesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engines",
        abstract:
            "Import, 5 nm searches and Gi* on SQLite and PostgreSQL (vs psql \\copy) in one run.")

    @Option(help: "A PostgreSQL URL whose account may create databases (its database is not used).")
    var postgres: String
    @Option(help: "Rows to generate.") var rows = 1_000_000
    @Option(help: "Seed for the data and the query centres.") var seed: UInt64 = 1
    @Option(help: "Working folder (created; its files are replaced).") var out = "bench-out"
    @Option(help: "Radius queries to time per engine.") var queries = 200

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let csv = (out as NSString).appendingPathComponent("sightings-province-\(rows).csv")
        let sqlitePath = (out as NSString).appendingPathComponent("engines.sqlite")
        for s in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: sqlitePath + s)
        }
        let geo = try GeoData.bundled()
        let clock = ContinuousClock()
        if !FileManager.default.fileExists(atPath: csv) {
            let generator = SyntheticSightings(
                seed: seed, start: Timestamp(millisecondsSince1970: 1_761_955_200_000), days: 365,
                spread: .province, coastline: geo.coastline)
            let t = clock.measure { try? generator.writeCSV(count: rows, to: csv) }
            print("generated \(csv) in \(fmt(t))")
        }
        // A new database for this run, and the peer's plain table beside Selat's schema.
        let database = "selat_bench_\(ProcessInfo.processInfo.processIdentifier)"
        try psql(postgres, "DROP DATABASE IF EXISTS \(database)")
        try psql(postgres, "CREATE DATABASE \(database)")
        defer { try? psql(postgres, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        guard var url = URLComponents(string: postgres) else {
            throw ValidationError("--postgres: not a URL")
        }
        url.path = "/" + database
        let pgURL = url.string ?? postgres
        let columns = SyntheticSightings.header.map { "\($0) text" }.joined(separator: ", ")
        try psql(pgURL, "CREATE TABLE plain (\(columns))")
        let copy = try clock.measure {
            try psql(pgURL, "\\copy plain FROM '\(csv)' WITH (FORMAT csv, HEADER true)")
        }
        print("psql \\copy into a plain table: \(fmt(copy))")

        var imports: [String: Duration] = [:]
        var engines: [(String, SelatDatabase)] = []
        for (name, path) in [("SQLite", sqlitePath), ("PostgreSQL", pgURL)] {
            let db = try SelatDatabase(path: path)
            var report: ImportReport?
            let t = try clock.measure {
                report = try SightingImporter(
                    database: db, landCheck: LandCheck(coastline: geo.coastline)
                ).importFile(csv)
            }
            guard let report, report.counts.added == rows else {
                throw ValidationError(
                    "\(name): the import did not add every row: \(String(describing: report?.counts))"
                )
            }
            imports[name] = t
            engines.append((name, db))
            print(
                "\(name): selat sighting import \(fmt(t)), \(Int(Double(rows) / seconds(t))) rows/s, "
                    + String(format: "%.2f× psql \\copy", seconds(t) / seconds(copy)))
        }
        // A second peer: PostgreSQL's own loader into Selat's layout — the rows Selat stored,
        // copied out and back into a table like Selat's (its columns, generated geometry, CHECKs,
        // identity), then the same indexes built and statistics taken, as Selat's bulk load does.
        let stored = (out as NSString).appendingPathComponent("engines-stored.tsv")
        let storedColumns = SelatDatabase.copyColumnNames.joined(separator: ", ")
        try psql(
            pgURL, "\\copy (SELECT \(storedColumns) FROM sighting ORDER BY seq) TO '\(stored)'")
        try psql(
            pgURL,
            "CREATE TABLE peer (LIKE sighting INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
        )
        let layout = try clock.measure {
            try psql(pgURL, "\\copy peer (\(storedColumns)) FROM '\(stored)'")
            try psql(
                pgURL,
                "ALTER TABLE peer ADD PRIMARY KEY (seq); CREATE UNIQUE INDEX ON peer (id); "
                    + "CREATE INDEX ON peer USING gist (geom); CREATE INDEX ON peer USING gist ((geom::geography)); "
                    + "CREATE INDEX ON peer (observed_at, seq); ANALYZE peer")
        }
        try? FileManager.default.removeItem(atPath: stored)
        print(
            "psql \\copy of the same rows into Selat's layout, then its indexes: \(fmt(layout)); "
                + String(
                    format: "PostgreSQL import %.2f× that",
                    seconds(imports["PostgreSQL"] ?? .zero) / seconds(layout)))

        // The same centres on both engines: points of the data itself.
        var rng = SeededGenerator(seed: seed)
        let sample = try engines[0].1.sightings(
            matching: {
                var q = SightingQuery()
                q.limit = 20_000
                return q
            }())
        let onData = (0..<queries).map { _ in
            sample[Int(rng.next() % UInt64(sample.count))].sighting.position
        }
        // Circles of a few hundred sightings: centres anywhere in the province whose circle
        // holds 100 to 1,000 (counted on SQLite, the same for both).
        var fewHundred: [Coordinate] = []
        var tries = 0
        while fewHundred.count < queries && tries < queries * 200 {
            tries += 1
            let c = try Coordinate(
                latitude: -1.6 + Double(rng.next() % 7000) / 1000,
                longitude: 103 + Double(rng.next() % 6800) / 1000)
            var q = SightingQuery()
            q.near = (c, .nauticalMiles(5))
            let n = try engines[0].1.sightings(matching: q).count
            if (100...1000).contains(n) { fewHundred.append(c) }
        }
        for (label, centres) in [
            ("circles of 100-1,000 sightings", fewHundred), ("centres on the data", onData),
        ] {
            for (name, db) in engines {
                var times: [Duration] = []
                var hits = 0
                for centre in centres {
                    var q = SightingQuery()
                    q.near = (centre, .nauticalMiles(5))
                    var n = 0
                    times.append(try clock.measure { n = try db.sightings(matching: q).count })
                    hits += n
                }
                times.sort()
                print(
                    "\(name): 5 nm search over \(rows) rows, \(centres.count) \(label): p50 \(fmt(times[times.count / 2])), "
                        + "p99 \(fmt(times[min(times.count - 1, times.count * 99 / 100)])), \(hits / max(1, centres.count)) sightings per circle on average"
                )
            }
        }
        for (name, db) in engines {
            var request = HotspotRequest()
            request.method = .gistar
            let t = try clock.measure {
                _ = try HotspotRunner(database: db, geoData: geo).run(
                    request, command: "selat-bench engines")
            }
            print("\(name): Gi* end to end (read the sightings, bin, Gi*, FDR, store): \(fmt(t))")
        }
    }

    /// Runs one psql command (`-c`), failing on its first error.
    private func psql(_ url: String, _ command: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", command]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("psql failed: \(command)") }
    }
}
