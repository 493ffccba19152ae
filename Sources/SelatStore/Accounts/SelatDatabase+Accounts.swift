import Foundation
import SelatGeo
import SelatModel

/// A session as stored: whose it is, its CSRF token and when it ends. The session token itself is
/// never stored, only its SHA-256.
public struct StoredSession: Sendable, Hashable {
    public let user: UserAccount
    public let csrf: String
    public let expiresAt: Timestamp
}

extension SelatDatabase {
    /// Adds a user with a password hash (bcrypt, made by the caller).
    /// - Throws: ``StoreError/nameTaken(kind:name:)``.
    public func addUser(_ user: UserAccount, passwordHash: String) throws(StoreError) {
        try transaction { db in
            if try db.value(
                "SELECT 1 FROM app_user WHERE lower(name) = lower(?)", [user.name], as: Int.self)
                != nil
            {
                throw StoreError.nameTaken(kind: "user", name: user.name)
            }
            try db.execute(
                "INSERT INTO app_user (name, role, agency, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    user.name, user.role.rawValue, user.agency, passwordHash, user.disabled,
                    user.createdAt.millisecondsSince1970,
                ])
        }
    }

    /// Every user, by name.
    public func users() throws(StoreError) -> [UserAccount] {
        try reading { db in
            try db.rows("SELECT * FROM app_user ORDER BY lower(name), name", []).map {
                try Self.account($0)
            }
        }
    }

    /// A user and their password hash (names compare without case).
    public func user(named name: String) throws(StoreError) -> (
        user: UserAccount, passwordHash: String
    )? {
        try reading { db in
            try db.row(
                "SELECT * FROM app_user WHERE lower(name) = lower(?)", [name]
            ).map { (try Self.account($0), try $0["password_hash"]) }
        }
    }

    /// Replaces a user's password hash and ends their sessions.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    public func setPasswordHash(_ hash: String, for name: String) throws(StoreError) {
        try transaction { db in
            let changed = try db.update(
                "UPDATE app_user SET password_hash = ? WHERE lower(name) = lower(?)", [hash, name])
            guard changed == 1 else { throw StoreError.notFound(kind: "user", key: name) }
            try db.execute("DELETE FROM user_session WHERE lower(user_name) = lower(?)", [name])
        }
    }

    /// Disables (or enables) a user; disabling ends their sessions.
    /// - Throws: ``StoreError/notFound(kind:key:)``.
    /// Remembers the language a user chose (`id` or `en`; nil to follow the browser).
    /// - Throws: ``StoreError/notFound(kind:key:)`` when there is no such user.
    public func setLanguage(_ code: String?, user name: String) throws(StoreError) {
        try transaction { db in
            let changed = try db.update(
                "UPDATE app_user SET language = ? WHERE lower(name) = lower(?)", [code, name])
            guard changed == 1 else { throw StoreError.notFound(kind: "user", key: name) }
        }
    }

    public func setDisabled(_ disabled: Bool, user name: String) throws(StoreError) {
        try transaction { db in
            let changed = try db.update(
                "UPDATE app_user SET disabled = ? WHERE lower(name) = lower(?)", [disabled, name])
            guard changed == 1 else { throw StoreError.notFound(kind: "user", key: name) }
            if disabled {
                try db.execute("DELETE FROM user_session WHERE lower(user_name) = lower(?)", [name])
            }
        }
    }

    /// Stores a session by the SHA-256 of its token.
    public func addSession(
        tokenHash: [UInt8], user: String, csrf: String, expiresAt: Timestamp
    ) throws(StoreError) {
        try transaction { db in
            try db.execute(
                "INSERT INTO user_session (token_sha256, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [
                    Data(tokenHash), user, csrf, Timestamp(Date()).millisecondsSince1970,
                    expiresAt.millisecondsSince1970,
                ])
        }
    }

    /// The session with this token hash, if it exists, has not expired at `now` and its user is
    /// not disabled.
    public func session(tokenHash: [UInt8], now: Timestamp) throws(StoreError) -> StoredSession? {
        try reading { db in
            // Every request asks this (a cached statement on SQLite).
            guard
                let row = try db.row(
                    """
                    SELECT u.*, s.csrf, s.expires_at FROM user_session s JOIN app_user u ON u.name = s.user_name
                    WHERE s.token_sha256 = ? AND s.expires_at > ? AND u.disabled = 0
                    """, [Data(tokenHash), now.millisecondsSince1970])
            else { return nil }
            return StoredSession(
                user: try Self.account(row), csrf: try row["csrf"],
                expiresAt: Timestamp(millisecondsSince1970: try row["expires_at"]))
        }
    }

    /// Ends a session (and any that have expired).
    public func deleteSession(tokenHash: [UInt8]) throws(StoreError) {
        try transaction { db in
            try db.execute(
                "DELETE FROM user_session WHERE token_sha256 = ? OR expires_at < ?",
                [Data(tokenHash), Timestamp(Date()).millisecondsSince1970])
        }
    }

    private static func account(_ row: SQLRow) throws(StoreError) -> UserAccount {
        let role: String = try row["role"]
        guard let known = Role(rawValue: role) else {
            throw .database("the user \(try row["name"] as String) has the unknown role \(role)")
        }
        return UserAccount(
            name: try row["name"], role: known, agency: try row["agency"],
            disabled: try row["disabled"],
            createdAt: Timestamp(millisecondsSince1970: try row["created_at"]),
            language: row["language"])
    }
}

