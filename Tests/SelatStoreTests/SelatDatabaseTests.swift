import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatStore

@Suite("The database on disk")
struct SelatDatabaseTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_763_650_800_000, offsetMinutes: 420)

    func sighting(
        _ id: String, lat: Double, lon: Double, minutes: Int64 = 0, notes: String? = nil,
        activity: Activity = .trafficking
    ) throws -> Sighting {
        try Sighting(
            id: SightingID(id),
            observedAt: Timestamp(
                millisecondsSince1970: Self.t0.millisecondsSince1970 + minutes * 60_000),
            position: Coordinate(latitude: lat, longitude: lon), vesselType: .speedboat,
            activity: activity,
            personsAboard: 12, notes: notes)
    }

    @Test("a new file is a migrated, WAL-mode database readable by its owner only")
    func newFile() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let mode =
            try FileManager.default.attributesOfItem(atPath: db.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let journal = try runProcess("/usr/bin/env", ["sqlite3", db.path, "PRAGMA journal_mode;"])
        #expect(journal.out.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
        #expect(try db.integrityCheck() == ["ok"])
        // Reopening runs no migration twice.
        _ = try SelatDatabase(path: db.path)
    }

    @Test("the writer's page cache is 64 MiB until set, and reads back as set")
    func writerCache() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        #expect(try db.writerCacheMegabytes() == 64)
        try db.setWriterCache(megabytes: 8)
        #expect(try db.writerCacheMegabytes() == 8)
        // Read by SQLite itself: negative sizes are KiB.
        let size = try db.writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA cache_size")
        }
        #expect(size == -8 * 1024)
    }

    @Test(
        "rebuilding the search indexes, sorting in files or in memory, gives them back whole and puts the writer's settings back",
        arguments: [SelatDatabase.IndexSorter.files, .memory, nil])
    func rebuildIndexes(sorter: SelatDatabase.IndexSorter?) throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        _ = try db.insert(
            try (0..<3_000).map {
                try sighting("R\($0)", lat: 1 + Double($0 % 97) / 100, lon: 104, minutes: Int64($0))
            })
        try db.setWriterCache(megabytes: 8)
        try db.dropSecondaryIndexes()
        if let sorter {
            try db.writer.writeWithoutTransaction { db in
                try SelatDatabase.buildSecondaryIndexes(db, sorter: sorter)
            }
        } else {
            try db.rebuildSecondaryIndexes()
        }
        let (settings, indexed) = try db.writer.writeWithoutTransaction { db in
            (
                try [
                    "temp_store", "cache_size", "threads",
                ].map { try Int.fetchOne(db, sql: "PRAGMA \($0)") },
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM sighting INDEXED BY sighting_on_cell WHERE cell > -1"
                )
            )
        }
        // temp_store = MEMORY (2), 8 MiB as set, no sorter threads.
        #expect(settings == [2, -8 * 1024, 0])
        #expect(indexed == 3_000)
        #expect(try db.integrityCheck() == ["ok"])
    }

    @Test("queries bind every value typed by a user: none reaches the SQL text")
    func queriesBindValues() throws {
        let hostile = "x'); DROP TABLE sighting; --"
        var q = SightingQuery()
        q.unit = hostile
        q.limit = 987654
        q.since = Timestamp(millisecondsSince1970: 1_700_000_123_456)
        q.vesselTypes = [.speedboat]
        for useIndex in [true, false] {
            for near in [
                nil, (try Coordinate(latitude: 1.2, longitude: 104.1), Distance.nauticalMiles(5)),
            ] as [(centre: Coordinate, radius: Distance)?] {
                q.useSpatialIndex = useIndex
                q.near = near
                let sql = SelatDatabase.sql(for: q).sql
                for value in ["DROP", "987654", "1700000123456", "speedboat", "1.2", "104.1"] {
                    #expect(!sql.contains(value), "\(value) in \(sql)")
                }
            }
        }
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        _ = try db.insert(try sighting("A", lat: 1.2, lon: 104.3))
        #expect(try db.sightings(matching: q).isEmpty)
        #expect(try db.sightingCount() == 1)
    }

    @Test("a file that is not SQLite is refused with a clear reason, and left alone")
    func notADatabase() throws {
        let dir = TemporaryDirectory()
        let path = dir.write(
            "notes.sqlite",
            "these are my notes, not a database\n" + String(repeating: "x", count: 5000))
        #expect { try SelatDatabase(path: path) } throws: {
            ($0 as? StoreError)?.description.contains("not a SQLite database") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("these are my notes"))
    }

    @Test("a missing folder is named in the error")
    func missingFolder() {
        #expect { try SelatDatabase(path: "/nonexistent-folder/x.sqlite") } throws: {
            ($0 as? StoreError)?.description.contains("does not exist") == true
        }
    }

    @Test(
        "insert tells added, duplicate and conflict apart, and never overwrites",
        arguments: StoreEngine.allCases)
    func outcomes(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let a = try sighting("A", lat: 1.1, lon: 104.0)
        #expect(try db.insert(a) == .added)
        #expect(try db.insert(a) == .duplicate)
        let changed = try sighting("A", lat: 1.2, lon: 104.0)
        #expect(try db.insert(changed) == .conflict(existing: a))
        #expect(try db.sighting(id: a.id)?.sighting == a)
        #expect(try db.sightingCount() == 1)
    }

    @Test(
        "text is stored verbatim: SQL, quotes, Unicode, 10,000 characters",
        arguments: StoreEngine.allCases)
    func verbatim(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let notes = [
            "'); DROP TABLE sighting; --", "Robert\"); DELETE FROM sighting WHERE (\"1\"=\"1",
            "kapal tanpa lampu — 12 orang, 船", String(repeating: "ab", count: 5000),
        ]
        for (i, n) in notes.enumerated() {
            try db.insert(try sighting("N\(i)", lat: 1.1, lon: 104, notes: n))
        }
        for (i, n) in notes.enumerated() {
            #expect(try db.sighting(id: SightingID("N\(i)"))?.sighting.notes == n)
        }
        #expect(try db.sightingCount() == notes.count)
    }

    @Test("area queries use the cell index (EXPLAIN QUERY PLAN)")
    func usesIndex() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        var q = SightingQuery()
        q.near = (try Coordinate(latitude: 1.19, longitude: 104.09), .nauticalMiles(5))
        let details = try db.queryPlan(for: q)
        #expect(
            details.contains { $0.contains("USING INDEX sighting_on_cell (cell>? AND cell<?)") },
            "\(details)")
        q.useSpatialIndex = false
        let scanDetails = try db.queryPlan(for: q)
        #expect(scanDetails.contains { $0.hasPrefix("SCAN sighting") }, "\(scanDetails)")
    }

    @Test(
        "radius, box, time and attribute queries agree with a brute-force scan",
        arguments: StoreEngine.allCases, [1, 2, 3])
    func queriesMatchBruteForce(engine: StoreEngine, seed: UInt64) throws {
        let db = try TestStore(engine).db
        var rng = SeededGenerator(seed: seed)
        var all: [Sighting] = []
        for i in 0..<3000 {
            let lat = Double.random(in: 0.9...1.5, using: &rng)
            let lon = Double.random(in: 103.6...104.4, using: &rng)
            all.append(
                try sighting(
                    "S\(i)", lat: lat, lon: lon,
                    minutes: Int64.random(in: 0...100_000, using: &rng),
                    activity: Bool.random(using: &rng) ? .trafficking : .smuggling))
        }
        _ = try db.insert(all)
        for _ in 0..<40 {
            var q = SightingQuery()
            let centre = try Coordinate(
                latitude: .random(in: 0.9...1.5, using: &rng),
                longitude: .random(in: 103.6...104.4, using: &rng))
            let radius = Distance.nauticalMiles(.random(in: 0.5...12, using: &rng))
            q.near = (centre, radius)
            if Bool.random(using: &rng) {
                q.since = Timestamp(
                    millisecondsSince1970: Self.t0.millisecondsSince1970 + 3_000_000_000)
            }
            if Bool.random(using: &rng) { q.activities = [.trafficking] }
            let expected = all.filter { s in
                centre.distance(to: s.position) <= radius
                    && (q.since.map { s.observedAt >= $0 } ?? true)
                    && (q.activities.isEmpty || q.activities.contains(s.activity))
            }
            let got = try db.sightings(matching: q).map(\.sighting)
            #expect(
                Set(got.map(\.id)) == Set(expected.map(\.id)),
                "seed \(seed), centre \(centre), radius \(radius)")
            #expect(got.map(\.observedAt) == got.map(\.observedAt).sorted())
            // With a limit: exactly the first ten by time, then log order (two passes in the store).
            var limited = q
            limited.limit = 10
            let firstTen = expected.enumerated().sorted {
                ($0.element.observedAt.millisecondsSince1970, $0.offset)
                    < ($1.element.observedAt.millisecondsSince1970, $1.offset)
            }.prefix(10).map(\.element.id)
            #expect(try db.sightings(matching: limited).map(\.sighting.id) == Array(firstTen))
            q.useSpatialIndex = false
            #expect(
                Set(try db.sightings(matching: q).map(\.sighting.id)) == Set(expected.map(\.id)))

            var boxQuery = SightingQuery()
            let box = try BoundingBox(
                west: centre.longitude - 0.05, south: centre.latitude - 0.04,
                east: centre.longitude + 0.07, north: centre.latitude + 0.03)
            boxQuery.box = box
            boxQuery.limit = 25
            let inBox = all.filter { box.contains($0.position) }.sorted {
                ($0.observedAt, $0.id) < ($1.observedAt, $1.id)
            }
            let gotBox = try db.sightings(matching: boxQuery)
            #expect(gotBox.count == min(25, inBox.count))
            #expect(gotBox.allSatisfy { box.contains($0.sighting.position) })
        }
    }

    @Test(
        "paging a dense circle and a sparse one returns every row once in time then log order, by either index",
        arguments: StoreEngine.allCases, [1, 2])
    func pagingMatchesBruteForce(engine: StoreEngine, seed: UInt64) throws {
        let db = try TestStore(engine).db
        var rng = SeededGenerator(seed: seed)
        var all: [Sighting] = []
        for i in 0..<4000 {
            // Half in a dense patch off Batam, half spread over the province; only 40 distinct
            // minutes, so most rows tie on time and log order decides.
            let dense = i % 2 == 0
            let lat =
                dense
                ? Double.random(in: 1.20...1.24, using: &rng) : .random(in: 0.5...1.6, using: &rng)
            let lon =
                dense
                ? Double.random(in: 104.10...104.14, using: &rng)
                : .random(in: 103.3...104.9, using: &rng)
            all.append(
                try sighting(
                    "P\(i)", lat: lat, lon: lon, minutes: Int64.random(in: 0..<40, using: &rng)))
        }
        _ = try db.insert(all)
        // A correction: the corrected row leaves every search, the correction joins it.
        let fix = try sighting(
            "P0-fix", lat: all[0].position.latitude, lon: all[0].position.longitude, minutes: 5)
        _ = try db.correct(all[0].id, with: fix, reason: "position read again")
        let log = all.filter { $0.id != all[0].id } + [fix]
        let seqs = Dictionary(
            uniqueKeysWithValues: try db.sightings(matching: SightingQuery()).map {
                ($0.sighting.id, $0.sequence)
            })

        for (centre, radius) in [
            (try Coordinate(latitude: 1.22, longitude: 104.12), Distance.nauticalMiles(2)),
            (try Coordinate(latitude: 0.8, longitude: 103.6), Distance.nauticalMiles(3)),
        ] {
            var q = SightingQuery()
            q.near = (centre, radius)
            q.since = Timestamp(millisecondsSince1970: Self.t0.millisecondsSince1970 + 3 * 60_000)
            let expected = log.filter {
                centre.distance(to: $0.position) <= radius && $0.observedAt >= q.since!
            }.sorted {
                ($0.observedAt.millisecondsSince1970, seqs[$0.id]!)
                    < ($1.observedAt.millisecondsSince1970, seqs[$1.id]!)
            }.map(\.id)
            #expect(!expected.isEmpty)
            var pages: [SightingID] = []
            var page = q
            page.limit = 17
            while true {
                let got = try db.sightings(matching: page)
                pages += got.map(\.sighting.id)
                guard got.count == 17, let last = got.last else { break }
                page.after = SightingCursor(after: last)
            }
            #expect(pages == expected, "centre \(centre)")
            // Which path answered on SQLite: the dense circle by walking time, the sparse one by
            // its cells.
            guard engine == .sqlite else { continue }
            var first = q
            first.limit = 17
            let walked = try db.read { d in
                try SelatDatabase.firstInTime(d, query: first, limit: 17, budget: 400)
            }
            if expected.count > 1000 {
                #expect((walked?.count ?? 0) >= 17)
            } else {
                #expect(walked == nil)
            }
        }
    }

    @Test(
        "the records an insert reports as stored are the ones read back, log positions included",
        arguments: StoreEngine.allCases)
    func insertStoringMatchesReadBack(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        _ = try db.insert(try (0..<70).map { try sighting("A\($0)", lat: 1.1, lon: 104) })
        // More than one statement's rows, retries of stored ids, an id twice in the batch and a
        // conflict, in between the new ones.
        var batch: [Sighting] = []
        for i in 0..<150 {
            switch i % 10 {
            case 3: batch.append(try sighting("A\(i % 70)", lat: 1.1, lon: 104))
            case 5: batch.append(try sighting("A\(i % 70)", lat: 1.2, lon: 104))
            case 7: batch.append(try sighting("B\(i - 1)", lat: 1.1, lon: 104.2, minutes: Int64(i)))
            default:
                batch.append(try sighting("B\(i)", lat: 1.1, lon: 104.2, minutes: Int64(i)))
            }
        }
        let results = try db.insertStoring(
            prepared: batch.map(PreparedSighting.init), origins: [], audit: { _ in [] })
        var added = 0
        for (s, result) in zip(batch, results) {
            if result.outcome == .added {
                added += 1
                #expect(result.stored == (try db.sighting(id: s.id)), "\(s.id)")
            } else {
                #expect(result.stored == nil)
            }
        }
        #expect(added == 105)
        #expect(try db.sightingCount() == 175)
    }

    @Test(
        "an import's batch (COPY on PostgreSQL) keeps every text byte, tells outcomes apart and chains in log order",
        arguments: StoreEngine.allCases)
    func largeBatch(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        _ = try db.insert(try (0..<50).map { try sighting("L\($0)", lat: 1.1, lon: 104) })
        let awkward = [
            "tab\there", "line\nbreak\r\n", "back\\slash \\N \\x00", "kutip ' \" ;", "船 — ✓",
        ]
        var batch: [Sighting] = []
        for i in 0..<1200 {
            switch i % 100 {
            case 7: batch.append(try sighting("L\(i % 50)", lat: 1.1, lon: 104))  // duplicate
            case 9: batch.append(try sighting("L\(i % 50)", lat: 1.3, lon: 104))  // conflict
            case 11: batch.append(batch[batch.count - 1])  // twice in the batch
            default:
                batch.append(
                    try sighting(
                        "M\(i)", lat: 1.0 + Double(i) / 10_000, lon: 104.2, minutes: Int64(i),
                        notes: awkward[i % awkward.count]))
            }
        }
        let results = try db.insertStoring(
            prepared: batch.map(PreparedSighting.init), origins: [], audit: { _ in [] })
        #expect(results.filter { $0.outcome == .added }.count == 1200 - 12 * 3)
        #expect(results.filter { $0.outcome == .duplicate }.count == 12 + 12)
        #expect(
            results.filter { if case .conflict = $0.outcome { true } else { false } }.count == 12)
        for (s, r) in zip(batch, results) where r.outcome == .added {
            #expect(r.stored == (try db.sighting(id: s.id)), "\(s.id)")
        }
        var previous = SightingChain.genesis
        var last: Int64 = 0
        try db.forEachChainRecord { r in
            #expect(r.sequence > last && r.chain == r.expectedChain(after: previous))
            previous = r.chain ?? []
            last = r.sequence
            return true
        }
        #expect(try db.recordedChainHead()?.hash == SHA256.hex(previous))
    }

    @Test("origins recorded by id before v14 are found by log position after the upgrade")
    func originUpgrade() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("log.sqlite")
        do {
            let db = try SelatDatabase(path: path)
            _ = try db.insert(try (0..<5).map { try sighting("A\($0)", lat: 1.1, lon: 104) })
        }
        // The table as v12 made it, with two origins, and v14 not yet applied.
        _ = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", path,
                """
                DROP TABLE sighting_origin;
                CREATE TABLE sighting_origin (sighting_id TEXT PRIMARY KEY REFERENCES sighting(id),
                    agency TEXT NOT NULL, user_name TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO sighting_origin VALUES ('A1', 'BAKAMLA', 'siti'), ('A3', 'POLAIRUD', 'budi');
                DELETE FROM grdb_migrations WHERE identifier = 'v14-origin-by-log-position';
                """,
            ])
        let db = try SelatDatabase(path: path)
        let ids = try (0..<5).map { try SightingID("A\($0)") }
        #expect(try db.origins(of: ids) == [ids[1]: "BAKAMLA", ids[3]: "POLAIRUD"])
        // New origins append by log position; a second one for the same sighting is ignored.
        try db.recordOrigin(of: ids[2], agency: "TNI-AL", user: "eko")
        try db.recordOrigin(of: ids[2], agency: "BAKAMLA", user: "siti")
        #expect(try db.origins(of: ids)[ids[2]] == "TNI-AL")
        #expect(try db.sightingWithOrigin(id: ids[3])?.agency == "POLAIRUD")
    }

    @Test("a batch is one transaction: a failure stores nothing", arguments: StoreEngine.allCases)
    func batchIsAtomic(engine: StoreEngine) throws {
        let store = try TestStore(engine)
        let db = store.db
        let batch = try (0..<100).map { try sighting("B\($0)", lat: 1.1, lon: 104) }
        _ = try db.insert(batch)
        #expect(try db.sightingCount() == 100)
        // Break the schema behind Selat's back so the 51st insert fails: nothing of the batch may remain.
        switch engine {
        case .sqlite:
            try store.raw(
                "CREATE TRIGGER refuse BEFORE INSERT ON sighting WHEN NEW.id = 'C50' BEGIN SELECT RAISE(ABORT, 'refused'); END;"
            )
        case .postgresql:
            try store.raw(
                """
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.id = 'C50' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END; $$;
                CREATE TRIGGER refuse BEFORE INSERT ON sighting FOR EACH ROW EXECUTE FUNCTION refuse();
                """)
        }
        let second = try (0..<100).map { try sighting("C\($0)", lat: 1.1, lon: 104) }
        #expect(throws: StoreError.self) { try db.insert(second) }
        #expect(try db.sightingCount() == 100)
    }

    @Test(
        "waypoints and routes: unique names, linked points, all-or-nothing",
        arguments: StoreEngine.allCases)
    func waypointsAndRoutes(engine: StoreEngine) throws {
        let db = try TestStore(engine).db
        let nongsa = try Waypoint(
            name: "Nongsa", kind: .port,
            position: Coordinate(latitude: 1.18865, longitude: 104.09461))
        try db.add(nongsa)
        #expect {
            try db.add(Waypoint(name: "nongsa", position: Coordinate(latitude: 1, longitude: 104)))
        } throws: {
            ($0 as? StoreError) == .nameTaken(kind: "waypoint", name: "nongsa")
        }
        #expect(try db.waypoint(named: "NONGSA") == nongsa)
        let route = try Route(
            name: "R1", kind: .patrol,
            points: [
                Route.Point(waypointName: "Nongsa", position: nongsa.position),
                Route.Point(position: Coordinate(latitude: 1.3, longitude: 104.2)),
            ])
        try db.add(route)
        #expect(try db.route(named: "r1") == route)
        let dangling = try Route(
            name: "R2",
            points: [
                Route.Point(waypointName: "Nowhere", position: nongsa.position), route.points[1],
            ])
        #expect(throws: StoreError.notFound(kind: "waypoint", key: "Nowhere")) {
            try db.add(dangling)
        }
        #expect(try db.routes().count == 1)
    }

    @Test(
        "the schema itself refuses impossible values written behind Selat's back",
        arguments: [
            "UPDATE sighting SET vessel_type = 'jetski'", "UPDATE sighting SET activity = 'drugs'",
            "UPDATE sighting SET source = 'satellite'", "UPDATE sighting SET lat = 91",
            "UPDATE sighting SET confidence_level = 'sure'", "UPDATE sighting SET on_land = 2",
            "UPDATE sighting SET persons_aboard = -1", "UPDATE sighting SET content_sha256 = x'00'",
        ], StoreEngine.allCases)
    func schemaRules(_ sql: String, engine: StoreEngine) throws {
        let store = try TestStore(engine)
        let db = store.db
        try db.insert(try sighting("R1", lat: 1.2, lon: 104.1))
        let r = try store.raw(
            engine == .sqlite ? sql : sql.replacingOccurrences(of: "x'00'", with: "'\\x00'::bytea"))
        #expect(
            r.status != 0
                && (r.err.contains("CHECK constraint failed")
                    || r.err.contains("violates check constraint")),
            "\(sql): \(r.err)")
        #expect(try db.sighting(id: SightingID("R1"))?.sighting.vesselType == .speedboat)
    }

    @Test(
        "the analysis sample's fingerprint depends on which sightings, not on their import order",
        arguments: StoreEngine.allCases)
    func sampleFingerprint(engine: StoreEngine) throws {
        let sightings = try (0..<50).map {
            try sighting(
                "S\($0)", lat: 1.1 + Double($0) * 0.001, lon: 104.0, minutes: Int64($0 % 7))
        }
        let a = try TestStore(engine).db
        let b = try TestStore(engine).db
        _ = try a.insert(sightings)
        _ = try b.insert(sightings.reversed())
        let (sampleA, digestA) = try a.sightingSample(matching: SightingQuery())
        let (_, digestB) = try b.sightingSample(matching: SightingQuery())
        #expect(sampleA.count == 50)
        #expect(digestA == digestB)
        #expect(digestA.count == 64)
        // One sighting more, or one fewer through a filter, changes it.
        _ = try b.insert(try sighting("S50", lat: 1.2, lon: 104.1))
        #expect(try b.sightingSample(matching: SightingQuery()).inputDigest != digestA)
        var since = SightingQuery()
        since.since = Timestamp(millisecondsSince1970: Self.t0.millisecondsSince1970 + 60_000)
        #expect(try a.sightingSample(matching: since).inputDigest != digestA)
    }
}

