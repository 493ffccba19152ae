import Foundation

/// Slows repeated failed logins, per user name and per address: after 5 failures within 15
/// minutes each further attempt must wait 10, 20, 40 … seconds (at most 5 minutes) after the last
/// failure; a success clears the user's count.
actor LoginThrottle {
    struct Record {
        var failures: Int
        var last: Date
    }

    static let free = 5
    static let window: TimeInterval = 15 * 60
    static let longestWait: TimeInterval = 300

    private var byKey: [String: Record] = [:]

    /// Seconds to wait before `keys` may try again (0: now).
    func wait(for keys: [String], now: Date = Date()) -> TimeInterval {
        keys.compactMap { key -> TimeInterval? in
            guard let r = byKey[key], now.timeIntervalSince(r.last) < Self.window,
                r.failures >= Self.free
            else { return nil }
            let wait = min(Self.longestWait, 10 * pow(2, Double(r.failures - Self.free)))
            return max(0, wait - now.timeIntervalSince(r.last))
        }.max() ?? 0
    }

    func failed(_ keys: [String], now: Date = Date()) {
        for key in keys {
            var r = byKey[key] ?? Record(failures: 0, last: now)
            if now.timeIntervalSince(r.last) >= Self.window { r.failures = 0 }
            r.failures += 1
            r.last = now
            byKey[key] = r
        }
        if byKey.count > 100_000 {
            byKey = byKey.filter { now.timeIntervalSince($0.value.last) < Self.window }
        }
    }

    func succeeded(_ key: String) { byKey[key] = nil }
}
