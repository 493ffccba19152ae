import Foundation
import SelatFormats
import SelatKit

/// GeoJSON files: the strict validator and the geometry reader survive any bytes, a geometry
/// that reads writes back to the same geometry, and an import check accounts for every feature.
enum GeoJSONFuzz {
    static func check(_ bytes: [UInt8]) -> String? {
        let data = Data(bytes)
        _ = GeoJSONValidator().problems(in: data)
        if let root = try? JSONValue.parse(data) {
            var geometries: [JSONValue] = []
            collectGeometries(root, into: &geometries, depth: 0)
            for json in geometries {
                guard let g = try? GeoJSONGeometry(json: json) else { continue }
                let text = g.text(decimals: 15)
                guard let back = try? GeoJSONGeometry(text: text) else {
                    return
                        "geometry \(debug(json.text)) writes as \(debug(text)), which does not read back"
                }
                if back.positions.count != g.positions.count {
                    return
                        "geometry \(debug(json.text)) writes back with \(back.positions.count) positions, not \(g.positions.count)"
                }
            }
        }
        return ImportFuzz.accounts(bytes, format: .geojson)
    }

    private static func collectGeometries(
        _ value: JSONValue, into out: inout [JSONValue], depth: Int
    ) {
        guard depth < 64, out.count < 100 else { return }
        switch value {
        case .object(let o):
            if o["type"] != nil, o["coordinates"] != nil || o["geometries"] != nil {
                out.append(value)
            }
            for (_, v) in o { collectGeometries(v, into: &out, depth: depth + 1) }
        case .array(let a):
            for v in a { collectGeometries(v, into: &out, depth: depth + 1) }
        default:
            break
        }
    }
}