extension SelatDatabase {
    /// Records which agency's user logged a sighting (kept once: a retry does not change it).
    public func recordOrigin(of id: SightingID, agency: String, user: String) throws(StoreError) {
        try transaction { db in
            try Self.insertOrigins([(id, SightingOrigin(agency: agency, user: user))], db)
        }
    }

    /// Records who logged the sightings just added at these log positions (in the caller's
    /// transaction).
    static func insertOrigins(_ origins: [(Int64, SightingOrigin)], _ db: any SQLRunner) throws {
        guard !origins.isEmpty else { return }
        if db.engine == .postgresql {
            // A round trip per statement there: many rows in each.
            for start in stride(from: 0, to: origins.count, by: 500) {
                let part = origins[start..<min(start + 500, origins.count)]
                var arguments: SQLArguments = []
                arguments.reserveCapacity(part.count * 3)
                for (seq, origin) in part { arguments += [seq, origin.agency, origin.user] }
                try db.execute(
                    "INSERT INTO sighting_origin (sighting_seq, agency, user_name) VALUES "
                        + Array(repeating: "(?, ?, ?)", count: part.count).joined(separator: ", "),
                    arguments)
            }
            return
        }
        for (seq, origin) in origins {
            try db.execute(
                "INSERT INTO sighting_origin (sighting_seq, agency, user_name) VALUES (?, ?, ?)",
                [seq, origin.agency, origin.user])
        }
    }

    /// Records origins by id inside the caller's transaction (a retry keeps the first).
    static func insertOrigins(_ origins: [(SightingID, SightingOrigin)], _ db: any SQLRunner) throws
    {
        guard !origins.isEmpty else { return }
        for (id, origin) in origins {
            try db.execute(
                "INSERT INTO sighting_origin (sighting_seq, agency, user_name) SELECT seq, ?, ? FROM sighting WHERE id = ? ON CONFLICT(sighting_seq) DO NOTHING",
                [origin.agency, origin.user, id.rawValue])
        }
    }

    /// The agencies that logged these sightings (ids not logged through the server are absent).
    public func origins(of ids: [SightingID]) throws(StoreError) -> [SightingID: String] {
        guard !ids.isEmpty else { return [:] }
        return try reading { db in
            var out: [SightingID: String] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = ids[chunk..<min(chunk + 500, ids.count)]
                let rows = try db.rows(
                    "SELECT s.id, o.agency FROM sighting AS s JOIN sighting_origin AS o ON o.sighting_seq = s.seq WHERE s.id IN ("
                        + part.map { _ in "?" }.joined(separator: ",") + ")", part.map(\.rawValue))
                for row in rows {
                    if let id = try? SightingID(try row[0] as String) { out[id] = try row[1] }
                }
            }
            return out
        }
    }
}
