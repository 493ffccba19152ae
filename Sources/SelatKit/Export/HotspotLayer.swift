import Foundation
import SelatAnalysis
import SelatFormats
import SelatModel
import SelatStore
import SelatWords

/// A stored hotspot run as a ``FeatureLayer``: Gi* cells coloured by confidence bin, emerging
/// cells by pattern, DBSCAN cluster outlines and centres, density contours and peaks. In GPX
/// (which has no areas) each hot cell, cluster or peak is a waypoint at its centre.
public enum HotspotLayer {
    /// The layer of a stored run, from its typed results; names, descriptions and folders in
    /// `words`' language (the properties stay data, in English).
    public static func make(
        _ stored: StoredHotspotRun, synthetic: Bool, words w: Words = Words(.en)
    ) -> FeatureLayer {
        let run = stored.record
        let id = run.id ?? 0
        var styles: [KMLDocument.Style] = []
        switch run.method {
        case "gistar":
            styles = (-3...3).filter { $0 != 0 }.map {
                KMLDocument.Style(
                    id: "bin\($0)", line: (KMLDocument.colour("#555555"), 0.5),
                    fill: KMLDocument.colour(Palette.bin($0), opacity: 0.7),
                    icon: (KMLDocument.colour(Palette.bin($0)), 0.9))
            }
        case "emerging":
            styles = EmergingHotSpots.Pattern.allCases.filter { $0 != .none }.map {
                KMLDocument.Style(
                    id: styleID($0.rawValue), line: (KMLDocument.colour("#555555"), 0.5),
                    fill: KMLDocument.colour(Palette.pattern($0.rawValue), opacity: 0.7),
                    icon: (KMLDocument.colour(Palette.pattern($0.rawValue)), 0.9))
            }
        default:
            styles = [
                KMLDocument.Style(
                    id: "outline", line: (KMLDocument.colour("#6a00a8"), 2),
                    fill: KMLDocument.colour("#6a00a8", opacity: 0.15),
                    icon: (KMLDocument.colour("#6a00a8"), 1))
            ]
        }
        var features: [FeatureLayer.Feature] = []
        for (k, item) in HotspotFeatures.items(stored.results).enumerated() {
            // Selat wrote these properties and geometry itself: they always parse.
            let f = item.feature
            let geometry = try! GeoJSONGeometry(text: f.geometry)
            guard case .object(let props) = try! JSONValue.parse(Data(f.properties.utf8)) else {
                preconditionFailure("HotspotFeatures writes an object")
            }
            var properties: [(String, FeatureLayer.Value)] = [
                ("run", .int(Int(id))), ("method", .string(run.method)),
            ]
            properties += props.keys.sorted().map { ($0, .json(props[$0]!)) }
            let count = props["count"]?.number.map { Int($0) }
            let counted = count.map { w("export.hotspot.counted", ["count": "\($0)"]) } ?? ""
            var feature = FeatureLayer.Feature(
                id: "run\(id)-\(k + 1)", geometry: geometry, properties: properties, gpx: .omit)
            switch run.method {
            case "gistar":
                let bin = Int(props["bin"]?.number ?? 0)
                let label = MapBuilder.legendText(HotSpotBin.label(bin), w)
                feature.name = label
                feature.description =
                    label + counted
                    + (props["gi_z"]?.number.map {
                        w("export.hotspot.gi_z", ["z": w.number($0, decimals: 2)])
                    } ?? "")
                feature.style = "bin\(bin)"
                feature.folder = label
                if bin > 0 { feature.gpx = .waypoint }
            case "emerging":
                let pattern = props["pattern"]?.string ?? "pattern"
                let label = MapBuilder.legendText(pattern, w)
                feature.name = label
                feature.description = label + counted
                feature.style = styleID(pattern)
                feature.folder = label
                if pattern.contains("hot") { feature.gpx = .waypoint }
            case "dbscan":
                let cluster = Int(props["cluster"]?.number ?? 0)
                let isCentre = props["feature"] == .string("centroid")
                feature.name =
                    isCentre
                    ? w("export.hotspot.cluster_centre", ["cluster": "\(cluster)"])
                    : w("export.hotspot.cluster", ["cluster": "\(cluster)"])
                feature.description =
                    w("export.hotspot.dbscan_cluster", ["cluster": "\(cluster)"]) + counted
                feature.style = "outline"
                feature.folder =
                    isCentre
                    ? w("export.hotspot.cluster_centres") : w("export.hotspot.cluster_outlines")
                if isCentre { feature.gpx = .waypoint }
            default:
                let kind = props["feature"]?.string ?? "feature"
                let percent = props["percent_volume"]?.number
                feature.name =
                    percent.map {
                        w("export.hotspot.percent_density", ["percent": String(format: "%.0f", $0)])
                    }
                    ?? (kind == "peak"
                        ? w("export.hotspot.density_peak")
                        : w("export.hotspot.density_feature", ["kind": kind]))
                feature.description = feature.name
                feature.style = "outline"
                feature.folder =
                    kind == "peak"
                    ? w("export.hotspot.density_peaks") : w("export.hotspot.density_contours")
                if kind == "peak" { feature.gpx = .waypoint }
            }
            features.append(feature)
        }
        return FeatureLayer(
            name: w("export.hotspot.layer", ["run": "\(id)", "method": run.method]),
            description: w(
                "export.hotspot.layer_description",
                ["count": "\(run.sightingCount)", "command": run.command]),
            synthetic: synthetic, syntheticNote: w("export.synthetic_note"), styles: styles,
            features: features, created: run.createdAt)
    }

    static func styleID(_ pattern: String) -> String {
        "pattern-" + pattern.lowercased().replacingOccurrences(of: " ", with: "-")
    }
}
