import Foundation
import SelatGeo
import SelatGeoData
import SelatModel

/// A patrol held against its plan: how far the boat sailed and how long it was out, which planned
/// stops it visited (and when, against the planned arrival), which it missed, the gaps in its
/// track, the time spent in the neighbours' waters and the sightings linked to it. The JSON field
/// names are stable (`selat patrol show --format json`, `GET /api/v1/patrols/{id}`).
public struct PatrolReport: Sendable, Hashable, Encodable {
    /// A planned stop, visited or not.
    public struct Stop: Sendable, Hashable, Encodable {
        public let name: String
        public let kind: String
        public let latitude: Double
        public let longitude: Double
        public let plannedArrival: Timestamp?
        /// When the track came closest within the visit distance (nil: missed).
        public let visitedAt: Timestamp?
        /// The closest the track came, in nautical miles (nil: no track).
        public let closestNM: Double?
        /// Minutes after the planned arrival (negative: early).
        public let minutesLate: Double?

        enum CodingKeys: String, CodingKey {
            case name, kind, latitude, longitude
            case plannedArrival = "planned_arrival"
            case visitedAt = "visited_at"
            case closestNM = "closest_nm"
            case minutesLate = "minutes_late"
        }
    }

    /// A stretch with no fix for longer than the gap limit: not claimed as sailed.
    public struct Gap: Sendable, Hashable, Encodable {
        public let from: Timestamp
        public let to: Timestamp
        public let minutes: Double
        /// The straight line across it, in nautical miles (the least the boat went, unrecorded).
        public let straightNM: Double
        public let fromPosition: Coordinate
        public let toPosition: Coordinate

        enum CodingKeys: String, CodingKey {
            case from, to, minutes
            case straightNM = "straight_nm"
        }
    }

    /// A sighting logged by the boat's crew while it was out.
    public struct LinkedSighting: Sendable, Hashable, Encodable {
        public let id: String
        public let observedAt: Timestamp
        public let vesselType: String
        public let activity: String
        public let personsAboard: Int?
        public let latitude: Double
        public let longitude: Double

        enum CodingKeys: String, CodingKey {
            case id
            case observedAt = "observed_at"
            case vesselType = "vessel_type"
            case activity
            case personsAboard = "persons_aboard"
            case latitude, longitude
        }
    }

    /// How many fixes were kept out, by reason.
    public struct Flagged: Sendable, Hashable, Encodable {
        public var onLand = 0
        public var tooFast = 0
        public var outOfOrder = 0
        /// Before the start or after the end of the patrol.
        public var outsidePatrol = 0
        /// From the phone while instrument tracks exist (the instruments' are used).
        public var otherSource = 0

        enum CodingKeys: String, CodingKey {
            case onLand = "on_land"
            case tooFast = "too_fast"
            case outOfOrder = "out_of_order"
            case outsidePatrol = "outside_patrol"
            case otherSource = "other_source"
        }
    }

    /// How the report was made.
    public struct Options: Sendable, Hashable {
        /// A stop is visited when the track comes this close.
        public var visitRadius = Distance.nauticalMiles(0.5)
        /// Longer than this without a fix is a gap (the web app records at least every 5 minutes).
        public var gapLimitMinutes = 7.0

        public init() {}
    }

    public let patrol: Patrol
    public let distanceNM: Double
    public let hours: Double
    public let hoursPaused: Double
    public let fixes: Int
    public let fixesUsed: Int
    public let flagged: Flagged
    /// Which fixes were used: `phone`, `instruments`, or nil (no track).
    public let trackSource: String?
    public let gaps: [Gap]
    public let stops: [Stop]
    public let minutesInNeighbourWaters: Double
    public let sightings: [LinkedSighting]
    public let options: Options
    /// The plan's route for this boat that night (for maps), when there is one.
    public let plannedRoute: [Coordinate]
    /// The track as sailed, in stretches without gaps or pauses (fixes used only).
    public let runs: [[TrackFix]]
    /// Fixes kept out (flagged), for maps.
    public let flaggedFixes: [TrackFix]

    public var visited: [Stop] { stops.filter { $0.visitedAt != nil } }
    public var missed: [Stop] { stops.filter { $0.visitedAt == nil } }

