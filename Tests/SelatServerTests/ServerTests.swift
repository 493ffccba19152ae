import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SelatKit
import SelatTestSupport
import Testing

@testable import SelatServer

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

    @Test(
        "the throttle: free for 5 failures, then 10 s, 20 s … after the last, forgotten after 15 min"
    )
    func throttleTimes() async {
        let t = LoginThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for k in 0..<5 { await t.failed(["user:a"], now: start.addingTimeInterval(Double(k))) }
        #expect(await t.wait(for: ["user:a"], now: start.addingTimeInterval(4)) == 10)
        #expect(await t.wait(for: ["user:a"], now: start.addingTimeInterval(9)) == 5)
        #expect(await t.wait(for: ["user:b"], now: start.addingTimeInterval(4)) == 0)
        await t.failed(["user:a"], now: start.addingTimeInterval(20))
        #expect(await t.wait(for: ["user:a"], now: start.addingTimeInterval(20)) == 20)
        #expect(await t.wait(for: ["user:a"], now: start.addingTimeInterval(20 + 15 * 60)) == 0)
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

    @Test("the answer to a new sighting is the record as stored: the same as reading it back")
    func answerIsStoredRecord() async throws {
        let h = try ServerHarness("answer")
        try await h.run { client in
            let variants: [[String: Any]] = [
                [
                    "position": "1°12.0'N 104°06.0'E",
                    "observed_at": "2026-11-20T21:40:05.250+07:00",
                ],
                [
                    "lat": "1.2000", "lon": 104.10, "speed_kn": 12.5, "heading_deg": "275",
                    "source": "radar",
                ],
                [
                    "lat": 1.21, "lon": 104.11, "confidence": "high", "persons_aboard": 0,
                    "unit": "Bakamla \"Tg. Uban\"",
                ],
                [
                    "lat": 1.22, "lon": 104.12, "notes": "line one, ünïcode — 🚤",
                    "observed_at": "2026-11-20 23:59",
                ],
                ["lat": 1.4, "lon": 104.9, "allow_outside": true, "activity": "smuggling"],
            ]
            let token = try await client.login("officer1").token
            for (k, variant) in variants.enumerated() {
                var body: [String: Any] = [
                    "id": "answer-\(k)", "observed_at": "2026-11-20T21:40+07:00",
                    "vessel_type": "pompong",
                ]
                for (key, value) in variant { body[key] = value }
                let posted = try await client.send(
                    .post, "/api/v1/sightings", token: token, json: body)
                #expect(posted.status == .created, "\(k): \(posted.body)")
                let read = try await client.send(
                    .get, "/api/v1/sightings/answer-\(k)", token: token)
                #expect(
                    (posted.json as NSDictionary) == (read.json as NSDictionary),
                    "\(k)\n\(posted.body)\n\(read.body)")
            }
        }
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
            // ?count=true: how many match, without the rows.
            let counted = try await client.send(
                .get, "/api/v1/sightings?activity=trafficking&count=true", token: token)
            #expect(counted.status == .ok && counted.json["count"] as? Int == 4)
            #expect(counted.json["sightings"] == nil)
            let nearCount = try await client.send(
                .get, "/api/v1/sightings?near=1.2,104.1&within=1nm&count=true", token: token)
            #expect(nearCount.json["count"] as? Int == 7)
            let badCount = try await client.send(
                .get, "/api/v1/sightings?count=yes", token: token)
            #expect(
                badCount.status == .unprocessableContent
                    && badCount.json["field"] as? String == "count")
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

