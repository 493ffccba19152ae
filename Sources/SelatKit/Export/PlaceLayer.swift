import Foundation
import SelatFormats
import SelatGeoData
import SelatModel

/// The places Selat knows as a ``FeatureLayer``: ports and ferry terminals and agency bases
/// from GeoData (with their sources), the fleet's bases, and the stored waypoints.
public enum PlaceLayer {
    /// - Parameter places: the GeoData ports and bases to include.
    public static func make(
        places: [Place], fleetBases: [Base] = [], waypoints: [Waypoint] = [],
        synthetic: Bool = false,
        created: Timestamp = Timestamp(Date())
    ) -> FeatureLayer {
        var features: [FeatureLayer.Feature] = []
        for place in places {
            var props: [(String, FeatureLayer.Value)] = [
                ("kind", .string(place.kind.rawValue)), ("name", .string(place.name)),
            ]
            props.append(("country", place.country.map { .string($0) } ?? .null))
            props.append(("agency", place.agency.map { .string($0) } ?? .null))
            props.append(("precision", .string(place.precision)))
            props.append(("source", .string(place.source)))
            features.append(
                FeatureLayer.Feature(
                    name: place.name,
                    description: place.kind == .port
                        ? "port" : "base of " + (place.agency ?? "an agency"),
                    geometry: .point(place.position), properties: props, style: place.kind.rawValue,
                    folder: place.kind == .port ? "Ports and terminals" : "Agency bases (reference)"
                ))
        }
        for base in fleetBases {
            features.append(
                FeatureLayer.Feature(
                    name: base.name, description: "fleet base of \(base.agency)",
                    geometry: .point(base.position),
                    properties: [
                        ("kind", .string("fleet_base")), ("name", .string(base.name)),
                        ("agency", .string(base.agency)),
                    ],
                    style: "base", folder: "Fleet bases"))
        }
        for w in waypoints {
            var props: [(String, FeatureLayer.Value)] = [
                ("kind", .string("waypoint")), ("waypoint_kind", .string(w.kind.rawValue)),
                ("name", .string(w.name)), ("notes", w.notes.map { .string($0) } ?? .null),
            ]
            if w.onLand { props.append(("on_land", .bool(true))) }
            features.append(
                FeatureLayer.Feature(
                    name: w.name, description: w.kind.rawValue, geometry: .point(w.position),
                    properties: props,
                    style: "waypoint", folder: "Waypoints"))
        }
        let styles = [
            KMLDocument.Style(id: "port", icon: (KMLDocument.colour("#1f4e99"), 0.9)),
            KMLDocument.Style(id: "base", icon: (KMLDocument.colour("#000000"), 1.0)),
            KMLDocument.Style(id: "waypoint", icon: (KMLDocument.colour("#ff7f00"), 0.8)),
        ]
        return FeatureLayer(
            name: "Selat places", description: "Ports, bases and waypoints", synthetic: synthetic,
            styles: styles,
            features: features, created: created)
    }
}
