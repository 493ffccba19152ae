import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatKit
import SelatModel
import SelatPlanning
import SelatStore
import SelatTestSupport
import SelatWords
import Testing

/// A station's log with the default fleet and a one-night plan for DEMO-POL-1 through four
/// targets in the Singapore Strait, ten hours ago.
struct PatrolScene {
    let dir = TemporaryDirectory("patrol")
    let database: SelatDatabase
    let log: PatrolLog
    let planID: Int64
    let start: Timestamp
    let stops: [PatrolPlan.Stop]
    static let geo = try! GeoData.bundled()
    static let targets: [(String, Double, Double)] = [
        ("T1", 1.23, 104.00), ("T2", 1.24, 104.10), ("T3", 1.23, 104.20), ("T4", 1.22, 104.30),
    ]

    init() throws {
        database = try SelatDatabase(path: dir.file("log.sqlite"))
        let fleet = try DefaultFleet.make(geoData: Self.geo)
        try database.add(agencies: fleet.agencies, bases: fleet.bases, boats: fleet.boats)
        log = PatrolLog(database: database, geoData: Self.geo)
        let now = Timestamp(Date()).millisecondsSince1970
        start = Timestamp(millisecondsSince1970: (now - 10 * 3_600_000) / 60_000 * 60_000)
        let base = try Coordinate(latitude: 1.23, longitude: 103.95)
        var stops = [
            PatrolPlan.Stop(
                name: "Base", kind: .base, position: base, arrival: nil, departure: start,
                risk: nil)
        ]
        for (i, t) in Self.targets.enumerated() {
            let eta = Timestamp(
                millisecondsSince1970: start.millisecondsSince1970 + Int64(i + 1) * 3_600_000)
            stops.append(
                PatrolPlan.Stop(
                    name: t.0, kind: .target,
                    position: try Coordinate(latitude: t.1, longitude: t.2),
                    arrival: eta, departure: eta, risk: 1))
        }
        let end = Timestamp(millisecondsSince1970: start.millisecondsSince1970 + 6 * 3_600_000)
        stops.append(
            PatrolPlan.Stop(
                name: "Base", kind: .base, position: base, arrival: end, departure: nil, risk: nil))
        self.stops = stops
        let route = PatrolPlan.BoatRoute(
            callSign: "DEMO-POL-1", agency: "POLAIRUD", crew: 6, contact: nil, speedKnots: 15,
            stops: stops, legs: zip(stops, stops.dropFirst()).map { [$0.position, $1.position] },
            nauticalMiles: 40, hours: 6, risk: 4)
        let plan = PatrolPlan(
            createdAt: start, command: "test", seed: 1, parameters: [:],
            nights: [PatrolPlan.Night(number: 1, start: start, end: end, boats: [route])],
            targets: [], rendezvous: [], entropyBits: nil, notes: [], synthetic: true)
        planID = try database.savePlan(plan)
    }

    /// Base → T1 → T2 → a detour 2 nm south of T3 → T4, where the patrol ends.
    static let skippingT3: [Coordinate] = [
        (1.23, 103.95), (1.23, 104.00), (1.24, 104.10), (1.195, 104.20), (1.22, 104.30),
    ].map { try! Coordinate(latitude: $0.0, longitude: $0.1) }

    /// Starts DEMO-POL-1's patrol on the plan's night and adds its track along ``skippingT3`` as
    /// an NMEA log (a fix every `step` seconds at 8 kn); returns the patrol and the track.
    func sailSkippingT3(step: Double = 10) throws -> (patrol: Patrol, points: [TrackPoint]) {
        let patrol = try log.start(
            boat: "DEMO-POL-1", planID: planID, night: 1, crew: nil, user: "test", at: start)
        let points = Self.track(
            Self.skippingT3,
            from: Timestamp(millisecondsSince1970: start.millisecondsSince1970 + 60_000), knots: 8,
            step: step)
        _ = try log.addTrack(
            patrol: patrol.id, path: dir.write("sail-\(patrol.id).nmea", Self.nmea(points)),
            user: "test")
        return (patrol, points)
    }

