import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatPlanning
import SelatStore

/// Where a patrol plan aims: the hot cells or clusters of a stored hotspot run, and places the
/// planner names with a priority.
public struct PatrolTargets {
    /// A target before planning, at sea.
    public struct Candidate: Sendable {
        public let name: String
        public let position: Coordinate
        public let weight: Double
        /// Sightings by hour of day (WIB), if known.
        public let hours: [Int]
        public let dwell: TimeInterval
        public let source: String
        /// How far it was moved off the land, if it was.
        public let moved: Distance?
    }

    /// A target typed on the command line: `PLACE[=PRIORITY][/DWELL]`, e.g. `Tanjung Piayu landing=8/30m`.
    public struct Spec: Sendable, Equatable {
        public let place: String
        /// 1–10.
        public let priority: Double
        public let dwell: TimeInterval?

        public init(place: String, priority: Double, dwell: TimeInterval?) {
            self.place = place
            self.priority = priority
            self.dwell = dwell
        }

        /// - Throws: ``KitError`` naming the part that is wrong and the form expected.
        public init(parsing text: String) throws(KitError) {
            var rest = Substring(text)
            var dwell: TimeInterval?
            if let slash = rest.lastIndex(of: "/") {
                let d = rest[rest.index(after: slash)...].trimmingCharacters(in: .whitespaces)
                do { dwell = try TimeSpan.seconds(parsing: d, bareNumberUnit: 60) } catch {
                    throw .invalidRequest(.targetDwell(target: text, dwell: d))
                }
                rest = rest[..<slash]
            }
            var priority = 5.0
            if let equals = rest.lastIndex(of: "=") {
                let p = rest[rest.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard let value = Double(p), (1...10).contains(value) else {
                    throw .invalidRequest(
                        .targetPriority(target: text, priority: p, allowed: 1...10))
                }
                priority = value
                rest = rest[..<equals]
            }
            let name = rest.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw .invalidRequest(.targetPlace(target: text))
            }
            place = name
            self.priority = priority
            self.dwell = dwell
        }
    }

    let routing: SeaRouting

    public init(routing: SeaRouting) { self.routing = routing }

    /// Hot targets of a stored hotspot run: significant hot cells (Gi*), hot cells of an
    /// emerging-hotspot run that are hot now, or cluster centres (DBSCAN). Weight = sightings.
    /// Cells whose centre is on land are moved to the nearest water within 5 km; farther ones
    /// are left out and named in `notes`.
    public func fromHotspotRun(
        _ run: StoredHotspotRun, dwell: TimeInterval, notes: inout [PlanNote]
    ) throws(KitError) -> [Candidate] {
        let id = run.record.id ?? 0
        let hot = try Self.hotPlaces(run)
        let router = try routing.router()
        var result: [Candidate] = []
        var dropped: [String] = []
        var moved = 0
        let namer = PlaceNamer(geoData: routing.geoData)
        for (label, centre, count, hours) in hot where count > 0 {
            let name = PlanStopName.target(label, namer.describe(centre))
            var position = centre
            var shift: Distance?
            if routing.geoData.coastline.isLand(centre)
                || router.shoreDistance(centre) < router.clearance
            {
                guard let water = router.nearestWater(to: centre, within: .kilometres(5)) else {
                    dropped.append(name)
                    continue
                }
                position = water.position
                shift = water.distance
                moved += 1
            }
            result.append(
                Candidate(
                    name: name, position: position, weight: Double(count),
                    hours: hours?.count == 24 ? hours! : [],
                    dwell: dwell, source: "hotspot run \(id) (\(run.record.method))", moved: shift
                ))
        }
        if moved > 0 { notes.append(.targetsMovedOffLand(count: moved, withinKm: 5)) }
        if !dropped.isEmpty { notes.append(.targetsLeftOut(names: dropped, withinKm: 5)) }
        return result
    }

    /// The hot places of a stored run: (label, centre, sightings, sightings by hour of day).
    /// - Throws: ``KitError/wrongRunKind(run:method:wanted:)`` for a density run.
    static func hotPlaces(_ run: StoredHotspotRun) throws(KitError) -> [(
        String, Coordinate, Int, [Int]?
    )] {
        switch run.method {
        case .gistar:
            run.results.cells.filter { $0.bin > 0 }.map {
                ("cell \($0.cell)", $0.centre, $0.count, $0.hoursWib)
            }
        case .emerging:
            run.results.emergingCells.filter(\.isHotNow).map {
                ("cell \($0.cell)", $0.centre, $0.count, $0.hoursWib)
            }
        case .dbscan:
            run.results.clusters.map {
                ("cluster \($0.cluster)", $0.centroid, $0.count, $0.hoursWib)
            }
        case .kde, nil:
            throw .wrongRunKind(
                run: run.record.id ?? 0, method: run.record.method,
                wanted: ["gistar", "emerging", "dbscan"])
        }
    }

    /// A typed target: a stored waypoint, a port or base, or a position; moved off land up to 5 km
    /// (landing spots are on the shore).
    public func fromSpec(_ spec: Spec, unit: Double, dwell: TimeInterval, database: SelatDatabase?)
        throws(KitError) -> Candidate
    {
        let stop = try routing.stop(spec.place, snap: .kilometres(5), database: database)
        return Candidate(
            name: stop.label, position: stop.position, weight: spec.priority * unit, hours: [],
            dwell: spec.dwell ?? dwell, source: String(format: "typed, priority %g", spec.priority),
            moved: stop.moved)
    }
}
