import Foundation
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore

/// Planned against done across nights: for each place (the hot cells of a hotspot run, or a
/// plan's targets), on how many nights of a period a plan sent a boat there, and on how many a
/// recorded track actually came within the visit distance.
///
/// A night is counted by its evening: a time belongs to the WIB date twelve hours earlier, so a
/// patrol started at 01:00 is part of the night before. A place is planned on a night when a stop
/// of that night's plans has its name or lies within the visit distance of it; it is visited when
/// a patrol of that night (its track as used in its report: no gaps, no flagged fixes) passes
/// within the visit distance of it.
public struct PatrolCoverage: Sendable {
    public let database: SelatDatabase
    public let geoData: GeoData?
    public var visitRadius = Distance.nauticalMiles(0.5)

    public init(database: SelatDatabase, geoData: GeoData?) {
        self.database = database
        self.geoData = geoData
    }

    /// A place whose coverage is counted.
    public struct Place: Sendable, Hashable {
        public let name: String
        public let position: Coordinate
        /// Its weight (sightings in a hot cell).
        public let weight: Double

        public init(name: String, position: Coordinate, weight: Double) {
            self.name = name
            self.position = position
            self.weight = weight
        }
    }

    /// One place's nights.
    public struct Row: Sendable, Hashable, Encodable {
        public let name: String
        public let latitude: Double
        public let longitude: Double
        public let weight: Double
        public let nightsPlanned: Int
        public let nightsVisited: Int
        /// Visited on a night no plan sent a boat there.
        public let nightsVisitedUnplanned: Int

        enum CodingKeys: String, CodingKey {
            case name, latitude, longitude, weight
            case nightsPlanned = "nights_planned"
            case nightsVisited = "nights_visited"
            case nightsVisitedUnplanned = "nights_visited_unplanned"
        }
    }

    /// The report over a period.
    public struct Report: Sendable, Encodable {
        public let from: Timestamp
        public let to: Timestamp
        /// Nights with a plan, and nights with a recorded patrol.
        public let nightsWithPlans: Int
        public let nightsWithPatrols: Int
        public let patrols: Int
        public let visitRadiusNM: Double
        public let source: String
        public let places: [Row]

        enum CodingKeys: String, CodingKey {
            case from, to, patrols, source, places
            case nightsWithPlans = "nights_with_plans"
            case nightsWithPatrols = "nights_with_patrols"
            case visitRadiusNM = "visit_radius_nm"
        }
    }

    /// What was planned and done on one night.
    struct Night {
        var stops: [PatrolPlan.Stop] = []
        var runs: [[[TrackFix]]] = []
        var patrols = 0
    }

    /// The night a time belongs to: the WIB date of twelve hours earlier.
    static func night(_ t: Timestamp) -> String {
        let shifted = Timestamp(millisecondsSince1970: t.millisecondsSince1970 - 12 * 3_600_000)
        return String(shifted.iso8601(offsetMinutes: 420).prefix(10))
    }

    /// The plans' stops and the patrols' tracks of each night starting in `period`.
    func nights(in period: Range<Timestamp>) throws(KitError) -> [String: Night] {
        var nights: [String: Night] = [:]
        let plans = try KitError.store { () throws(StoreError) in try database.plans() }
        for summary in plans {
            let plan = try KitError.store { () throws(StoreError) in
                try database.plan(id: summary.id)
            }
            for night in plan.nights where period.contains(night.start) {
                nights[Self.night(night.start), default: Night()].stops += night.boats.flatMap {
                    $0.stops.filter { $0.kind != .base }
                }
            }
        }
        let log = PatrolLog(database: database, geoData: geoData)
        for patrol in try log.list(startedIn: period) {
            let report = try log.report(patrol.id)
            nights[Self.night(patrol.startedAt), default: Night()].runs.append(report.runs)
            nights[Self.night(patrol.startedAt), default: Night()].patrols += 1
        }
        return nights
    }

    /// How many nights of `period` each place was planned and visited.
    public func count(_ places: [Place], in period: Range<Timestamp>, source: String)
        throws(KitError) -> Report
    {
        let nights = try nights(in: period)
        let radius = visitRadius
        let rows = places.map { place in
            var planned = 0
            var visited = 0
            var unplanned = 0
            for night in nights.values {
                let wasPlanned = night.stops.contains {
                    $0.name == place.name
                        || $0.position.haversineDistance(to: place.position) <= radius
                }
                let probe = PatrolPlan.Stop(
                    name: place.name, kind: .target, position: place.position, arrival: nil,
                    departure: nil, risk: nil)
                let wasVisited = night.runs.contains { runs in
                    PatrolReport.visit(probe, runs: runs, radius: radius).visitedAt != nil
                }
                if wasPlanned { planned += 1 }
                if wasVisited { visited += 1 }
                if wasVisited && !wasPlanned { unplanned += 1 }
            }
            return Row(
                name: place.name, latitude: place.position.latitude,
                longitude: place.position.longitude, weight: place.weight,
                nightsPlanned: planned, nightsVisited: visited, nightsVisitedUnplanned: unplanned)
        }
        return Report(
            from: period.lowerBound, to: period.upperBound,
            nightsWithPlans: nights.values.filter { !$0.stops.isEmpty }.count,
            nightsWithPatrols: nights.values.filter { $0.patrols > 0 }.count,
            patrols: nights.values.reduce(0) { $0 + $1.patrols },
            visitRadiusNM: radius.nauticalMiles, source: source, places: rows)
    }

    /// The hot places of a stored hotspot run (the latest Gi* run when nil), named as the
    /// planner names its targets.
    public func hotPlaces(run id: Int64?) throws(KitError) -> (run: Int64, places: [Place]) {
        let runs = try KitError.store { () throws(StoreError) in try database.hotspotRuns() }
        guard
            let chosen = id
                ?? runs.filter({ $0.method == "gistar" }).compactMap(\.id).max()
        else { throw .notFound(.noHotspotRuns(database: database.path)) }
        guard runs.contains(where: { $0.id == chosen }) else {
            throw .notFound(.hotspotRun(id: chosen, stored: runs.compactMap(\.id)))
        }
        let run = try KitError.store { () throws(StoreError) in
            try database.hotspotRun(id: chosen)
        }
        let namer = geoData.map { PlaceNamer(geoData: $0) }
        let places = try PatrolTargets.hotPlaces(run).map { label, centre, count, _ in
            Place(
                name: namer.map { PlanStopName.target(label, $0.describe(centre)) } ?? label,
                position: centre, weight: Double(count))
        }
        return (chosen, places)
    }

    /// Which coverage the unpredictable-nights planner starts from.
    public enum History: String, Sendable, CaseIterable {
        /// What the boats' tracks show was visited.
        case realised
        /// What the plans sent them to.
        case planned
    }

    /// How many of the nights of `period` each target was covered, as `history` counts it, and
    /// how many nights count (nights with patrols for `realised`, with plans for `planned`).
    public func history(
        _ history: History, targets: [PatrolProblem.Target], in period: Range<Timestamp>
    ) throws(KitError) -> (nights: Int, covered: [Double]) {
        let report = try count(
            targets.map { Place(name: $0.name, position: $0.position, weight: $0.weight) },
            in: period, source: history.rawValue)
        switch history {
        case .realised:
            return (report.nightsWithPatrols, report.places.map { Double($0.nightsVisited) })
        case .planned:
            return (report.nightsWithPlans, report.places.map { Double($0.nightsPlanned) })
        }
    }
}
