import Foundation
import SelatFormats
import SelatModel
import SelatWords

/// Sightings as a ``FeatureLayer``: a Point each, named by its id, timed when seen, styled and
/// foldered by activity. The officer's unit and the notes are personal data: left out unless asked.
public enum SightingLayer {
    public static func make(
        _ sightings: [Sighting], includePersonal: Bool, synthetic: Bool,
        created: Timestamp = Timestamp(Date()), words w: Words = Words(.en)
    ) -> FeatureLayer {
        let styles = Activity.allCases.map { a in
            KMLDocument.Style(
                id: "activity-" + a.rawValue, icon: (KMLDocument.colour(Palette.activity(a)), 0.8))
        }
        let features = sightings.map { feature($0, includePersonal: includePersonal, words: w) }
        return FeatureLayer(
            name: name(w), description: description(count: sightings.count, w),
            synthetic: synthetic, syntheticNote: w("export.synthetic_note"), styles: styles,
            features: features, created: created)
    }

    /// The layer's name.
    static func name(_ w: Words) -> String { w("export.sightings.layer") }

    /// The layer's description, for `count` sightings.
    static func description(count: Int, _ w: Words) -> String {
        w("export.sightings.layer_description", ["count": "\(count)"])
    }

    /// One sighting as a feature of the layer.
    static func feature(_ s: Sighting, includePersonal: Bool, words w: Words)
        -> FeatureLayer.Feature
    {
        let personal =
            includePersonal ? [s.unit, s.notes].compactMap { $0 }.joined(separator: " — ") : ""
        return FeatureLayer.Feature(
            id: s.id.rawValue, name: s.id.rawValue, description: summary(s, w),
            comment: personal.isEmpty ? nil : personal, time: s.observedAt,
            geometry: .point(s.position),
            properties: properties(s, includePersonal: includePersonal),
            style: "activity-" + s.activity.rawValue,
            folder: w.language == .en
                ? s.activity.rawValue : w("activity." + s.activity.rawValue))
    }

    /// "speedboat, trafficking, 12 aboard, 310°T, 25.0 kn, patrol, confidence high".
    /// In Indonesian: "speedboat, perdagangan orang, 12 orang, halu 310°, 25,0 knot, …".
    public static func summary(_ s: Sighting, _ w: Words = Words(.en)) -> String {
        let english = w.language == .en
        var what =
            english
            ? [s.vesselType.rawValue, s.activity.rawValue]
            : [w("vessel." + s.vesselType.rawValue), w("activity." + s.activity.rawValue)]
        if let p = s.personsAboard { what.append(w("export.sighting.aboard", ["count": "\(p)"])) }
        if let h = s.headingDegrees {
            what.append(
                english
                    ? Bearing(degrees: h).description
                    : w("export.sighting.heading", ["degrees": String(format: "%03.0f", h)]))
        }
        if let v = s.speed {
            what.append(w("export.sighting.speed", ["knots": w.number(v.knots, decimals: 1)]))
        }
        if let src = s.source { what.append(src.rawValue) }
        if let c = s.confidence {
            what.append(w("export.sighting.confidence", ["value": c.description]))
        }
        if s.onLand { what.append(w("export.sighting.on_land")) }
        if s.outsideRegion { what.append(w("export.sighting.outside_region")) }
        if s.inlandWater { what.append(w("export.sighting.inland_water")) }
        return what.joined(separator: ", ")
    }

    /// The sighting's columns, in the import order, as properties.
    public static func properties(_ s: Sighting, includePersonal: Bool) -> [(
        String, FeatureLayer.Value
    )] {
        var p: [(String, FeatureLayer.Value)] = [
            ("id", .string(s.id.rawValue)),
            ("observed_at", .string(s.observedAt.description)),
            ("observed_at_local", .string(s.observedAt.asWritten)),
            ("vessel_type", .string(s.vesselType.rawValue)),
            ("activity", .string(s.activity.rawValue)),
            ("persons_aboard", s.personsAboard.map { .int($0) } ?? .null),
            ("heading_deg", s.headingDegrees.map { .number($0, decimals: 1) } ?? .null),
            ("speed_kn", s.speed.map { .number($0.knots, decimals: 1) } ?? .null),
            ("source", s.source.map { .string($0.rawValue) } ?? .null),
            (
                "confidence",
                s.confidence.map { c in
                    if case .value(let v) = c { return .number(v, decimals: 3) }
                    return .string(c.description)
                } ?? .null
            ),
        ]
        // Flags, always present (a column in every export, so tools can filter on them).
        p.append(("on_land", .bool(s.onLand)))
        p.append(("outside_region", .bool(s.outsideRegion)))
        p.append(("inland_water", .bool(s.inlandWater)))
        if includePersonal {
            p.append(("unit", s.unit.map { .string($0) } ?? .null))
            p.append(("notes", s.notes.map { .string($0) } ?? .null))
        }
        return p
    }
}
