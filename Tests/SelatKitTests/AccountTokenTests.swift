import Foundation
import Testing

@testable import SelatKit

@Suite("Session and sync tokens")
struct AccountTokenTests {
    @Test("a token is 43 base64url characters and never starts with - or _ (it follows --token)")
    func tokenShape() {
        // 1 in 32 base64url strings would start with - or _: 4,000 draws would meet hundreds.
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var seen = Set<String>()
        for _ in 0..<4_000 {
            let token = Accounts.randomToken()
            #expect(token.count == 43)
            #expect(token.allSatisfy { allowed.contains($0) })
            #expect(token.first != "-" && token.first != "_", "\(token)")
            seen.insert(token)
        }
        #expect(seen.count == 4_000)
    }
}
