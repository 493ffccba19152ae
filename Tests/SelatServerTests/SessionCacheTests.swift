import Foundation
import HTTPTypes
import SelatTestSupport
import Testing

@testable import SelatKit
@testable import SelatServer

@Suite("Sessions kept for a second")
struct SessionCacheTests {
    static func session(_ token: String, expiresIn seconds: Double) -> Accounts.Session {
        Accounts.Session(
            token: token, csrf: "c",
            user: UserAccount(
                name: "siti", role: .officer, agency: "POLAIRUD", disabled: false,
                createdAt: Timestamp(Date())),
            expiresAt: Timestamp(Date().addingTimeInterval(seconds)))
    }

    @Test(
        "a confirmed session is served from memory; unknown tokens and expired sessions never are")
    func cache() throws {
        let cache = SessionCache()
        var lookups = 0
        let s = Self.session("t1", expiresIn: 3600)
        for _ in 0..<5 {
            #expect(
                cache.session(token: "t1") {
                    lookups += 1
                    return s
                } == s)
        }
        #expect(lookups == 1)
        // An unknown token asks every time.
        for _ in 0..<3 {
            #expect(
                cache.session(token: "nope") {
                    lookups += 1
                    return nil
                } == nil)
        }
        #expect(lookups == 4)
        // A change on this server empties the cache at once.
        cache.clear()
        #expect(
            cache.session(token: "t1") {
                lookups += 1
                return nil
            } == nil)
        #expect(lookups == 5)
        // A session past its own expiry is looked up again even while cached.
        let short = Self.session("t2", expiresIn: -1)
        _ = cache.session(token: "t2") { short }
        #expect(
            cache.session(token: "t2") {
                lookups += 1
                return nil
            } == nil)
        #expect(lookups == 6)
    }

    @Test("a user disabled by another process is refused within the cache's lifetime")
    func disabledElsewhere() async throws {
        let h = try ServerHarness("cache")
        try await h.run { client in
            let token = try await client.login("officer1").token
            #expect(try await client.send(.get, "/api/v1/session", token: token).status == .ok)
            // `selat user disable` at the station's terminal: the database, not this server.
            try Accounts(database: h.database).setDisabled(true, name: "officer1")
            try await Task.sleep(for: .milliseconds(Int(SessionCache.lifetime * 1000) + 200))
            let after = try await client.send(.get, "/api/v1/session", token: token)
            #expect(after.status == .unauthorized, "\(after.body)")
        }
    }
}