@Suite("The database on PostgreSQL with PostGIS")
struct PostgresDatabaseTests {
    @Test("a new database is migrated once, by the same migration names as an SQLite file")
    func migrated() throws {
        let store = try TestStore(.postgresql)
        let names = try store.raw(
            "SELECT string_agg(name, ',' ORDER BY position) FROM selat_migration")
        let sqliteNames = SelatDatabase.migrationNames
        let applied = names.out.split(whereSeparator: { $0 == "," || $0.isWhitespace })
            .map(String.init).filter { $0.hasPrefix("v") || $0.hasPrefix("pg") }
        // The same names in the same order; PostgreSQL's own (pg…) come in between.
        #expect(applied.filter { !$0.hasPrefix("pg") } == sqliteNames, "\(names.out)")
        #expect(applied.contains("pg1-gis-layers"))
        // Reopening (another process would) applies nothing again, and a reader may open it.
        _ = try store.reopen()
        #expect(try store.reopen(access: .readOnly).sightingCount() == 0)
    }

    @Test("the layers have the types GIS clients expect, and sightings get their geometry")
    func layers() throws {
        let store = try TestStore(.postgresql)
        try store.db.insert(
            try Sighting(
                id: SightingID("G1"),
                observedAt: Timestamp(millisecondsSince1970: 1_763_650_800_123),
                position: Coordinate(latitude: 1.2, longitude: 104.1), vesselType: .speedboat,
                activity: .smuggling))
        let types = try store.raw(
            "SELECT f_table_name || ':' || type || ':' || srid FROM geometry_columns ORDER BY f_table_name"
        ).out
        for expected in [
            "current_sighting:POINT:4326", "hotspot_cell:POLYGON:4326",
            "plan_route:LINESTRING:4326", "sighting:POINT:4326",
        ] {
            #expect(types.contains(expected), "\(types)")
        }
        let row = try store.raw(
            "SELECT ST_AsText(geom) || ' ' || to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') FROM current_sighting"
        ).out
        #expect(row.contains("POINT(104.1 1.2) 2025-11-20 15:00:00.123"), "\(row)")
        #expect(
            try store.raw(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'sighting' AND column_name = 'observed_at'"
            ).out
                .contains("timestamp with time zone"))
    }

    @Test("GDAL lists the layers with their geometry types and feature counts")
    func layersInGDAL() throws {
        let store = try TestStore(.postgresql)
        let db = store.db
        let t0 = Timestamp(millisecondsSince1970: 1_763_650_800_000)
        let positions = [(1.20, 104.10), (1.21, 104.12), (1.19, 104.05)]
        let sightings = try positions.enumerated().map { k, p in
            try Sighting(
                id: SightingID("G\(k)"), observedAt: t0,
                position: Coordinate(latitude: p.0, longitude: p.1), vesselType: .speedboat,
                activity: .smuggling)
        }
        _ = try db.insert(sightings)
        // A correction: the view shows the correction, not the record it supersedes.
        _ = try db.correct(
            sightings[0].id,
            with: try Sighting(
                id: SightingID("G0-fix"), observedAt: t0,
                position: Coordinate(latitude: 1.201, longitude: 104.10), vesselType: .speedboat,
                activity: .smuggling), reason: "position read again")
        // A Gi* run with two hexagons, and a plan with one boat's route.
        func ring(_ lat: Double, _ lon: Double) throws -> [Coordinate] {
            try [
                (0.0, 0.01), (0.008, 0.005), (0.008, -0.005), (0.0, -0.01), (-0.008, -0.005),
                (-0.008, 0.005), (0.0, 0.01),
            ].map { try Coordinate(latitude: lat + $0.0, longitude: lon + $0.1) }
        }
        var results = HotspotResults()
        results.cells = [
            HotspotCell(
                cell: "0,0", ring: try ring(1.2, 104.1), count: 2, giZ: 2.9, p: 0.004,
                pFdr: 0.01, bin: 3, neighbours: 6, hoursWib: nil),
            HotspotCell(
                cell: "1,0", ring: try ring(1.2, 104.12), count: 1, giZ: 1.8, p: 0.07,
                pFdr: 0.09, bin: 1, neighbours: 6, hoursWib: nil),
        ]
        let record = HotspotRunRecord(
            createdAt: t0, method: "gistar", parameters: "{}", command: "test",
            sightingCount: 3, inputDigest: String(repeating: "0", count: 64), summary: "test",
            featureCount: 2)
        _ = try db.saveHotspotRun(
            record, results: results,
            outcome: HotspotRun(
                runId: 0, method: .gistar, sightingCount: 3, inputSha256: record.inputDigest,
                notes: [], hotspots: [], totalRows: 0, results: results, written: nil))
        let legs = [
            [
                try Coordinate(latitude: 1.16, longitude: 104.0),
                try Coordinate(latitude: 1.2, longitude: 104.1),
            ]
        ]
        let route = PatrolPlan.BoatRoute(
            callSign: "KP-01", agency: "POLAIRUD", crew: 6, contact: nil, speedKnots: 25,
            stops: [], legs: legs, nauticalMiles: 6.5, hours: 0.3, risk: 1)
        _ = try db.savePlan(
            PatrolPlan(
                createdAt: t0, command: "test", seed: 1, parameters: [:],
                nights: [PatrolPlan.Night(number: 1, start: t0, end: t0, boats: [route])],
                targets: [], rendezvous: [], entropyBits: nil, notes: []))

        let address = try PostgresAddress(url: store.location)
        let connection =
            "PG:host=\(address.host ?? "127.0.0.1") port=\(address.port) dbname=\(address.database) user=\(address.user)"
        let list = try runProcess("/usr/bin/env", ["ogrinfo", "-ro", "-q", connection])
        #expect(list.status == 0, "\(list.err)")
        for layer in [
            "current_sighting (Point)", "hotspot_cell (Polygon)", "plan_route (Line String)",
            "sighting (Point)",
        ] {
            #expect(list.out.contains(layer), "\(list.out)")
        }
        for (layer, geometry, count) in [
            ("current_sighting", "Point", 3), ("sighting", "Point", 4),
            ("hotspot_cell", "Polygon", 2), ("plan_route", "Line String", 1),
        ] {
            let info = try runProcess("/usr/bin/env", ["ogrinfo", "-ro", "-so", connection, layer])
            #expect(info.out.contains("Geometry: \(geometry)"), "\(layer): \(info.out)")
            #expect(info.out.contains("Feature Count: \(count)"), "\(layer): \(info.out)")
        }
    }

    @Test("a bad URL, a stopped server and a missing database are told apart")
    func openingErrors() throws {
        #expect { try SelatDatabase(path: "postgresql://selat@/x") } throws: {
            guard case .badDatabaseURL = $0 as? StoreError else { return false }
            return ($0 as? StoreError)?.description.contains("postgresql://USER@HOST") == true
        }
        #expect {
            try SelatDatabase(path: "postgresql://u:secret@127.0.0.1:1/x?sslmode=disable")
        } throws: {
            guard case .unavailable = $0 as? StoreError else { return false }
            // The password never appears in a message.
            return !String(describing: $0).contains("secret")
        }
        let missing = try PostgresTestServer.url(database: "no_such_database_here")
        #expect { try SelatDatabase(path: missing) } throws: {
            guard case .cannotOpen = $0 as? StoreError else { return false }
            return ($0 as? StoreError)?.description.contains("no_such_database_here") == true
        }
    }

    @Test("the chain, the audit trail and cases verify on PostgreSQL as on SQLite")
    func chains() throws {
        let store = try TestStore(.postgresql)
        let db = store.db
        let s = try (0..<10).map {
            try Sighting(
                id: SightingID("C\($0)"),
                observedAt: Timestamp(
                    millisecondsSince1970: 1_763_650_800_000 + Int64($0) * 60_000),
                position: Coordinate(latitude: 1.2, longitude: 104.1 + Double($0) * 0.001),
                vesselType: .speedboat, activity: .smuggling)
        }
        _ = try db.insert(s)
        var previous = SightingChain.genesis
        var count = 0
        try db.forEachChainRecord { r in
            #expect(r.chain == r.expectedChain(after: previous))
            #expect(r.currentContent == r.storedContent && r.sealMatches)
            previous = r.chain ?? []
            count += 1
            return true
        }
        #expect(count == 10)
        #expect(try db.recordedChainHead()?.hash == SHA256.hex(previous))
        _ = try db.appendAudit([
            AuditEntry(
                at: Timestamp(Date()), user: "siti", action: "login", target: nil, detail: nil,
                address: nil),
            // A client's junk with control characters (NUL among them) is kept, visibly, and
            // still chains on both engines.
            AuditEntry(
                at: Timestamp(Date()), user: nil, action: "refused", target: "sync a\u{0}b",
                detail: "x\u{1}\ny", address: nil),
        ])
        #expect(try db.auditChainProblem() == nil)
        #expect(try db.auditEntries().contains { $0.target == "sync a\\u{0}b" })
        #expect(try db.addToCase("Kasus 1", ids: [s[0].id, s[3].id]) == (2, 2))
        #expect(try db.caseChainProblem() == nil)
        // Edited behind Selat's back: the audit trail refuses, the case chain notices.
        #expect(try store.raw("UPDATE audit SET action = 'nothing'").status != 0)
        try store.raw("UPDATE evidence_case SET added_at = added_at + 1")
        #expect(try db.caseChainProblem() != nil)
    }
}
