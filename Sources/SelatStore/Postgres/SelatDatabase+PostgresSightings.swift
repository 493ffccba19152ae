import Foundation
import SelatGeo
import SelatModel

/// The sighting log on PostgreSQL: the same records, outcomes, chain and queries as on SQLite
/// (``SelatDatabase/insertStoring(prepared:origins:audit:)``, ``SelatDatabase/sightings(matching:)``),
/// written for PostGIS. Times are `timestamptz` (bound as ISO 8601 text with milliseconds, so no
/// floating point touches them); area searches use `ST_DWithin` on geography with the GiST index.
extension SelatDatabase {
    /// The columns of ``sightingColumns``, in the same order, as PostgreSQL gives them.
    static let postgresSightingColumns = """
        seq, id, (extract(epoch FROM observed_at) * 1000)::bigint AS observed_at, observed_offset_min, \
        lat, lon, vessel_type, activity, persons_aboard, heading_deg, speed_kn, source, unit, confidence, \
        confidence_level, notes, created_at, on_land, outside_region, inland_water
        """

    /// A time as PostgreSQL reads it exactly: ISO 8601 in UTC with milliseconds.
    static func postgresTime(_ milliseconds: Int64) -> String {
        Timestamp(millisecondsSince1970: milliseconds).iso8601()
    }

    /// A confidence as its two columns: a value (0–1) or a level's name, or neither.
    static func confidenceColumns(_ confidence: Confidence?) -> (value: Double?, level: String?) {
        switch confidence {
        case .value(let v)?: (v, nil)
        case .level(let l)?: (nil, l.rawValue)
        case nil: (nil, nil)
        }
    }

    /// A row of ``postgresSightingColumns`` (or ``sightingColumns``) as a stored sighting.
    static func decodeSighting(_ row: SQLRow) throws -> StoredSighting {
        let confidence: Confidence?
        if let v: Double = row[13] {
            confidence = try Confidence(v)
        } else if let l: String = row[14] {
            confidence = .level(try stored(Confidence.Level.self, l))
        } else {
            confidence = nil
        }
        let offset: Int64 = try row[3]
        let sighting = try Sighting(
            id: SightingID(try row[1] as String),
            observedAt: Timestamp(millisecondsSince1970: try row[2], offsetMinutes: Int(offset)),
            position: Coordinate(latitude: try row[4], longitude: try row[5]),
            vesselType: stored(VesselType.self, try row[6]),
            activity: stored(Activity.self, try row[7]),
            personsAboard: (row[8] as Int64?).map { Int($0) }, headingDegrees: row[9],
            speed: (row[10] as Double?).map { Speed(knots: $0) },
            source: try (row[11] as String?).map { s throws(ModelError) in
                try stored(SightingSource.self, s)
            },
            unit: row[12], confidence: confidence, notes: row[15],
            onLand: (row[17] as Int64?) == 1,
            outsideRegion: (row[18] as Int64?) == 1, inlandWater: (row[19] as Int64?) == 1)
        return StoredSighting(
            sighting: sighting, sequence: try row[0],
            createdAt: Timestamp(millisecondsSince1970: try row[16]))
    }

    static func postgresSighting(_ db: any SQLRunner, id: SightingID) throws -> StoredSighting? {
        try db.row(
            "SELECT \(postgresSightingColumns) FROM sighting WHERE id = ?", [id.rawValue]
        ).map(decodeSighting)
    }

    /// The chain hash of the last record (the genesis hash for an empty log).
    static func postgresChainHead(_ db: any SQLRunner) throws -> [UInt8] {
        let data = try db.value(
            "SELECT chain_sha256 FROM sighting ORDER BY seq DESC LIMIT 1", as: Data.self)
        return data.map(Array.init) ?? SightingChain.genesis
    }

