import Foundation
import SelatGeo
import SelatModel

/// Patrols as they happen: their record, steps and track (schema in
/// `SelatDatabase+PatrolSchema.swift`).
extension SelatDatabase {
    /// What to start: the boat, its agency, plan and night, crew, and the first step.
    public struct PatrolStart: Sendable {
        public var boat: String
        public var agency: String?
        public var planID: Int64?
        public var night: Int?
        public var crew: String?
        public var event: PatrolEvent
        /// The phone's key for this start: a start sent again with it returns the same patrol.
        public var clientKey: String?

        public init(
            boat: String, agency: String?, planID: Int64?, night: Int?, crew: String?,
            event: PatrolEvent, clientKey: String? = nil
        ) {
            self.clientKey = clientKey
            self.boat = boat
            self.agency = agency
            self.planID = planID
            self.night = night
            self.crew = crew
            self.event = event
        }
    }

    /// Stores a new running patrol and its start, in one transaction; a start whose client key is
    /// stored already returns that patrol, unchanged.
    /// - Throws: ``StoreError/inUse(kind:key:by:)`` when the boat is already out on a patrol not
    ///   ended (`by` is that patrol's number).
    public func startPatrol(_ start: PatrolStart) throws(StoreError) -> Patrol {
        let id: Int64 = try transaction { db in
            if let key = start.clientKey,
                let known = try db.value(
                    "SELECT id FROM patrol WHERE client_key = ?", [key], as: Int64.self)
            {
                return known
            }
            if let other = try db.value(
                "SELECT id FROM patrol WHERE boat = ? AND state <> 'ended'", [start.boat],
                as: Int64.self)
            {
                throw StoreError.inUse(kind: "boat", key: start.boat, by: String(other))
            }
            let id = try db.insertReturningID(
                """
                INSERT INTO patrol (boat, agency, plan_id, night, crew, started_at, state, started_by,
                    client_key)
                VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
                """,
                [
                    start.boat, start.agency, start.planID, start.night, start.crew,
                    start.event.time.millisecondsSince1970, start.event.user, start.clientKey,
                ])
            try Self.insertEvent(start.event, patrol: id, seq: 1, db)
            return id
        }
        return try patrol(id: id)
    }

