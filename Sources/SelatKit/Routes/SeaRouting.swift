import Foundation
import SelatGeo
import SelatGeoData
import SelatPlanning
import SelatStore
import SelatWords

/// "Route me from A to B by water": resolves what was typed (position, port, base, waypoint),
/// moves ports and bases off the land, loads the routing graph from the cache (building it the
/// first time), and falls back to narrow water when the clearance cannot be kept.
public final class SeaRouting {
    public let geoData: GeoData
    /// Metres from shore routes keep where the water allows.
    public let clearance: Double
    public let cache: SeaGraphCache
    private let progress: (Phrase) -> Void
    private var routers: [Double: SeaRouter] = [:]

    /// The clearance used when none is given: 0.1 nm (185 m).
    public static let defaultClearance = Distance.nauticalMiles(0.1)
    /// How far a port or base may be moved to reach navigable water.
    public static let placeSnapLimit = Distance.kilometres(5)

    /// - Parameter progress: told about slow work (building the graph) and nothing else.
    public init(
        geoData: GeoData, clearance: Distance = SeaRouting.defaultClearance,
        cache: SeaGraphCache = SeaGraphCache(),
        progress: @escaping (Phrase) -> Void = { _ in }
    ) {
        self.geoData = geoData
        self.clearance = max(SeaGraphBuilder.minimumClearance, clearance.metres)
        self.cache = cache
        self.progress = progress
    }

    /// The router for a graph clearance (cached in memory and on disk).
    public func router(graphClearance: Double) throws(KitError) -> SeaRouter {
        if let r = routers[graphClearance] { return r }
        // The cache only hands back a graph of this coastline's fingerprint, so this cannot mismatch.
        let graph = cache.graph(
            for: geoData.coastline, clearance: graphClearance, progress: progress)
        let router: SeaRouter
        do {
            router = try SeaRouter(coastline: geoData.coastline, graph: graph, clearance: clearance)
        } catch { throw .routing(error) }
        routers[graphClearance] = router
        return router
    }

    /// The main router (the requested clearance).
    public func router() throws(KitError) -> SeaRouter { try router(graphClearance: clearance) }

    // MARK: Stops

    /// A point of a sea route as the user gave it, resolved to a position at sea.
    public struct Stop: Sendable, Codable {
        /// What was typed, or the place's full name.
        public let label: String
        public let position: Coordinate
        /// Where it was given, when it had to be moved off the land.
        public let given: Coordinate?
        /// How far it was moved.
        public var moved: Distance? { given.map { $0.distance(to: position) } }
    }

    /// Resolves `text`: a stored waypoint's name, a port or base (full name, or the start of
    /// one, case-insensitive), or a position. Ports and bases on land are moved to the nearest
    /// navigable water (they are only good to about 2 km); typed positions and waypoints on
    /// land fail, naming the island and the nearest water, unless `snap` allows the move.
    /// - Throws: ``KitError`` with the reason and what to do.
    public func stop(_ text: String, snap: Distance?, database: SelatDatabase?) throws(KitError)
        -> Stop
    {
        let router = try router()
        if let db = database,
            let w = try KitError.store({ () throws(StoreError) in try db.waypoint(named: text) })
        {
            return try atSea(label: w.name, w.position, snap: snap, router: router)
        }
        if let place = try place(named: text, exactOnly: true) {
            return try placeAtSea(place, router: router)
        }
        if let c = try? Coordinate(parsing: text) {
            return try atSea(label: text, c, snap: snap, router: router)
        }
        if let place = try place(named: text, exactOnly: false) {
            return try placeAtSea(place, router: router)
        }
        throw .invalidRequest(.unknownPlace(text))
    }

    /// A port or base by name: exact (case-insensitive), else the only one whose name starts
    /// with the text, else the only one containing it.
    func place(named text: String, exactOnly: Bool) throws(KitError) -> Place? {
        switch geoData.place(named: text, exactOnly: exactOnly) {
        case .none: return nil
        case .one(let p): return p
        case .several(let candidates):
            throw .invalidRequest(.ambiguousPlace(text, candidates: candidates.map(\.name)))
        }
    }

