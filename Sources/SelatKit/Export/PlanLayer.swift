import Foundation
import SelatFormats
import SelatGeo
import SelatModel

/// A patrol plan as a ``FeatureLayer``: per boat and night its track (densified along the
/// geodesic legs so the line drawn is the line sailed) and its stops with ETAs; in GPX one
/// `rte` per boat and night with every turning point (so a chartplotter's line stays at sea),
/// stops named and timed (UTC); in KML a folder and colour per boat.
public enum PlanLayer {
    public static func make(_ plan: PatrolPlan, offsetMinutes: Int = 420) -> FeatureLayer {
        let clock = { (t: Timestamp?) in
            t.map { TimeZoneName.clock($0, offsetMinutes: offsetMinutes) } ?? "-"
        }
        let boats = Array(Set(plan.nights.flatMap { $0.boats.map(\.callSign) })).sorted()
        let styles = boats.enumerated().map { k, call in
            KMLDocument.Style(
                id: styleID(call), line: (KMLDocument.colour(Palette.boat(k)), 3),
                icon: (KMLDocument.colour(Palette.boat(k)), 1))
        }
        var features: [FeatureLayer.Feature] = []
        for night in plan.nights {
            for boat in night.boats {
                let folder = boat.callSign + (plan.nights.count > 1 ? " night \(night.number)" : "")
                let summary = String(
                    format: "%@ (%@): %.1f nm, %.1f h, risk %.1f", boat.callSign, boat.agency,
                    boat.nauticalMiles, boat.hours, boat.risk)
                // The chartplotter route: stops named, turns "t1", "t2", …
                var points: [GPXDocument.Point] = []
                var turn = 0
                for (k, stop) in boat.stops.enumerated() {
                    if k > 0 {
                        for p in boat.legs[k - 1].dropFirst().dropLast() {
                            turn += 1
                            points.append(
                                .init(
                                    position: p, name: "t\(turn)", symbol: "Waypoint", type: "turn")
                            )
                        }
                    }
                    let comment = [
                        stop.arrival.map { "arrive " + clock($0) },
                        stop.departure.map { "leave " + clock($0) },
                    ]
                    .compactMap { $0 }.joined(separator: ", ")
                    points.append(
                        .init(
                            position: stop.position, time: stop.arrival ?? stop.departure,
                            name: String(stop.name.prefix(40)),
                            comment: comment, symbol: stop.kind == .base ? "Anchor" : "Flag",
                            type: stop.kind.rawValue))
                }
                let line = PatrolPlanRenderer.densified(PatrolPlanRenderer.track(boat))
                if line.count >= 2 {
                    features.append(
                        FeatureLayer.Feature(
                            name: folder, description: summary, geometry: .lineString(line),
                            properties: [
                                ("kind", .string("route")), ("night", .int(night.number)),
                                ("callsign", .string(boat.callSign)),
                                ("agency", .string(boat.agency)),
                                ("from", boat.stops.first.map { .string($0.name) } ?? .null),
                                ("to", boat.stops.last.map { .string($0.name) } ?? .null),
                                (
                                    "depart",
                                    boat.stops.first?.departure.map {
                                        .string($0.iso8601(offsetMinutes: offsetMinutes))
                                    } ?? .null
                                ),
                                (
                                    "return",
                                    boat.stops.last?.arrival.map {
                                        .string($0.iso8601(offsetMinutes: offsetMinutes))
                                    } ?? .null
                                ),
                                ("length_nm", .number(boat.nauticalMiles, decimals: 2)),
                                ("hours", .number(boat.hours, decimals: 2)),
                                ("risk", .number(boat.risk, decimals: 2)),
                            ],
                            style: styleID(boat.callSign), folder: folder, gpx: .route(points)))
                }
                for (k, stop) in boat.stops.enumerated() {
                    let detail =
                        "arrive \(clock(stop.arrival)), leave \(clock(stop.departure))"
                        + (stop.risk.map { String(format: ", risk %.1f", $0) } ?? "")
                    var props: [(String, FeatureLayer.Value)] = [
                        ("kind", .string(stop.kind.rawValue)), ("night", .int(night.number)),
                        ("callsign", .string(boat.callSign)),
                        ("order", .int(k)), ("name", .string(stop.name)),
                        (
                            "arrive",
                            stop.arrival.map { .string($0.iso8601(offsetMinutes: offsetMinutes)) }
                                ?? .null
                        ),
                        (
                            "leave",
                            stop.departure.map { .string($0.iso8601(offsetMinutes: offsetMinutes)) }
                                ?? .null
                        ),
                    ]
                    if let risk = stop.risk { props.append(("risk", .number(risk, decimals: 2))) }
                    features.append(
                        FeatureLayer.Feature(
                            name: "\(k). \(stop.name)", description: detail, time: stop.arrival,
                            geometry: .point(stop.position), properties: props,
                            style: styleID(boat.callSign),
                            folder: folder, gpx: .omit))
                }
            }
        }
        return FeatureLayer(
            name: "Selat patrol plan" + (plan.id.map { " \($0)" } ?? ""),
            description: plan.command, synthetic: plan.synthetic, styles: styles,
            features: features, created: plan.createdAt)
    }

    static func styleID(_ callSign: String) -> String {
        "boat-" + callSign.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }
}
