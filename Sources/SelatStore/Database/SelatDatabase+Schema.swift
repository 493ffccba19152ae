import Foundation
import GRDB
import SelatModel

extension SelatDatabase {
    /// The schema, as append-only migrations. Rules live in the schema too: NOT NULL, CHECK and
    /// foreign keys, so a row edited by hand outside Selat still cannot hold an impossible value.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sightings-waypoints-routes") { db in
            // `column = 'a' OR column = 'b' …` rather than `column IN ('a', 'b', …)`: the same rule,
            // but SQLite evaluates an IN list in a CHECK by building a small table for every row,
            // which cost 3 s per million inserted rows (measured with the sqlite3 shell).
            func oneOf<E: TextEnumeration>(_ column: String, _: E.Type) -> String {
                E.allCases.map { "\(column) = '\($0.rawValue)'" }.joined(separator: " OR ")
            }
            try db.execute(
                sql: """
                    CREATE TABLE sighting (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
                        observed_at INTEGER NOT NULL,
                        observed_offset_min INTEGER NOT NULL DEFAULT 0 CHECK (observed_offset_min BETWEEN -720 AND 840),
                        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                        cell INTEGER NOT NULL,
                        vessel_type TEXT NOT NULL CHECK (\(oneOf("vessel_type", VesselType.self))),
                        activity TEXT NOT NULL CHECK (\(oneOf("activity", Activity.self))),
                        persons_aboard INTEGER CHECK (persons_aboard BETWEEN 0 AND 10000),
                        heading_deg REAL CHECK (heading_deg BETWEEN 0 AND 360),
                        speed_kn REAL CHECK (speed_kn BETWEEN 0 AND 100),
                        source TEXT CHECK (\(oneOf("source", SightingSource.self))),
                        unit TEXT,
                        confidence REAL CHECK (confidence BETWEEN 0 AND 1),
                        confidence_level TEXT CHECK (\(oneOf("confidence_level", Confidence.Level.self))),
                        notes TEXT,
                        content_sha256 BLOB NOT NULL CHECK (length(content_sha256) = 32),
                        created_at INTEGER NOT NULL,
                        CHECK (confidence IS NULL OR confidence_level IS NULL)
                    );

                    CREATE TABLE waypoint (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
                        kind TEXT NOT NULL CHECK (\(oneOf("kind", Waypoint.Kind.self))),
                        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                        notes TEXT,
                        created_at INTEGER NOT NULL
                    );

                    CREATE TABLE route (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
                        kind TEXT NOT NULL CHECK (\(oneOf("kind", Route.Kind.self))),
                        notes TEXT,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE route_point (
                        route_id INTEGER NOT NULL REFERENCES route(id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL CHECK (seq >= 0),
                        waypoint_id INTEGER REFERENCES waypoint(id) ON DELETE RESTRICT,
                        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                        PRIMARY KEY (route_id, seq)
                    ) WITHOUT ROWID;
                    CREATE INDEX route_point_on_waypoint ON route_point(waypoint_id);

                    CREATE TABLE import_log (
                        id INTEGER PRIMARY KEY,
                        file_name TEXT NOT NULL,
                        file_size INTEGER NOT NULL,
                        format TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER,
                        rows_read INTEGER NOT NULL DEFAULT 0,
                        rows_added INTEGER NOT NULL DEFAULT 0,
                        rows_duplicate INTEGER NOT NULL DEFAULT 0,
                        rows_conflict INTEGER NOT NULL DEFAULT 0,
                        rows_rejected INTEGER NOT NULL DEFAULT 0
                    );
                    """)
        }
        migrator.registerMigration("v2-on-land-flags") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sighting ADD COLUMN on_land INTEGER NOT NULL DEFAULT 0 CHECK (on_land = 0 OR on_land = 1);
                    ALTER TABLE waypoint ADD COLUMN on_land INTEGER NOT NULL DEFAULT 0 CHECK (on_land = 0 OR on_land = 1);
                    """)
        }
        migrator.registerMigration("v3-hotspot-runs") { db in
            // Every hotspot run: what was asked, on which sightings, and what came out, so a
            // map can be explained and reproduced later. Runs are never edited.
            try db.execute(
                sql: """
                    CREATE TABLE hotspot_run (
                        id INTEGER PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        method TEXT NOT NULL CHECK (method = 'gistar' OR method = 'dbscan' OR method = 'kde' OR method = 'emerging'),
                        parameters TEXT NOT NULL CHECK (json_valid(parameters)),
                        command TEXT NOT NULL,
                        sighting_count INTEGER NOT NULL CHECK (sighting_count >= 0),
                        input_sha256 TEXT NOT NULL CHECK (length(input_sha256) = 64),
                        summary TEXT NOT NULL,
                        feature_count INTEGER NOT NULL CHECK (feature_count >= 0)
                    );
                    CREATE TABLE hotspot_feature (
                        run_id INTEGER NOT NULL REFERENCES hotspot_run(id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL CHECK (seq >= 0),
                        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
                        properties TEXT NOT NULL CHECK (json_valid(properties)),
                        PRIMARY KEY (run_id, seq)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v4-fleet") { db in
            // Who patrols with what, from where. Names and codes are keys; a base or agency in use
            // cannot be removed (RESTRICT), so no boat is left without a home.
            try db.execute(
                sql: """
                    CREATE TABLE agency (
                        code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 20),
                        name TEXT NOT NULL,
                        country TEXT NOT NULL CHECK (length(country) = 2)
                    );
                    CREATE TABLE base (
                        name TEXT PRIMARY KEY COLLATE NOCASE,
                        agency TEXT NOT NULL REFERENCES agency(code) ON DELETE RESTRICT,
                        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                        source TEXT
                    );
                    CREATE TABLE boat (
                        callsign TEXT PRIMARY KEY,
                        agency TEXT NOT NULL REFERENCES agency(code) ON DELETE RESTRICT,
                        home_base TEXT NOT NULL COLLATE NOCASE REFERENCES base(name) ON DELETE RESTRICT,
                        speed_kn REAL NOT NULL CHECK (speed_kn > 0),
                        endurance_h REAL NOT NULL CHECK (endurance_h > 0),
                        crew INTEGER NOT NULL CHECK (crew > 0),
                        waters TEXT NOT NULL CHECK (waters = 'national' OR waters = 'coordinated')
                    );
                    """)
        }
        migrator.registerMigration("v5-plans") { db in
            // Patrol plans as issued: the whole plan as JSON (routes, ETAs, coverage), with the
            // command, parameters and seed that reproduce it. Boats gain a contact for briefings.
            try db.execute(
                sql: """
                    ALTER TABLE boat ADD COLUMN contact TEXT;
                    CREATE TABLE patrol_plan (
                        id INTEGER PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        window_start INTEGER NOT NULL,
                        nights INTEGER NOT NULL CHECK (nights >= 1),
                        seed TEXT NOT NULL,
                        command TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        document TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v6-settings") { db in
            // Facts about the database itself, e.g. that it holds the demo's synthetic data.
            try db.execute(
                sql: "CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        }
        migrator.registerMigration("v7-chain-corrections") { db in
            // The tamper-evident chain (SightingChain) and corrections as new records that
            // supersede, never overwrite. Existing records are chained in log order.
            try db.execute(
                sql: """
                    ALTER TABLE sighting ADD COLUMN chain_sha256 BLOB CHECK (chain_sha256 IS NULL OR length(chain_sha256) = 32);
                    ALTER TABLE sighting ADD COLUMN supersedes TEXT REFERENCES sighting(id);
                    ALTER TABLE sighting ADD COLUMN correction_reason TEXT CHECK (supersedes IS NULL OR length(correction_reason) > 0);
                    CREATE UNIQUE INDEX sighting_on_supersedes ON sighting(supersedes) WHERE supersedes IS NOT NULL;
                    """)
            var head = SightingChain.genesis
            var last: Int64 = 0
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, id, content_sha256, created_at FROM sighting ORDER BY seq")
            let update = try db.makeStatement(
                sql: "UPDATE sighting SET chain_sha256 = ? WHERE seq = ?")
            while let row = try rows.next() {
                let seq: Int64 = row[0]
                let content: Data = row[2]
                head = SightingChain.link(
                    previous: head, id: row[1], content: Array(content), createdAt: row[3],
                    supersedes: nil, reason: nil)
                try update.execute(arguments: [Data(head), seq])
                last = seq
            }
            try SelatDatabase.saveChainHead(db, seq: last, hash: head)
        }
        migrator.registerMigration("v8-evidence-cases") { db in
            // Which sightings belong to which case (for `selat evidence export --case`).
            try db.execute(
                sql: """
                    CREATE TABLE evidence_case (
                        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                        sighting_id TEXT NOT NULL REFERENCES sighting(id),
                        added_at INTEGER NOT NULL,
                        PRIMARY KEY (name, sighting_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v9-seal-plausibility-flags") { db in
            // The seal binds what the content digest does not cover (the offset a time was
            // written in) to each record's digest; existing (chained) records are sealed as they are.
            // Flags for positions accepted outside the study region and in inland water; a
            // database may have a study region of its own (setting `study_region`).
            try db.execute(
                sql: """
                    ALTER TABLE sighting ADD COLUMN seal_sha256 BLOB CHECK (seal_sha256 IS NULL OR length(seal_sha256) = 32);
                    ALTER TABLE sighting ADD COLUMN outside_region INTEGER NOT NULL DEFAULT 0 CHECK (outside_region = 0 OR outside_region = 1);
                    ALTER TABLE sighting ADD COLUMN inland_water INTEGER NOT NULL DEFAULT 0 CHECK (inland_water = 0 OR inland_water = 1);
                    """)
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT seq, content_sha256, observed_offset_min FROM sighting WHERE chain_sha256 IS NOT NULL ORDER BY seq"
            )
            let update = try db.makeStatement(
                sql: "UPDATE sighting SET seal_sha256 = ? WHERE seq = ?")
            while let row = try rows.next() {
                let content: Data = row[1]
                let seal = SightingChain.seal(content: Array(content), offsetMinutes: row[2])
                try update.execute(arguments: [Data(seal), row[0] as Int64])
            }
        }
        migrator.registerMigration("v10-case-chain") { db in
            // Case membership decides what a case's evidence bundle holds: each entry is chained
            // (CaseChain) in the order it was added, and the head recorded, as the sighting log is.
            try db.execute(
                sql: """
                    ALTER TABLE evidence_case ADD COLUMN seq INTEGER;
                    ALTER TABLE evidence_case ADD COLUMN link_sha256 BLOB CHECK (link_sha256 IS NULL OR length(link_sha256) = 32);
                    """)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT name, sighting_id, added_at FROM evidence_case ORDER BY added_at, name, sighting_id"
            )
            var head = SightingChain.genesis
            for (k, row) in rows.enumerated() {
                head = CaseChain.link(
                    previous: head, name: row[0], sightingID: row[1], addedAt: row[2])
                try db.execute(
                    sql:
                        "UPDATE evidence_case SET seq = ?, link_sha256 = ? WHERE name = ? AND sighting_id = ?",
                    arguments: [k + 1, Data(head), row[0] as String, row[1] as String])
            }
            try SelatDatabase.saveCaseHead(SQLiteRunner(db: db), seq: Int64(rows.count), hash: head)
        }
        migrator.registerMigration("v11-typed-hotspot-results") { db in
            // Hotspot results as typed values (HotspotResults as JSON, decoded once by the store),
            // and the run's notes and ranked rows (HotspotRun); earlier runs are converted from
            // their GeoJSON features, which are kept only for a run that cannot be converted.
            try db.execute(
                sql: """
                    ALTER TABLE hotspot_run ADD COLUMN results TEXT;
                    ALTER TABLE hotspot_run ADD COLUMN outcome TEXT;
                    """)
            try SelatDatabase.convertLegacyHotspotRuns(db)
        }
        migrator.registerMigration("v12-accounts-audit") { db in
            // Users of the station server, their sessions (by the SHA-256 of the token, never the
            // token), and the audit trail: append-only, chained (AuditChain), head in the settings.
            try db.execute(
                sql: """
                    CREATE TABLE app_user (
                        name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 64),
                        role TEXT NOT NULL CHECK (role IN ('officer', 'planner', 'analyst', 'admin')),
                        agency TEXT NOT NULL CHECK (length(agency) BETWEEN 2 AND 16),
                        password_hash TEXT NOT NULL CHECK (password_hash LIKE '$2%'),
                        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE user_session (
                        token_sha256 BLOB PRIMARY KEY CHECK (length(token_sha256) = 32),
                        user_name TEXT NOT NULL REFERENCES app_user(name) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE audit (
                        seq INTEGER PRIMARY KEY,
                        at INTEGER NOT NULL,
                        user_name TEXT,
                        action TEXT NOT NULL,
                        target TEXT,
                        detail TEXT,
                        address TEXT,
                        link_sha256 BLOB NOT NULL CHECK (length(link_sha256) = 32)
                    );
                    CREATE INDEX audit_user ON audit(user_name, seq);
                    -- Who logged a sighting through the station server (officers see the personal
                    -- fields, and correct the sightings, of their own agency only).
                    CREATE TABLE sighting_origin (
                        sighting_id TEXT PRIMARY KEY REFERENCES sighting(id),
                        agency TEXT NOT NULL,
                        user_name TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    """)
        }
        migrator.registerMigration("v13-covering-indexes") { db in
            // Area searches read the time beside the position from the cell index, and the position
            // beside the time from the time index, so choosing the first page of a circle never
            // visits the table (see firstInArea, firstInTime). A log
            // whose indexes a bulk load dropped gets them back when it is opened.
            for (name, sql) in SelatDatabase.secondaryIndexes {
                let present =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?",
                        arguments: [name]) ?? 0
                if present > 0 {
                    try db.execute(sql: "DROP INDEX \(name)")
                    try db.execute(sql: sql)
                }
            }
        }
        migrator.registerMigration("v14-origin-by-log-position") { db in
            // Origins keyed by the sighting's place in the log, not its id: ids are chosen by
            // phones (random UUIDs), so keying by id wrote a random page of the table for every
            // sighting the server stored; by log position each group appends.
            try db.execute(
                sql: """
                    CREATE TABLE sighting_origin_by_seq (
                        sighting_seq INTEGER PRIMARY KEY REFERENCES sighting(seq),
                        agency TEXT NOT NULL,
                        user_name TEXT NOT NULL
                    );
                    INSERT INTO sighting_origin_by_seq (sighting_seq, agency, user_name)
                        SELECT s.seq, o.agency, o.user_name
                        FROM sighting_origin AS o JOIN sighting AS s ON s.id = o.sighting_id;
                    DROP TABLE sighting_origin;
                    ALTER TABLE sighting_origin_by_seq RENAME TO sighting_origin;
                    """)
        }
        migrator.registerMigration("v15-user-language") { db in
            // Each user's language for the web app (id or en), remembered across phones; none
            // means the browser's.
            try db.execute(
                sql:
                    "ALTER TABLE app_user ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('id', 'en'))"
            )
        }
        migrator.registerMigration("v16-station-sync") { db in
            try db.execute(sql: SelatDatabase.stationSyncSchema(.sqlite))
        }
        migrator.registerMigration("v17-patrols") { db in
            try db.execute(sql: SelatDatabase.patrolSchema(.sqlite))
        }
        return migrator
    }
}
