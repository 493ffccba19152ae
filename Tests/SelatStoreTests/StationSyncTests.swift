import Foundation
import SelatGeo
import SelatKit
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatStore

/// Station sync between real databases: SQLite station logs and a centre on each engine. The
/// answers are checked against what each log holds, read back independently (ids and content
/// digests of every record), and against `selat verify`'s walk on every side.
@Suite("Station sync")
struct StationSyncTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_763_650_800_000, offsetMinutes: 420)
    static let admin = UserAccount(
        name: "pusat-admin", role: .admin, agency: "POLAIRUD", disabled: false, createdAt: t0)
    static let analyst = UserAccount(
        name: "analis", role: .analyst, agency: "BAKAMLA", disabled: false, createdAt: t0)

    static func sighting(
        _ id: String, lat: Double = 1.2, lon: Double = 104.0, minutes: Int64 = 0,
        notes: String? = nil, persons: Int = 12
    ) throws -> Sighting {
        try Sighting(
            id: SightingID(id),
            observedAt: Timestamp(
                millisecondsSince1970: t0.millisecondsSince1970 + minutes * 60_000,
                offsetMinutes: 420),
            position: Coordinate(latitude: lat, longitude: lon), vesselType: .speedboat,
            activity: .smuggling, personsAboard: persons, notes: notes)
    }

    /// A station's SQLite log.
    final class Station: @unchecked Sendable {
        let dir = TemporaryDirectory()
        let db: SelatDatabase
        init() throws { db = try SelatDatabase(path: dir.file("station.sqlite")) }
    }

    func sync(
        _ station: SelatDatabase, _ centre: SelatDatabase, user: UserAccount = admin,
        name: String = "Pos", batch: Int = 500, transport: (any SyncTransport)? = nil
    ) throws(KitError) -> StationSync.Report {
        var s = StationSync(
            database: station,
            transport: transport
                ?? LocalSyncTransport(centre: SyncCentre(database: centre), user: user),
            server: "https://pusat.test", name: name)
        s.batchSize = batch
        return try s.run()
    }

    /// Every record of a log: id → content digest (hex), what it corrects and why.
    func contents(_ db: SelatDatabase) throws -> [String: String] {
        var out: [String: String] = [:]
        try db.forEachChainRecord { r in
            #expect(out[r.id] == nil, "\(r.id) is in the log twice")
            out[r.id] =
                SHA256.hex(r.storedContent) + "|" + (r.supersedes ?? "") + "|" + (r.reason ?? "")
            return true
        }
        return out
    }

    func verifies(_ db: SelatDatabase) throws -> String? {
        let report = try ChainVerifier(database: db).verify()
        return report.verified ? nil : (report.problem ?? report.integrity)
    }

    @Test(
        "two stations and the centre end with the same records, corrections included; again changes nothing",
        arguments: StoreEngine.allCases)
    func roundTrip(engine: StoreEngine) throws {
        let centre = try TestStore(engine)
        let a = try Station()
        let b = try Station()
        try a.db.insert([
            try Self.sighting("a-1"), try Self.sighting("a-2", minutes: 5, notes: "kapal biru"),
            try Self.sighting("a-3", lat: 1.1, minutes: 9),
        ])
        _ = try a.db.correct(
            try SightingID("a-2"), with: try Self.sighting("a-2-fix", minutes: 5, persons: 14),
            reason: "14 aboard, counted again")
        try b.db.insert([
            try Self.sighting("b-1", lon: 104.2), try Self.sighting("b-2", lon: 104.3),
        ])
        try centre.db.insert([try Self.sighting("c-1", lon: 103.9)])

        let first = try sync(a.db, centre.db, name: "Pos Natuna")
        #expect(first.sent == 4)
        #expect(first.added == 4)
        #expect(first.received == 1)  // c-1 (its own records are not sent back)
        #expect(first.stored == 1)
        let second = try sync(b.db, centre.db, name: "Pos Anambas")
        #expect(second.added == 2)
        #expect(second.received == 5)
        #expect(second.stored == 5)
        let third = try sync(a.db, centre.db, name: "Pos Natuna")
        // a sends c-1 back (the centre recognises it), receives b's two.
        #expect(third.sent == 1)
        #expect(third.alreadyThere == 1)
        #expect(third.stored == 2)
        _ = try sync(b.db, centre.db, name: "Pos Anambas")

        let expected = try contents(centre.db)
        #expect(expected.count == 7)
        #expect(try contents(a.db) == expected)
        #expect(try contents(b.db) == expected)
        // The correction still supersedes at every side.
        #expect(expected["a-2-fix"]?.contains("|a-2|14 aboard, counted again") == true)
        for db in [centre.db, a.db, b.db] { #expect(try verifies(db) == nil) }

        // Nothing new: nothing changes anywhere.
        let again = try sync(a.db, centre.db)
        #expect(again.added == 0 && again.stored == 0 && again.conflictsPushed == 0)
        #expect(try contents(centre.db).count == 7)
        #expect(try contents(a.db).count == 7)
        // The centre knows where each of a's records came from, link by link.
        let head = try SyncCentre(database: centre.db).head(station: try a.db.stationID())
        let count = try a.db.sightingCount()
        #expect(head.pushedThrough == Int64(count))
    }

    @Test(
        "a record with the same id and other content is a conflict kept on both sides, never stored over",
        arguments: StoreEngine.allCases)
    func conflicts(engine: StoreEngine) throws {
        let centre = try TestStore(engine)
        let station = try Station()
        try centre.db.insert([try Self.sighting("same-id", persons: 3)])
        try station.db.insert([try Self.sighting("same-id", persons: 30), try Self.sighting("ok")])
        _ = try station.db.correct(
            try SightingID("same-id"), with: try Self.sighting("same-id-fix", persons: 31),
            reason: "recount")
        let report = try sync(station.db, centre.db)
        // same-id and its correction (which corrects the station's record, not the centre's).
        #expect(report.conflictsPushed == 2)
        #expect(report.added == 1)
        #expect(try centre.db.sighting(id: try SightingID("same-id"))?.sighting.personsAboard == 3)
        #expect(try centre.db.sighting(id: try SightingID("same-id-fix")) == nil)
        #expect(
            try station.db.sighting(id: try SightingID("same-id"))?.sighting.personsAboard == 30)
        // The station keeps the conflict with the centre's record; the centre keeps the station's.
        let kept = try station.db.syncConflicts()
        #expect(kept.map(\.sightingID).sorted() == ["same-id", "same-id-fix"])
        #expect(
            kept.first { $0.sightingID == "same-id" }?.theirs.contains("\"persons_aboard\":\"3\"")
                == true)
        var centreKept: [SyncLink] = []
        try centre.db.forEachSyncLink(station: try station.db.stationID()) { link in
            if link.outcome == .conflict { centreKept.append(link) }
            return true
        }
        #expect(centreKept.map(\.sightingID).sorted() == ["same-id", "same-id-fix"])
        #expect(centreKept.first?.record?.contains("\"persons_aboard\":\"30\"") == true)
        // Again: reported once, nothing moves; both sides verify.
        let again = try sync(station.db, centre.db)
        #expect(again.sent == 0 && again.conflictsPulled == 0)
        #expect(try station.db.syncConflicts().count == 2)
        #expect(try verifies(centre.db) == nil)
        #expect(try verifies(station.db) == nil)
    }

    /// Performs each request at the centre, then loses every `n`th answer: the cut comes after the
    /// centre did the work, the worst place for duplicates.
    final class LosingTransport: SyncTransport, @unchecked Sendable {
        let inner: LocalSyncTransport
        let every: Int
        var calls = 0
        init(_ inner: LocalSyncTransport, every: Int) {
            self.inner = inner
            self.every = every
        }
        func cut() throws(KitError) {
            calls += 1
            if calls % every == 0 {
                throw .sync(.unreachable(server: "test", reason: "connection reset"))
            }
        }
        func head(station: String) throws(KitError) -> SyncHead {
            let h = try inner.head(station: station)
            try cut()
            return h
        }
        func push(_ batch: SyncPush) throws(KitError) -> SyncPushAnswer {
            let a = try inner.push(batch)
            try cut()
            return a
        }
        func pull(station: String, after: Int64, limit: Int) throws(KitError) -> SyncPullAnswer {
            let a = try inner.pull(station: station, after: after, limit: limit)
            try cut()
            return a
        }
    }

    /// One sync: true when it finished, false when the link was cut.
    func syncOrCut(_ station: SelatDatabase, _ centre: SelatDatabase, _ transport: LosingTransport)
        throws -> Bool
    {
        do {
            _ = try sync(station, centre, batch: 4, transport: transport)
            return true
        } catch {
            guard case .sync(.unreachable) = error else { throw error }
            return false
        }
    }

    @Test(
        "a sync cut after the centre answered resumes where it stopped: nothing lost or doubled",
        arguments: StoreEngine.allCases)
    func resumes(engine: StoreEngine) throws {
        let centre = try TestStore(engine)
        let station = try Station()
        try station.db.insert((0..<23).map { try Self.sighting("s-\($0)", minutes: Int64($0)) })
        try centre.db.insert(
            (0..<11).map { try Self.sighting("c-\($0)", lon: 103.8, minutes: Int64($0)) })
        // A conflict whose answer may well be lost: the station learns of it all the same.
        try station.db.insert([try Self.sighting("dup", persons: 5)])
        try centre.db.insert([try Self.sighting("dup", persons: 6)])
        let transport = LosingTransport(
            LocalSyncTransport(centre: SyncCentre(database: centre.db), user: Self.admin), every: 3)
        var failures = 0
        while try !syncOrCut(station.db, centre.db, transport) {
            failures += 1
            #expect(failures < 100)
        }
        #expect(failures > 3)
        let all = try contents(centre.db)
        #expect(all.count == 35)
        let atStation = try contents(station.db)
        let theirs = all["dup"]
        let ours = atStation["dup"]
        #expect(ours != nil)
        #expect(ours != theirs)
        #expect(atStation.filter { $0.key != "dup" } == all.filter { $0.key != "dup" })
        #expect(try station.db.syncConflicts().map(\.sightingID) == ["dup"])
        #expect(try verifies(centre.db) == nil)
        #expect(try verifies(station.db) == nil)
    }

    @Test(
        "an altered record, a gap in the chain and a replaced log are refused whole, naming why",
        arguments: StoreEngine.allCases)
    func refusals(engine: StoreEngine) throws {
        let centre = try TestStore(engine)
        let station = try Station()
        try station.db.insert([try Self.sighting("r-1"), try Self.sighting("r-2", minutes: 1)])
        var records: [SyncRecord] = []
        try station.db.forEachChainRecord { r in
            records.append(
                SyncRecord(
                    r.sighting!, sequence: r.sequence, content: r.storedContent,
                    createdAt: r.createdAt, supersedes: nil, reason: nil, chain: r.chain!))
            return true
        }
        let sc = SyncCentre(database: centre.db)
        let id = try station.db.stationID()
        // Altered on the way: the fields no longer hash to the digest.
        var altered = records
        altered[0].fields["persons_aboard"] = "2"
        #expect(throws: KitError.self) {
            try sc.push(.init(station: id, name: "X", records: altered), user: Self.admin)
        }
        do {
            _ = try sc.push(.init(station: id, name: "X", records: altered), user: Self.admin)
        } catch .sync(.badRecord(let index, let error)) {
            #expect(index == 0)
            #expect(error.field == "content_sha256")
        } catch { Issue.record("unexpected \(error)") }
        // A gap: the second record without the first.
        do {
            _ = try sc.push(.init(station: id, name: "X", records: [records[1]]), user: Self.admin)
            Issue.record("a record that does not follow was taken")
        } catch .sync(.chainBroken(_, let sequence, _, let after)) {
            #expect(sequence == records[1].sequence)
            #expect(after == 0)
        } catch { Issue.record("unexpected \(error)") }
        #expect(try centre.db.sightingCount() == 0)
        // Taken whole, then the same station id on another log: refused before anything is sent.
        _ = try sync(station.db, centre.db)
        let other = try Station()
        try other.db.setSetting("station_id", id)
        try other.db.insert([
            try Self.sighting("o-1"), try Self.sighting("o-2"), try Self.sighting("o-3"),
        ])
        do {
            _ = try sync(other.db, centre.db)
            Issue.record("a replaced log was synced")
        } catch .sync(.historyDiffers(let sequence)) {
            #expect(sequence == 2)
        }
        #expect(try centre.db.sightingCount() == 2)
    }

    @Test("an account that may not see personal fields is not sent records that hold them")
    func personalFieldsHeldBack() throws {
        let centre = try TestStore(.sqlite)
        let station = try Station()
        try centre.db.insert([
            try Self.sighting("plain"), try Self.sighting("with-notes", notes: "nama nakhoda"),
        ])
        let report = try sync(station.db, centre.db, user: Self.analyst)
        #expect(report.stored == 1)
        #expect(report.heldBack == 1)
        #expect(try station.db.sighting(id: try SightingID("with-notes")) == nil)
        #expect(try station.db.sighting(id: try SightingID("plain")) != nil)
    }

    @Test(
        "verify names an origin link edited at the centre, and a sent record altered at the station",
        arguments: StoreEngine.allCases)
    func verifyChecksOriginLinks(engine: StoreEngine) throws {
        let centre = try TestStore(engine)
        let station = try Station()
        try station.db.insert([try Self.sighting("v-1"), try Self.sighting("v-2", minutes: 3)])
        _ = try sync(station.db, centre.db, name: "Pos Lingga")
        #expect(try verifies(centre.db) == nil)
        // Someone turns off the append-only rule and edits when the station logged a record.
        switch engine {
        case .sqlite:
            try centre.raw(
                "DROP TRIGGER sync_link_append_only_update; UPDATE sync_link SET created_at = created_at + 1 WHERE origin_seq = 1;"
            )
        case .postgresql:
            try centre.raw(
                "ALTER TABLE sync_link DISABLE TRIGGER sync_link_append_only; UPDATE sync_link SET created_at = created_at + 1 WHERE origin_seq = 1;"
            )
        }
        let problem = try verifies(centre.db)
        #expect(problem?.contains("origin link of record #1 from station Pos Lingga") == true)
        // At the station: a record the centre acknowledged, edited (with its chain recomputed
        // from there on, the way a careful forger would, so only the acknowledgement shows it).
        let path = station.db.path
        let edit = try runProcess(
            "/usr/bin/env",
            ["sqlite3", path, "UPDATE sync_peer SET pushed_chain = zeroblob(32);"])
        #expect(edit.status == 0)
        #expect(
            try verifies(station.db)?.contains("the centre https://pusat.test acknowledged") == true
        )
    }
}

