import Foundation
import SelatGeo

/// A maritime boundary line for maps: a treaty line or a regulatory limit, with its name and
/// the agreement it comes from (see `GeoData/README.md` for the sources of each vertex).
public struct BoundaryLine: Sendable, Hashable {
    public let name: String
    public let agreement: String?
    public let points: [Coordinate]

    /// Reads the LineStrings of `boundaries.geojson`.
    static func load(_ url: URL) throws(GeoDataError) -> [BoundaryLine] {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url) else { throw .missing(file) }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw .malformed(file, "not a GeoJSON FeatureCollection")
        }
        var lines: [BoundaryLine] = []
        for (k, f) in features.enumerated() {
            let props = f["properties"] as? [String: Any] ?? [:]
            guard let g = f["geometry"] as? [String: Any], g["type"] as? String == "LineString",
                  let coords = g["coordinates"] as? [[Double]] else {
                throw .malformed(file, "features[\(k)] is not a LineString")
            }
            var points: [Coordinate] = []
            for c in coords {
                guard c.count >= 2, let p = try? Coordinate(latitude: c[1], longitude: c[0]) else {
                    throw .malformed(file, "features[\(k)] has a position that is not [longitude, latitude]")
                }
                points.append(p)
            }
            lines.append(BoundaryLine(name: props["name"] as? String ?? "boundary \(k + 1)",
                                      agreement: props["agreement"] as? String, points: points))
        }
        return lines
    }
}