@Suite("Station server: imports, hotspots, fleet, sea routes, plans and users")
struct ServerWorkTests {
    @Test(
        "only an admin manages users; a disabled user's session ends at once; passwords are never echoed"
    )
    func users() async throws {
        let h = try ServerHarness("users")
        try await h.run { client in
            let officer = try await client.login("officer1")
            let refused = try await client.send(.get, "/api/v1/users", token: officer.token)
            #expect(refused.status == .forbidden)
            let admin = try await client.login("admin1").token
            let list = try await client.send(.get, "/api/v1/users", token: admin)
            #expect(list.array.count == ServerHarness.users.count)
            #expect(!list.body.contains("password") && !list.body.contains("$2"))
            let short = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: [
                    "username": "budi", "role": "officer", "agency": "POLAIRUD",
                    "password": "tiny pass",
                ])
            #expect(
                short.status == .unprocessableContent
                    && short.json["field"] as? String == "password")
            #expect(!short.body.contains("tiny pass"))
            let added = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: [
                    "username": "budi", "role": "officer", "agency": "polairud",
                    "password": "budi's long sentence",
                ])
            #expect(added.status == .created && added.json["agency"] as? String == "POLAIRUD")
            let again = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: [
                    "username": "BUDI", "role": "officer", "agency": "POLAIRUD",
                    "password": "budi's long sentence",
                ])
            #expect(again.status == .conflict)
            let selfDisable = try await client.send(
                .post, "/api/v1/users/admin1/disable", token: admin)
            #expect(selfDisable.status == .unprocessableContent)
            let disable = try await client.send(
                .post, "/api/v1/users/officer1/disable", token: admin)
            #expect(disable.status == .noContent)
            let after = try await client.send(.get, "/api/v1/sightings", token: officer.token)
            #expect(after.status == .unauthorized)
        }
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(actions.contains("user_add") && actions.contains("user_disable"))
    }

    @Test("an import gives the CLI's report and rejects; the rows are stored and chained")
    func importFile() async throws {
        let h = try ServerHarness("import")
        let csv = """
            id,observed_at,lat,lon,vessel_type,activity,persons_aboard
            I1,2026-11-20T21:40+07:00,1.2,104.1,speedboat,trafficking,12
            I2,2026-11-21T22:10+07:00,1.25,104.15,pompong,smuggling,
            I3,2026-11-21T22:10+07:00,91.5,104.15,pompong,smuggling,

            """
        try await h.run { client in
            let token = try await client.login("officer1").token
            let a = try await client.send(
                .post, "/api/v1/imports?name=partner.csv", token: token, raw: csv,
                headers: [.contentType: "text/csv"])
            #expect(a.status == .ok, "\(a.body)")
            let report = a.json["report"] as? [String: Any] ?? [:]
            let counts = report["counts"] as? [String: Any] ?? [:]
            #expect(counts["added"] as? Int == 2 && counts["rejected"] as? Int == 1)
            let problems = report["problems"] as? [[String: Any]] ?? []
            #expect(
                problems.first?["field"] as? String == "lat"
                    && problems.first?["location"] as? String == "line 4")
            #expect((a.json["rejects"] as? String ?? "").contains("91.5"))
            let wrong = try await client.send(
                .post, "/api/v1/imports", token: token, raw: csv,
                headers: [.contentType: "text/plain"])
            #expect(wrong.status == .unsupportedMediaType)
            let planner = try await client.login("planner1").token
            let refused = try await client.send(
                .post, "/api/v1/imports", token: planner, raw: csv,
                headers: [.contentType: "text/csv"])
            #expect(refused.status == .forbidden)
        }
        #expect(try h.database.sightingCount() == 2)
        #expect(try ChainVerifier(database: h.database).verify().verified)
        // The imported rows are the importing officer's agency's (who may correct them).
        let origins = try h.database.origins(of: [SightingID("I1"), SightingID("I2")])
        let agency = ServerHarness.users.first { $0.0 == "officer1" }!.2
        #expect(origins.count == 2 && origins.values.allSatisfy { $0 == agency })
    }

    @Test(
        "an analyst runs Gi* and reads the typed run and its GeoJSON; a bad parameter names the field"
    )
    func hotspots() async throws {
        let h = try ServerHarness("hot")
        _ = try h.database.insert(PlantedSightings.make())
        try await h.run { client in
            let token = try await client.login("analyst1").token
            let run = try await client.send(
                .post, "/api/v1/hotspots", token: token, json: ["method": "gistar", "cell_m": 2000])
            #expect(run.status == .created, "\(run.body)")
            let id = try #require(run.json["run_id"] as? Int)
            #expect((run.json["hotspots"] as? [Any])?.isEmpty == false)
            let read = try await client.send(.get, "/api/v1/hotspots/\(id)", token: token)
            #expect(read.json["method"] as? String == "gistar")
            let geo = try await client.send(
                .get, "/api/v1/hotspots/\(id)?format=geojson", token: token)
            #expect(
                geo.headers[.contentType] == "application/geo+json"
                    && geo.body.contains("FeatureCollection"))
            let bad = try await client.send(
                .post, "/api/v1/hotspots", token: token, json: ["method": "gistar", "cell_m": 5])
            #expect(bad.status == .unprocessableContent && bad.json["field"] as? String == "cell")
            #expect(!(bad.json["detail"] as? String ?? "").contains("--"))
            let badArea = try await client.send(
                .post, "/api/v1/hotspots", token: token,
                json: ["method": "gistar", "study_area": "everywhere"])
            #expect(
                badArea.status == .unprocessableContent
                    && badArea.json["field"] as? String == "study_area", "\(badArea.body)")
            // A field of another method is refused, as the command line refuses its option.
            for (json, field) in [
                (["method": "dbscan", "study_area": "full"] as [String: Any], "study_area"),
                (["method": "gistar", "eps_m": 300], "eps_m"),
                (["eps_m": 300], "eps_m"),
                (["method": "kde", "band_m": 3000], "band_m"),
                (["method": "emerging", "bandwidth_m": 900], "bandwidth_m"),
            ] {
                let refused = try await client.send(
                    .post, "/api/v1/hotspots", token: token, json: json)
                #expect(
                    refused.status == .unprocessableContent
                        && refused.json["field"] as? String == field
                        && refused.json["code"] as? String == "not_for_method"
                        && (refused.json["detail"] as? String ?? "").contains("not "),
                    "\(json): \(refused.body)")
            }
            let full = try await client.send(
                .post, "/api/v1/hotspots", token: token,
                json: ["method": "gistar", "cell_m": 2000, "study_area": "full"])
            #expect(full.status == .created, "\(full.body)")
            func noteKinds(_ json: [String: Any]) -> [String] {
                (json["notes"] as? [[String: Any]])?.flatMap(\.keys) ?? []
            }
            #expect(noteKinds(run.json).contains("study_area_around_data"), "\(run.body)")
            #expect(noteKinds(full.json).contains("study_area"), "\(full.body)")
            let list = try await client.send(.get, "/api/v1/hotspots", token: token)
            #expect(list.array.count == 2)
        }
    }

    @Test(
        "an analyst exports layers in four formats and makes the report; each export is audited, personal fields stay out"
    )
    func exportsAndReport() async throws {
        let h = try ServerHarness("exports")
        let planted = try PlantedSightings.make()
        _ = try h.database.insert(planted)
        try await h.run { client in
            let token = try await client.login("analyst1").token
            let none = try await client.send(.get, "/api/v1/exports/hotspots", token: token)
            #expect(none.status == .notFound, "\(none.body)")
            let geo = try await client.send(.get, "/api/v1/exports/sightings", token: token)
            #expect(geo.status == .ok && geo.headers[.contentType] == "application/geo+json")
            let features = geo.json["features"] as? [[String: Any]] ?? []
            #expect(features.count == planted.count)
            let keys = Set(features.flatMap { ($0["properties"] as? [String: Any] ?? [:]).keys })
            #expect(
                !keys.contains("unit") && !keys.contains("notes") && keys.contains("vessel_type"))
            // Filters are the search's: a box holding one planted hot spot.
            let box = try await client.send(
                .get, "/api/v1/exports/sightings?bbox=104.11,1.215,104.13,1.235&format=csv",
                token: token)
            let expected = planted.filter {
                (104.11...104.13).contains($0.position.longitude)
                    && (1.215...1.235).contains($0.position.latitude)
            }
            #expect(
                box.body.split(separator: "\n").count == expected.count + 1,
                "\(box.body.prefix(200))")
            let kml = try await client.send(
                .get, "/api/v1/exports/sightings?format=kml", token: token)
            #expect(
                kml.body.contains("<kml")
                    && kml.body.components(separatedBy: "<Placemark").count == planted.count + 1)
            let gpx = try await client.send(.get, "/api/v1/exports/places?format=gpx", token: token)
            #expect(gpx.body.contains("<gpx") && gpx.body.contains("<wpt"))
            let badFormat = try await client.send(
                .get, "/api/v1/exports/sightings?format=shp", token: token)
            #expect(
                badFormat.status == .unprocessableContent
                    && badFormat.json["field"] as? String == "format")
            let badSubject = try await client.send(.get, "/api/v1/exports/boats", token: token)
            #expect(
                badSubject.status == .unprocessableContent
                    && badSubject.json["field"] as? String == "subject")

            let report = try await client.send(
                .post, "/api/v1/reports", token: token,
                json: ["title": "Batam, November", "top": 3])
            #expect(report.status == .ok, "\(report.body.prefix(300))")
            #expect(report.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(report.body.contains("Batam, November") && report.body.contains("<svg"))
            #expect(
                !report.body.contains("selat hotspots"),
                "the server spells API requests, not commands")
            #expect(report.body.contains("<h2>Summary</h2>"))
            let laporan = try await client.send(
                .post, "/api/v1/reports?lang=id", token: token, json: ["top": 3])
            #expect(
                laporan.status == .ok && laporan.body.contains("<h2>Ringkasan</h2>")
                    && laporan.body.contains("<h2>Titik rawan teratas</h2>"),
                "\(laporan.body.prefix(300))")
            let badTop = try await client.send(
                .post, "/api/v1/reports", token: token, json: ["top": 0])
            #expect(
                badTop.status == .unprocessableContent && badTop.json["field"] as? String == "top")
            let empty = try await client.send(
                .post, "/api/v1/reports", token: token, json: ["since": "2030-01-01"])
            #expect(
                empty.status == .notFound || empty.status == .unprocessableContent, "\(empty.body)")

            let planner = try await client.login("planner1").token
            let refused = try await client.send(.get, "/api/v1/exports/sightings", token: planner)
            #expect(refused.status == .forbidden)
            let refusedReport = try await client.send(
                .post, "/api/v1/reports", token: planner, json: [:])
            #expect(refusedReport.status == .forbidden)
        }
        let exports = try AuditLog(database: h.database).list().filter { $0.action == "export" }
        #expect(exports.count == 4, "\(exports)")
        #expect(exports.allSatisfy { $0.user == "analyst1" })
        #expect(try AuditLog(database: h.database).list().contains { $0.action == "report" })
    }

    @Test("a planner reads the fleet, routes by sea, makes a plan and downloads its GPX")
    func plans() async throws {
        let h = try ServerHarness("plan")
        let fleet = try DefaultFleet.make(geoData: ServerHarness.geo)
        try h.database.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        try await h.run { client in
            let token = try await client.login("planner1").token
            let f = try await client.send(.get, "/api/v1/fleet", token: token)
            #expect((f.json["boats"] as? [Any])?.count == fleet.boats.count)
            let sea = try await client.send(
                .get, "/api/v1/routes/sea?from=Ditpolairud&to=1.21,104.07", token: token)
            #expect(sea.status == .ok, "\(sea.body)")
            #expect(((sea.json["route"] as? [String: Any])?["length_nm"] as? Double ?? 0) > 1)
            let made = try await client.send(
                .post, "/api/v1/plans", token: token,
                json: [
                    "start": "2026-11-22T20:00+07:00", "hours": 6, "boats": ["DEMO-POL-1"],
                    "use_hotspots": false, "targets": ["1.19 103.95=8", "Nongsapura=7/30m"],
                ])
            #expect(made.status == .created, "\(made.body)")
            let plans = try await client.send(.get, "/api/v1/plans", token: token)
            let id = try #require(plans.array.first?["plan_id"] as? Int)
            let gpx = try await client.send(.get, "/api/v1/plans/\(id)?format=gpx", token: token)
            #expect(gpx.body.contains("<gpx") && gpx.body.contains("<rte>"))
            // The stop names people read, in the request's language, beside the stored ones.
            let rencana = try await client.send(.get, "/api/v1/plans/\(id)?lang=id", token: token)
            let spoken = try #require(rencana.json["stop_names"] as? [[String]])
            #expect(!spoken.isEmpty && spoken.allSatisfy { $0.count == 2 }, "\(spoken)")
            let kml = try await client.send(
                .get, "/api/v1/plans/\(id)?format=kml&lang=id", token: token)
            #expect(kml.body.contains("Rencana patroli Selat") && kml.body.contains("tiba "))
            // The boat's briefing: listed, then read as a printable page with its map.
            let briefings = try await client.send(
                .get, "/api/v1/plans/\(id)/briefings", token: token)
            #expect(briefings.array.map { $0["call_sign"] as? String } == ["DEMO-POL-1"])
            let href = try #require(briefings.array.first?["href"] as? String)
            let page = try await client.send(.get, href, token: token)
            #expect(
                page.status == .ok && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.body.contains("DEMO-POL-1") && page.body.contains("<svg"))
            #expect(page.body.contains("Patrol briefing") && !page.body.contains("Taklimat"))
            // In Bahasa Indonesia when the browser prefers it, or when asked.
            let browser = try await client.send(
                .get, href, token: token, headers: [.acceptLanguage: "id-ID,id;q=0.9,en;q=0.5"])
            #expect(
                browser.body.contains("<html lang=\"id\">")
                    && browser.body.contains("Taklimat patroli — DEMO-POL-1")
                    && browser.body.contains("Minggu, 22 November 2026 pukul 20.00 WIB"))
            let asked = try await client.send(.get, href + "?lang=id", token: token)
            #expect(asked.body.contains("Etape dan perkiraan waktu tiba (WIB)"))
            let english = try await client.send(
                .get, href + "?lang=en", token: token, headers: [.acceptLanguage: "id"])
            #expect(english.body.contains("Legs and ETAs (WIB)"))
            let wrong = try await client.send(.get, href + "?lang=fr", token: token)
            #expect(
                wrong.status == .unprocessableContent && wrong.json["field"] as? String == "lang")
            let unknown = try await client.send(
                .get, "/api/v1/plans/\(id)/briefings/1/NOPE-9", token: token)
            #expect(
                unknown.status == .notFound
                    && (unknown.json["detail"] as? String ?? "").contains("DEMO-POL-1"))
            // A number too large for its field is refused by name, never trapped on.
            let huge = try await client.send(
                .post, "/api/v1/plans", token: token,
                json: ["start": "2026-11-22T20:00+07:00", "hours": 6, "seed": 1e30])
            #expect(huge.status == .unprocessableContent && huge.json["field"] as? String == "seed")
            let fraction = try await client.send(
                .post, "/api/v1/plans", token: token,
                json: ["start": "2026-11-22T20:00+07:00", "hours": 6, "nights": 2.5])
            #expect(
                fraction.status == .unprocessableContent
                    && fraction.json["field"] as? String == "nights")
            let missing = try await client.send(
                .post, "/api/v1/plans", token: token, json: ["hours": 6])
            #expect(
                missing.status == .unprocessableContent
                    && missing.json["field"] as? String == "start")
        }
    }
}

