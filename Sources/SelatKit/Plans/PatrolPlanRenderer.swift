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
        var out =
            "Patrol plan" + (plan.id.map { " \($0)" } ?? "")
            + (plan.synthetic ? " (SYNTHETIC DEMO DATA)" : "") + "\n"
        let totalRisk = plan.targets.reduce(0) { $0 + $1.weight }
        let weights = Dictionary(
            plan.targets.map { ($0.name, $0.weight) }, uniquingKeysWith: { a, _ in a })
        for night in plan.nights {
            let boatsOut = night.boats.filter { $0.stops.count > 2 }.count
            let visited = Set(
                night.boats.flatMap { $0.stops.filter { $0.kind == .target }.map(\.name) })
            let share = visited.reduce(0) { $0 + (weights[$1] ?? 0) }
            out +=
                "\n" + (plan.nights.count > 1 ? "Night \(night.number): " : "")
                + "\(day(night.start)) to \(clock(night.end)), "
                + "\(boatsOut) of \(night.boats.count) boats out; "
                + String(
                    format:
                        "%d of %d targets, %.0f %% of their risk; risk covered at the hours visited %.1f\n",
                    visited.count,
                    plan.targets.count, totalRisk > 0 ? 100 * share / totalRisk : 0, night.risk)
            for boat in night.boats {
                out += String(
                    format: "\n%@ (%@, %.0f kn, crew %d): %.1f nm, %.1f h, risk %.1f\n",
                    boat.callSign, boat.agency,
                    boat.speedKnots, boat.crew, boat.nauticalMiles, boat.hours, boat.risk)
                var rows = [["#", "Stop", "Arrive", "Leave", "Leg nm", "Risk"]]
                for (k, stop) in boat.stops.enumerated() {
                    let leg =
                        k == 0 ? "" : String(format: "%.1f", Self.nauticalMiles(boat.legs[k - 1]))
                    rows.append([
                        String(k), String(stop.name.prefix(60)), clock(stop.arrival),
                        clock(stop.departure), leg,
                        stop.risk.map { String(format: "%.1f", $0) } ?? "",
                    ])
                }
                out += TextTable.render(rows)
            }
        }
        if !plan.rendezvous.isEmpty {
            out += "\nRendezvous:\n"
            for r in plan.rendezvous {
                out +=
                    "  \(r.name), \(r.position.formatted(.degreesMinutes)), \(day(r.time)): \(r.boats.joined(separator: ", "))\n"
            }
        }
        if plan.nights.count > 1 {
            out += String(
                format: "\nCoverage over %d nights (entropy %.1f bits):\n", plan.nights.count,
                plan.entropyBits ?? 0)
            var rows = [["Target", "Risk", "Planned", "Issued"]]
            for t in plan.targets.prefix(25) {
                rows.append([
                    String(t.name.prefix(60)), String(format: "%.1f", t.weight),
                    t.probability.map { String(format: "%.0f %%", 100 * $0) } ?? "-",
                    String(format: "%.0f %%", 100 * t.covered),
                ])
            }
            out += TextTable.render(rows)
            if plan.targets.count > 25 {
                out += "… and \(plan.targets.count - 25) more (all in the GeoJSON export).\n"
            }
        }
        for note in plan.notes { out += "Note: \(note.words(names))\n" }
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
