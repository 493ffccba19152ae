import Foundation
import Hummingbird
import Logging
import SelatGeoData
import SelatKit

/// The station server: the HTTP API (`/api/v1`), the web app and `/healthz` over one Selat
/// database, for many users at once.
public struct StationServer: Sendable {
    /// Limits on what a client may send.
    public enum Limits {
        /// A JSON request body (a sighting, a login, a plan request).
        public static let jsonBytes = 64 * 1024
        /// An uploaded import file.
        public static let importBytes = 64 * 1024 * 1024
        /// Sightings in one page.
        public static let pageSize = 10_000
    }

    public let database: SelatDatabase
    public let geoData: GeoData
    public var host: String
    public var port: Int
    /// bcrypt cost for passwords set through the API (tests lower it).
    public var bcryptCost: UInt8 = 12
    public var logger: Logger

    public init(
        database: SelatDatabase, geoData: GeoData, host: String = "127.0.0.1", port: Int = 8080
    ) {
        self.database = database
        self.geoData = geoData
        self.routing = SharedRouting(geoData: geoData)
        self.committer = SightingCommitter(database: database)
        self.studyRegion = StudyRegionCache(database: database)
        self.sessions = SessionCache()
        self.host = host
        self.port = port
        var logger = Logger(label: "selat.serve") { ServerLogHandler(label: $0) }
        logger.logLevel = .info
        self.logger = logger
    }

    /// The sea-routing graph, shared by every request.
    let routing: SharedRouting
    /// The group commit of logged sightings.
    public let committer: SightingCommitter
    let studyRegion: StudyRegionCache
    let sessions: SessionCache
    /// Failed logins, per name and address.
    let throttle = LoginThrottle()

    /// The services the routes share: one login throttle, one group commit for the server.
    var services: ServerServices {
        var accounts = Accounts(database: database)
        accounts.cost = bcryptCost
        return ServerServices(
            database: database, geoData: geoData, accounts: accounts,
            audit: AuditLog(database: database), throttle: throttle, committer: committer,
            studyRegion: studyRegion, sessions: sessions)
    }

    /// The router with every route.
    public func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(ProblemMiddleware(logger: logger))
        let s = services
        router.middlewares.add(SessionMiddleware(services: s))
        HealthRoutes(services: s).add(to: router)
        SessionRoutes(services: s).add(to: router.group("/api/v1"))
        SightingRoutes(services: s).add(to: router.group("/api/v1"))
        HotspotRoutes(services: s).add(to: router.group("/api/v1"))
        PlanRoutes(services: s, routing: routing).add(to: router.group("/api/v1"))
        ImportRoutes(services: s).add(to: router.group("/api/v1"))
        MapRoutes(services: s).add(to: router.group("/api/v1"))
        UserRoutes(services: s).add(to: router.group("/api/v1"))
        InfoRoutes(services: s).add(to: router.group("/api/v1"))
        ExportRoutes(services: s).add(to: router.group("/api/v1"))
        SyncRoutes(services: s).add(to: router.group("/api/v1"))
        PatrolRoutes(services: s).add(to: router.group("/api/v1"))
        WebAppRoutes().add(to: router)
        return router
    }

    /// The application, ready to run (or to test).
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "Selat"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight.
    public func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        try await application(onServerRunning: onServerRunning).runService()
    }
}

/// What the routes share.
struct ServerServices: Sendable {
    let database: SelatDatabase
    let geoData: GeoData
    let accounts: Accounts
    let audit: AuditLog
    let throttle: LoginThrottle
    /// Sightings from concurrent requests, stored in groups.
    let committer: SightingCommitter
    /// The database's study region, read again at most every few seconds.
    let studyRegion: StudyRegionCache
    /// Sessions confirmed in the last second.
    let sessions: SessionCache

    /// Records an audit entry; a failure to record is logged, never hidden behind the answer.
    func record(
        _ context: ServerContext, action: String, user: String? = nil, target: String? = nil,
        detail: String? = nil
    ) async throws {
        let who = user ?? context.session?.user.name
        let address = context.address
        try await blocking {
            try audit.record(
                user: who, action: action, target: target, detail: detail, address: address)
        }
    }
}

/// The study region (`selat region --set` may change it while the server runs: it is read again
/// after five seconds).
final class StudyRegionCache: @unchecked Sendable {
    let database: SelatDatabase
    private let lock = NSLock()
    private var value: (region: Rect?, read: Date)?

    init(database: SelatDatabase) { self.database = database }

    func current() throws -> Rect? {
        if let v = lock.withLock({ value }), Date().timeIntervalSince(v.read) < 5 {
            return v.region
        }
        let region = try database.studyRegion()
        lock.withLock { value = (region, Date()) }
        return region
    }
}

/// Runs blocking database work off Swift's cooperative thread pool, so a slow write never
/// stalls other requests.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DatabaseWork.queue.async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// Short reads and checks (tens of microseconds: a session, a region, a record by id) run in
/// place: a hop to another thread would cost more than the work. Writes of sightings go through
/// the group commit; long work (plans, analyses, imports) through ``blocking(_:)``.
@inline(__always) func quick<T>(_ body: () throws -> T) rethrows -> T { try body() }

enum DatabaseWork {
    static let queue = DispatchQueue(label: "selat.database", attributes: .concurrent)
}