    enum CodingKeys: String, CodingKey {
        case patrol, boat, agency, plan, night, crew, state
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case distanceNM = "distance_nm"
        case hours
        case hoursPaused = "hours_paused"
        case fixes
        case fixesUsed = "fixes_used"
        case flagged
        case trackSource = "track_source"
        case gaps
        case gapMinutes = "gap_minutes"
        case stopsPlanned = "stops_planned"
        case stopsVisited = "stops_visited"
        case missed
        case minutesInNeighbourWaters = "minutes_in_neighbour_waters"
        case sightings
        case visitRadiusNM = "visit_radius_nm"
        case gapLimitMinutes = "gap_limit_minutes"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(patrol.id, forKey: .patrol)
        try c.encode(patrol.boat, forKey: .boat)
        try c.encode(patrol.agency, forKey: .agency)
        try c.encode(patrol.planID, forKey: .plan)
        try c.encode(patrol.night, forKey: .night)
        try c.encode(patrol.crew, forKey: .crew)
        try c.encode(patrol.state.rawValue, forKey: .state)
        try c.encode(patrol.startedAt, forKey: .startedAt)
        try c.encode(patrol.endedAt, forKey: .endedAt)
        try c.encode(Self.rounded(distanceNM, 3), forKey: .distanceNM)
        try c.encode(Self.rounded(hours, 3), forKey: .hours)
        try c.encode(Self.rounded(hoursPaused, 3), forKey: .hoursPaused)
        try c.encode(fixes, forKey: .fixes)
        try c.encode(fixesUsed, forKey: .fixesUsed)
        try c.encode(flagged, forKey: .flagged)
        try c.encode(trackSource, forKey: .trackSource)
        try c.encode(gaps, forKey: .gaps)
        try c.encode(
            Self.rounded(gaps.reduce(0) { $0 + $1.minutes }, 1), forKey: .gapMinutes)
        try c.encode(stops.count, forKey: .stopsPlanned)
        try c.encode(visited, forKey: .stopsVisited)
        try c.encode(missed, forKey: .missed)
        try c.encode(
            Self.rounded(minutesInNeighbourWaters, 1), forKey: .minutesInNeighbourWaters)
        try c.encode(sightings, forKey: .sightings)
        try c.encode(options.visitRadius.nauticalMiles, forKey: .visitRadiusNM)
        try c.encode(options.gapLimitMinutes, forKey: .gapLimitMinutes)
    }

    static func rounded(_ x: Double, _ places: Int) -> Double {
        let f = pow(10, Double(places))
        return (x * f).rounded() / f
    }

    /// Holds `patrol`'s track against its planned route.
    /// - Parameters:
    ///   - route: the plan's route for this boat on the patrol's night, if any.
    ///   - fixes: the stored track, flagged fixes included, in any order.
    ///   - sightings: the sightings linked to the patrol.
    ///   - boundaries: for the time in the neighbours' waters (nil: not counted).
    ///   - now: the end of a patrol still out.
    public init(
        patrol: Patrol, route: PatrolPlan.BoatRoute?, fixes: [TrackFix], sightings: [Sighting],
        boundaries: BoundaryChains?, options: Options = Options(), now: Timestamp
    ) {
        self.patrol = patrol
        self.options = options
        let end = patrol.endedAt ?? now
        let pauses = patrol.pauses(until: end)
        hours = Double(end.millisecondsSince1970 - patrol.startedAt.millisecondsSince1970) / 3.6e6
        hoursPaused =
            pauses.reduce(0) {
                $0
                    + Double(
                        $1.upperBound.millisecondsSince1970 - $1.lowerBound.millisecondsSince1970)
            } / 3.6e6
        self.fixes = fixes.count

        // Which fixes count: inside the patrol's times, not flagged, from the instruments when
        // there are any (a boat's own GPS is steadier than a phone's), else from the phone.
        var flagged = Flagged()
        var candidates: [TrackFix] = []
        var kept: [TrackFix] = []
        for fix in fixes {
            switch fix.flag {
            case .onLand?: flagged.onLand += 1
            case .tooFast?: flagged.tooFast += 1
            case .outOfOrder?: flagged.outOfOrder += 1
            case nil:
                if fix.time < patrol.startedAt || fix.time > end {
                    flagged.outsidePatrol += 1
                } else {
                    candidates.append(fix)
                }
                continue
            }
            kept.append(fix)
        }
        let instruments = candidates.contains { $0.source != .phone }
        var used = candidates
        if instruments {
            used = candidates.filter { $0.source != .phone }
            flagged.otherSource = candidates.count - used.count
        }
        used.sort { ($0.time, $0.source.rawValue) < ($1.time, $1.source.rawValue) }
        self.flagged = flagged
        flaggedFixes = kept
        fixesUsed = used.count
        trackSource = used.isEmpty ? nil : instruments ? "instruments" : "phone"

        // Runs: broken at each gap (longer than the limit without a fix) and each pause.
        var runs: [[TrackFix]] = []
        var gaps: [Gap] = []
        var run: [TrackFix] = []
        let limit = Int64(options.gapLimitMinutes * 60_000)
        for fix in used {
            if let last = run.last {
                let paused = pauses.contains { $0.overlaps(last.time...fix.time) }
                let span = fix.time.millisecondsSince1970 - last.time.millisecondsSince1970
                if paused || span > limit {
                    if !paused {
                        gaps.append(
                            Gap(
                                from: last.time, to: fix.time, minutes: Double(span) / 60_000,
                                straightNM: last.position.haversineDistance(to: fix.position)
                                    .nauticalMiles, fromPosition: last.position,
                                toPosition: fix.position))
                    }
                    runs.append(run)
                    run = []
                }
            }
            run.append(fix)
        }
        if !run.isEmpty { runs.append(run) }
        self.runs = runs
        self.gaps = gaps

        var metres = 0.0
        var neighbourMinutes = 0.0
        for run in runs {
            for (a, b) in zip(run, run.dropFirst()) {
                metres += a.position.haversineDistance(to: b.position).metres
                if let boundaries {
                    let mid = Self.midpoint(a.position, b.position)
                    if case .foreign = boundaries.jurisdiction(of: mid) {
                        neighbourMinutes +=
                            Double(b.time.millisecondsSince1970 - a.time.millisecondsSince1970)
                            / 60_000
                    }
                }
            }
        }
        distanceNM = metres / Distance.metresPerNauticalMile
        minutesInNeighbourWaters = neighbourMinutes

        plannedRoute = route.map { r in r.legs.flatMap { $0 } } ?? []
        let planned = (route?.stops ?? []).filter { $0.kind != .base }
        stops = planned.map { stop in
            Self.visit(stop, runs: runs, radius: options.visitRadius)
        }
        self.sightings = sightings.sorted { $0.observedAt < $1.observedAt }.map { s in
            LinkedSighting(
                id: s.id.rawValue, observedAt: s.observedAt, vesselType: s.vesselType.rawValue,
                activity: s.activity.rawValue, personsAboard: s.personsAboard,
                latitude: s.position.latitude, longitude: s.position.longitude)
        }
    }

