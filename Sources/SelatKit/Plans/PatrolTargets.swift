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
        _ run: HotspotRunRecord, features: [StoredFeature], dwell: TimeInterval,
        notes: inout [String]
    ) throws(KitError) -> [Candidate] {
        let router = try routing.router()
        var result: [Candidate] = []
        var dropped: [String] = []
        var moved = 0
        let namer = PlaceNamer(geoData: routing.geoData)
        for (k, feature) in features.enumerated() {
            // Selat wrote these; one it cannot read means the database was changed behind its back.
            guard case .object(let p)? = try? JSONValue.parse(Data(feature.properties.utf8)),
                let geometry = try? JSONValue.parse(Data(feature.geometry.utf8))
            else {
                throw .unreadableRun(run: run.id ?? 0, feature: k + 1, part: .json)
            }
            let count = Self.number(p["count"]) ?? 0
            switch run.method {
            case "gistar":
                guard (Self.number(p["bin"]) ?? 0) > 0 else { continue }
            case "emerging":
                guard case .string(let pattern)? = p["pattern"], pattern.hasSuffix("hot spot"),
                    !pattern.hasPrefix("Historical")
                else { continue }
            case "dbscan":
                guard case .string("centroid")? = p["feature"] else { continue }
            default:
                throw .wrongRunKind(
                    run: run.id ?? 0, method: run.method, wanted: ["gistar", "emerging", "dbscan"])
            }
            guard count > 0 else { continue }
            guard let centre = Self.centre(geometry) else {
                throw .unreadableRun(run: run.id ?? 0, feature: k + 1, part: .geometry)
            }
            let label: String
            if case .string(let cell)? = p["cell"] {
                label = "cell \(cell)"
            } else if let c = Self.number(p["cluster"]) {
                label = "cluster \(Int(c))"
            } else {
                label = "hot spot"
            }
            let name = "\(label) (\(namer.describe(centre)))"
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
            var hours: [Int] = []
            if case .array(let values)? = p["hours_wib"] {
                hours = values.compactMap { Self.number($0).map(Int.init) }
            }
            result.append(
                Candidate(
                    name: name, position: position, weight: count,
                    hours: hours.count == 24 ? hours : [],
                    dwell: dwell, source: "hotspot run \(run.id ?? 0) (\(run.method))", moved: shift
                ))
        }
        if moved > 0 {
            notes.append(
                "\(moved) hot-spot centres were on land or close to shore and were moved to the nearest navigable water (at most 5 km)."
            )
        }
        if !dropped.isEmpty {
            notes.append(
                "Left out, no navigable water within 5 km of their centre: "
                    + dropped.joined(separator: "; ") + ".")
        }
        return result
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

    static func number(_ v: JSONValue?) -> Double? {
        if case .number(let n)? = v { return n }
        return nil
    }

    /// A point's position, or the mean of a polygon's outer ring.
    static func centre(_ geometry: JSONValue) -> Coordinate? {
        guard case .object(let g) = geometry, case .string(let type)? = g["type"],
            let coordinates = g["coordinates"]
        else { return nil }
        func pair(_ v: JSONValue) -> (Double, Double)? {
            guard case .array(let a) = v, a.count >= 2, let lon = number(a[0]),
                let lat = number(a[1])
            else { return nil }
            return (lon, lat)
        }
        switch type {
        case "Point":
            guard let (lon, lat) = pair(coordinates) else { return nil }
            return try? Coordinate(latitude: lat, longitude: lon)
        case "Polygon":
            guard case .array(let rings) = coordinates, case .array(let ring)? = rings.first else {
                return nil
            }
            let points = ring.dropLast().compactMap(pair)
            guard !points.isEmpty else { return nil }
            let lon = points.reduce(0) { $0 + $1.0 } / Double(points.count)
            let lat = points.reduce(0) { $0 + $1.1 } / Double(points.count)
            return try? Coordinate(latitude: lat, longitude: lon)
        default:
            return nil
        }
    }
}
