import Foundation
import HummingbirdBcrypt
import SelatGeo
import SelatModel
import SelatStore
import SelatWords

/// Users of the station server: adding, listing, disabling, passwords (bcrypt), and sessions.
/// A session token is 32 random bytes, given to the client once; the database keeps only its
/// SHA-256, so a copy of the database does not let anyone in.
public struct Accounts: Sendable {
    public let database: SelatDatabase
    /// bcrypt's cost (2^cost rounds): 12 by default; tests may lower it.
    public var cost: UInt8 = 12
    /// How long a session lasts without logging in again.
    public var sessionLength: TimeInterval = 12 * 3600

    public init(database: SelatDatabase) { self.database = database }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// A started session: the token for `Authorization: Bearer` (or the cookie) and the CSRF token
    /// a cookie-authenticated write must send back.
    public struct Session: Sendable, Hashable, Codable {
        public let token: String
        public let csrf: String
        public let user: UserAccount
        public let expiresAt: Timestamp
    }

    /// Adds a user.
    /// - Throws: ``KitError/model(_:)`` for a bad name, agency or password;
    ///   ``KitError/store(_:)`` when the name is taken.
    public func add(name: String, role: Role, agency: String, password: String)
        throws(KitError) -> UserAccount
    {
        do {
            try UserAccount.checkName(name)
            try UserAccount.checkAgency(agency)
            try Self.checkPassword(password)
        } catch { throw .model(error) }
        let user = UserAccount(
            name: name, role: role, agency: agency, disabled: false, createdAt: Timestamp(Date()))
        let hash = Bcrypt.hash(password, cost: cost)
        try KitError.store { () throws(StoreError) in
            try database.addUser(user, passwordHash: hash)
        }
        return user
    }

    /// Every user.
    public func list() throws(KitError) -> [UserAccount] {
        try KitError.store { () throws(StoreError) in try database.users() }
    }

    /// Disables a user (their sessions end) or enables them again.
    public func setDisabled(_ disabled: Bool, name: String) throws(KitError) {
        try KitError.store { () throws(StoreError) in
            try database.setDisabled(disabled, user: name)
        }
    }

    /// Remembers the language a user chose for the web app (nil: follow the browser).
    public func setLanguage(_ language: Language?, name: String) throws(KitError) {
        try KitError.store { () throws(StoreError) in
            try database.setLanguage(language?.rawValue, user: name)
        }
    }

    /// Sets a new password; the user's sessions end.
    public func resetPassword(name: String, password: String) throws(KitError) {
        do { try Self.checkPassword(password) } catch { throw .model(error) }
        let hash = Bcrypt.hash(password, cost: cost)
        try KitError.store { () throws(StoreError) in
            try database.setPasswordHash(hash, for: name)
        }
    }

    /// A password of at least ``minimumPasswordLength`` characters, not all the same.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)`` (the value is never echoed).
    public static func checkPassword(_ password: String) throws(ModelError) {
        guard password.count >= minimumPasswordLength, Set(password).count > 2 else {
            throw .invalidField(
                field: "password", value: "(not shown)",
                reason: Phrase("model.password", ["minimum": "\(minimumPasswordLength)"]))
        }
    }

    /// A bcrypt hash of a password nobody has, checked when the user does not exist, so a
    /// missing user takes as long to refuse as a wrong password.
    static let decoy = Bcrypt.hash("selat-decoy-\(UUID().uuidString)", cost: 12)

    /// The user, when the name and password match an enabled account; nil otherwise.
    public func authenticate(name: String, password: String) throws(KitError) -> UserAccount? {
        let found = try KitError.store { () throws(StoreError) in
            try database.user(named: name)
        }
        guard let found else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return nil
        }
        guard Bcrypt.verify(password, hash: found.passwordHash), !found.user.disabled else {
            return nil
        }
        return found.user
    }

    /// Starts a session for `user`.
    public func startSession(for user: UserAccount) throws(KitError) -> Session {
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let expires = Timestamp(Date().addingTimeInterval(sessionLength))
        try KitError.store { () throws(StoreError) in
            try database.addSession(
                tokenHash: SHA256.hash(Array(token.utf8)), user: user.name, csrf: csrf,
                expiresAt: expires)
        }
        return Session(token: token, csrf: csrf, user: user, expiresAt: expires)
    }

    /// The session a token belongs to, if it is current.
    public func session(token: String) throws(KitError) -> Session? {
        guard (40...64).contains(token.utf8.count) else { return nil }
        let stored = try KitError.store { () throws(StoreError) in
            try database.session(
                tokenHash: SHA256.hash(Array(token.utf8)), now: Timestamp(Date()))
        }
        return stored.map {
            Session(token: token, csrf: $0.csrf, user: $0.user, expiresAt: $0.expiresAt)
        }
    }

    /// Ends the session of `token`.
    public func endSession(token: String) throws(KitError) {
        try KitError.store { () throws(StoreError) in
            try database.deleteSession(tokenHash: SHA256.hash(Array(token.utf8)))
        }
    }

    /// 32 random bytes as base64url without padding (43 characters), never starting with `-` or
    /// `_`: a token is typed after `--token` on a command line, where a leading `-` reads as an
    /// option.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let token = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            if let first = token.first, first != "-", first != "_" { return token }
        }
    }
}