/// Sightings round three planted hot spots (as the hotspot tests plant them), at sea.
enum PlantedSightings {
    static func make() throws -> [Sighting] {
        let coast = ServerHarness.geo.coastline
        var out: [Sighting] = []
        var generator = SeededGenerator(seed: 5)
        let centres = [(1.225, 104.12), (1.10, 103.62), (1.32, 104.40)]
        for k in 0..<900 {
            let (lat, lon): (Double, Double)
            if k % 3 == 0 {
                let c = centres[k / 3 % 3]
                lat = c.0 + (generator.unit() - 0.5) * 0.01
                lon = c.1 + (generator.unit() - 0.5) * 0.01
            } else {
                lat = 1.0 + generator.unit() * 0.4
                lon = 103.6 + generator.unit() * 0.9
            }
            let p = try Coordinate(latitude: lat, longitude: lon)
            guard !coast.isLand(p) else { continue }
            out.append(
                try Sighting(
                    id: SightingID("P\(k)"),
                    observedAt: Timestamp(
                        millisecondsSince1970: 1_790_000_000_000 + Int64(k) * 3_600_000),
                    position: p))
        }
        return out
    }
}

/// Tools/pg-servers-test.py: four `selat serve` on one PostgreSQL database, PostgreSQL restarted in
/// the middle of the load (on a cluster of its own: a restart cuts every connection). With
/// SELAT_STRESS=1, 4 × 2,000 posts; otherwise 4 × 150.
@Suite("Several servers on one PostgreSQL database")
struct PostgresServersTests {
    @Test(
        "four servers log at once through a PostgreSQL restart: 503 with Retry-After meanwhile, every acknowledged sighting kept once, one chain that verifies"
    )
    func fourServersThroughARestart() throws {
        let stress = ProcessInfo.processInfo.environment["SELAT_STRESS"] == "1"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var environment = ProcessInfo.processInfo.environment
        environment["SELAT_TEST_PG_PORT"] = "55433"
        let r = try runProcess(
            "/usr/bin/env",
            [
                "python3", root.appendingPathComponent("Tools/pg-servers-test.py").path,
                BrowserTests.selat, "--servers", "4", "--posts", stress ? "2000" : "150",
                "--stop-cluster",
            ], environment: environment)
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains("pg servers test: passed"), "\(r.out)")
        #expect(r.out.contains("lost 0;") && r.out.contains("other 5xx: 0;"), "\(r.out)")
    }
}

