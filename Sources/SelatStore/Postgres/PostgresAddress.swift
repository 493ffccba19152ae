import Foundation

/// Where a PostgreSQL database is, from a `postgresql://` URL (libpq's form):
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=disable|prefer|require]`, or
/// `postgresql://USER@/DBNAME?host=/var/run/postgresql` for a local socket.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`, the three Selat supports).
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS (a local socket, or a loopback address).
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection; the server's certificate is checked against the system's roots.
        case require
    }

    public let user: String
    public let password: String?
    /// A host name or address; nil when ``socketPath`` is used.
    public let host: String?
    public let port: Int
    /// A Unix socket's path (`?host=/folder` in the URL: the folder holding `.s.PGSQL.PORT`).
    public let socketPath: String?
    public let database: String
    public let tls: TLSMode

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a `postgresql://` URL.
    /// - Throws: ``StoreError/badDatabaseURL(url:reason:)`` naming what is wrong, with the form.
    public init(url text: String) throws(StoreError) {
        let shown = Self.hidingPassword(text)
        func refuse(_ reason: String) -> StoreError { .badDatabaseURL(url: shown, reason: reason) }
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw refuse("it is not a postgresql:// URL")
        }
        guard let user = components.user, !user.isEmpty else {
            throw refuse("it names no user (postgresql://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("it names no database (postgresql://USER@HOST/DATABASE)")
        }
        var tls = TLSMode.prefer
        var socketFolder: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse(
                        "sslmode=\(item.value ?? "") is not one of disable, prefer, require")
                }
                tls = mode
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw refuse("host= must be a socket folder starting with /")
                }
                socketFolder = value
            case "application_name", "connect_timeout":
                continue
            default:
                throw refuse("the option \(item.name) is not understood (sslmode, host)")
            }
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port \(port) is out of range") }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        if host == nil && socketFolder == nil {
            throw refuse(
                "it names no host (postgresql://USER@HOST/DATABASE, or ?host=/var/run/postgresql)")
        }
        self.user = user
        password = components.password
        self.host = socketFolder == nil ? host : nil
        self.port = port
        socketPath = socketFolder.map { "\($0)/.s.PGSQL.\(port)" }
        self.database = database
        // A socket is local: there is nothing to encrypt.
        self.tls = socketFolder == nil ? tls : .disable
    }

    /// The URL with its password (if any) replaced by `***`: safe for messages and logs.
    public var description: String {
        let who = password == nil ? user : "\(user):***"
        if let socketPath {
            let folder = (socketPath as NSString).deletingLastPathComponent
            return "postgresql://\(who)@:\(port)/\(database)?host=\(folder)"
        }
        return "postgresql://\(who)@\(host ?? ""):\(port)/\(database)"
            + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// `text` with the password between `:` and `@` masked, for a URL that could not be read.
    static func hidingPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://"),
            let at = text[scheme.upperBound...].lastIndex(of: "@"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
