import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore
import SelatWords

/// Patrols as they happen: start, pause, resume and end a boat's patrol, add its track (from
/// the phone, or the boat's GPX and NMEA 0183 files), and hold it against its plan
/// (``PatrolReport``). Used alike by `selat patrol`, the server and the web app.
public struct PatrolLog: Sendable {
    public let database: SelatDatabase
    public let geoData: GeoData?
    /// The most fixes one request may carry (the web app sends its queue in batches).
    public static let fixLimit = 5_000
    /// The longest crew text.
    public static let crewLimit = 500

    public init(database: SelatDatabase, geoData: GeoData?) {
        self.database = database
        self.geoData = geoData
    }

    /// Starts a patrol of `boat` (a call sign of the fleet), optionally sailing night `night` of
    /// plan `planID` (the night whose window holds the start, when not given).
    /// - Parameter agency: when given, only a boat of this agency may be started (an officer's
    ///   own; nil for an admin or the command line).
    public func start(
        boat: String, planID: Int64?, night: Int?, crew: String?, user: String,
        at time: Timestamp = Timestamp(Date()), position: Coordinate? = nil, agency: String? = nil,
        key: String? = nil
    ) throws(KitError) -> Patrol {
        try Self.check(key: key)
        let crew = crew?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let crew, crew.count > Self.crewLimit {
            throw .patrolLog(.crewTooLong(crew.count, limit: Self.crewLimit))
        }
        try Self.checkClock(time)
        let fleet = try KitError.store { () throws(StoreError) in try database.boats() }
        guard
            let known = fleet.first(where: {
                $0.callSign.caseInsensitiveCompare(boat.trimmingCharacters(in: .whitespaces))
                    == .orderedSame
            })
        else {
            if fleet.isEmpty { throw .notFound(.noBoats) }
            throw .notFound(.boat(callSign: boat, fleet: fleet.map(\.callSign)))
        }
        try Self.check(boat: known.callSign, of: known.agency, agency: agency)
        var chosenNight = night
        if let planID {
            let plan = try storedPlan(planID)
            if let night, !(1...max(1, plan.nights.count)).contains(night) {
                throw .patrolLog(
                    .noSuchNight(plan: planID, night: night, nights: plan.nights.count))
            }
            let sailing = plan.nights.filter { n in
                n.boats.contains { $0.callSign == known.callSign }
            }
            guard !sailing.isEmpty else {
                let boats = Set(plan.nights.flatMap { $0.boats.map(\.callSign) }).sorted()
                throw .patrolLog(.boatNotInPlan(boat: known.callSign, plan: planID, boats: boats))
            }
            if chosenNight == nil {
                chosenNight = Self.night(for: time, among: sailing)
            }
        }
        let start = SelatDatabase.PatrolStart(
            boat: known.callSign, agency: known.agency, planID: planID, night: chosenNight,
            crew: crew?.isEmpty == true ? nil : crew,
            event: PatrolEvent(kind: .start, time: time, position: position, user: user),
            clientKey: key)
        do throws(StoreError) { return try database.startPatrol(start) } catch {
            if case .inUse(_, _, let by) = error {
                throw .patrolLog(.boatOut(boat: known.callSign, patrol: Int64(by) ?? 0))
            }
            throw .store(error)
        }
    }

    /// The night of those the boat sails whose window holds `time`, else the one starting
    /// nearest to it.
    static func night(for time: Timestamp, among nights: [PatrolPlan.Night]) -> Int? {
        if let holding = nights.first(where: { $0.start <= time && time <= $0.end }) {
            return holding.number
        }
        return nights.min {
            abs($0.start.millisecondsSince1970 - time.millisecondsSince1970)
                < abs($1.start.millisecondsSince1970 - time.millisecondsSince1970)
        }?.number
    }

    /// Refuses a boat of another agency than `agency` (nil: any).
    static func check(boat: String, of owner: String?, agency: String?) throws(KitError) {
        guard let agency, owner?.caseInsensitiveCompare(agency) != .orderedSame else { return }
        throw .patrolLog(.otherAgency(boat: boat, agency: owner ?? "?"))
    }

    /// The patrol, if `agency` (nil: any) may record it.
    public func patrol(_ id: Int64, recordableBy agency: String?) throws(KitError) -> Patrol {
        let p = try patrol(id)
        try Self.check(boat: p.boat, of: p.agency, agency: agency)
        return p
    }

