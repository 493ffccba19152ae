import Foundation
import SelatGeoData
import SelatKit
import SelatTestSupport
import Testing

/// Plans on the real coastline with the default fleet and typed targets around Batam and Bintan.
@Suite("Patrol plans on the map: sea legs, endurance, ETAs, waters, rendezvous, nights, storage")
struct PatrolPlannerTests {
    static let geo = try! GeoData.bundled()
    static let cache = TemporaryDirectory("plan-cache")
    /// Indonesian waters round Batam and Bintan, plus one on Singapore's side (the last).
    static let targets = [
        "1.19 103.95=8", "1.25 104.05=6", "1.16 104.15=5", "1.13 103.75=4", "Nongsapura=7/30m",
        "Tanjung Uban=5", "1.05 104.02=3", "1.225 103.86=10",
    ]
    static let start = try! Timestamp.parse("2026-11-22T20:00+07:00", defaultOffsetMinutes: 420)
        .timestamp

    static func planner(_ dir: TemporaryDirectory, fleet: Bool = true) throws -> PatrolPlanner {
        let db = try SelatDatabase(path: dir.file("log.sqlite"))
        if fleet {
            let f = try DefaultFleet.make(geoData: geo)
            try db.add(agencies: f.agencies, bases: f.bases, boats: f.boats)
        }
        let routing = SeaRouting(
            geoData: geo, cache: SeaGraphCache(directory: URL(fileURLWithPath: cache.path)))
        return PatrolPlanner(routing: routing, database: db)
    }

    static func request(
        hours: Double = 6, boats: [String] = ["DEMO-POL-1", "DEMO-BC-1", "DEMO-BKL-1"]
    ) throws -> PatrolPlanner.Request {
        var r = PatrolPlanner.Request(start: start, hours: hours)
        r.boats = boats
        r.useHotspots = false
        r.targets = try targets.map { try PatrolTargets.Spec(parsing: $0) }
        return r
    }

