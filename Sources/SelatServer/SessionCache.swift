import Foundation
import SelatKit

/// Sessions this server has just looked up, kept for a second: every request presents its session,
/// and at thousands of requests a second reading it from the database each time is most of a
/// request's cost. Only sessions the database confirmed are kept (an unknown token always goes to
/// the database), each until the earlier of a second after the lookup and its own expiry.
///
/// Whatever this server changes — a logout, a user disabled, enabled or given a new password —
/// empties the cache at once. A change made by another process (`selat user disable` at the
/// station's terminal) reaches this server within ``lifetime``.
final class SessionCache: @unchecked Sendable {
    /// How long a confirmed session is trusted without asking the database again.
    static let lifetime: TimeInterval = 1
    /// The most sessions kept; past it the cache starts again empty.
    static let capacity = 10_000

    private let lock = NSLock()
    private var entries: [String: (session: Accounts.Session, until: Date)] = [:]

    /// The session of `token`: from the cache while fresh, else from `lookup` (kept when found).
    func session(token: String, lookup: () throws -> Accounts.Session?) rethrows
        -> Accounts.Session?
    {
        let now = Date()
        if let hit = lock.withLock({ entries[token] }), hit.until > now,
            hit.session.expiresAt > Timestamp(now)
        {
            return hit.session
        }
        guard let found = try lookup() else {
            lock.withLock { _ = entries.removeValue(forKey: token) }
            return nil
        }
        let until = now.addingTimeInterval(Self.lifetime)
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (found, until)
        }
        return found
    }

    /// Forgets every session: after a logout or any change to a user.
    func clear() {
        lock.withLock { entries.removeAll(keepingCapacity: true) }
    }
}