    /// Pauses, resumes or ends a patrol.
    public func step(
        _ kind: PatrolEvent.Kind, patrol id: Int64, user: String,
        at time: Timestamp = Timestamp(Date()), position: Coordinate? = nil, agency: String? = nil,
        key: String? = nil
    ) throws(KitError) -> Patrol {
        try Self.check(key: key)
        try Self.checkClock(time)
        let current = try patrol(id, recordableBy: agency)
        // The phone sending a step again (its answer lost at sea): recorded once.
        if let key,
            try KitError.store({ () throws(StoreError) in
                try database.patrolStepRecorded(patrol: id, clientKey: key)
            })
        {
            return current
        }
        if let last = current.events.last, time < last.time {
            throw .patrolLog(.stepBeforeLast(patrol: id, time: time, last: last.time))
        }
        let expected: Set<Patrol.State> =
            switch kind {
            case .start: []
            case .pause: [.running]
            case .resume: [.paused]
            case .end: [.running, .paused]
            }
        let event = PatrolEvent(kind: kind, time: time, position: position, user: user)
        let stored = try KitError.store { () throws(StoreError) in
            try database.recordPatrolEvent(event, patrol: id, expected: expected, clientKey: key)
        }
        guard let stored else {
            let now = try patrol(id)
            throw .patrolLog(.wrongState(patrol: id, state: now.state, step: kind))
        }
        return stored
    }

    /// One patrol.
    public func patrol(_ id: Int64) throws(KitError) -> Patrol {
        do throws(StoreError) { return try database.patrol(id: id) } catch {
            if case .notFound = error {
                let latest = (try? database.patrols().prefix(5).map(\.id)) ?? []
                throw .patrolLog(.noSuchPatrol(id: id, latest: Array(latest)))
            }
            throw .store(error)
        }
    }

    /// Whether a start or step sent with this key (by a phone) is already recorded: a resend, which
    /// changes nothing (and is not audited again).
    public func alreadyRecorded(key: String, patrol id: Int64? = nil) throws(KitError) -> Bool {
        try KitError.store { () throws(StoreError) in
            if let id { return try database.patrolStepRecorded(patrol: id, clientKey: key) }
            return try database.patrol(startedWith: key) != nil
        }
    }

    /// Patrols started in `period` (all when nil), newest first.
    public func list(startedIn period: Range<Timestamp>? = nil, states: Set<Patrol.State> = [])
        throws(KitError) -> [Patrol]
    {
        try KitError.store { () throws(StoreError) in
            try database.patrols(startedIn: period, states: states)
        }
    }

    /// What adding a file did.
    public struct TrackAdded: Sendable {
        public let patrol: Int64
        public let file: String
        public let format: TrackSource
        public let fixes: [TrackFix]
        public let problems: [TrackProblem]
        /// Waypoints, route points or other sentences the file held beside its track.
        public let otherItems: Int
        public var flagged: Int { fixes.filter { $0.flag != nil }.count }
    }

    /// Reads a GPX 1.1 or NMEA 0183 file of the boat's instruments and adds its fixes to the
    /// patrol's track, each checked (``TrackReview``). Refused lines are returned (nothing is
    /// dropped unsaid); with `strict`, any refused line adds nothing.
    public func addTrack(
        patrol id: Int64, path: String, format: TrackSource? = nil, strict: Bool = false,
        user: String
    ) throws(KitError) -> TrackAdded {
        let current = try patrol(id)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .format(.unreadableFile(path: path, reason: error.localizedDescription))
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let kind = format ?? Self.format(of: data, name: name), kind != .phone else {
            throw .patrolLog(.unknownTrackFormat(file: path))
        }
        var points: [TrackPoint]
        var problems: [TrackProblem]
        var other: Int
        switch kind {
        case .gpx:
            let r: GPXTrackReader.Result
            do { r = try GPXTrackReader().read(data, file: path) } catch { throw .format(error) }
            (points, problems, other) = (r.points, r.problems, r.otherPoints)
        default:
            guard
                let text = String(data: data, encoding: .utf8)
                    ?? String(data: data, encoding: .isoLatin1)
            else { throw .patrolLog(.unknownTrackFormat(file: path)) }
            let r = NMEAReader().read(text)
            (points, problems, other) = (r.points, r.problems, r.otherSentences)
        }
        guard !points.isEmpty else {
            throw .patrolLog(.noFixes(file: path, refused: problems.count, first: problems.first))
        }
        if strict, let first = problems.first {
            throw .patrolLog(.refusedLines(file: path, refused: problems.count, first: first))
        }
        let review = try reviewer(for: current)
        let fixes = review.review(points, after: nil, source: kind, file: name)
        let record = SelatDatabase.PatrolFile(
            sha256: Array(SHA256.hash(data)), name: name, format: kind, fixes: fixes.count,
            refused: problems.count, addedAt: Timestamp(Date()), user: user)
        do throws(StoreError) {
            _ = try database.addTrackFixes(
                fixes.map { ($0, nil) }, patrol: id, file: record, receivedAt: Timestamp(Date()))
        } catch {
            if case .nameTaken = error {
                throw .patrolLog(.fileAlreadyAdded(file: path, patrol: id))
            }
            throw .store(error)
        }
        return TrackAdded(
            patrol: id, file: path, format: kind, fixes: fixes, problems: problems,
            otherItems: other)
    }

