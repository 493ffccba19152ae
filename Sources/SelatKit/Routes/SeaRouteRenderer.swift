import Foundation
import SelatFormats
import SelatGeo
import SelatPlanning
import SelatWords

/// Writes a sea route for people (a leg table with ETAs) and for their tools (GeoJSON for QGIS,
/// GPX 1.1 routes for a chartplotter).
public struct SeaRouteRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, geojson, gpx
    }

    public let outcome: SeaRouting.Outcome
    public let speed: Speed
    /// Departure time, for clock-time ETAs; nil gives elapsed times only.
    public let departure: Timestamp?
    /// Offset ETAs are shown at in the table (WIB = 420).
    public let displayOffsetMinutes: Int
    /// The language of the table.
    public let words: Words

    public init(
        outcome: SeaRouting.Outcome, speed: Speed, departure: Timestamp?,
        displayOffsetMinutes: Int = 420, words: Words = Words(.en)
    ) {
        self.outcome = outcome
        self.speed = speed
        self.departure = departure
        self.displayOffsetMinutes = displayOffsetMinutes
        self.words = words
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: table()
        case .geojson: geojson()
        case .gpx: gpx()
        }
    }

    /// One turning point of the route with its running totals.
    struct Point {
        let position: Coordinate
        let name: String
        let isStop: Bool
        let cumulative: Distance
        let elapsed: TimeInterval
    }

    /// Turning points with names: stops by their label, others "turn N".
    var points: [Point] {
        let route = outcome.route
        guard let first = route.legs.first else { return [] }
        var result = [
            Point(
                position: first.from, name: outcome.stops[0].label, isStop: true,
                cumulative: .metres(0), elapsed: 0)
        ]
        var total = 0.0
        var turns = 0
        for leg in route.legs {
            total += leg.distance.metres
            let name: String
            if let stop = leg.endsAtStop {
                name = outcome.stops[stop].label
            } else {
                turns += 1
                name = "turn \(turns)"
            }
            result.append(
                Point(
                    position: leg.to, name: name, isStop: leg.endsAtStop != nil,
                    cumulative: .metres(total),
                    elapsed: speed.duration(toCover: .metres(total))))
        }
        return result
    }

    public static func hoursMinutes(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        return String(format: "%d:%02d", minutes / 60, minutes % 60)
    }

    private func clock(_ elapsed: TimeInterval) -> String? {
        guard let departure else { return nil }
        // Rounded to the minute, as the elapsed time is.
        let minutes = Int64((elapsed / 60).rounded())
        let t = Timestamp(millisecondsSince1970: departure.millisecondsSince1970 + minutes * 60_000)
        return Self.displayTime(t, offsetMinutes: displayOffsetMinutes)
    }

    /// "2026-11-22 20:54 WIB".
    static func displayTime(_ t: Timestamp, offsetMinutes: Int) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(
            of: "T", with: " ")
            + " " + TimeZoneName.name(offsetMinutes)
    }

    // MARK: Table

    func table() -> String {
        let route = outcome.route
        let pts = points
        let w = words
        let english = w.language == .en
        var out =
            w("route.table.title", ["stops": outcome.stops.map(\.label).joined(separator: " → ")])
            + "\n"
        let keeps = [
            "clearance": SeaGraphCache.text(route.clearance.metres), "speed": speed.description,
        ]
        if let departure {
            let time = Self.displayTime(departure, offsetMinutes: displayOffsetMinutes)
            out +=
                w(
                    "route.table.keeps_departing",
                    [
                        "clearance": keeps["clearance"]!, "speed": keeps["speed"]!,
                        "time": english ? time : w.clock(time),
                    ]) + "\n"
        } else {
            out +=
                w(
                    "route.table.keeps",
                    ["clearance": keeps["clearance"]!, "speed": keeps["speed"]!]) + "\n"
        }
        var rows = [
            [
                w("cli.column.leg"), w("cli.column.from"), w("cli.column.to"),
                w("cli.column.distance"), w("cli.column.bearing"), w("route.table.elapsed"),
            ]
                + (departure == nil ? [] : ["ETA"])
        ]
        for (k, leg) in route.legs.enumerated() {
            let a = pts[k]
            let b = pts[k + 1]
            func label(_ p: Point) -> String {
                p.isStop
                    ? p.name
                    : "\(english ? p.name : w("route.table.turn", ["number": String(p.name.dropFirst(5))])) "
                        + p.position.formatted(
                            english ? .degreesMinutes : .degreesMinutesIndonesian)
            }
            var row = [
                String(k + 1), label(a), label(b),
                w("route.table.miles", ["miles": w.number(leg.distance.nauticalMiles, decimals: 2)])
                    + (leg.closestShore == nil ? "" : " *"),
                leg.bearing.description, Self.hoursMinutes(b.elapsed),
            ]
            if let eta = clock(b.elapsed) { row.append(english ? eta : w.clock(eta)) }
            rows.append(row)
        }
        out += TextTable.render(rows)
        out +=
            w(
                "route.table.total",
                [
                    "miles": w.number(route.length.nauticalMiles, decimals: 2),
                    "time": Self.hoursMinutes(speed.duration(toCover: route.length)),
                    "speed": speed.description,
                ]) + "\n"
        if !route.narrowLegs.isEmpty {
            out += w("route.table.narrow") + "\n"
        }
        for note in outcome.notes { out += w("cli.note.prefix", ["note": note.words(w)]) + "\n" }
        return out
    }

    // MARK: GeoJSON

    /// A LineString of the whole route (legs followed along their geodesics every kilometre, so
    /// a map draws the route that was checked) and a Point per turning point.
    func geojson() -> String {
        let route = outcome.route
        let pts = points
        let line = Geodesic.wgs84.densified(route.points, spacing: .kilometres(1))
        var features: [GeoJSONFeature] = []
        var props = GeoJSONProperties()
        props.add("kind", "route")
        props.add("from", outcome.stops.first?.label)
        props.add("to", outcome.stops.last?.label)
        props.add("via", outcome.stops.dropFirst().dropLast().map(\.label).joined(separator: "; "))
        props.add("length_nm", route.length.nauticalMiles, decimals: 3)
        props.add("clearance_m", route.clearance.metres, decimals: 1)
        props.add("speed_kn", speed.knots, decimals: 1)
        props.add("duration_h", speed.duration(toCover: route.length) / 3600, decimals: 3)
        props.add("legs", route.legs.count)
        props.add("narrow_legs", route.narrowLegs.map { $0 + 1 })
        if let departure { props.add("departure", departure.iso8601()) }
        features.append(GeoJSONFeature(lineString: line, properties: props))
        for (k, p) in pts.enumerated() {
            var q = GeoJSONProperties()
            q.add("kind", p.isStop ? "stop" : "turn")
            q.add("name", p.name)
            q.add("sequence", k)
            q.add("distance_nm", p.cumulative.nauticalMiles, decimals: 3)
            q.add("elapsed_min", p.elapsed / 60, decimals: 1)
            if k < route.legs.count {
                q.add("next_bearing", route.legs[k].bearing.degrees, decimals: 1)
                q.add("next_leg_nm", route.legs[k].distance.nauticalMiles, decimals: 3)
            }
            if let departure {
                q.add(
                    "eta",
                    Timestamp(
                        millisecondsSince1970: departure.millisecondsSince1970
                            + Int64(p.elapsed * 1000)
                    ).iso8601())
            }
            features.append(GeoJSONFeature(point: p.position, properties: q))
        }
        return "{\"type\":\"FeatureCollection\",\"name\":\"selat-sea-route\",\"features\":[\n"
            + features.map(\.text).joined(separator: ",\n") + "\n]}\n"
    }

    // MARK: GPX

    /// A GPX 1.1 route: one `rtept` per turning point, named (stops by label, turns "Turn N"),
    /// with the ETA in UTC when a departure was given.
    func gpx() -> String {
        let route = outcome.route
        let title = outcome.stops.map(\.label).joined(separator: " - ")
        var doc = GPXDocument(name: title, description: "Selat sea route", time: Timestamp(Date()))
        let rtepts = points.enumerated().map { k, p in
            GPXDocument.Point(
                position: p.position,
                time: departure.map {
                    Timestamp(
                        millisecondsSince1970: $0.millisecondsSince1970 + Int64(p.elapsed * 1000))
                },
                name: p.isStop ? p.name : "Turn \(k)",
                description: String(format: "%.2f nm from start", p.cumulative.nauticalMiles),
                type: p.isStop ? "stop" : "turn")
        }
        doc.addRoute(
            name: title,
            description: String(
                format: "%.2f nm, %d legs, keeps %@ from shore where the water allows, %@",
                route.length.nauticalMiles, route.legs.count,
                SeaGraphCache.text(route.clearance.metres),
                speed.description),
            points: rtepts)
        return doc.text
    }
}