    /// Inserts up to 64 prepared rows; returns, per row, its log position when it was added.
    /// The caller holds the sightings' append lock, so the ids found stored here stay so, and
    /// the chain computed here is the order PostgreSQL numbers the rows in (checked).
    static func postgresInsert(
        _ rows: ArraySlice<PreparedSighting>, createdAt: Int64, head: inout [UInt8],
        correction: (supersedes: String, reason: String)? = nil, _ db: any SQLRunner
    ) throws -> [Int64?] {
        let ids = rows.map(\.sighting.id.rawValue)
        let stored = Set(
            try db.values(
                "SELECT id FROM sighting WHERE id IN (\(Self.placeholders(ids.count)))", ids,
                as: String.self))
        var seen = Set<String>()
        var values: SQLArguments = []
        var groups: [String] = []
        var chainedIDs: [String] = []
        for row in rows {
            let s = row.sighting
            let id = s.id.rawValue
            guard !stored.contains(id), seen.insert(id).inserted else { continue }
            head = SightingChain.link(
                previous: head, id: id, content: row.digest, createdAt: createdAt,
                supersedes: correction?.supersedes, reason: correction?.reason)
            chainedIDs.append(id)
            let (value, level) = Self.confidenceColumns(s.confidence)
            values += [
                id, postgresTime(s.observedAt.millisecondsSince1970),
                Int64(s.observedAt.offsetMinutes), s.position.latitude, s.position.longitude,
                row.cell, s.vesselType.rawValue, s.activity.rawValue,
                s.personsAboard.map(Int64.init), s.headingDegrees, s.speed?.knots,
                s.source?.rawValue, s.unit, value, level, s.notes, Data(row.digest), createdAt,
                s.onLand, Data(head), correction?.supersedes, correction?.reason, Data(row.seal),
                s.outsideRegion, s.inlandWater,
            ]
            groups.append(
                "(?, ?::timestamptz, " + Array(repeating: "?", count: 23).joined(separator: ", ")
                    + ")")
        }
        var positions: [String: Int64] = [:]
        if !groups.isEmpty {
            let returned = try db.rows(
                """
                INSERT INTO sighting (id, observed_at, observed_offset_min, lat, lon, cell, vessel_type, \
                activity, persons_aboard, heading_deg, speed_kn, source, unit, confidence, confidence_level, \
                notes, content_sha256, created_at, on_land, chain_sha256, supersedes, correction_reason, \
                seal_sha256, outside_region, inland_water) VALUES
                """ + groups.joined(separator: ", ") + " RETURNING seq, id", values)
            for row in returned { positions[try row[1]] = try row[0] }
            // The chain's order must be the log's.
            let inLogOrder = positions.sorted { $0.value < $1.value }.map(\.key)
            guard inLogOrder == chainedIDs else {
                throw StoreError.database(
                    "PostgreSQL numbered \(positions.count) new sightings out of the order they were chained in; nothing was stored"
                )
            }
        }
        var seenAgain = Set<String>()
        return rows.map { row in
            let id = row.sighting.id.rawValue
            guard seenAgain.insert(id).inserted else { return nil }
            return positions[id]
        }
    }

    /// From how many sightings a batch is sent with COPY rather than INSERT.
    static let copyThreshold = 256

    func postgresInsertStoring(
        _ engine: PostgresEngine, prepared sightings: [PreparedSighting],
        origins: [SightingOrigin?], audit: ([InsertOutcome]) -> [AuditEntry]
    ) throws(StoreError) -> [(outcome: InsertOutcome, stored: StoredSighting?)] {
        let now = Self.nowMilliseconds()
        return try engine.transaction { db in
            try db.lockForAppending(.sightings)
            var head = try Self.postgresChainHead(db)
            let headBefore = head
            var outcomes: [InsertOutcome] = []
            var stored: [StoredSighting?] = []
            var lastSeq: Int64?
            // Imports' batches go by COPY; a few rows (the station server's groups) by INSERT.
            let copying = sightings.count >= Self.copyThreshold
            let step = copying ? sightings.count : SightingInsertStatement.rowsPerStatement
            var start = sightings.startIndex
            while start < sightings.endIndex {
                let end = min(start + step, sightings.endIndex)
                let chunk = sightings[start..<end]
                let added =
                    copying
                    ? try Self.postgresCopy(chunk, createdAt: now, head: &head, db)
                    : try Self.postgresInsert(chunk, createdAt: now, head: &head, db)
                // The digests of the rows not added (stored before, or twice in the batch), in
                // one query.
                let others = zip(chunk, added).filter { $0.1 == nil }.map(\.0.sighting.id.rawValue)
                let digests = try db.storedDigests(others)
                for (row, seq) in zip(chunk, added) {
                    if let seq {
                        outcomes.append(.added)
                        stored.append(
                            StoredSighting(
                                sighting: row.sighting, sequence: seq,
                                createdAt: Timestamp(millisecondsSince1970: now)))
                        lastSeq = max(lastSeq ?? seq, seq)
                    } else {
                        guard let digest = digests[row.sighting.id.rawValue] else {
                            throw StoreError.database(
                                "row for id \(row.sighting.id) vanished during insert")
                        }
                        if digest == row.digest {
                            outcomes.append(.duplicate)
                        } else {
                            guard let existing = try Self.postgresSighting(db, id: row.sighting.id)
                            else {
                                throw StoreError.database(
                                    "row for id \(row.sighting.id) vanished during insert")
                            }
                            outcomes.append(.conflict(existing: existing.sighting))
                        }
                        stored.append(nil)
                    }
                }
                start = end
            }
            if head != headBefore, let lastSeq {
                try Self.setSetting("chain_head", "\(lastSeq) \(SHA256.hex(head))", db)
            }
            try Self.recordOrigins(
                origins, of: sightings, outcomes: outcomes, stored: stored, db)
            let entries = audit(outcomes)
            if !entries.isEmpty { _ = try Self.appendAudit(entries, db) }
            return Array(zip(outcomes, stored))
        }
    }

