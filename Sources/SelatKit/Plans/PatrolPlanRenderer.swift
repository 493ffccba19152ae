import Foundation
import SelatFormats
import SelatGeo
import SelatModel

/// Writes a patrol plan for the people who sail it (a table, printable briefings) and for their
/// tools (GeoJSON for QGIS, GPX 1.1 routes for a chartplotter, KML for Google Earth).
public struct PatrolPlanRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, geojson, gpx, kml
    }

    public let plan: PatrolPlan
    /// Offset the times are shown at (WIB = 420).
    public let offsetMinutes: Int

    public init(plan: PatrolPlan, offsetMinutes: Int = 420) {
        self.plan = plan
        self.offsetMinutes = offsetMinutes
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: table()
        case .geojson: geojson()
        case .gpx: gpx()
        case .kml: kml()
        }
    }

    func clock(_ t: Timestamp?) -> String { t.map { TimeZoneName.clock($0, offsetMinutes: offsetMinutes) } ?? "-" }

    func day(_ t: Timestamp) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(of: "T", with: " ") + " " + TimeZoneName.name(offsetMinutes)
    }

    /// Leg lengths in nm from the stored geometry.
    public static func nauticalMiles(_ points: [Coordinate]) -> Double {
        zip(points.dropLast(), points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1).nauticalMiles }
    }

    // MARK: Table

    func table() -> String {
        var out = "Patrol plan" + (plan.id.map { " \($0)" } ?? "") + (plan.synthetic ? " (SYNTHETIC DEMO DATA)" : "") + "\n"
        let totalRisk = plan.targets.reduce(0) { $0 + $1.weight }
        let weights = Dictionary(plan.targets.map { ($0.name, $0.weight) }, uniquingKeysWith: { a, _ in a })
        for night in plan.nights {
            let boatsOut = night.boats.filter { $0.stops.count > 2 }.count
            let visited = Set(night.boats.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) })
            let share = visited.reduce(0) { $0 + (weights[$1] ?? 0) }
            out += "\n" + (plan.nights.count > 1 ? "Night \(night.number): " : "") + "\(day(night.start)) to \(clock(night.end)), "
                + "\(boatsOut) of \(night.boats.count) boats out; "
                + String(format: "%d of %d targets, %.0f %% of their risk; risk covered at the hours visited %.1f\n", visited.count,
                         plan.targets.count, totalRisk > 0 ? 100 * share / totalRisk : 0, night.risk)
            for boat in night.boats {
                out += String(format: "\n%@ (%@, %.0f kn, crew %d): %.1f nm, %.1f h, risk %.1f\n", boat.callSign, boat.agency,
                              boat.speedKnots, boat.crew, boat.nauticalMiles, boat.hours, boat.risk)
                var rows = [["#", "Stop", "Arrive", "Leave", "Leg nm", "Risk"]]
                for (k, stop) in boat.stops.enumerated() {
                    let leg = k == 0 ? "" : String(format: "%.1f", Self.nauticalMiles(boat.legs[k - 1]))
                    rows.append([String(k), String(stop.name.prefix(60)), clock(stop.arrival), clock(stop.departure), leg,
                                 stop.risk.map { String(format: "%.1f", $0) } ?? ""])
                }
                out += TextTable.render(rows)
            }
        }
        if !plan.rendezvous.isEmpty {
            out += "\nRendezvous:\n"
            for r in plan.rendezvous {
                out += "  \(r.name), \(r.position.formatted(.degreesMinutes)), \(day(r.time)): \(r.boats.joined(separator: ", "))\n"
            }
        }
        if plan.nights.count > 1 {
            out += String(format: "\nCoverage over %d nights (entropy %.1f bits):\n", plan.nights.count, plan.entropyBits ?? 0)
            var rows = [["Target", "Risk", "Planned", "Issued"]]
            for t in plan.targets.prefix(25) {
                rows.append([String(t.name.prefix(60)), String(format: "%.1f", t.weight),
                             t.probability.map { String(format: "%.0f %%", 100 * $0) } ?? "-", String(format: "%.0f %%", 100 * t.covered)])
            }
            out += TextTable.render(rows)
            if plan.targets.count > 25 { out += "… and \(plan.targets.count - 25) more (all in the GeoJSON export).\n" }
        }
        for note in plan.notes { out += "Note: \(note)\n" }
        return out
    }

    // MARK: GeoJSON

    /// Points along each geodesic leg every kilometre, so the line drawn is the line sailed.
    static func densified(_ points: [Coordinate]) -> [Coordinate] { Geodesic.wgs84.densified(points, spacing: .kilometres(1)) }

    /// The boat's whole line: its legs joined.
    static func track(_ boat: PatrolPlan.BoatRoute) -> [Coordinate] {
        var line: [Coordinate] = []
        for leg in boat.legs {
            for p in leg where line.last != p { line.append(p) }
        }
        return line
    }

    func geojson() -> String {
        var features: [GeoJSONFeature] = []
        for night in plan.nights {
            for boat in night.boats {
                var p = GeoJSONProperties()
                p.add("kind", "route")
                p.add("night", night.number)
                p.add("callsign", boat.callSign)
                p.add("agency", boat.agency)
                p.add("from", boat.stops.first?.name)
                p.add("to", boat.stops.last?.name)
                p.add("depart", boat.stops.first?.departure?.iso8601(offsetMinutes: offsetMinutes))
                p.add("return", boat.stops.last?.arrival?.iso8601(offsetMinutes: offsetMinutes))
                p.add("length_nm", boat.nauticalMiles, decimals: 2)
                p.add("hours", boat.hours, decimals: 2)
                p.add("risk", boat.risk, decimals: 2)
                p.add("synthetic", plan.synthetic)
                let line = Self.densified(Self.track(boat))
                if line.count >= 2 { features.append(GeoJSONFeature(lineString: line, properties: p)) }
                for (k, stop) in boat.stops.enumerated() {
                    var q = GeoJSONProperties()
                    q.add("kind", stop.kind.rawValue)
                    q.add("night", night.number)
                    q.add("callsign", boat.callSign)
                    q.add("order", k)
                    q.add("name", stop.name)
                    q.add("arrive", stop.arrival?.iso8601(offsetMinutes: offsetMinutes))
                    q.add("leave", stop.departure?.iso8601(offsetMinutes: offsetMinutes))
                    if let risk = stop.risk { q.add("risk", risk, decimals: 2) }
                    q.add("synthetic", plan.synthetic)
                    features.append(GeoJSONFeature(point: stop.position, properties: q))
                }
            }
        }
        let name = JSONText.string("Selat patrol plan" + (plan.id.map { " \($0)" } ?? ""))
        return #"{"type":"FeatureCollection","name":"# + name + #","features":["# + "\n"
            + features.map(\.text).joined(separator: ",\n") + "\n]}\n"
    }

    // MARK: GPX

    /// One `rte` per boat and night: every turning point, so the chartplotter's line stays at sea;
    /// stops are named, turns are "t1", "t2", …; times in UTC on the stops.
    func gpx() -> String {
        var doc = GPXDocument(name: "Selat patrol plan" + (plan.id.map { " \($0)" } ?? ""),
                              description: plan.synthetic ? "Synthetic demo data" : nil, time: plan.createdAt)
        for night in plan.nights {
            for boat in night.boats {
                var points: [GPXDocument.Point] = []
                var turn = 0
                for (k, stop) in boat.stops.enumerated() {
                    if k > 0 {
                        for p in boat.legs[k - 1].dropFirst().dropLast() {
                            turn += 1
                            points.append(.init(position: p, name: "t\(turn)", symbol: "Waypoint", type: "turn"))
                        }
                    }
                    let comment = [stop.arrival.map { "arrive " + clock($0) }, stop.departure.map { "leave " + clock($0) }]
                        .compactMap { $0 }.joined(separator: ", ")
                    points.append(.init(position: stop.position, time: stop.arrival ?? stop.departure, name: String(stop.name.prefix(40)),
                                        comment: comment, symbol: stop.kind == .base ? "Anchor" : "Flag", type: stop.kind.rawValue))
                }
                let name = boat.callSign + (plan.nights.count > 1 ? " night \(night.number)" : "")
                doc.addRoute(name: name, description: String(format: "%.1f nm, %.1f h, risk %.1f", boat.nauticalMiles, boat.hours, boat.risk),
                             points: points)
            }
        }
        return doc.text
    }

    // MARK: KML

    static let colours = ["ff0000ff", "ffff0000", "ff00a000", "ff00a5ff", "ff800080", "ff008080", "ff505050", "ffff00ff"]

    /// KML 2.2: a folder per night and boat with its track (coloured per boat) and stops.
    func kml() -> String {
        let e = GPXDocument.escape
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2">
            <Document>
              <name>\(e("Selat patrol plan" + (plan.id.map { " \($0)" } ?? "")))</name>

            """
        let boats = Array(Set(plan.nights.flatMap { $0.boats.map(\.callSign) })).sorted()
        for (k, call) in boats.enumerated() {
            out += "  <Style id=\"\(e(call))\"><LineStyle><color>\(Self.colours[k % Self.colours.count])</color><width>3</width></LineStyle>"
                + "<IconStyle><color>\(Self.colours[k % Self.colours.count])</color></IconStyle></Style>\n"
        }
        for night in plan.nights {
            for boat in night.boats {
                out += "  <Folder>\n    <name>\(e(boat.callSign + (plan.nights.count > 1 ? " night \(night.number)" : "")))</name>\n"
                out += "    <description>\(e(String(format: "%@: %.1f nm, %.1f h, risk %.1f", boat.agency, boat.nauticalMiles, boat.hours, boat.risk)))</description>\n"
                let line = Self.densified(Self.track(boat))
                if line.count >= 2 {
                    out += "    <Placemark><name>\(e(boat.callSign)) route</name><styleUrl>#\(e(boat.callSign))</styleUrl>"
                        + "<LineString><tessellate>1</tessellate><coordinates>"
                        + line.map { String(format: "%.6f,%.6f,0", $0.longitude, $0.latitude) }.joined(separator: " ")
                        + "</coordinates></LineString></Placemark>\n"
                }
                for (k, stop) in boat.stops.enumerated() {
                    let detail = "arrive \(clock(stop.arrival)), leave \(clock(stop.departure))" + (stop.risk.map { String(format: ", risk %.1f", $0) } ?? "")
                    out += "    <Placemark><name>\(k). \(e(stop.name))</name><description>\(e(detail))</description>"
                        + "<styleUrl>#\(e(boat.callSign))</styleUrl>"
                        + (stop.arrival.map { "<TimeStamp><when>\($0.iso8601())</when></TimeStamp>" } ?? "")
                        + String(format: "<Point><coordinates>%.6f,%.6f,0</coordinates></Point></Placemark>\n",
                                 stop.position.longitude, stop.position.latitude)
                }
                out += "  </Folder>\n"
            }
        }
        out += "</Document>\n</kml>\n"
        return out
    }
}