    static func midpoint(_ a: Coordinate, _ b: Coordinate) -> Coordinate {
        (try? Coordinate(
            latitude: (a.latitude + b.latitude) / 2, longitude: (a.longitude + b.longitude) / 2))
            ?? a
    }

    /// The passage of the track within `radius` of the stop nearest in time to its planned
    /// arrival; else the closest approach, as missed.
    public static func visit(_ stop: PatrolPlan.Stop, runs: [[TrackFix]], radius: Distance)
        -> Stop
    {
        let origin = stop.position
        let metresPerDegreeLat = 111_132.0
        let metresPerDegreeLon = 111_320.0 * cos(origin.latitude * .pi / 180)
        func local(_ c: Coordinate) -> SIMD2<Double> {
            SIMD2(
                (c.longitude - origin.longitude) * metresPerDegreeLon,
                (c.latitude - origin.latitude) * metresPerDegreeLat)
        }
        var closest = Double.infinity
        var best: (time: Timestamp, distance: Double)?
        let eta = stop.arrival
        func consider(_ distance: Double, _ time: Timestamp) {
            closest = min(closest, distance)
            guard distance <= radius.metres else { return }
            guard let current = best else {
                best = (time, distance)
                return
            }
            if let eta {
                let d0 = abs(current.time.millisecondsSince1970 - eta.millisecondsSince1970)
                let d1 = abs(time.millisecondsSince1970 - eta.millisecondsSince1970)
                if d1 < d0 { best = (time, distance) }
            } else if distance < current.distance {
                best = (time, distance)
            }
        }
        for run in runs {
            if run.count == 1, let only = run.first {
                let p = local(only.position)
                consider((p * p).sum().squareRoot(), only.time)
                continue
            }
            for (a, b) in zip(run, run.dropFirst()) {
                let p = local(a.position)
                let q = local(b.position)
                let d = q - p
                let length2 = (d * d).sum()
                let t = length2 > 0 ? max(0, min(1, -(p * d).sum() / length2)) : 0
                let nearest = p + t * d
                let span = Double(b.time.millisecondsSince1970 - a.time.millisecondsSince1970)
                let time = Timestamp(
                    millisecondsSince1970: a.time.millisecondsSince1970 + Int64(t * span))
                consider((nearest * nearest).sum().squareRoot(), time)
            }
        }
        let late = best.flatMap { b in
            eta.map { Double(b.time.millisecondsSince1970 - $0.millisecondsSince1970) / 60_000 }
        }
        return Stop(
            name: stop.name, kind: stop.kind.rawValue, latitude: origin.latitude,
            longitude: origin.longitude, plannedArrival: eta, visitedAt: best?.time,
            closestNM: closest.isFinite
                ? rounded(closest / Distance.metresPerNauticalMile, 3) : nil,
            minutesLate: late.map { rounded($0, 1) })
    }
}