/// A centre whose answers cannot be used: a push acknowledged nowhere, a page that goes back.
struct UnusableAnswers: SyncTransport {
    let inner: LocalSyncTransport
    func head(station: String) throws(KitError) -> SyncHead { try inner.head(station: station) }
    func push(_ batch: SyncPush) throws(KitError) -> SyncPushAnswer {
        SyncPushAnswer(results: [], pushedThrough: 0, chainSHA256: nil)
    }
    func pull(station: String, after: Int64, limit: Int) throws(KitError) -> SyncPullAnswer {
        SyncPullAnswer(records: [], next: after - 1, heldBack: 0, more: true)
    }
}

@Suite("Station sync: answers a station cannot use")
struct UnusableAnswerTests {
    @Test(
        "a push acknowledged nowhere and a page that goes back are typed refusals; nothing stored")
    func refused() throws {
        let centre = try TestStore(.sqlite)
        let withRecord = try StationSyncTests.Station()
        try withRecord.db.insert([try StationSyncTests.sighting("u-1")])
        let transport = UnusableAnswers(
            inner: LocalSyncTransport(
                centre: SyncCentre(database: centre.db), user: StationSyncTests.admin))
        func run(_ db: SelatDatabase) -> SyncError? {
            do {
                _ = try StationSync(
                    database: db, transport: transport, server: "https://pusat.test", name: "P"
                ).run()
                return nil
            } catch {
                guard case .sync(let e) = error else { return nil }
                return e
            }
        }
        #expect(
            run(withRecord.db)
                == .badAnswer(server: "https://pusat.test", .nothingAcknowledged(through: 0)))
        let empty = try StationSyncTests.Station()
        try empty.db.saveSyncPeer(SyncPeer(server: "https://pusat.test", pulledSequence: 5))
        #expect(
            run(empty.db)
                == .badAnswer(server: "https://pusat.test", .pageGoesBack(from: 5, next: 4)))
        #expect(try empty.db.sightingCount() == 0)
        #expect(try centre.db.sightingCount() == 0)
    }
}
