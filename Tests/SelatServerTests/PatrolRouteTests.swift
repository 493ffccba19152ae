import Foundation
import HTTPTypes
import HummingbirdTesting
import SelatKit
import SelatTestSupport
import Testing

@Suite("Patrol API: officers record their own agency's boats; planners read what was done")
struct PatrolRouteTests {
    @Test(
        "start, fixes queued offline sent twice, pause, end; the report's stable fields; least privilege"
    )
    func patrolAPI() async throws {
        let h = try ServerHarness("patrols")
        let fleet = try DefaultFleet.make(geoData: ServerHarness.geo)
        try h.database.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        try await h.run { client in
            let officer = try await client.login("officer1").token  // POLAIRUD
            let bakamla = try await client.login("officer2").token
            let planner = try await client.login("planner1").token
            let start = Timestamp(Date()).millisecondsSince1970 - 3_600_000
            func at(_ minutes: Int64) -> String {
                Timestamp(millisecondsSince1970: start + minutes * 60_000).iso8601()
            }
            // A planner reads patrols but does not record them.
            let refused = try await client.send(
                .post, "/api/v1/patrols", token: planner, json: ["boat": "DEMO-POL-1"])
            #expect(refused.status == .forbidden)
            // An officer of another agency cannot take a POLAIRUD boat out.
            let other = try await client.send(
                .post, "/api/v1/patrols", token: bakamla, json: ["boat": "DEMO-POL-1"])
            #expect(other.status == .forbidden, "\(other.body)")
            let bad = try await client.send(
                .post, "/api/v1/patrols", token: officer,
                json: ["boat": "DEMO-POL-1", "time": at(0), "latitude": 1.2])
            #expect(
                bad.status == .unprocessableContent && bad.json["field"] as? String == "longitude")
            let started = try await client.send(
                .post, "/api/v1/patrols", token: officer,
                json: [
                    "boat": "DEMO-POL-1", "crew": "Bripka Andi", "time": at(0), "latitude": 1.23,
                    "longitude": 104.0,
                ])
            #expect(started.status == .created, "\(started.body)")
            let id = try #require(started.json["id"] as? Int)
            #expect(started.json["state"] as? String == "running")
            // A phone's start and step sent twice (their answers lost): one patrol, one pause.
            let keyed: [String: Any] = ["key": "phone-1", "boat": "DEMO-POL-2", "time": at(0)]
            let first = try await client.send(.post, "/api/v1/patrols", token: officer, json: keyed)
            let again = try await client.send(.post, "/api/v1/patrols", token: officer, json: keyed)
            #expect(first.status == .created && again.status == .created)
            let second = try #require(first.json["id"] as? Int)
            #expect(again.json["id"] as? Int == second)
            let pause: [String: Any] = ["key": "phone-2", "step": "pause", "time": at(1)]
            for _ in 0..<2 {
                let paused = try await client.send(
                    .post, "/api/v1/patrols/\(second)/steps", token: officer, json: pause)
                #expect(paused.status == .ok && paused.json["state"] as? String == "paused")
            }
            let steps =
                (try await client.send(.get, "/api/v1/patrols?state=paused", token: planner))
                .array.first?["steps"] as? [[String: Any]]
            #expect(steps?.count == 2, "start and one pause")
            let fixes: [[String: Any]] = (1...20).map { i in
                [
                    "key": "phone-\(i)", "time": at(Int64(i)), "latitude": 1.23,
                    "longitude": 104.0 + Double(i) * 0.003,
                ]
            }
            for _ in 0..<2 {
                // The second send is the phone repeating a batch whose answer it lost.
                let sent = try await client.send(
                    .post, "/api/v1/patrols/\(id)/track", token: officer, json: ["fixes": fixes])
                #expect(sent.status == .ok, "\(sent.body)")
            }
            let badFix = try await client.send(
                .post, "/api/v1/patrols/\(id)/track", token: officer,
                json: [
                    "fixes": [["key": "z", "time": "soon", "latitude": 1.2, "longitude": 104.0]]
                ])
            #expect(badFix.status == .unprocessableContent)
            #expect(badFix.json["field"] as? String == "fixes[0].time")
            let resume = try await client.send(
                .post, "/api/v1/patrols/\(id)/steps", token: officer, json: ["step": "resume"])
            #expect(resume.status == .conflict && resume.code == "patrol_state")
            let end = try await client.send(
                .post, "/api/v1/patrols/\(id)/steps", token: officer,
                json: ["step": "end", "time": at(21)])
            #expect(end.status == .ok && end.json["state"] as? String == "ended", "\(end.body)")
            let report = try await client.send(.get, "/api/v1/patrols/\(id)", token: planner)
            #expect(report.status == .ok, "\(report.body)")
            let r = report.json
            #expect(r["stops_planned"] as? Int == 0 && (r["missed"] as? [Any])?.isEmpty == true)
            #expect((r["sightings"] as? [Any])?.isEmpty == true && r["hours"] as? Double == 0.35)
            let nm = try #require(r["distance_nm"] as? Double)
            #expect(
                abs(nm - 0.057 * 60 * cos(1.23 * .pi / 180)) < 0.02, "\(nm): 19 steps of 0.003°")
            #expect(r["minutes_in_neighbour_waters"] as? Double == 0)
            let gpx = try await client.send(
                .get, "/api/v1/patrols/\(id)?format=gpx", token: planner)
            #expect(gpx.status == .ok && gpx.body.components(separatedBy: "<trkpt").count == 21)
            let list = try await client.send(.get, "/api/v1/patrols?state=ended", token: planner)
            #expect(list.array.count == 1 && list.array[0]["boat"] as? String == "DEMO-POL-1")
            let wrong = try await client.send(
                .get, "/api/v1/patrols/\(id)?format=pdf", token: planner)
            #expect(
                wrong.status == .unprocessableContent && wrong.json["field"] as? String == "format")
            let missing = try await client.send(.get, "/api/v1/patrols/999", token: planner)
            #expect(missing.status == .notFound)
        }
        let actions = try AuditLog(database: h.database).list().map(\.action)
        #expect(actions.contains("patrol_start") && actions.contains("patrol_end"))
        #expect(actions.filter { $0 == "patrol_start" }.count == 2, "one per patrol, not per send")
        #expect(actions.filter { $0 == "patrol_pause" }.count == 1)
        #expect(
            actions.filter { $0 == "patrol_track" }.count == 1, "the repeated batch stored nothing")
    }
}
