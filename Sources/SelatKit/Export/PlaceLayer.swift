import Foundation
import SelatFormats
import SelatGeoData
import SelatModel
import SelatWords

/// The places Selat knows as a ``FeatureLayer``: ports and ferry terminals and agency bases
/// from GeoData (with their sources), the fleet's bases, and the stored waypoints.
public enum PlaceLayer {
    /// - Parameter places: the GeoData ports and bases to include.
    public static func make(
        places: [Place], fleetBases: [Base] = [], waypoints: [Waypoint] = [],
        synthetic: Bool = false,
        created: Timestamp = Timestamp(Date()), words w: Words = Words(.en)
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
                        ? w("export.place.port")
                        : w(
                            "export.place.base_of",
                            ["agency": place.agency ?? w("export.place.an_agency")]),
                    geometry: .point(place.position), properties: props, style: place.kind.rawValue,
                    folder: place.kind == .port
                        ? w("export.place.ports") : w("export.place.agency_bases")
                ))
        }
        for base in fleetBases {
            features.append(
                FeatureLayer.Feature(
                    name: base.name,
                    description: w("export.place.fleet_base_of", ["agency": base.agency]),
                    geometry: .point(base.position),
                    properties: [
                        ("kind", .string("fleet_base")), ("name", .string(base.name)),
                        ("agency", .string(base.agency)),
                    ],
                    style: "base", folder: w("export.place.fleet_bases")))
        }
        for point in waypoints {
            var props: [(String, FeatureLayer.Value)] = [
                ("kind", .string("waypoint")), ("waypoint_kind", .string(point.kind.rawValue)),
                ("name", .string(point.name)), ("notes", point.notes.map { .string($0) } ?? .null),
            ]
            if point.onLand { props.append(("on_land", .bool(true))) }
            features.append(
                FeatureLayer.Feature(
                    name: point.name, description: point.kind.rawValue,
                    geometry: .point(point.position),
                    properties: props,
                    style: "waypoint", folder: w("export.place.waypoints")))
        }
        let styles = [
            KMLDocument.Style(id: "port", icon: (KMLDocument.colour("#1f4e99"), 0.9)),
            KMLDocument.Style(id: "base", icon: (KMLDocument.colour("#000000"), 1.0)),
            KMLDocument.Style(id: "waypoint", icon: (KMLDocument.colour("#ff7f00"), 0.8)),
        ]
        return FeatureLayer(
            name: w("export.place.layer"), description: w("export.place.layer_description"),
            synthetic: synthetic, syntheticNote: w("export.synthetic_note"),
            styles: styles,
            features: features, created: created)
    }
}