    private func placeAtSea(_ place: Place, router: SeaRouter) throws(KitError) -> Stop {
        if !geoData.coastline.isLand(place.position) && router.shoreDistance(place.position) >= 1 {
            return Stop(label: place.name, position: place.position, given: nil)
        }
        guard let water = router.nearestWater(to: place.position, within: Self.placeSnapLimit)
        else {
            throw .invalidRequest(.placeOnLand(name: place.name, limit: Self.placeSnapLimit))
        }
        return Stop(label: place.name, position: water.position, given: place.position)
    }

    private func atSea(label: String, _ c: Coordinate, snap: Distance?, router: SeaRouter)
        throws(KitError) -> Stop
    {
        do {
            try router.checkAtSea(c, label: label)
            return Stop(label: label, position: c, given: nil)
        } catch let error {
            guard let snap, case .onLand(_, _, let island, let water?, let distance?) = error else {
                throw .routing(error)
            }
            guard distance <= snap else {
                throw .routing(
                    .tooFarToSnap(label: label, island: island, distance: distance, snap: snap))
            }
            return Stop(label: label, position: water, given: c)
        }
    }

    // MARK: Routes

    /// A route through resolved stops and what the user should know about it.
    public struct Outcome: Sendable, Codable {
        public let stops: [Stop]
        public let route: SeaRoute
        /// Stops moved off the land, narrow water, fallbacks.
        public let notes: [RouteNote]
    }

    /// The shortest route by water through the stops in order.
    /// - Throws: ``KitError`` when there is no water connection (never a straight line over land).
    public func route(_ stops: [Stop]) throws(KitError) -> Outcome {
        precondition(stops.count >= 2)
        var notes: [RouteNote] = []
        for s in stops {
            if let given = s.given, let moved = s.moved {
                notes.append(
                    .startsOffShore(
                        stop: s.label, island: geoData.coastline.land(at: given)?.label,
                        movedMetres: moved.metres, position: s.position))
            }
        }
        let positions = stops.map(\.position)
        let labels = stops.map(\.label)
        // The narrow-water router is loaded (or built) only if some pair needs it.
        var narrowFailure: KitError?
        func narrowWater() -> SeaRouter? {
            guard clearance > SeaGraphBuilder.minimumClearance else { return nil }
            do { return try router(graphClearance: SeaGraphBuilder.minimumClearance) } catch {
                narrowFailure = error
                return nil
            }
        }
        let wideWater = try router()
        let route: SeaRoute?
        do throws(RoutingError) {
            route = try wideWater.route(
                through: positions, labels: labels, narrowWater: narrowWater)
        } catch {
            throw .routing(error)
        }
        if let narrowFailure { throw narrowFailure }
        if route?.throughNarrowWater == true {
            notes.append(
                .throughNarrowWater(
                    clearanceMetres: clearance, minimumMetres: SeaGraphBuilder.minimumClearance))
        }
        guard let route else {
            var reason = Phrase(
                "routing.reason.no_route", ["clearance": "\(Int(SeaGraphBuilder.minimumClearance))"]
            )
            if let (s, island) = stops.lazy.compactMap({ s in
                self.geoData.coastline.enclosingLand(of: s.position).map { (s, $0) }
            }).first {
                reason = Phrase(
                    "routing.reason.enclosed", ["label": s.label, "island": island.label])
            }
            throw .routing(
                .noWaterConnection(from: labels.first!, to: labels.last!, reason: reason))
        }
        let narrow = route.narrowLegs
        if !narrow.isEmpty {
            notes.append(
                .closeToShore(
                    clearanceMetres: clearance,
                    legs: narrow.map {
                        .init(leg: $0 + 1, closestShoreMetres: route.legs[$0].closestShore!.metres)
                    }, totalLegs: route.legs.count))
        }
        return Outcome(stops: stops, route: route, notes: notes)
    }
}

// MARK: - Distance matrix

extension SeaRouting {
    /// A distance matrix and what the user should know about it.
    public struct MatrixOutcome: Sendable, Codable {
        public let stops: [Stop]
        public let matrix: DistanceMatrix
        public let notes: [RouteNote]

        /// The matrix as CSV: a header of names, then one row per point; nautical miles to
        /// 0.01, empty where no water joins the two points.
        public var csv: String {
            var out = CSVWriter.record([""] + stops.map(\.label))
            for (i, row) in matrix.nauticalMiles.enumerated() {
                out += CSVWriter.record(
                    [stops[i].label] + row.map { $0.map { String(format: "%.2f", $0) } ?? "" })
            }
            return out
        }
    }