    /// Fixes every `step` seconds along `waypoints` at `knots`, with seeded GPS noise of about
    /// `noise` metres, from `from`.
    static func track(
        _ waypoints: [Coordinate], from: Timestamp, knots: Double, step: Double = 10,
        noise: Double = 8, seed: UInt64 = 7
    ) -> [TrackPoint] {
        var random = SeededGenerator(seed: seed)
        var points: [TrackPoint] = []
        var t = Double(from.millisecondsSince1970) / 1000
        let speed = knots * 1852 / 3600
        for (a, b) in zip(waypoints, waypoints.dropFirst()) {
            let length = a.distance(to: b).metres
            let n = max(1, Int(length / (speed * step)))
            for k in 0..<n {
                let f = Double(k) / Double(n)
                let lat = a.latitude + (b.latitude - a.latitude) * f
                let lon = a.longitude + (b.longitude - a.longitude) * f
                let dLat = Double.random(in: -1...1, using: &random) * noise / 111_132
                let dLon = Double.random(in: -1...1, using: &random) * noise / 111_320
                points.append(
                    TrackPoint(
                        time: Timestamp(millisecondsSince1970: Int64(t * 1000)),
                        position: try! Coordinate(latitude: lat + dLat, longitude: lon + dLon),
                        line: points.count + 1))
                t += length / Double(n) / speed
            }
        }
        if let last = waypoints.last {
            points.append(
                TrackPoint(
                    time: Timestamp(millisecondsSince1970: Int64(t * 1000)), position: last,
                    line: points.count + 1))
        }
        return points
    }

    /// The points as an NMEA 0183 log of RMC sentences with correct checksums.
    static func nmea(_ points: [TrackPoint]) -> String {
        points.map { p in
            let iso = p.time.iso8601()  // 2026-12-05T14:00:00Z
            let hms = iso.dropFirst(11).prefix(8).replacingOccurrences(of: ":", with: "")
            let d = iso.prefix(10).split(separator: "-")
            let date = "\(d[2])\(d[1])\(d[0].suffix(2))"
            func dm(_ v: Double, _ width: Int) -> String {
                let deg = Int(abs(v))
                let min = (abs(v) - Double(deg)) * 60
                return String(format: "%0\(width)d%07.4f", deg, min)
            }
            let lat = p.position.latitude
            let lon = p.position.longitude
            let body =
                "GPRMC,\(hms).00,A,\(dm(lat, 2)),\(lat >= 0 ? "N" : "S"),\(dm(lon, 3)),\(lon >= 0 ? "E" : "W"),12.0,90.0,\(date),,,A"
            let sum = body.utf8.reduce(UInt8(0)) { $0 ^ $1 }
            return "$\(body)*\(String(format: "%02X", sum))"
        }.joined(separator: "\r\n") + "\r\n"
    }
}