    func postgresCorrect(
        _ engine: PostgresEngine, _ id: SightingID, with corrected: Sighting, reason: String,
        origin: SightingOrigin?
    ) throws(StoreError) -> StoredSighting {
        let now = Self.nowMilliseconds()
        return try engine.transaction { db in
            try db.lockForAppending(.sightings)
            guard let old = try Self.postgresSighting(db, id: id) else {
                throw StoreError.notFound(kind: "sighting", key: id.rawValue)
            }
            if let newer = try db.value(
                "SELECT id FROM sighting WHERE supersedes = ?", [id.rawValue], as: String.self)
            {
                throw StoreError.alreadyCorrected(id: id.description, by: newer)
            }
            let prepared = PreparedSighting(corrected)
            guard prepared.digest != old.sighting.contentDigest else {
                throw StoreError.correctionChangesNothing
            }
            var head = try Self.postgresChainHead(db)
            let added = try Self.postgresInsert(
                [prepared][...], createdAt: now, head: &head, correction: (id.rawValue, reason),
                db)
            guard let seq = added.first ?? nil else {
                throw StoreError.idTaken(id: "\(corrected.id)")
            }
            try Self.setSetting("chain_head", "\(seq) \(SHA256.hex(head))", db)
            if let origin { try Self.insertOrigins([(seq, origin)], db) }
            guard let stored = try Self.postgresSighting(db, id: corrected.id) else {
                throw StoreError.database("the correction vanished")
            }
            return stored
        }
    }

    /// The clauses of a query's filters (time, type, activity, unit, superseded) on PostgreSQL.
    static func postgresAttributeClauses(for query: SightingQuery) -> (
        clauses: [String], arguments: SQLArguments
    ) {
        var clauses: [String] = []
        var args: SQLArguments = []
        if !query.includeSuperseded { clauses.append(currentOnly) }
        if let since = query.since {
            clauses.append("observed_at >= ?::timestamptz")
            args.append(postgresTime(since.millisecondsSince1970))
        }
        if let until = query.until {
            clauses.append("observed_at <= ?::timestamptz")
            args.append(postgresTime(until.millisecondsSince1970))
        }
        if let after = query.after {
            clauses.append(
                "(observed_at > ?::timestamptz OR (observed_at = ?::timestamptz AND seq > ?))")
            let time = postgresTime(after.observedAt)
            args += [time, time, after.sequence]
        }
        if !query.vesselTypes.isEmpty {
            let values = query.vesselTypes.map(\.rawValue).sorted()
            clauses.append("vessel_type IN (\(placeholders(values.count)))")
            args += values
        }
        if !query.activities.isEmpty {
            let values = query.activities.map(\.rawValue).sorted()
            clauses.append("activity IN (\(placeholders(values.count)))")
            args += values
        }
        if let unit = query.unit {
            clauses.append("strpos(lower(unit), lower(?)) > 0")
            args.append(unit)
        }
        return (clauses, args)
    }

    /// `?, ?, …` for `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