    private static func insertEvent(
        _ event: PatrolEvent, patrol: Int64, seq: Int64, key: String? = nil, _ db: any SQLRunner
    ) throws {
        try db.execute(
            "INSERT INTO patrol_event (patrol_id, seq, kind, at, lat, lon, user_name, client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                patrol, seq, event.kind.rawValue, event.time.millisecondsSince1970,
                event.position?.latitude, event.position?.longitude, event.user, key,
            ])
    }

    /// The patrol started with this client key, if any.
    public func patrol(startedWith clientKey: String) throws(StoreError) -> Patrol? {
        try reading { db in try Self.patrols(db, where: "p.client_key = ?", [clientKey]).first }
    }

    /// Whether a step with this client key is recorded for the patrol.
    public func patrolStepRecorded(patrol id: Int64, clientKey: String) throws(StoreError) -> Bool {
        try reading { db in
            try db.value(
                "SELECT seq FROM patrol_event WHERE patrol_id = ? AND client_key = ?",
                [id, clientKey], as: Int64.self) != nil
        }
    }

    /// Records a pause, resume or end when the patrol is in `expected` state; returns the patrol
    /// as it now stands, or nil (nothing written) when it was not in that state.
    /// - Throws: ``StoreError/notFound(kind:key:)`` for an unknown patrol.
    public func recordPatrolEvent(
        _ event: PatrolEvent, patrol id: Int64, expected: Set<Patrol.State>,
        clientKey: String? = nil
    ) throws(StoreError) -> Patrol? {
        let next: Patrol.State =
            switch event.kind {
            case .pause: .paused
            case .resume, .start: .running
            case .end: .ended
            }
        let done: Bool = try transaction { db in
            guard
                let state = try db.value(
                    "SELECT state FROM patrol WHERE id = ?", [id], as: String.self)
            else { throw StoreError.notFound(kind: "patrol", key: String(id)) }
            guard let current = Patrol.State(rawValue: state), expected.contains(current) else {
                return false
            }
            let seq =
                try db.value(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM patrol_event WHERE patrol_id = ?", [id],
                    as: Int64.self) ?? 1
            try Self.insertEvent(event, patrol: id, seq: seq, key: clientKey, db)
            _ = try db.update(
                "UPDATE patrol SET state = ?, ended_at = ? WHERE id = ?",
                [
                    next.rawValue, next == .ended ? event.time.millisecondsSince1970 : nil, id,
                ])
            return true
        }
        return done ? try patrol(id: id) : nil
    }

    /// One patrol with its steps.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    public func patrol(id: Int64) throws(StoreError) -> Patrol {
        let found = try reading { db in try Self.patrols(db, where: "p.id = ?", [id]) }
        guard let patrol = found.first else { throw .notFound(kind: "patrol", key: String(id)) }
        return patrol
    }

    /// Patrols, newest first: those started in `period` (all when nil), in the given states
    /// (all when empty).
    public func patrols(
        startedIn period: Range<Timestamp>? = nil, states: Set<Patrol.State> = []
    ) throws(StoreError) -> [Patrol] {
        var clauses: [String] = []
        var args: SQLArguments = []
        if let period {
            clauses.append("p.started_at >= ? AND p.started_at < ?")
            args += [
                period.lowerBound.millisecondsSince1970, period.upperBound.millisecondsSince1970,
            ]
        }
        if !states.isEmpty {
            let sorted = states.map(\.rawValue).sorted()
            clauses.append(
                "p.state IN (" + Array(repeating: "?", count: sorted.count).joined(separator: ", ")
                    + ")")
            args += sorted.map { $0 as (any SQLValueConvertible)? }
        }
        return try reading { db in
            try Self.patrols(
                db, where: clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "), args)
        }
    }

    /// The patrol of `boat` not yet ended, if any.
    public func openPatrol(boat: String) throws(StoreError) -> Patrol? {
        try reading { db in
            try Self.patrols(db, where: "p.boat = ? AND p.state <> 'ended'", [boat]).first
        }
    }

    private static func patrols(
        _ db: any SQLRunner, where clause: String, _ args: SQLArguments
    ) throws -> [Patrol] {
        let rows = try db.rows(
            """
            SELECT p.id, p.boat, p.agency, p.plan_id, p.night, p.crew, p.started_at, p.ended_at,
                   p.state, p.started_by
            FROM patrol AS p WHERE \(clause) ORDER BY p.started_at DESC, p.id DESC
            """, args)
        var result: [Patrol] = []
        for row in rows {
            let id: Int64 = try row["id"]
            let state: String = try row["state"]
            guard let parsed = Patrol.State(rawValue: state) else {
                throw StoreError.database("patrol \(id) has the state \(state)")
            }
            let ended: Int64? = row["ended_at"]
            let events = try db.rows(
                "SELECT kind, at, lat, lon, user_name FROM patrol_event WHERE patrol_id = ? ORDER BY seq",
                [id]
            ).map { e throws -> PatrolEvent in
                let kind: String = try e["kind"]
                guard let k = PatrolEvent.Kind(rawValue: kind) else {
                    throw StoreError.database("patrol \(id) has a step \(kind)")
                }
                var position: Coordinate?
                if let lat: Double = e["lat"], let lon: Double = e["lon"] {
                    position = try Coordinate(latitude: lat, longitude: lon)
                }
                return PatrolEvent(
                    kind: k, time: Timestamp(millisecondsSince1970: try e["at"]),
                    position: position, user: try e["user_name"])
            }
            result.append(
                Patrol(
                    id: id, boat: try row["boat"], agency: row["agency"], planID: row["plan_id"],
                    night: row["night"], crew: row["crew"],
                    startedAt: Timestamp(millisecondsSince1970: try row["started_at"]),
                    endedAt: ended.map { Timestamp(millisecondsSince1970: $0) }, state: parsed,
                    startedBy: try row["started_by"], events: events))
        }
        return result
    }

    /// An instrument file added to a patrol.
    public struct PatrolFile: Sendable, Hashable {
        public let sha256: [UInt8]
        public let name: String
        public let format: TrackSource
        public let fixes: Int
        public let refused: Int
        public let addedAt: Timestamp
        public let user: String

        public init(
            sha256: [UInt8], name: String, format: TrackSource, fixes: Int, refused: Int,
            addedAt: Timestamp, user: String
        ) {
            self.sha256 = sha256
            self.name = name
            self.format = format
            self.fixes = fixes
            self.refused = refused
            self.addedAt = addedAt
            self.user = user
        }
    }

    /// The files added to a patrol, in the order they were added.
    public func patrolFiles(patrol id: Int64) throws(StoreError) -> [PatrolFile] {
        try reading { db in
            try db.rows(
                "SELECT sha256, name, format, fixes, refused, added_at, user_name FROM patrol_file WHERE patrol_id = ? ORDER BY added_at",
                [id]
            ).map { row in
                let data: Data = try row["sha256"]
                let format: String = try row["format"]
                return PatrolFile(
                    sha256: Array(data), name: try row["name"],
                    format: TrackSource(rawValue: format) ?? .gpx, fixes: try row["fixes"],
                    refused: try row["refused"],
                    addedAt: Timestamp(millisecondsSince1970: try row["added_at"]),
                    user: try row["user_name"])
            }
        }
    }

    /// The last fix of a patrol's track from `source` not flagged, in time order (what the next
    /// fixes from that source are checked against).
    public func lastUsableFix(patrol id: Int64, source: TrackSource) throws(StoreError)
        -> TrackFix?
    {
        try reading { db in
            try Self.fixes(
                db,
                where:
                    "patrol_id = ? AND source = ? AND flag IS NULL ORDER BY at DESC, seq DESC LIMIT 1",
                [id, source.rawValue]
            ).first
        }
    }

    /// Stores fixes of a patrol's track (and the file they came from) in one transaction. Fixes
    /// with a `clientKey` already stored for the patrol are not stored again (a phone re-sending
    /// a batch whose answer it lost).
    /// - Returns: how many fixes were stored.
    /// - Throws: ``StoreError/nameTaken(kind:name:)`` when the file (same SHA-256) was added
    ///   to this patrol before.
    public func addTrackFixes(
        _ fixes: [(fix: TrackFix, clientKey: String?)], patrol id: Int64, file: PatrolFile?,
        receivedAt: Timestamp
    ) throws(StoreError) -> Int {
        try transaction { db in
            guard
                try db.value("SELECT id FROM patrol WHERE id = ?", [id], as: Int64.self) != nil
            else { throw StoreError.notFound(kind: "patrol", key: String(id)) }
            if let file {
                if try db.value(
                    "SELECT name FROM patrol_file WHERE patrol_id = ? AND sha256 = ?",
                    [id, Data(file.sha256)], as: String.self) != nil
                {
                    throw StoreError.nameTaken(kind: "track file", name: file.name)
                }
                try db.execute(
                    "INSERT INTO patrol_file (patrol_id, sha256, name, format, fixes, refused, added_at, user_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        id, Data(file.sha256), file.name, file.format.rawValue, file.fixes,
                        file.refused, file.addedAt.millisecondsSince1970, file.user,
                    ])
            }
            var seq =
                try db.value(
                    "SELECT COALESCE(MAX(seq), 0) FROM patrol_fix WHERE patrol_id = ?", [id],
                    as: Int64.self) ?? 0
            // The phone's keys already stored (a batch sent again), found in a few statements.
            var known: Set<String> = []
            let keys = Array(Set(fixes.compactMap(\.clientKey)))
            for start in stride(from: 0, to: keys.count, by: 500) {
                let part = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
                var args: SQLArguments = [id]
                args += part.map { $0 as (any SQLValueConvertible)? }
                known.formUnion(
                    try db.values(
                        "SELECT client_key FROM patrol_fix WHERE patrol_id = ? AND client_key IN (\(marks))",
                        args, as: String.self))
            }
            var rows: [SQLArguments] = []
            for (fix, clientKey) in fixes {
                if let clientKey {
                    guard !known.contains(clientKey) else { continue }
                    known.insert(clientKey)
                }
                seq += 1
                rows.append([
                    id, seq, fix.time.millisecondsSince1970, fix.position.latitude,
                    fix.position.longitude, fix.speed?.knots, fix.courseDegrees,
                    fix.source.rawValue, fix.file, fix.line, fix.flag?.rawValue, clientKey,
                    receivedAt.millisecondsSince1970,
                ])
            }
            // Many rows a statement: a day's 1 Hz log is 86,400 fixes.
            for start in stride(from: 0, to: rows.count, by: 200) {
                let part = rows[start..<min(start + 200, rows.count)]
                let one = "(" + Array(repeating: "?", count: 13).joined(separator: ", ") + ")"
                try db.execute(
                    """
                    INSERT INTO patrol_fix (patrol_id, seq, at, lat, lon, speed_kn, course_deg, source,
                        file, line, flag, client_key, received_at)
                    VALUES \(Array(repeating: one, count: part.count).joined(separator: ", "))
                    """, part.flatMap { $0 })
            }
            return rows.count
        }
    }

    /// A patrol's track as stored, in time order (flagged fixes included).
    public func trackFixes(patrol id: Int64) throws(StoreError) -> [TrackFix] {
        try reading { db in
            try Self.fixes(db, where: "patrol_id = ? ORDER BY at, seq", [id])
        }
    }

    private static func fixes(_ db: any SQLRunner, where clause: String, _ args: SQLArguments)
        throws -> [TrackFix]
    {
        try db.rows(
            "SELECT at, lat, lon, speed_kn, course_deg, source, file, line, flag FROM patrol_fix WHERE \(clause)",
            args
        ).map { row in
            let source: String = try row["source"]
            let flag: String? = row["flag"]
            let speed: Double? = row["speed_kn"]
            return TrackFix(
                time: Timestamp(millisecondsSince1970: try row["at"]),
                position: try Coordinate(latitude: try row["lat"], longitude: try row["lon"]),
                speed: speed.map { Speed(knots: $0) }, courseDegrees: row["course_deg"],
                source: TrackSource(rawValue: source) ?? .phone, file: row["file"],
                line: row["line"], flag: flag.flatMap(TrackFlag.init(rawValue:)))
        }
    }
}
