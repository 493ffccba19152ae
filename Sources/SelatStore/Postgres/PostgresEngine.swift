import Foundation
import Logging
import PostgresNIO

/// Connections to one PostgreSQL database, lent one at a time to a transaction or a read.
///
/// The store's API is synchronous (as GRDB's is): each statement is sent through PostgresNIO and
/// waited for on the calling thread, which is never one of NIO's event-loop threads. A connection
/// that the server closed (a restart, a network cut) is dropped and a new one is opened for the
/// next caller, so a server that comes back is used again without a restart of Selat.
final class PostgresEngine: @unchecked Sendable {
    let address: PostgresAddress
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var nextID = 1
    private let logger: Logger
    /// At most this many idle connections are kept (more may be open while in use).
    private let keepIdle = 8

    /// Connects once to check the address, the password and that the database exists.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the server refuses;
    ///   ``StoreError/unavailable(database:reason:)`` when it cannot be reached.
    init(address: PostgresAddress) throws(StoreError) {
        self.address = address
        var logger = Logger(label: "selat.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let first = try connect()
        release(first)
    }

    deinit {
        for connection in idle { Self.closeSoon(connection) }
    }

    /// Closes every idle connection (connections in use close when returned).
    func close() {
        lock.lock()
        let closing = idle
        idle = []
        lock.unlock()
        for connection in closing { Self.closeSoon(connection) }
    }

    /// Closes a connection (PostgresNIO requires each to be closed before it is released).
    private static func closeSoon(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    private func connect() throws(StoreError) -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        do {
            if let socket = address.socketPath {
                configuration = .init(
                    unixSocketPath: socket, username: address.user, password: address.password,
                    database: address.database)
            } else {
                let tls: PostgresConnection.Configuration.TLS
                switch address.tls {
                case .disable: tls = .disable
                case .prefer:
                    tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require:
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
                configuration = .init(
                    host: address.host ?? "localhost", port: address.port, username: address.user,
                    password: address.password, database: address.database, tls: tls)
            }
        } catch {
            throw .cannotOpen(path: address.description, reason: "TLS: \(error)")
        }
        configuration.options.connectTimeout = .seconds(10)
        lock.lock()
        let id = nextID
        nextID += 1
        lock.unlock()
        do {
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(),
                configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw Self.storeError(error, address: address, connecting: true)
        }
    }

    private func take() throws(StoreError) -> PostgresConnection {
        lock.lock()
        while let connection = idle.popLast() {
            if !connection.isClosed {
                lock.unlock()
                return connection
            }
        }
        lock.unlock()
        return try connect()
    }

    private func release(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        lock.lock()
        if idle.count < keepIdle {
            idle.append(connection)
            lock.unlock()
        } else {
            lock.unlock()
            Self.closeSoon(connection)
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws.
    /// - Parameter readOnly: a read-only, repeatable-read transaction (one consistent snapshot).
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresRunner) throws -> T)
        throws(StoreError) -> T
    {
        let connection = try take()
        let runner = PostgresRunner(connection: connection, logger: logger, address: address)
        do {
            try runner.execute(
                readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            let result = try body(runner)
            try runner.execute("COMMIT")
            release(connection)
            return result
        } catch {
            if !connection.isClosed {
                _ = try? runner.execute("ROLLBACK")
            }
            release(connection)
            throw Self.storeError(error, address: address, connecting: false)
        }
    }

    /// Runs `body` with a connection outside any transaction (statements that cannot run in one,
    /// or that commit by themselves).
    func withConnection<T>(_ body: (PostgresRunner) throws -> T) throws(StoreError) -> T {
        let connection = try take()
        defer { release(connection) }
        do {
            return try body(
                PostgresRunner(connection: connection, logger: logger, address: address))
        } catch {
            throw Self.storeError(error, address: address, connecting: false)
        }
    }

    /// A PostgresNIO error as the store's: the server unreachable or gone (503 for the station
    /// server, "try again" for the command line), or what it refused, in its own words.
    static func storeError(_ error: any Error, address: PostgresAddress, connecting: Bool)
        -> StoreError
    {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else {
            // Sockets: connection refused, host unknown, timed out.
            if connecting || error is IOError || error is ChannelError {
                return .unavailable(database: address.description, reason: "\(error)")
            }
            return .database("\(error)")
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
            if state.hasPrefix("08") || state.hasPrefix("57P") {
                return .unavailable(database: address.description, reason: message)
            }
            // 28: wrong password or no such role; 3D000: no such database.
            if state.hasPrefix("28") || state == "3D000" {
                return .cannotOpen(path: address.description, reason: message)
            }
            return .database(message + detail)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection,
            .uncleanShutdown, .poolClosed:
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return .unavailable(
                database: address.description,
                reason: (connecting ? "cannot connect" : "the connection was lost") + underlying)
        case .sslUnsupported:
            return .cannotOpen(
                path: address.description,
                reason: "the server does not offer TLS; use sslmode=disable on a trusted network")
        case .authMechanismRequiresPassword:
            return .cannotOpen(
                path: address.description,
                reason: "the server asks for a password; put it in the URL (USER:PASSWORD@HOST)")
        default:
            return .database("\(error.code)")
        }
    }
}

/// Statements on one PostgreSQL connection: `?` placeholders become `$1, $2, …`, values are bound
/// (never spliced into the SQL text), rows come back as ``SQLRow``.
struct PostgresRunner: SQLRunner {
    let connection: PostgresConnection
    let logger: Logger
    let address: PostgresAddress

    var engine: SelatDatabase.EngineKind { .postgresql }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        _ = try result(sql, arguments)
    }

    func update(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try result(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let result = try result(sql, arguments)
        var rows: [SQLRow] = []
        rows.reserveCapacity(result.rows.count)
        var names: [String]?
        for row in result.rows {
            if names == nil { names = row.map(\.columnName) }
            rows.append(SQLRow(names: names ?? [], values: row.map(Self.sqlValue)))
        }
        return rows
    }

    /// Runs a query and returns PostgresNIO's rows (for readers that decode columns themselves).
    func result(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument?.sqlValue ?? .null {
            case .null: bindings.appendNull()
            case .integer(let v): bindings.append(v)
            case .real(let v): bindings.append(v)
            case .text(let v): bindings.append(v)
            case .blob(let v): bindings.append(ByteBuffer(bytes: v))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
        return try answer(connection.query(query, logger: logger))
    }

    /// Waits for `done`, giving up when the connection closes or after ``longestWait`` (the
    /// connection is then closed, so nothing more is sent on it).
    func waitWhileConnected(_ done: DispatchSemaphore) throws {
        let start = Date()
        while done.wait(timeout: .now() + 1) == .timedOut {
            if connection.isClosed || Date().timeIntervalSince(start) > Self.longestWait {
                let closing: EventLoopFuture<Void> = connection.close()
                _ = closing
                throw StoreError.unavailable(
                    database: address.description,
                    reason: connection.isClosed
                        ? "the connection was lost" : "no answer for \(Int(Self.longestWait)) s")
            }
        }
    }

    /// The longest a statement is waited for (a whole import batch's COPY included).
    static let longestWait: TimeInterval = 120

    /// Waits for a statement's answer. A connection the server closed fails every statement on
    /// it; should an answer never come anyway (a restart of the server at the wrong moment has
    /// been seen to leave one waiting), the connection's closing ends the wait, and after
    /// ``longestWait`` the connection is closed and the statement given up.
    /// - Throws: the statement's error, or ``StoreError/unavailable(database:reason:)``.
    func answer<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = AnswerBox<T>()
        future.whenComplete { result in
            box.set(result)
            done.signal()
        }
        try waitWhileConnected(done)
        return try box.get()
    }

    /// A cell as a ``SQLValue``: integers, floating point, bytes and text; anything else as text.
    static func sqlValue(_ cell: PostgresCell) -> SQLValue {
        guard let bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map(SQLValue.integer) ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(SQLValue.real) ?? .null
        case .numeric:
            return (try? cell.decode(String.self)).flatMap(Double.init).map(SQLValue.real) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) } ?? .null
        case .bytea:
            return .blob(Array(bytes.readableBytesView))
        default:
            if let text = try? cell.decode(String.self) { return .text(text) }
            // Types PostgresNIO does not decode (geometry as text, names): their bytes are text.
            return .text(String(decoding: bytes.readableBytesView, as: UTF8.self))
        }
    }

    /// `sql` with each `?` outside quotes numbered as PostgreSQL wants it (`$1`, `$2`, …).
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// The result of a statement, handed from NIO's thread to the waiting one.
final class AnswerBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { throw StoreError.database("a statement ended without an answer") }
        return try result.get()
    }
}