/// Station sync through a proxy that cuts connections, with kill -9 of either side
/// (`Tools/sync-fault-test.py`): 20 rounds, two stations, the centre on each engine.
@Suite("Station sync under faults")
struct SyncFaultTests {
    @Test(
        "20 rounds of cut links and kill -9: every log ends with every sighting once, conflicts kept, all verify",
        arguments: ["sqlite", "postgresql"])
    func twentyRounds(centre: String) throws {
        let stress = ProcessInfo.processInfo.environment["SELAT_STRESS"] == "1"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let r = try runProcess(
            "/usr/bin/env",
            [
                "python3", root.appendingPathComponent("Tools/sync-fault-test.py").path,
                BrowserTests.selat, "--rounds", "20", "--per-round", stress ? "250" : "20",
                "--seed", centre == "sqlite" ? "11" : "12",
            ] + (centre == "postgresql" ? ["--centre-postgres"] : []))
        #expect(r.status == 0, "\(r.out)\n\(r.err)")
        #expect(r.out.contains("sync fault test: passed"), "\(r.out)")
        #expect(r.out.contains("lost 0; duplicated 0;"), "\(r.out)")
    }
}

@Suite("Station sync routes")
struct SyncRouteTests {
    /// A pushed record as a station's `selat sync` sends it.
    static func record(_ sequence: Int64, _ sighting: Sighting, previous: [UInt8]) -> SyncRecord {
        let content = sighting.contentDigest
        let created: Int64 = 1_763_650_800_000 + sequence
        let chain = SightingChain.link(
            previous: previous, id: sighting.id.rawValue, content: content, createdAt: created,
            supersedes: nil, reason: nil)
        return SyncRecord(
            sighting, sequence: sequence, content: content, createdAt: created, supersedes: nil,
            reason: nil, chain: chain)
    }