    /// GPX or NMEA, from the file's name, else its first characters.
    static func format(of data: Data, name: String) -> TrackSource? {
        let ext = (name as NSString).pathExtension.lowercased()
        if ext == "gpx" { return .gpx }
        if ["nmea", "nma", "log"].contains(ext) { return .nmea }
        let head = String(decoding: data.prefix(512), as: UTF8.self)
            .trimmingCharacters(
                in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        if head.hasPrefix("<") { return .gpx }
        if head.hasPrefix("$") || head.hasPrefix("!") { return .nmea }
        return nil
    }

    /// A fix sent by the phone: its key (so a re-sent batch is stored once), time and position.
    public struct PhoneFix: Sendable, Codable, Hashable {
        public let key: String
        public let time: String
        public let latitude: Double
        public let longitude: Double
        public let accuracy: Double?
        public let speed: Double?
        public let course: Double?

        public init(
            key: String, time: String, latitude: Double, longitude: Double,
            accuracy: Double? = nil, speed: Double? = nil, course: Double? = nil
        ) {
            self.key = key
            self.time = time
            self.latitude = latitude
            self.longitude = longitude
            self.accuracy = accuracy
            self.speed = speed
            self.course = course
        }
    }

    /// Adds fixes from the phone (the web app's queue) to the patrol's track; returns how many
    /// were new and how many of those were flagged. The whole batch is checked first: one bad
    /// fix refuses it, naming its index and field.
    public func addPhoneFixes(_ sent: [PhoneFix], patrol id: Int64, agency: String? = nil)
        throws(KitError) -> (stored: Int, flagged: Int)
    {
        guard sent.count <= Self.fixLimit else {
            throw .patrolLog(.tooManyFixes(sent.count, limit: Self.fixLimit))
        }
        var points: [(TrackPoint, String)] = []
        let clockLimit = Timestamp(Date()).millisecondsSince1970 + 10 * 60_000
        for (i, fix) in sent.enumerated() {
            guard (1...100).contains(fix.key.count) else {
                throw .patrolLog(.badFix(index: i, field: "key", value: fix.key))
            }
            guard let time = try? Timestamp.parse(fix.time, defaultOffsetMinutes: 0).timestamp,
                time.millisecondsSince1970 <= clockLimit
            else { throw .patrolLog(.badFix(index: i, field: "time", value: fix.time)) }
            guard let position = try? Coordinate(latitude: fix.latitude, longitude: fix.longitude)
            else {
                throw .patrolLog(
                    .badFix(index: i, field: "latitude", value: "\(fix.latitude), \(fix.longitude)")
                )
            }
            if let s = fix.speed, !(s.isFinite && s >= 0 && s < 200) {
                throw .patrolLog(.badFix(index: i, field: "speed", value: "\(s)"))
            }
            if let c = fix.course, !(c.isFinite && c >= 0 && c <= 360) {
                throw .patrolLog(.badFix(index: i, field: "course", value: "\(c)"))
            }
            points.append(
                (
                    TrackPoint(
                        time: time, position: position,
                        speed: fix.speed.map {
                            Speed(knots: $0 * 3600 / Distance.metresPerNauticalMile)
                        },
                        courseDegrees: fix.course, line: i),
                    fix.key
                ))
        }
        // Fixes queued on a phone arrive after the patrol ended too: kept (those after the end
        // are not used), never refused.
        let current = try patrol(id, recordableBy: agency)
        let last = try KitError.store { () throws(StoreError) in
            try database.lastUsableFix(patrol: id, source: .phone)
        }
        let fixes = try reviewer(for: current).review(
            points.map(\.0), after: last, source: .phone, file: nil)
        let stored = try KitError.store { () throws(StoreError) in
            try database.addTrackFixes(
                zip(fixes, points).map { (fix: $0.0, clientKey: Optional($0.1.1)) }, patrol: id,
                file: nil, receivedAt: Timestamp(Date()))
        }
        return (stored, fixes.filter { $0.flag != nil }.count)
    }

    private func reviewer(for patrol: Patrol) throws(KitError) -> TrackReview {
        let boat = try KitError.store { () throws(StoreError) in try database.boats() }.first {
            (b: Boat) in b.callSign == patrol.boat
        }
        return TrackReview(
            topSpeed: TrackReview.topSpeed(cruising: boat?.cruiseSpeed),
            coastline: geoData?.coastline)
    }

    /// The patrol held against its plan.
    public func report(_ id: Int64, options: PatrolReport.Options = .init()) throws(KitError)
        -> PatrolReport
    {
        let p = try patrol(id)
        var route: PatrolPlan.BoatRoute?
        if let planID = p.planID, let night = p.night {
            let plan = try storedPlan(planID)
            route = plan.nights.first { $0.number == night }?.boats.first {
                $0.callSign == p.boat
            }
        }
        let fixes = try KitError.store { () throws(StoreError) in
            try database.trackFixes(patrol: id)
        }
        let now = Timestamp(Date())
        // Sightings are often timed to the minute: the minute around each end counts.
        var query = SightingQuery()
        query.since = Timestamp(millisecondsSince1970: p.startedAt.millisecondsSince1970 - 60_000)
        query.until = Timestamp(
            millisecondsSince1970: (p.endedAt ?? now).millisecondsSince1970 + 60_000)
        let boat = p.boat.lowercased()
        let sightings = try KitError.store { () throws(StoreError) in
            try database.sightings(matching: query)
        }
        .map(\.sighting)
        .filter { $0.unit?.trimmingCharacters(in: .whitespaces).lowercased() == boat }
        return PatrolReport(
            patrol: p, route: route, fixes: fixes, sightings: sightings,
            boundaries: geoData?.boundaries, options: options, now: now)
    }

    /// A phone's key: 1 to 100 characters.
    static func check(key: String?) throws(KitError) {
        if let key, !(1...100).contains(key.count) {
            throw .patrolLog(.badFix(index: 0, field: "key", value: key))
        }
    }

    /// The latest recorded patrol of each boat and night of a plan, held against it, by briefing
    /// page (``PatrolBriefing/Page/stem``): the briefings' second page.
    public func outcomes(plan: PatrolPlan) throws(KitError) -> [String: PatrolReport] {
        guard let planID = plan.id else { return [:] }
        var result: [String: PatrolReport] = [:]
        let patrols = try list().filter { $0.planID == planID }
        // Newest first: the first of each boat and night is kept.
        for p in patrols {
            guard let n = p.night, let night = plan.nights.first(where: { $0.number == n }),
                let boat = night.boats.first(where: { $0.callSign == p.boat })
            else { continue }
            let stem = PatrolBriefing.Page(night: night, boat: boat).stem
            if result[stem] == nil { result[stem] = try report(p.id) }
        }
        return result
    }

    static func checkClock(_ time: Timestamp) throws(KitError) {
        if time.millisecondsSince1970 > Timestamp(Date()).millisecondsSince1970 + 10 * 60_000 {
            throw .patrolLog(.stepInFuture(time: time))
        }
    }

    private func storedPlan(_ id: Int64) throws(KitError) -> PatrolPlan {
        let plans = try KitError.store { () throws(StoreError) in try database.plans() }
        guard plans.contains(where: { $0.id == id }) else {
            throw .notFound(.plan(id: id, stored: plans.map(\.id)))
        }
        return try KitError.store { () throws(StoreError) in try database.plan(id: id) }
    }

}