@Suite("Patrols as they happen: steps, tracks, and the plan held against what was done")
struct PatrolLogTests {
    @Test(
        "a simulated track along the plan with GPS noise and one stop skipped has exactly that stop missed"
    )
    func skippedStop() throws {
        let s = try PatrolScene()
        let patrol = try s.log.start(
            boat: "demo-pol-1", planID: s.planID, night: nil, crew: "Bripka Andi", user: "test",
            at: s.start)
        #expect(patrol.boat == "DEMO-POL-1" && patrol.night == 1 && patrol.state == .running)
        // Base → T1 → T2 → a detour 2 nm south of T3 → T4, where the patrol ends.
        let way = try [
            (1.23, 103.95), (1.23, 104.00), (1.24, 104.10), (1.195, 104.20), (1.22, 104.30),
        ].map { try Coordinate(latitude: $0.0, longitude: $0.1) }
        let points = PatrolScene.track(
            way, from: Timestamp(millisecondsSince1970: s.start.millisecondsSince1970 + 60_000),
            knots: 8)
        let file = s.dir.write("boat.nmea", PatrolScene.nmea(points))
        let added = try s.log.addTrack(patrol: patrol.id, path: file, user: "test")
        #expect(added.problems.isEmpty && added.flagged == 0 && added.fixes.count == points.count)
        let last = points.last!.time
        _ = try s.log.step(.end, patrol: patrol.id, user: "test", at: last)
        let report = try s.log.report(patrol.id)
        #expect(report.stops.count == 4)
        #expect(report.missed.map(\.name) == ["T3"])
        #expect(report.visited.map(\.name) == ["T1", "T2", "T4"])
        let t3 = try #require(report.missed.first)
        #expect(abs((t3.closestNM ?? 0) - 2.0) < 0.3, "T3 missed by about 2 nm")
        // Distance: the sum of the waypoint legs (noise adds a little, never a leg).
        let legs = zip(way, way.dropFirst()).reduce(0.0) {
            $0 + $1.0.distance(to: $1.1).nauticalMiles
        }
        #expect(report.distanceNM > legs - 0.2 && report.distanceNM < legs * 1.05 + 0.5)
        #expect(report.gaps.isEmpty && report.trackSource == "instruments")
        // Each visit is timed when the boat passed, not at the planned arrival.
        for visit in report.visited {
            let passed = try #require(visit.visitedAt)
            #expect(passed > s.start && passed <= last)
        }
        let json = PatrolReportRenderer(words: Words(.en)).json(report)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in [
            "distance_nm", "hours", "stops_planned", "stops_visited", "missed",
            "minutes_in_neighbour_waters", "sightings",
        ] {
            #expect(object[key] != nil, "\(key) in the JSON")
        }
        let missed = try #require(object["missed"] as? [[String: Any]])
        #expect(missed.count == 1 && missed[0]["name"] as? String == "T3")
        #expect(
            missed[0]["latitude"] as? Double == 1.23 && missed[0]["longitude"] as? Double == 104.2)
        #expect(object["stops_planned"] as? Int == 4)
    }

    @Test("a 10-minute GPS gap is shown as a gap and its straight line is not counted as sailed")
    func gap() throws {
        let s = try PatrolScene()
        let patrol = try s.log.start(
            boat: "DEMO-POL-2", planID: nil, night: nil, crew: nil, user: "test", at: s.start)
        let a = try Coordinate(latitude: 1.23, longitude: 104.00)
        let b = try Coordinate(latitude: 1.24, longitude: 104.10)
        let c = try Coordinate(latitude: 1.23, longitude: 104.20)
        let first = PatrolScene.track([a, b], from: s.start, knots: 10, noise: 0)
        let restart = Timestamp(
            millisecondsSince1970: first.last!.time.millisecondsSince1970 + 10 * 60_000)
        // After ten minutes without a fix the boat is 1 nm on, then sails to c.
        let resumeAt = try Coordinate(latitude: 1.238, longitude: 104.1167)
        let second = PatrolScene.track([resumeAt, c], from: restart, knots: 10, noise: 0)
        let fixes = (first + second).enumerated().map { i, p in
            PatrolLog.PhoneFix(
                key: "k\(i)", time: p.time.iso8601(), latitude: p.position.latitude,
                longitude: p.position.longitude)
        }
        let stored = try s.log.addPhoneFixes(fixes, patrol: patrol.id)
        #expect(stored.stored == fixes.count && stored.flagged == 0)
        // The same batch again (its answer lost at sea) stores nothing twice.
        #expect(try s.log.addPhoneFixes(fixes, patrol: patrol.id).stored == 0)
        let report = try s.log.report(patrol.id)
        #expect(report.gaps.count == 1)
        let gap = try #require(report.gaps.first)
        #expect(abs(gap.minutes - 10) < 0.01)
        let sailed = a.distance(to: b).nauticalMiles + resumeAt.distance(to: c).nauticalMiles
        let across = b.distance(to: resumeAt).nauticalMiles
        #expect(abs(report.distanceNM - sailed) < 0.05, "\(report.distanceNM) vs \(sailed)")
        #expect(abs(gap.straightNM - across) < 0.01)
        #expect(report.runs.count == 2 && report.fixes == fixes.count)
        let gpx = PatrolReportRenderer(words: Words(.en)).gpx(report)
        #expect(gpx.components(separatedBy: "<trkseg>").count - 1 == 2, "one trkseg per stretch")
        let geojson = PatrolReportRenderer(words: Words(.en)).geojson(report)
        #expect(geojson.contains(#""layer":"gap""#) && geojson.contains(#""sailed":false"#))
    }

    @Test(
        "NMEA sentences with bad checksums are refused by line; the rest is added; --strict adds nothing"
    )
    func badChecksums() throws {
        let s = try PatrolScene()
        let patrol = try s.log.start(
            boat: "DEMO-POL-1", planID: nil, night: nil, crew: nil, user: "test", at: s.start)
        let points = PatrolScene.track(
            [
                try Coordinate(latitude: 1.23, longitude: 104.00),
                try Coordinate(latitude: 1.24, longitude: 104.10),
            ],
            from: s.start, knots: 10, step: 60)
        var lines = PatrolScene.nmea(points).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Lines 3 and 7: one character changed after the checksum was computed.
        lines[2] = lines[2].replacingOccurrences(of: "12.0", with: "13.0")
        lines[6] = lines[6].replacingOccurrences(of: "90.0", with: "91.0")
        let file = s.dir.write("bad.nmea", lines.joined(separator: "\n"))
        #expect {
            try s.log.addTrack(patrol: patrol.id, path: file, strict: true, user: "test")
        } throws: { error in
            guard case KitError.patrolLog(.refusedLines(_, let refused, let first)) = error else {
                return false
            }
            return refused == 2 && first.line == 3 && first.field == "checksum"
        }
        #expect(try s.database.trackFixes(patrol: patrol.id).isEmpty, "strict added nothing")
        let added = try s.log.addTrack(patrol: patrol.id, path: file, user: "test")
        #expect(added.problems.map(\.line) == [3, 7])
        #expect(added.problems.allSatisfy { $0.field == "checksum" })
        #expect(added.fixes.count == lines.count - 2)
        let words = PatrolLogError.words(added.problems[0], ControlNames.neutral)
        #expect(words.contains("line 3") && words.contains("checksum"))
        // The same file again is refused whole.
        #expect {
            try s.log.addTrack(patrol: patrol.id, path: file, user: "test")
        } throws: { error in
            if case KitError.patrolLog(.fileAlreadyAdded) = error { return true }
            return false
        }
    }

    @Test("a GPX written by Selat and the same track converted by gpsbabel both read back")
    func gpxRoundTrip() throws {
        let s = try PatrolScene()
        let patrol = try s.log.start(
            boat: "DEMO-POL-1", planID: s.planID, night: 1, crew: nil, user: "test", at: s.start)
        let points = PatrolScene.track(
            [
                try Coordinate(latitude: 1.23, longitude: 104.00),
                try Coordinate(latitude: 1.24, longitude: 104.10),
            ],
            from: s.start, knots: 10, step: 30)
        let nmea = s.dir.write("in.nmea", PatrolScene.nmea(points))
        _ = try s.log.addTrack(patrol: patrol.id, path: nmea, user: "test")
        let report = try s.log.report(patrol.id)
        let written = s.dir.write("selat.gpx", PatrolReportRenderer(words: Words(.id)).gpx(report))
        let mine = try GPXTrackReader().read(
            try Data(contentsOf: URL(fileURLWithPath: written)), file: written)
        #expect(mine.problems.isEmpty && mine.points.count == points.count)
        #expect(
            mine.otherPoints == 4 + report.plannedRoute.count,
            "stops as waypoints, the plan as a route")
        // As stored from the NMEA log (whole seconds, 1/10,000 minute).
        let stored = try s.database.trackFixes(patrol: patrol.id)
        for (a, b) in zip(mine.points, stored) {
            #expect(a.time == b.time)
            #expect(a.position.haversineDistance(to: b.position).metres < 0.5)
        }
        // gpsbabel reads Selat's GPX and writes its own GPX 1.1 of the NMEA log.
        let converted = s.dir.file("babel.gpx")
        let r = try runProcess(
            "/usr/bin/env",
            ["gpsbabel", "-t", "-i", "nmea", "-f", nmea, "-o", "gpx,gpxver=1.1", "-F", converted])
        #expect(r.status == 0, "gpsbabel: \(r.err)")
        // gpsbabel reads Selat's GPX: its own rewrite holds every track point.
        let rewritten = s.dir.file("rewritten.gpx")
        let check = try runProcess(
            "/usr/bin/env",
            ["gpsbabel", "-t", "-i", "gpx", "-f", written, "-o", "gpx,gpxver=1.1", "-F", rewritten])
        #expect(check.status == 0, "gpsbabel: \(check.err)")
        let again = try GPXTrackReader().read(
            try Data(contentsOf: URL(fileURLWithPath: rewritten)), file: rewritten)
        #expect(again.problems.isEmpty && again.points.map(\.time) == mine.points.map(\.time))
        let theirs = try GPXTrackReader().read(
            try Data(contentsOf: URL(fileURLWithPath: converted)), file: converted)
        #expect(theirs.problems.isEmpty && theirs.points.count == points.count)
        let other = try s.log.start(
            boat: "DEMO-POL-2", planID: nil, night: nil, crew: nil, user: "test", at: s.start)
        let added = try s.log.addTrack(patrol: other.id, path: converted, user: "test")
        #expect(added.format == .gpx && added.fixes.count == points.count && added.flagged == 0)
    }

    @Test(
        "a fix on land, a jump faster than the boat and a time out of order are flagged, kept, and not used"
    )
    func flags() throws {
        let s = try PatrolScene()
        let patrol = try s.log.start(
            boat: "DEMO-POL-1", planID: nil, night: nil, crew: nil, user: "test", at: s.start)
        func at(_ minutes: Int) -> String {
            Timestamp(
                millisecondsSince1970: s.start.millisecondsSince1970 + Int64(minutes) * 60_000
            )
            .iso8601()
        }
        let fixes = [
            PatrolLog.PhoneFix(key: "a", time: at(1), latitude: 1.23, longitude: 104.00),
            PatrolLog.PhoneFix(key: "b", time: at(2), latitude: 1.231, longitude: 104.003),
            // Batam's interior, kilometres from the shore.
            PatrolLog.PhoneFix(key: "c", time: at(3), latitude: 1.10, longitude: 104.05),
            // 20 nm in a minute.
            PatrolLog.PhoneFix(key: "d", time: at(4), latitude: 1.23, longitude: 104.35),
            // Before the fix before it.
            PatrolLog.PhoneFix(key: "e", time: at(1), latitude: 1.232, longitude: 104.006),
            PatrolLog.PhoneFix(key: "f", time: at(5), latitude: 1.233, longitude: 104.009),
        ]
        let stored = try s.log.addPhoneFixes(fixes, patrol: patrol.id)
        #expect(stored.stored == 6 && stored.flagged == 3)
        let track = try s.database.trackFixes(patrol: patrol.id)
        #expect(track.count == 6)
        #expect(Set(track.compactMap(\.flag)) == [.onLand, .tooFast, .outOfOrder])
        let report = try s.log.report(patrol.id)
        #expect(report.fixesUsed == 3 && report.flagged.onLand == 1 && report.flagged.tooFast == 1)
        #expect(report.flagged.outOfOrder == 1 && report.distanceNM < 1)
    }

    @Test(
        "steps follow the patrol's state; a boat is out on one patrol at a time; a bad fix is refused by index and field"
    )
    func steps() throws {
        let s = try PatrolScene()
        let p = try s.log.start(
            boat: "DEMO-POL-1", planID: nil, night: nil, crew: nil, user: "a", at: s.start)
        func refusal(_ body: () throws -> Void) -> PatrolLogError? {
            do {
                try body()
                return nil
            } catch let KitError.patrolLog(e) { return e } catch { return nil }
        }
        #expect(
            refusal {
                _ = try s.log.start(
                    boat: "DEMO-POL-1", planID: nil, night: nil, crew: nil, user: "b")
            } == .boatOut(boat: "DEMO-POL-1", patrol: p.id))
        #expect(
            refusal { _ = try s.log.step(.resume, patrol: p.id, user: "a") }
                == .wrongState(patrol: p.id, state: .running, step: .resume))
        let t = { (m: Int64) in
            Timestamp(millisecondsSince1970: s.start.millisecondsSince1970 + m * 60_000)
        }
        #expect(try s.log.step(.pause, patrol: p.id, user: "a", at: t(30)).state == .paused)
        let early = refusal { _ = try s.log.step(.resume, patrol: p.id, user: "a", at: t(10)) }
        #expect(early == .stepBeforeLast(patrol: p.id, time: t(10), last: t(30)))
        #expect(try s.log.step(.resume, patrol: p.id, user: "a", at: t(60)).state == .running)
        let ended = try s.log.step(.end, patrol: p.id, user: "a", at: t(120))
        #expect(ended.state == .ended && ended.endedAt == t(120) && ended.events.count == 4)
        #expect(ended.pauses(until: t(999)) == [t(30)...t(60)])
        #expect(
            refusal { _ = try s.log.step(.end, patrol: p.id, user: "a") }
                == .wrongState(patrol: p.id, state: .ended, step: .end))
        #expect(
            refusal {
                _ = try s.log.start(
                    boat: "DEMO-POL-1", planID: s.planID, night: 3, crew: nil, user: "b")
            } == .noSuchNight(plan: s.planID, night: 3, nights: 1))
        #expect(
            refusal {
                _ = try s.log.start(
                    boat: "DEMO-TNI-1", planID: s.planID, night: nil, crew: nil, user: "b")
            } == .boatNotInPlan(boat: "DEMO-TNI-1", plan: s.planID, boats: ["DEMO-POL-1"]))
        let again = try s.log.start(
            boat: "DEMO-POL-1", planID: nil, night: nil, crew: nil, user: "b")
        #expect(
            refusal {
                _ = try s.log.addPhoneFixes(
                    [
                        .init(
                            key: "x", time: Timestamp(Date()).iso8601(), latitude: 1.2,
                            longitude: 104),
                        .init(key: "y", time: "yesterday", latitude: 1.2, longitude: 104),
                    ], patrol: again.id)
            } == .badFix(index: 1, field: "time", value: "yesterday"))
        #expect(
            try s.database.trackFixes(patrol: again.id).isEmpty, "a refused batch stores nothing")
        #expect(
            refusal { _ = try s.log.patrol(999) }
                == .noSuchPatrol(id: 999, latest: [again.id, p.id]))
    }

    @Test(
        "across nights: the cells a plan sent a boat to, and those its track visited; realised and planned history"
    )
    func coverageAcrossNights() throws {
        let s = try PatrolScene()
        let (patrol, points) = try s.sailSkippingT3()
        _ = try s.log.step(.end, patrol: patrol.id, user: "test", at: points.last!.time)
        let coverage = PatrolCoverage(database: s.database, geoData: PatrolScene.geo)
        let period =
            Timestamp(
                millisecondsSince1970: s.start.millisecondsSince1970 - 86_400_000)..<Timestamp(
                Date())
        // A fifth place nobody planned, on the track between T1 and T2.
        let places =
            try PatrolScene.targets.map {
                PatrolCoverage.Place(
                    name: $0.0, position: try Coordinate(latitude: $0.1, longitude: $0.2), weight: 1
                )
            } + [
                PatrolCoverage.Place(
                    name: "between", position: try Coordinate(latitude: 1.235, longitude: 104.05),
                    weight: 1)
            ]
        let report = try coverage.count(places, in: period, source: "test")
        #expect(report.nightsWithPlans == 1 && report.nightsWithPatrols == 1 && report.patrols == 1)
        #expect(report.places.map(\.nightsPlanned) == [1, 1, 1, 1, 0])
        #expect(report.places.map(\.nightsVisited) == [1, 1, 0, 1, 1])
        #expect(report.places.map(\.nightsVisitedUnplanned) == [0, 0, 0, 0, 1])
        let targets = places.prefix(4).map {
            PatrolProblem.Target(name: $0.name, position: $0.position, weight: 1, dwell: 600)
        }
        let realised = try coverage.history(.realised, targets: Array(targets), in: period)
        #expect(realised.nights == 1 && realised.covered == [1, 1, 0, 1])
        let planned = try coverage.history(.planned, targets: Array(targets), in: period)
        #expect(planned.nights == 1 && planned.covered == [1, 1, 1, 1])
        // Before the plan's night, nothing.
        let before = try coverage.count(
            places,
            in: Timestamp(
                millisecondsSince1970: 0)..<Timestamp(
                    millisecondsSince1970: s.start.millisecondsSince1970 - 13 * 3_600_000),
            source: "test")
        #expect(before.places.allSatisfy { $0.nightsPlanned == 0 && $0.nightsVisited == 0 })
    }

    @Test("the briefing's second page after the patrol is the report, in English and Indonesian")
    func briefingAfterPatrol() throws {
        let s = try PatrolScene()
        _ = try s.sailSkippingT3(step: 60)
        let plan = try s.database.plan(id: s.planID)
        let outcomes = try s.log.outcomes(plan: plan)
        #expect(outcomes.keys.sorted() == ["briefing-night1-DEMO-POL-1"])
        for (language, title, missed) in [
            (Language.en, "After the patrol: what was done", "missed (closest"),
            (.id, "Setelah patroli: yang dikerjakan", "terlewat (paling dekat"),
        ] {
            var briefing = PatrolBriefing(
                plan: plan, coastline: PatrolScene.geo.coastline, language: language)
            let before = briefing.html(try #require(briefing.pages().first))
            #expect(!before.contains(title))
            briefing.outcomes = outcomes
            let html = briefing.html(try #require(briefing.pages().first))
            #expect(html.contains(title) && html.contains("break-before: page"))
            let after = try #require(html.components(separatedBy: title).last)
            #expect(after.contains("T3") && after.contains(missed))
            #expect(after.components(separatedBy: missed).count == 2, "only T3 is missed")
        }
    }
}