    static func body(_ records: [SyncRecord]) throws -> Any {
        try JSONSerialization.jsonObject(
            with: Data(
                ResultJSON.text(
                    SyncPush(station: "0f1e2d3c-station", name: "Pos Natuna", records: records)
                ).utf8))
    }

    @Test(
        "push and pull over HTTP: roles, a field-named 422, a 409 for a gap, idempotent retries, audit"
    )
    func pushAndPull() async throws {
        let h = try ServerHarness("sync")
        let a = try Sighting(
            id: SightingID("st-a"),
            observedAt: try Timestamp.parse("2026-11-20T21:40+07:00", defaultOffsetMinutes: 420)
                .timestamp,
            position: Coordinate(latitude: 1.2, longitude: 104.1), vesselType: .speedboat,
            activity: .smuggling, personsAboard: 4)
        let b = try Sighting(
            id: SightingID("st-b"),
            observedAt: try Timestamp.parse("2026-11-20T22:40+07:00", defaultOffsetMinutes: 420)
                .timestamp,
            position: Coordinate(latitude: 1.21, longitude: 104.1), vesselType: .pompong,
            activity: .smuggling, personsAboard: 6)
        let r1 = Self.record(1, a, previous: SightingChain.genesis)
        let r2 = Self.record(2, b, previous: r1.chain)
        try await h.run { client in
            let none = try await client.send(.post, "/api/v1/sync/push", json: try Self.body([r1]))
            #expect(none.status == .unauthorized)
            let analyst = try await client.login("analyst1").token
            let refused = try await client.send(
                .post, "/api/v1/sync/push", token: analyst, json: try Self.body([r1]))
            #expect(refused.status == .forbidden)
            let officer = try await client.login("officer1").token
            var altered = r1
            altered.fields["persons_aboard"] = "40"
            let bad = try await client.send(
                .post, "/api/v1/sync/push", token: officer, json: try Self.body([altered]))
            #expect(bad.status == .unprocessableContent && bad.code == "invalid_record")
            #expect(bad.json["field"] as? String == "records[0].content_sha256")
            let missing = try await client.send(
                .post, "/api/v1/sync/push", token: officer,
                json: ["station": "0f1e2d3c-station", "name": "x", "records": [["id": "q"]]])
            #expect(missing.status == .unprocessableContent && missing.code == "invalid_json")
            #expect((missing.json["field"] as? String)?.hasPrefix("records[0].") == true)
            let gap = try await client.send(
                .post, "/api/v1/sync/push", token: officer, json: try Self.body([r2]))
            #expect(gap.status == .conflict && gap.code == "chain_broken")
            let ok = try await client.send(
                .post, "/api/v1/sync/push", token: officer, json: try Self.body([r1, r2]))
            #expect(ok.status == .ok && ok.json["pushed_through"] as? Int == 2)
            let again = try await client.send(
                .post, "/api/v1/sync/push", token: officer, json: try Self.body([r1, r2]))
            #expect(again.status == .ok && (again.json["results"] as? [Any])?.isEmpty == true)
            let head = try await client.send(
                .get, "/api/v1/sync/stations/0f1e2d3c-station", token: officer)
            #expect(head.json["pushed_through"] as? Int == 2)
            #expect(head.json["chain_sha256"] as? String == r2.chainSHA256)
            // A read-only account may ask (it receives; it has nothing to send).
            let readOnly = try await client.send(
                .get, "/api/v1/sync/stations/another-station", token: analyst)
            #expect(readOnly.status == .ok && readOnly.json["pushed_through"] as? Int == 0)
            // Another station pulls both; the pushing station is not sent its own.
            let other = try await client.send(
                .get, "/api/v1/sync/records?station=another-station&after=0", token: analyst)
            #expect((other.json["records"] as? [Any])?.count == 2)
            let own = try await client.send(
                .get, "/api/v1/sync/records?station=0f1e2d3c-station&after=0", token: officer)
            #expect((own.json["records"] as? [Any])?.isEmpty == true)
            let limit = try await client.send(
                .get, "/api/v1/sync/records?station=another-station&limit=9999", token: analyst)
            #expect(
                limit.status == .unprocessableContent && limit.json["field"] as? String == "limit")
        }
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(actions.contains("sync_push") && actions.contains("refused"))
    }
}
