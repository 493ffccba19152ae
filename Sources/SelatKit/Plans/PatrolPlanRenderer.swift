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

    /// The plan in `format`; its notes name controls as `names` spells them.
    public func render(_ format: Format, names: ControlNames) -> String {
        switch format {
        case .table: table(names)
        case .geojson:
            PlanLayer.make(plan, offsetMinutes: offsetMinutes, words: names.words).render(.geojson)
        case .gpx:
            PlanLayer.make(plan, offsetMinutes: offsetMinutes, words: names.words).render(.gpx)
        case .kml:
            PlanLayer.make(plan, offsetMinutes: offsetMinutes, words: names.words).render(.kml)
        }
    }

    func clock(_ t: Timestamp?) -> String {
        t.map { TimeZoneName.clock($0, offsetMinutes: offsetMinutes) } ?? "-"
    }

    func day(_ t: Timestamp) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(16)).replacingOccurrences(
            of: "T", with: " ") + " " + TimeZoneName.name(offsetMinutes)
    }

    /// Leg lengths in nm from the stored geometry.
    public static func nauticalMiles(_ points: [Coordinate]) -> Double {
        zip(points.dropLast(), points.dropFirst()).reduce(0) {
            $0 + $1.0.distance(to: $1.1).nauticalMiles
        }
    }

    // MARK: Table

    func table(_ names: ControlNames) -> String {
        let w = names.words
        let english = w.language == .en
        func n(_ value: Double, _ decimals: Int) -> String { w.number(value, decimals: decimals) }
        func at(_ t: Timestamp?) -> String { english ? clock(t) : w.clock(clock(t)) }
        func spoken(_ name: String) -> String { english ? name : PlanStopName.spoken(name, w) }
        var out =
            (plan.id.map { w("plan.table.title_id", ["plan": "\($0)"]) } ?? w("plan.table.title"))
            + (plan.synthetic ? " (" + w("plan.table.synthetic") + ")" : "") + "\n"
        let totalRisk = plan.targets.reduce(0) { $0 + $1.weight }
        let weights = Dictionary(
            plan.targets.map { ($0.name, $0.weight) }, uniquingKeysWith: { a, _ in a })
        for night in plan.nights {
            let boatsOut = night.boats.filter { $0.stops.count > 2 }.count
            let visited = Set(
                night.boats.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) })
            let share = visited.reduce(0) { $0 + (weights[$1] ?? 0) }
            out +=
                "\n"
                + (plan.nights.count > 1 ? w("plan.table.night", ["night": "\(night.number)"]) : "")
                + w(
                    "plan.table.night_summary",
                    [
                        "start": english ? day(night.start) : w.clock(day(night.start)),
                        "end": at(night.end), "out": "\(boatsOut)", "boats": "\(night.boats.count)",
                        "visited": "\(visited.count)", "targets": "\(plan.targets.count)",
                        "share": String(
                            format: "%.0f", totalRisk > 0 ? 100 * share / totalRisk : 0),
                        "risk": n(night.risk, 1),
                    ]) + "\n"
            for boat in night.boats {
                out +=
                    "\n"
                    + w(
                        "plan.table.boat",
                        [
                            "call_sign": boat.callSign, "agency": boat.agency,
                            "knots": String(format: "%.0f", boat.speedKnots),
                            "crew": "\(boat.crew)",
                            "miles": n(boat.nauticalMiles, 1), "hours": n(boat.hours, 1),
                            "risk": n(boat.risk, 1),
                        ]) + "\n"
                var rows = [
                    [
                        "#", w("plan.table.stop"), w("plan.table.arrive"), w("plan.table.leave"),
                        w("plan.table.leg"), w("plan.table.risk"),
                    ]
                ]
                for (k, stop) in boat.stops.enumerated() {
                    let leg = k == 0 ? "" : n(Self.nauticalMiles(boat.legs[k - 1]), 1)
                    rows.append([
                        String(k), String(spoken(stop.name).prefix(60)), at(stop.arrival),
                        at(stop.departure), leg, stop.risk.map { n($0, 1) } ?? "",
                    ])
                }
                out += TextTable.render(rows)
            }
        }
        if !plan.rendezvous.isEmpty {
            out += "\n" + w("plan.table.rendezvous") + "\n"
            for r in plan.rendezvous {
                let position = r.position.formatted(
                    english ? .degreesMinutes : .degreesMinutesIndonesian)
                let time = english ? day(r.time) : w.clock(day(r.time))
                out +=
                    "  \(spoken(r.name)), \(position), \(time): \(r.boats.joined(separator: ", "))\n"
            }
        }
        if plan.nights.count > 1 {
            out +=
                "\n"
                + w(
                    "plan.table.coverage",
                    ["nights": "\(plan.nights.count)", "entropy": n(plan.entropyBits ?? 0, 1)])
                + "\n"
            var rows = [
                [
                    w("plan.table.target"), w("plan.table.risk"), w("plan.table.planned"),
                    w("plan.table.issued"),
                ]
            ]
            for t in plan.targets.prefix(25) {
                rows.append([
                    String(spoken(t.name).prefix(60)), n(t.weight, 1),
                    t.probability.map { String(format: "%.0f %%", 100 * $0) } ?? "-",
                    String(format: "%.0f %%", 100 * t.covered),
                ])
            }
            out += TextTable.render(rows)
            if plan.targets.count > 25 {
                out += w("plan.table.more_targets", ["count": "\(plan.targets.count - 25)"]) + "\n"
            }
        }
        for note in plan.notes { out += w("cli.note.prefix", ["note": note.words(names)]) + "\n" }
        return out
    }

    // MARK: Geometry

    /// Points along each geodesic leg every kilometre, so the line drawn is the line sailed.
    static func densified(_ points: [Coordinate]) -> [Coordinate] {
        Geodesic.wgs84.densified(points, spacing: .kilometres(1))
    }

    /// The boat's whole line: its legs joined.
    static func track(_ boat: PatrolPlan.BoatRoute) -> [Coordinate] {
        var line: [Coordinate] = []
        for leg in boat.legs {
            for p in leg where line.last != p { line.append(p) }
        }
        return line
    }
}