    @Test(
        "every leg is at sea, every boat is back within endurance and window, ETAs follow from speed and distance, no boat leaves Indonesian waters"
    )
    func planKeepsItsPromises() throws {
        let dir = TemporaryDirectory("plan")
        let planner = try Self.planner(dir)
        let plan = try planner.plan(try Self.request())
        let night = try #require(plan.nights.first)
        #expect(night.boats.count == 3)
        var visited = 0
        for boat in night.boats {
            #expect(boat.legs.count == boat.stops.count - 1)
            for leg in boat.legs {
                for (a, b) in zip(leg.dropLast(), leg.dropFirst()) {
                    #expect(
                        Self.geo.coastline.firstLandCrossing(from: a, to: b, step: .metres(50))
                            == nil, "\(boat.callSign): \(a) → \(b) touches land")
                    if case .foreign = Self.geo.boundaries.jurisdiction(of: b) {
                        Issue.record("\(boat.callSign) leaves Indonesian waters at \(b)")
                    }
                }
            }
            let departure = try #require(boat.stops.first?.departure)
            let back = try #require(boat.stops.last?.arrival)
            let hours =
                Double(back.millisecondsSince1970 - departure.millisecondsSince1970) / 3_600_000
            let endurance = boat.callSign == "DEMO-BC-1" ? 6.0 : 8.0
            #expect(hours <= min(6, endurance) + 1e-6)
            for k in 1..<boat.stops.count {
                let leave = try #require(boat.stops[k - 1].departure)
                let arrive = try #require(boat.stops[k].arrival)
                let sailed =
                    Double(arrive.millisecondsSince1970 - leave.millisecondsSince1970) / 1000
                let expected =
                    PatrolPlanRenderer.nauticalMiles(boat.legs[k - 1]) / boat.speedKnots * 3600
                #expect(
                    abs(sailed - expected) <= max(2, 0.002 * expected),
                    "\(boat.callSign) leg \(k): \(sailed) s vs \(expected) s")
            }
            visited += boat.stops.filter { $0.kind == .target }.count
            #expect(
                !boat.stops.contains { $0.name == "1.225 103.86" },
                "the target on Singapore's side is for coordinated patrols only")
        }
        let names = night.boats.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) }
        #expect(Set(names).count == names.count, "a target visited by two boats")
        #expect(visited >= 5)
        #expect(plan.notes.contains { if case .foreignTargets = $0 { true } else { false } })
        #expect(
            PatrolPlanRenderer(plan: plan).render(.table, names: .neutral).contains(
                "neighbours' side"))
        // Stored whole and read back equal; the same seed plans the same again.
        let stored = try planner.database.plan(id: try #require(plan.id))
        #expect(stored.nights == plan.nights)
        #expect(stored.parameters["seed"] == "1")
        let again = try planner.plan(try Self.request())
        #expect(again.nights == plan.nights)
    }

    @Test(
        "a coordinated patrol lets a boat allowed to cross cover the target on the neighbours' side"
    )
    func coordinatedPatrol() throws {
        let dir = TemporaryDirectory("plan")
        let planner = try Self.planner(dir)
        try planner.database.add(boats: [
            try Boat(
                callSign: "JOINT-1", agency: "BAKAMLA",
                homeBase: "Bakamla Zona Kamla Barat - new HQ (Pulau Setokok, Batam)",
                cruiseSpeed: Speed(knots: 25), enduranceHours: 8, crew: 10, waters: .coordinated)
        ])
        var request = try Self.request(boats: ["JOINT-1"])
        request.coordinated = true
        let plan = try planner.plan(request)
        #expect(plan.nights[0].boats[0].stops.contains { $0.name == "1.225 103.86" })
    }

    @Test("a rendezvous lines up: both boats are there by the time set and leave together")
    func rendezvous() throws {
        let dir = TemporaryDirectory("plan")
        let planner = try Self.planner(dir)
        var request = try Self.request(boats: ["DEMO-POL-1", "DEMO-BKL-1"])
        request.rendezvous = "1.19 103.95@2026-11-22T22:00+07:00"
        let plan = try planner.plan(request)
        let time = try #require(plan.rendezvous.first?.time)
        var leaving: [Timestamp] = []
        for boat in plan.nights[0].boats {
            let stop = try #require(
                boat.stops.first { $0.kind == .rendezvous },
                "\(boat.callSign) misses the rendezvous")
            let arrival = try #require(stop.arrival)
            #expect(arrival.millisecondsSince1970 <= time.millisecondsSince1970 + 60_000)
            leaving.append(try #require(stop.departure))
        }
        #expect(leaving.count == 2 && leaving[0] == leaving[1])
        #expect(
            abs(leaving[0].millisecondsSince1970 - time.millisecondsSince1970 - 1_200_000) <= 60_000
        )
    }

    @Test("--joint picks a meeting of two agencies' boats at a target and says where and when")
    func joint() throws {
        let dir = TemporaryDirectory("plan")
        var request = try Self.request()
        request.joint = true
        let plan = try Self.planner(dir).plan(request)
        let meeting = try #require(plan.rendezvous.first)
        #expect(meeting.boats.count == 2)
        let agencies = Set(
            plan.nights[0].boats.filter { meeting.boats.contains($0.callSign) }.map(\.agency))
        #expect(agencies.count == 2)
        #expect(
            plan.notes.contains {
                if case .jointMeeting(let boats, _, let time, _) = $0 {
                    return Set(boats) == Set(meeting.boats) && time == meeting.time
                }
                return false
            })
        #expect(
            plan.notes.map { $0.words(.neutral) }.contains {
                $0.hasPrefix("Joint patrol:") && $0.contains("WIB")
            })
    }

    @Test(
        "impossible requests fail with the reason: a rendezvous too soon, an unknown boat, no fleet, nothing to patrol"
    )
    func impossibleRequests() throws {
        let dir = TemporaryDirectory("plan")
        let planner = try Self.planner(dir)
        var request = try Self.request(boats: ["DEMO-POL-1", "DEMO-TNI-2"])
        request.rendezvous = "1.16 104.15@2026-11-22T20:10+07:00"
        #expect { try planner.plan(request) } throws: {
            "\($0)".contains("cannot make the rendezvous") && "\($0)".contains("needs")
        }
        request = try Self.request(boats: ["NOPE-1"])
        #expect { try planner.plan(request) } throws: {
            "\($0)".contains("There is no boat NOPE-1") && "\($0)".contains("DEMO-POL-1")
        }
        let empty = TemporaryDirectory("plan")
        #expect { try Self.planner(empty, fleet: false).plan(try Self.request()) } throws: {
            if case KitError.notFound(.noBoats) = $0 { true } else { false }
        }
        request = try Self.request()
        request.targets = []
        #expect { try planner.plan(request) } throws: { "\($0)".contains("Nothing to patrol") }
        #expect(throws: KitError.self) { try PatrolTargets.Spec(parsing: "Nongsapura=11") }
        #expect(throws: KitError.self) { try PatrolTargets.Spec(parsing: "Nongsapura=5/soon") }
        #expect(
            try PatrolTargets.Spec(parsing: "1.2 104.1=8/20m")
                == PatrolTargets.Spec(place: "1.2 104.1", priority: 8, dwell: 1200))
    }

    @Test("hot cells become targets weighted by sightings with their hours; cold cells do not")
    func hotspotTargets() throws {
        let routing = SeaRouting(
            geoData: Self.geo,
            cache: SeaGraphCache(directory: URL(fileURLWithPath: Self.cache.path)))
        let record = HotspotRunRecord(
            id: 4, createdAt: Self.start, method: "gistar", parameters: "{}",
            command: "selat hotspots",
            sightingCount: 30, inputDigest: "", summary: "", featureCount: 2)
        let hours = (0..<24).map { $0 == 2 ? 20 : 0 }
        let ring = try [
            (1.19, 104.04), (1.19, 104.06), (1.21, 104.06), (1.21, 104.04), (1.19, 104.04),
        ]
        .map { try Coordinate(latitude: $0.0, longitude: $0.1) }
        var results = HotspotResults()
        results.cells = [
            HotspotCell(
                cell: "1:2", ring: ring, count: 20, giZ: 4, p: 0.001, pFdr: 0.002, bin: 3,
                neighbours: 6, hoursWib: hours),
            HotspotCell(
                cell: "1:3", ring: ring, count: 2, giZ: 0.1, p: 0.9, pFdr: 0.9, bin: 0,
                neighbours: 6, hoursWib: nil),
        ]
        var notes: [PlanNote] = []
        let targets = try PatrolTargets(routing: routing).fromHotspotRun(
            StoredHotspotRun(record: record, results: results, outcome: nil), dwell: 600,
            notes: &notes)
        #expect(targets.count == 1)
        #expect(
            targets.first?.weight == 20 && targets.first?.hours == hours
                && targets.first?.name.hasPrefix("cell 1:2") == true)
        // The centre of the ring, 1.20 N 104.05 E, is at sea off Batam.
        #expect(
            targets.first!.position.distance(to: try Coordinate(latitude: 1.2, longitude: 104.05))
                .metres < 5000)
        // A density run has no cells to patrol: it is refused by kind.
        let kde = HotspotRunRecord(
            id: 5, createdAt: Self.start, method: "kde", parameters: "{}", command: "",
            sightingCount: 30, inputDigest: "", summary: "", featureCount: 0)
        #expect {
            try PatrolTargets(routing: routing).fromHotspotRun(
                StoredHotspotRun(record: kde, results: HotspotResults(), outcome: nil),
                dwell: 600, notes: &notes)
        } throws: {
            if case KitError.wrongRunKind(5, "kde", _) = $0 { return true }
            return false
        }
    }

    @Test("several nights: the same seed repeats them and consecutive nights differ")
    func nights() throws {
        let dir = TemporaryDirectory("plan")
        let planner = try Self.planner(dir)
        var request = try Self.request(hours: 3, boats: ["DEMO-POL-1"])
        request.nights = 6
        request.seed = 7
        let plan = try planner.plan(request)
        #expect(plan.nights.count == 6)
        let sets = plan.nights.map {
            Set($0.boats.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) })
        }
        #expect(zip(sets.dropLast(), sets.dropFirst()).contains { $0 != $1 })
        #expect(plan.targets.allSatisfy { $0.probability != nil })
        #expect((plan.entropyBits ?? 0) > 0)
        #expect(try planner.plan(request).nights == plan.nights)
    }
}