    /// Reads a points file: CSV with a header naming `name` and either `latitude` and
    /// `longitude` (or `lat`, `lon`), or `position`; with none of those, each name must be a
    /// port, base or stored waypoint.
    /// - Throws: ``KitError`` naming the file, line, field and value of the first bad row.
    public func points(file path: String, snap: Distance?, database: SelatDatabase?)
        throws(KitError) -> [Stop]
    {
        var reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .format(error) }
        guard
            let header = reader.next()?.fields.map({
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            })
        else {
            throw .unusableFile(
                file: path,
                reason: "it is empty; give a header line such as name,latitude,longitude")
        }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        let name = column(["name"])
        let lat = column(["latitude", "lat"])
        let lon = column(["longitude", "lon", "lng"])
        let position = column(["position"])
        guard let name else {
            throw .unusableFile(
                file: path,
                reason:
                    "the header has no \"name\" column (found: \(header.joined(separator: ","))); "
                    + "use name,latitude,longitude or name,position or just name")
        }
        if (lat == nil) != (lon == nil) {
            throw .unusableFile(
                file: path, reason: "give both latitude and longitude columns, or neither")
        }
        var stops: [Stop] = []
        while let record = reader.next() {
            let f = record.fields
            if f.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ i: Int) -> String {
                i < f.count ? f[i].trimmingCharacters(in: .whitespaces) : ""
            }
            let label = field(name)
            let text: String
            if let lat, let lon {
                guard let y = Double(field(lat)), let x = Double(field(lon)) else {
                    throw .unusableFile(
                        file: path,
                        reason:
                            "line \(record.line): latitude \"\(field(lat))\" / longitude \"\(field(lon))\""
                            + " is not a pair of decimal degrees (e.g. 1.1275,103.9267)")
                }
                text = "\(y), \(x)"
            } else if let position {
                text = field(position)
            } else {
                text = label
            }
            guard !text.isEmpty else {
                throw .unusableFile(file: path, reason: "line \(record.line): no position or name")
            }
            do {
                let stop = try self.stop(text, snap: snap, database: database)
                stops.append(
                    Stop(
                        label: label.isEmpty ? stop.label : label, position: stop.position,
                        given: stop.given))
            } catch {
                throw .unusableFile(
                    file: path, reason: "line \(record.line) (\(label)): \(error.description)")
            }
        }
        guard stops.count >= 2 else {
            throw .unusableFile(
                file: path, reason: "it has \(stops.count) point(s); a matrix needs two or more")
        }
        return stops
    }

    /// All-pairs sea distances between the stops (in parallel). Pairs with no route keeping the
    /// clearance are routed through narrow water (kept ≥ 10 m from shore) and noted.
    public func matrix(_ stops: [Stop]) throws(KitError) -> MatrixOutcome {
        var notes: [RouteNote] = stops.compactMap { s in
            s.moved.map { .movedOffLand(stop: s.label, movedMetres: $0.metres) }
        }
        let positions = stops.map(\.position)
        let labels = stops.map(\.label)
        func compute(_ router: SeaRouter) throws(KitError) -> DistanceMatrix {
            do { return try router.matrix(positions, labels: labels) } catch {
                throw .routing(error)
            }
        }
        var m = try compute(try router())
        let missing = m.nauticalMiles.joined().filter { $0 == nil }.count
        if missing > 0, clearance > SeaGraphBuilder.minimumClearance {
            let narrow = try compute(try router(graphClearance: SeaGraphBuilder.minimumClearance))
            var table = m.nauticalMiles
            var filled = 0
            for i in table.indices {
                for j in table.indices where table[i][j] == nil && narrow.nauticalMiles[i][j] != nil
                {
                    table[i][j] = narrow.nauticalMiles[i][j]
                    filled += 1
                }
            }
            if filled > 0 {
                notes.append(.narrowPairs(count: filled / 2))
            }
            m = DistanceMatrix(points: m.points, nauticalMiles: table)
        }
        let unreachable = m.nauticalMiles.joined().filter { $0 == nil }.count / 2
        if unreachable > 0 {
            notes.append(.unreachablePairs(count: unreachable))
        }
        return MatrixOutcome(stops: stops, matrix: m, notes: notes)
    }
}
