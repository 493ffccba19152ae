import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatStore

@Suite("Patrols in the store, on both engines")
struct PatrolStoreTests {
    static func at(_ minutes: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: 1_796_000_000_000 + minutes * 60_000)
    }

    static func fix(_ minutes: Int64, _ lon: Double, flag: TrackFlag? = nil) throws -> TrackFix {
        TrackFix(
            time: at(minutes), position: try Coordinate(latitude: 1.23, longitude: lon),
            speed: Speed(knots: 12), courseDegrees: 90, source: .phone, flag: flag)
    }

    @Test(
        "a patrol's steps, its fixes (stored once per key) and files; one patrol out per boat; a start sent again is the same patrol",
        arguments: StoreEngine.allCases)
    func patrolRecord(engine: StoreEngine) throws {
        let store = try TestStore(engine)
        let db = store.db
        let start = SelatDatabase.PatrolStart(
            boat: "KN-301", agency: "POLAIRUD", planID: nil, night: nil, crew: "Andi",
            event: PatrolEvent(
                kind: .start, time: Self.at(0),
                position: try Coordinate(latitude: 1.2, longitude: 104),
                user: "andi"),
            clientKey: "phone-start-1")
        let p = try db.startPatrol(start)
        #expect(p.state == .running && p.events.count == 1 && p.events[0].position != nil)
        #expect(try db.startPatrol(start).id == p.id, "the same key: the same patrol")
        var other = start
        other.clientKey = "phone-start-2"
        #expect(throws: StoreError.inUse(kind: "boat", key: "KN-301", by: String(p.id))) {
            try db.startPatrol(other)
        }
        let pause = PatrolEvent(kind: .pause, time: Self.at(30), position: nil, user: "andi")
        #expect(try db.recordPatrolEvent(pause, patrol: p.id, expected: [.paused]) == nil)
        #expect(
            try db.recordPatrolEvent(pause, patrol: p.id, expected: [.running], clientKey: "s1")?
                .state == .paused)
        #expect(try db.patrolStepRecorded(patrol: p.id, clientKey: "s1"))
        let fixes = [
            (try Self.fix(1, 104.0), "k1"), (try Self.fix(2, 104.01), "k2"),
            (try Self.fix(2, 104.02, flag: .outOfOrder), "k3"),
        ].map { (fix: $0.0, clientKey: Optional($0.1)) }
        #expect(try db.addTrackFixes(fixes, patrol: p.id, file: nil, receivedAt: Self.at(5)) == 3)
        #expect(try db.addTrackFixes(fixes, patrol: p.id, file: nil, receivedAt: Self.at(6)) == 0)
        let stored = try db.trackFixes(patrol: p.id)
        #expect(stored == fixes.map(\.fix))
        #expect(try db.lastUsableFix(patrol: p.id, source: .phone) == fixes[1].fix)
        let file = SelatDatabase.PatrolFile(
            sha256: Array(repeating: 7, count: 32), name: "boat.gpx", format: .gpx, fixes: 0,
            refused: 2, addedAt: Self.at(7), user: "andi")
        _ = try db.addTrackFixes([], patrol: p.id, file: file, receivedAt: Self.at(7))
        #expect(throws: StoreError.nameTaken(kind: "track file", name: "boat.gpx")) {
            try db.addTrackFixes([], patrol: p.id, file: file, receivedAt: Self.at(8))
        }
        #expect(try db.patrolFiles(patrol: p.id) == [file])
        let end = PatrolEvent(kind: .end, time: Self.at(60), position: nil, user: "andi")
        let ended = try #require(
            try db.recordPatrolEvent(end, patrol: p.id, expected: [.running, .paused]))
        #expect(ended.state == .ended && ended.endedAt == Self.at(60))
        #expect(try db.openPatrol(boat: "KN-301") == nil)
        #expect(try db.patrols(states: [.ended]).map(\.id) == [p.id])
        #expect(try db.patrols(startedIn: Self.at(100)..<Self.at(200)).isEmpty)
        // Out again on a new patrol once the first has ended.
        #expect(try db.startPatrol(other).id != p.id)
        // The schema refuses a state that contradicts the end time, whoever writes it.
        let broken = try store.raw("UPDATE patrol SET ended_at = NULL WHERE id = \(p.id)")
        #expect(broken.status != 0)
    }
}
