import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SelatGeoData
import SelatKit
import SelatServer
import SelatTestSupport

/// A station server on a fresh database with one user per role (bcrypt cost 4 for speed), and
/// helpers to log in and send JSON.
struct ServerHarness {
    static let geo = try! GeoData.bundled()
    static let password = "a long harbour sentence"
    /// name → (role, agency)
    static let users: [(String, Role, String)] = [
        ("officer1", .officer, "POLAIRUD"), ("officer2", .officer, "BAKAMLA"),
        ("planner1", .planner, "TNI-AL"), ("analyst1", .analyst, "BEA-CUKAI"),
        ("admin1", .admin, "POLAIRUD"),
    ]

    let dir: TemporaryDirectory
    let database: SelatDatabase
    let server: StationServer

    init(_ name: String = "server") throws {
        dir = TemporaryDirectory(name)
        database = try SelatDatabase(path: dir.file("log.sqlite"))
        var accounts = Accounts(database: database)
        accounts.cost = 4
        for (user, role, agency) in Self.users {
            _ = try accounts.add(name: user, role: role, agency: agency, password: Self.password)
        }
        var server = StationServer(database: database, geoData: Self.geo, port: 0)
        server.bcryptCost = 4
        self.server = server
    }

    func run<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws
        -> T
    {
        try await server.application().test(.router, body)
    }
}

/// What a test needs of a response.
struct Answer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }
    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
    }
    var code: String? { json["code"] as? String }
}

extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil,
        raw: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = headers[.contentType] ?? "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            body = ByteBuffer(string: raw)
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) {
            Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    /// Logs in; returns the token and the CSRF token.
    func login(_ user: String, password: String = ServerHarness.password) async throws -> (
        token: String, csrf: String, cookie: String
    ) {
        let a = try await send(
            .post, "/api/v1/session", json: ["username": user, "password": password])
        guard a.status == .created, let token = a.json["token"] as? String,
            let csrf = a.json["csrf"] as? String
        else { throw LoginFailed(answer: a.body) }
        return (token, csrf, a.headers[.setCookie] ?? "")
    }
}

struct LoginFailed: Error { let answer: String }

/// A valid sighting at sea off Batam.
func sightingJSON(_ id: String, persons: Int = 12) -> [String: Any] {
    [
        "id": id, "observed_at": "2026-11-20T21:40+07:00", "lat": 1.2, "lon": 104.1,
        "vessel_type": "speedboat", "activity": "trafficking", "persons_aboard": persons,
        "unit": "Polairud Batam", "notes": "seen from the pier",
    ]
}
