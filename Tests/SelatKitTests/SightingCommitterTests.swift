import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatKit
@testable import SelatStore

@Suite("Group commit: many writers at once")
struct SightingCommitterTests {
    static let t0: Int64 = 1_763_650_800_000

    static func sighting(_ k: Int) throws -> Sighting {
        try Sighting(
            id: SightingID("G\(k)"),
            observedAt: Timestamp(
                millisecondsSince1970: t0 + Int64(k) * 60_000, offsetMinutes: 420),
            position: Coordinate(latitude: 1.1 + Double(k) / 100_000, longitude: 104.2),
            vesselType: .speedboat, activity: .smuggling, personsAboard: k % 7)
    }

    @Test(
        "sightings handed in at once share a few transactions, each stored once and chained in log order; a retry is a duplicate"
    )
    func concurrent() async throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        let committer = SightingCommitter(database: db)
        let count = 300
        // The writer waits a fifth of a second for its first group to gather: every submission
        // is made by then, so they must share few transactions.
        committer.gatherDelay = 0.2
        committer.gatherTarget = count
        let outcomes = try await withThrowingTaskGroup(of: (Int, InsertOutcome).self) { group in
            for k in 0..<count {
                group.addTask {
                    let committed = try await committer.insert(
                        .init(sighting: try Self.sighting(k), origin: nil))
                    #expect(committed.stored?.sighting == (try Self.sighting(k)))
                    return (k, committed.outcome)
                }
            }
            var all: [Int: InsertOutcome] = [:]
            for try await (k, outcome) in group { all[k] = outcome }
            return all
        }
        #expect(outcomes.count == count)
        #expect(outcomes.values.allSatisfy { $0 == .added })
        #expect(try db.sightingCount() == count)
        #expect(committer.written == count)
        #expect(committer.groups < count / 10, "\(committer.groups) transactions")
        // Each record stored as handed in, and the chain runs unbroken in log order.
        for k in 0..<count {
            #expect(try db.sighting(id: SightingID("G\(k)"))?.sighting == (try Self.sighting(k)))
        }
        var previous = SightingChain.genesis
        var records = 0
        try db.forEachChainRecord { r in
            #expect(r.chain == r.expectedChain(after: previous))
            previous = r.chain ?? []
            records += 1
            return true
        }
        #expect(records == count)
        #expect(try db.recordedChainHead()?.hash == SHA256.hex(previous))
        // A phone sending again after a lost answer: nothing new is stored.
        let retry = try await committer.insert(.init(sighting: try Self.sighting(7), origin: nil))
        #expect(retry.outcome == .duplicate && retry.stored == nil)
        #expect(try db.sightingCount() == count)
    }

    @Test("a group commit keeps the writer's page cache small")
    func smallCache() throws {
        let dir = TemporaryDirectory()
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        #expect(try db.writerCacheMegabytes() == 64)
        _ = SightingCommitter(database: db)
        #expect(try db.writerCacheMegabytes() == SightingCommitter.writerCacheMegabytes)
    }
}
