import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatWords

/// A patrol plan as a ``FeatureLayer``: per boat and night its track (densified along the
/// geodesic legs so the line drawn is the line sailed) and its stops with ETAs; in GPX one
/// `rte` per boat and night with every turning point (so a chartplotter's line stays at sea),
/// stops named and timed (UTC); in KML a folder and colour per boat.
public enum PlanLayer {
    public static func make(
        _ plan: PatrolPlan, offsetMinutes: Int = 420, words w: Words = Words(.en)
    ) -> FeatureLayer {
        let clock = { (t: Timestamp?) in
            t.map { w.clock(TimeZoneName.clock($0, offsetMinutes: offsetMinutes)) } ?? "-"
        }
        let spoken = { (name: String) in w.language == .en ? name : PlanStopName.spoken(name, w) }
        let boats = Array(Set(plan.nights.flatMap { $0.boats.map(\.callSign) })).sorted()
        let styles = boats.enumerated().map { k, call in
            KMLDocument.Style(
                id: styleID(call), line: (KMLDocument.colour(Palette.boat(k)), 3),
                icon: (KMLDocument.colour(Palette.boat(k)), 1))
        }
        var features: [FeatureLayer.Feature] = []
        for night in plan.nights {
            for boat in night.boats {
                let folder =
                    plan.nights.count > 1
                    ? w(
                        "export.plan.boat_night",
                        ["call_sign": boat.callSign, "night": "\(night.number)"])
                    : boat.callSign
                let summary = w(
                    "export.plan.summary",
                    [
                        "call_sign": boat.callSign, "agency": boat.agency,
                        "miles": w.number(boat.nauticalMiles, decimals: 1),
                        "hours": w.number(boat.hours, decimals: 1),
                        "risk": w.number(boat.risk, decimals: 1),
                    ])
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
                        stop.arrival.map { w("export.plan.arrive", ["time": clock($0)]) },
                        stop.departure.map { w("export.plan.leave", ["time": clock($0)]) },
                    ]
                    .compactMap { $0 }.joined(separator: ", ")
                    points.append(
                        .init(
                            position: stop.position, time: stop.arrival ?? stop.departure,
                            name: String(spoken(stop.name).prefix(40)),
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
                        w(
                            "export.plan.arrive_leave",
                            ["arrive": clock(stop.arrival), "leave": clock(stop.departure)])
                        + (stop.risk.map {
                            w("export.plan.risk", ["risk": w.number($0, decimals: 1)])
                        } ?? "")
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
                            name: "\(k). \(spoken(stop.name))", description: detail,
                            time: stop.arrival,
                            geometry: .point(stop.position), properties: props,
                            style: styleID(boat.callSign),
                            folder: folder, gpx: .omit))
                }
            }
        }
        return FeatureLayer(
            name: plan.id.map { w("export.plan.layer_id", ["plan": "\($0)"]) }
                ?? w("export.plan.layer"),
            description: plan.command, synthetic: plan.synthetic,
            syntheticNote: w("export.synthetic_note"), styles: styles,
            features: features, created: plan.createdAt)
    }

    static func styleID(_ callSign: String) -> String {
        "boat-" + callSign.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }
}
