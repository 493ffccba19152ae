import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SelatKit
import SelatServer
import SelatTestSupport
import Testing

@Suite("Station server: sessions, sightings, roles, problems, audit")
struct ServerTests {
    @Test("healthz answers, the OpenAPI document is served, and every route is in it")
    func healthAndOpenAPI() async throws {
        let h = try ServerHarness("health")
        let routes = h.server.router().routes.map { "\($0.method) \($0.path)" }
        try await h.run { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok && health.body == "ok\n")
            let doc = try await client.send(.get, "/api/v1/openapi.json")
            #expect(doc.status == .ok && doc.json["openapi"] as? String == "3.1.0")
            let paths = doc.json["paths"] as? [String: [String: Any]] ?? [:]
            #expect(routes.count >= 15)
            for route in routes {
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = parts[0].lowercased()
                // Hummingbird writes parameters as {name} or :name; OpenAPI as {name}.
                let path = String(parts[1]).split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                let key = path.hasPrefix("/") ? path : "/" + path
                #expect(paths[key]?[method] != nil, "\(route) is not in openapi.json")
            }
        }
    }

    @Test(
        "a login gives a token and an HttpOnly SameSite=Strict cookie; a wrong password is 401 and recorded"
    )
    func login() async throws {
        let h = try ServerHarness("login")
        try await h.run { client in
            let bad = try await client.send(
                .post, "/api/v1/session",
                json: ["username": "officer1", "password": "wrong password!"])
            #expect(bad.status == .unauthorized && bad.code == "login_failed")
            #expect(bad.headers[.contentType] == "application/problem+json")
            let good = try await client.login("officer1")
            #expect(good.token.count == 43 && good.cookie.contains("HttpOnly"))
            #expect(good.cookie.contains("SameSite=Strict"))
            let me = try await client.send(.get, "/api/v1/session", token: good.token)
            #expect((me.json["user"] as? [String: Any])?["name"] as? String == "officer1")
            let out = try await client.send(.delete, "/api/v1/session", token: good.token)
            #expect(out.status == .noContent)
            let after = try await client.send(.get, "/api/v1/sightings", token: good.token)
            #expect(after.status == .unauthorized && after.code == "unauthenticated")
        }
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(
            actions.contains("login_failed") && actions.contains("login")
                && actions.contains("logout"))
    }

    @Test("repeated failed logins are slowed: the sixth answers 429 with Retry-After")
    func throttle() async throws {
        let h = try ServerHarness("throttle")
        try await h.run { client in
            for _ in 0..<5 {
                let a = try await client.send(
                    .post, "/api/v1/session",
                    json: ["username": "analyst1", "password": "guess guess guess"])
                #expect(a.status == .unauthorized)
            }
            let sixth = try await client.send(
                .post, "/api/v1/session",
                json: ["username": "analyst1", "password": ServerHarness.password])
            #expect(sixth.status == .tooManyRequests && sixth.code == "login_throttled")
            #expect(Int(sixth.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
    }

    @Test(
        "each role reaches its routes and gets 403 elsewhere; no credentials get 401",
        arguments: [
            ("officer1", [true, true, false, false, false, false]),
            ("planner1", [false, true, false, true, false, false]),
            ("analyst1", [false, true, true, true, false, false]),
            ("admin1", [true, true, true, true, true, true]),
        ])
    func permissions(user: String, allowed: [Bool]) async throws {
        let h = try ServerHarness("roles-\(user)")
        try await h.run { client in
            let token = try await client.login(user).token
            let id = UUID().uuidString.lowercased()
            let requests: [(HTTPRequest.Method, String, Any?)] = [
                (.post, "/api/v1/sightings", sightingJSON(id)),
                (.get, "/api/v1/sightings", nil),
                (.get, "/api/v1/hotspots", nil),
                (.get, "/api/v1/places", nil),
                (.get, "/api/v1/audit", nil),
                (.get, "/api/v1/verify", nil),
            ]
            for ((method, uri, body), ok) in zip(requests, allowed) {
                let a = try await client.send(method, uri, token: token, json: body)
                if ok {
                    #expect(a.status.code < 300, "\(user) \(method) \(uri): \(a.status) \(a.body)")
                } else {
                    #expect(
                        a.status == .forbidden && a.code == "forbidden",
                        "\(user) \(method) \(uri): \(a.status)")
                }
                let anonymous = try await client.send(method, uri, json: body)
                #expect(anonymous.status == .unauthorized, "anonymous \(method) \(uri)")
            }
        }
        let refused = try AuditLog(database: h.database).list().filter { $0.action == "refused" }
        #expect(refused.count == allowed.filter { !$0 }.count + allowed.count)
    }

    @Test(
        "a sighting: 201 new and durable, 200 for the same again, 409 for the id with other content"
    )
    func logSighting() async throws {
        let h = try ServerHarness("log")
        let id = "a6f0c3f8-1b1e-4a51-9f6a-1d2c3b4a5e6f"
        try await h.run { client in
            let token = try await client.login("officer1").token
            let first = try await client.send(
                .post, "/api/v1/sightings", token: token, json: sightingJSON(id))
            #expect(first.status == .created, "\(first.body)")
            #expect(first.json["observed_at"] as? String == "2026-11-20T14:40:00Z")
            #expect(first.json["observed_offset"] as? String == "+07:00")
            #expect(first.json["unit"] as? String == "Polairud Batam")
            #expect(first.headers[.location] == "/api/v1/sightings/\(id)")
            let retry = try await client.send(
                .post, "/api/v1/sightings", token: token, json: sightingJSON(id))
            #expect(
                retry.status == .ok
                    && retry.json["sequence"] as? Int == first.json["sequence"] as? Int)
            let other = try await client.send(
                .post, "/api/v1/sightings", token: token, json: sightingJSON(id, persons: 3))
            #expect(
                other.status == .conflict && other.code == "id_conflict"
                    && other.json["field"] as? String == "id")
        }
        // Stored once, chained, with the same content digest the CLI would compute.
        let stored = try #require(try h.database.sighting(id: SightingID(id)))
        #expect(stored.sighting.personsAboard == 12)
        #expect(try ChainVerifier(database: h.database).verify().verified)
        #expect(try h.database.sightingCount() == 1)
    }

    @Test(
        "bad input is a problem document naming the field, and nothing is stored",
        arguments: [
            (["lat": 91.5], 422, "invalid_field", "lat"),
            (["lat": 1.08, "lon": 104.03], 422, "position_on_land", "lat"),
            (["lat": 0, "lon": 0], 422, "no_position_fix", "lat"),
            (["observed_at": "2026-13-45T25:00"], 422, "invalid_field", "observed_at"),
            (["observed_at": "2099-01-01T00:00+07:00"], 422, "time_ahead_of_clock", "observed_at"),
            (["vessel_type": "jetski"], 422, "invalid_field", "vessel_type"),
            (["persons_aboard": "many"], 422, "invalid_field", "persons_aboard"),
            (["speed_kn": [1, 2]], 422, "invalid_field", "speed_kn"),
            (["colour": "red"], 422, "unknown_field", "colour"),
            (["id": String(repeating: "x", count: 65)], 422, "invalid_field", "id"),
            (["id": "line\nbreak"], 422, "invalid_field", "id"),
            (["notes": "a bell \u{07} in the notes"], 422, "invalid_field", "notes"),
        ] as [([String: any Sendable], Int, String, String)])
    func badInput(change: [String: any Sendable], status: Int, code: String, field: String)
        async throws
    {
        let h = try ServerHarness("bad")
        try await h.run { client in
            let token = try await client.login("officer1").token
            var body = sightingJSON(UUID().uuidString.lowercased())
            for (k, v) in change { body[k] = v }
            let a = try await client.send(.post, "/api/v1/sightings", token: token, json: body)
            #expect(a.status.code == status, "\(change): \(a.body)")
            #expect(a.code == code, "\(change): \(a.body)")
            #expect(a.json["field"] as? String == field, "\(change): \(a.body)")
            #expect(a.headers[.contentType] == "application/problem+json")
            #expect(!(a.json["detail"] as? String ?? "").contains("--"), "a flag in \(a.body)")
        }
        #expect(try h.database.sightingCount() == 0)
    }

    @Test(
        "malformed JSON, a wrong content type and an oversized body are refused before anything is read"
    )
    func malformedBodies() async throws {
        let h = try ServerHarness("malformed")
        try await h.run { client in
            let token = try await client.login("officer1").token
            let broken = try await client.send(
                .post, "/api/v1/sightings", token: token, raw: "{\"lat\": 1.2,",
                headers: [.contentType: "application/json"])
            #expect(broken.status == .badRequest && broken.code == "malformed_json")
            let form = try await client.send(
                .post, "/api/v1/sightings", token: token, raw: "lat=1.2",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType && form.code == "wrong_content_type")
            var huge = sightingJSON(UUID().uuidString.lowercased())
            huge["notes"] = String(repeating: "x", count: 70_000)
            let big = try await client.send(.post, "/api/v1/sightings", token: token, json: huge)
            #expect(big.status == .contentTooLarge && big.code == "body_too_large")
            let array = try await client.send(
                .post, "/api/v1/sightings", token: token, json: [1, 2])
            #expect(array.status == .unprocessableContent && array.code == "not_an_object")
        }
        #expect(try h.database.sightingCount() == 0)
    }

    @Test("unit and notes: an officer sees their own agency's, not another's; a planner sees none")
    func personalFields() async throws {
        let h = try ServerHarness("personal")
        let id = UUID().uuidString.lowercased()
        try await h.run { client in
            let polairud = try await client.login("officer1").token
            _ = try await client.send(
                .post, "/api/v1/sightings", token: polairud, json: sightingJSON(id))
            let own = try await client.send(.get, "/api/v1/sightings/\(id)", token: polairud)
            #expect(
                own.json["unit"] as? String == "Polairud Batam"
                    && own.json["personal_hidden"] as? Bool == false)
            let bakamla = try await client.send(
                .get, "/api/v1/sightings/\(id)", token: try await client.login("officer2").token)
            #expect(bakamla.json["unit"] == nil && bakamla.json["notes"] == nil)
            #expect(bakamla.json["personal_hidden"] as? Bool == true)
            let planner = try await client.login("planner1").token
            let list = try await client.send(.get, "/api/v1/sightings?format=csv", token: planner)
            #expect(list.status == .ok && !list.body.contains("Polairud Batam"))
            let admin = try await client.send(
                .get, "/api/v1/sightings/\(id)", token: try await client.login("admin1").token)
            #expect(admin.json["notes"] as? String == "seen from the pier")
        }
    }

    @Test("with the session cookie a write needs the CSRF token; with it, it goes through")
    func csrf() async throws {
        let h = try ServerHarness("csrf")
        try await h.run { client in
            let session = try await client.login("officer1")
            let cookie = String(session.cookie.split(separator: ";")[0])
            let body = sightingJSON(UUID().uuidString.lowercased())
            let without = try await client.send(
                .post, "/api/v1/sightings", json: body, headers: [.cookie: cookie])
            #expect(without.status == .forbidden && without.code == "csrf")
            let with = try await client.send(
                .post, "/api/v1/sightings", json: body,
                headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: session.csrf])
            #expect(with.status == .created, "\(with.body)")
            let read = try await client.send(.get, "/api/v1/sightings", headers: [.cookie: cookie])
            #expect(read.status == .ok)
        }
    }

    @Test("search pages with a stable cursor and the filters of sighting list")
    func search() async throws {
        let h = try ServerHarness("search")
        try await h.run { client in
            let token = try await client.login("officer1").token
            for k in 0..<7 {
                var s = sightingJSON(UUID().uuidString.lowercased())
                s["observed_at"] = "2026-11-2\(k)T21:40+07:00"
                s["activity"] = k % 2 == 0 ? "trafficking" : "smuggling"
                _ = try await client.send(.post, "/api/v1/sightings", token: token, json: s)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/sightings?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.send(.get, uri, token: token)
                seen += (page.json["sightings"] as? [[String: Any]] ?? []).compactMap {
                    $0["observed_at"] as? String
                }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 7 && seen == seen.sorted())
            let trafficking = try await client.send(
                .get, "/api/v1/sightings?activity=trafficking", token: token)
            #expect((trafficking.json["sightings"] as? [Any])?.count == 4)
            let near = try await client.send(
                .get, "/api/v1/sightings?near=1.2,104.1&within=1nm", token: token)
            #expect((near.json["sightings"] as? [Any])?.count == 7)
            let bad = try await client.send(.get, "/api/v1/sightings?limit=0", token: token)
            #expect(bad.status == .unprocessableContent && bad.json["field"] as? String == "limit")
        }
    }

    @Test("the audit trail records writes and refusals, never a password or token, and verifies")
    func audit() async throws {
        let h = try ServerHarness("audit")
        let secrets = try await h.run { client -> [String] in
            let s = try await client.login("officer1")
            _ = try await client.send(
                .post, "/api/v1/sightings", token: s.token, json: sightingJSON("audit-1"))
            _ = try await client.send(.get, "/api/v1/audit", token: s.token)
            let admin = try await client.login("admin1")
            let trail = try await client.send(.get, "/api/v1/audit", token: admin.token)
            #expect(
                trail.array.contains {
                    $0["action"] as? String == "sighting_add"
                        && $0["target"] as? String == "audit-1"
                })
            return [ServerHarness.password, s.token, s.csrf, admin.token]
        }
        let entries = try AuditLog(database: h.database).list()
        let text = entries.map { "\($0)" }.joined(separator: "\n")
        for secret in secrets { #expect(!text.contains(secret)) }
        #expect(entries.contains { $0.action == "refused" && $0.user == "officer1" })
        #expect(try ChainVerifier(database: h.database).verify().verified)
        // Edited behind Selat's back (the append-only triggers dropped first), the trail fails verify.
        _ = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", h.dir.file("log.sqlite"),
                "DROP TRIGGER audit_append_only_update; UPDATE audit SET user_name = 'someone' WHERE seq = 2",
            ])
        let report = try ChainVerifier(database: try SelatDatabase(path: h.dir.file("log.sqlite")))
            .verify()
        #expect(!report.verified && (report.problem ?? "").contains("audit entry #2"))
    }
}
