import Foundation
import SelatAnalysis
import SelatFormats
import SelatModel
import SelatStore

/// A stored hotspot run as a ``FeatureLayer``: Gi* cells coloured by confidence bin, emerging
/// cells by pattern, DBSCAN cluster outlines and centres, density contours and peaks. In GPX
/// (which has no areas) each hot cell, cluster or peak is a waypoint at its centre.
public enum HotspotLayer {
    /// The layer of a stored run, from its typed results.
    public static func make(_ stored: StoredHotspotRun, synthetic: Bool) -> FeatureLayer {
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
            let counted = count.map { ", \($0) sightings" } ?? ""
            var feature = FeatureLayer.Feature(
                id: "run\(id)-\(k + 1)", geometry: geometry, properties: properties, gpx: .omit)
            switch run.method {
            case "gistar":
                let bin = Int(props["bin"]?.number ?? 0)
                let label = HotSpotBin.label(bin)
                feature.name = label
                feature.description =
                    label + counted
                    + (props["gi_z"]?.number.map { String(format: ", Gi* z %.2f", $0) } ?? "")
                feature.style = "bin\(bin)"
                feature.folder = label
                if bin > 0 { feature.gpx = .waypoint }
            case "emerging":
                let pattern = props["pattern"]?.string ?? "pattern"
                feature.name = pattern
                feature.description = pattern + counted
                feature.style = styleID(pattern)
                feature.folder = pattern
                if pattern.contains("hot") { feature.gpx = .waypoint }
            case "dbscan":
                let cluster = Int(props["cluster"]?.number ?? 0)
                let isCentre = props["feature"] == .string("centroid")
                feature.name = "cluster \(cluster)" + (isCentre ? " centre" : "")
                feature.description = "DBSCAN cluster \(cluster)" + counted
                feature.style = "outline"
                feature.folder = isCentre ? "Cluster centres" : "Cluster outlines"
                if isCentre { feature.gpx = .waypoint }
            default:
                let kind = props["feature"]?.string ?? "feature"
                let percent = props["percent_volume"]?.number
                feature.name =
                    percent.map { String(format: "%.0f%% of density", $0) } ?? "density \(kind)"
                feature.description = feature.name
                feature.style = "outline"
                feature.folder = kind == "peak" ? "Density peaks" : "Density contours"
                if kind == "peak" { feature.gpx = .waypoint }
            }
            features.append(feature)
        }
        return FeatureLayer(
            name: "Selat hotspot run \(id) (\(run.method))",
            description: "\(run.sightingCount) sightings analysed; reproduce with: \(run.command)",
            synthetic: synthetic, styles: styles, features: features, created: run.createdAt)
    }

    static func styleID(_ pattern: String) -> String {
        "pattern-" + pattern.lowercased().replacingOccurrences(of: " ", with: "-")
    }
}
