import Foundation
import SelatFormats
import SelatModel
import SelatWords

/// A stored route as a ``FeatureLayer``: its line and a point per waypoint; in GPX one `rte` of
/// named `rtept`s. Legs are as stored (straight between points): check a route against land with
/// `selat route sea`.
public enum RouteLayer {
    public static func make(
        _ route: Route, synthetic: Bool, created: Timestamp = Timestamp(Date()),
        words w: Words = Words(.en)
    ) -> FeatureLayer {
        let names = route.points.enumerated().map { k, p in p.waypointName ?? "WP \(k + 1)" }
        let summary =
            w(
                "export.route.summary",
                [
                    "kind": route.kind.rawValue,
                    "miles": w.number(route.length.nauticalMiles, decimals: 2),
                    "legs": "\(route.legs.count)",
                ])
            + (route.notes.map { " — " + $0 } ?? "")
        var features = [
            FeatureLayer.Feature(
                name: route.name, description: summary,
                geometry: .lineString(route.points.map(\.position)),
                properties: [
                    ("kind", .string("route")), ("route_kind", .string(route.kind.rawValue)),
                    ("name", .string(route.name)),
                    ("length_nm", .number(route.length.nauticalMiles, decimals: 3)),
                    ("legs", .int(route.legs.count)),
                    ("notes", route.notes.map { .string($0) } ?? .null),
                ],
                style: "route", folder: route.name,
                gpx: .route(
                    zip(route.points, names).map {
                        GPXDocument.Point(position: $0.position, name: $1)
                    }))
        ]
        for (k, p) in route.points.enumerated() {
            features.append(
                FeatureLayer.Feature(
                    name: names[k], geometry: .point(p.position),
                    properties: [
                        ("kind", .string("point")), ("order", .int(k + 1)),
                        ("name", .string(names[k])),
                    ],
                    style: "route", folder: route.name, gpx: .omit))
        }
        return FeatureLayer(
            name: route.name,
            description: w("export.route.layer_description", ["kind": route.kind.rawValue]),
            synthetic: synthetic, syntheticNote: w("export.synthetic_note"),
            styles: [
                KMLDocument.Style(
                    id: "route", line: (KMLDocument.colour("#c00000"), 3),
                    icon: (KMLDocument.colour("#c00000"), 0.8))
            ],
            features: features, created: created)
    }
}
