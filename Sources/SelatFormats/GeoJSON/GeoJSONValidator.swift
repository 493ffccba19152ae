import Foundation

/// A strict RFC 7946 check of GeoJSON text: what a file must be for every reader to take it the
/// same way. It reports every problem with its JSON path, not just the first.
///
/// Checked: the root is a FeatureCollection, Feature or geometry; no `crs` member (§4: not part
/// of GeoJSON); every Feature has `geometry` and `properties`; positions are 2 or 3 numbers with
/// longitude in [−180, 180] and latitude in [−90, 90], at most `maxDecimals` decimals (§11.2);
/// a LineString has 2 or more positions; a linear ring has 4 or more, is closed, and winds
/// anticlockwise when it is an exterior ring and clockwise when it is a hole (§3.1.6); a `bbox`
/// has 4 (or 6) numbers, south ≤ north, and holds every position of its object (§5).
public struct GeoJSONValidator: Sendable {
    public var maxDecimals: Int

    public init(maxDecimals: Int = 7) { self.maxDecimals = maxDecimals }

    /// Problems found in `data`, each "path: what is wrong"; empty when the text is valid.
    public func problems(in data: Data) -> [String] {
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch { return ["$: \(error.description)"] }
        var out: [String] = []
        guard case .object(let o) = root, case .string(let type)? = o["type"] else {
            return ["$: expected an object with a \"type\" member"]
        }
        switch type {
        case "FeatureCollection":
            noCRS(o, "$", &out)
            guard case .array(let features)? = o["features"] else {
                out.append("$.features: missing or not an array")
                return out
            }
            var all: [(Double, Double)] = []
            for (k, f) in features.enumerated() { all += feature(f, "$.features[\(k)]", &out) }
            bbox(o["bbox"], all, "$", &out)
        case "Feature": _ = feature(root, "$", &out)
        default: _ = geometry(root, "$", &out)
        }
        return out
    }

    private func noCRS(_ o: [String: JSONValue], _ path: String, _ out: inout [String]) {
        if o["crs"] != nil {
            out.append(
                "\(path).crs: RFC 7946 removed \"crs\"; positions are WGS84 longitude, latitude")
        }
    }

    private func feature(_ v: JSONValue, _ path: String, _ out: inout [String]) -> [(
        Double, Double
    )] {
        guard case .object(let o) = v, case .string("Feature")? = o["type"] else {
            out.append("\(path): not a Feature object")
            return []
        }
        noCRS(o, path, &out)
        switch o["properties"] {
        case .object?, .null?: break
        case nil: out.append("\(path).properties: missing (use null or an object)")
        case let other?:
            out.append("\(path).properties: must be an object or null, found \(other.summary)")
        }
        guard let g = o["geometry"] else {
            out.append("\(path).geometry: missing (use null for no geometry)")
            return []
        }
        if case .null = g { return [] }
        let positions = geometry(g, path + ".geometry", &out)
        bbox(o["bbox"], positions, path, &out)
        return positions
    }

    @discardableResult
    private func geometry(_ v: JSONValue, _ path: String, _ out: inout [String]) -> [(
        Double, Double
    )] {
        guard case .object(let o) = v, case .string(let type)? = o["type"] else {
            out.append("\(path): not a geometry object")
            return []
        }
        noCRS(o, path, &out)
        if type == "GeometryCollection" {
            guard case .array(let gs)? = o["geometries"] else {
                out.append("\(path).geometries: missing or not an array")
                return []
            }
            return gs.enumerated().flatMap { k, g in geometry(g, "\(path).geometries[\(k)]", &out) }
        }
        guard let coords = o["coordinates"] else {
            out.append("\(path).coordinates: missing")
            return []
        }
        let at = path + ".coordinates"
        var all: [(Double, Double)] = []
        func list(_ v: JSONValue, _ at: String) -> [JSONValue]? {
            guard case .array(let a) = v else {
                out.append("\(at): expected an array, found \(v.summary)")
                return nil
            }
            return a
        }
        func positions(_ v: JSONValue, _ at: String) -> [(Double, Double)] {
            guard let a = list(v, at) else { return [] }
            let ps = a.enumerated().compactMap { k, p in position(p, "\(at)[\(k)]", &out) }
            all += ps
            return ps
        }
        func line(_ v: JSONValue, _ at: String) {
            let ps = positions(v, at)
            if ps.count < 2 {
                out.append("\(at): a LineString needs 2 or more positions, found \(ps.count)")
            }
        }
        func polygon(_ v: JSONValue, _ at: String) {
            guard let rings = list(v, at) else { return }
            if rings.isEmpty { out.append("\(at): a Polygon needs an exterior ring") }
            for (k, r) in rings.enumerated() {
                let ring = positions(r, "\(at)[\(k)]")
                guard ring.count >= 4 else {
                    out.append(
                        "\(at)[\(k)]: a linear ring needs 4 or more positions, found \(ring.count)")
                    continue
                }
                if ring.first! != ring.last! {
                    out.append(
                        "\(at)[\(k)]: the ring is not closed (its last position must equal its first)"
                    )
                }
                var s = 0.0
                for (p, q) in zip(ring, ring.dropFirst()) { s += (q.0 - p.0) * (q.1 + p.1) }
                let anticlockwise = s < 0
                if k == 0 && !anticlockwise {
                    out.append(
                        "\(at)[0]: the exterior ring winds clockwise; RFC 7946 wants it anticlockwise"
                    )
                }
                if k > 0 && anticlockwise {
                    out.append(
                        "\(at)[\(k)]: the hole winds anticlockwise; RFC 7946 wants holes clockwise")
                }
            }
        }
        switch type {
        case "Point": if let p = position(coords, at, &out) { all.append(p) }
        case "MultiPoint": _ = positions(coords, at)
        case "LineString": line(coords, at)
        case "MultiLineString":
            for (k, l) in (list(coords, at) ?? []).enumerated() { line(l, "\(at)[\(k)]") }
        case "Polygon": polygon(coords, at)
        case "MultiPolygon":
            for (k, p) in (list(coords, at) ?? []).enumerated() { polygon(p, "\(at)[\(k)]") }
        default: out.append("\(path).type: \"\(type)\" is not a GeoJSON geometry type")
        }
        bbox(o["bbox"], all, path, &out)
        return all
    }

    private func position(_ v: JSONValue, _ at: String, _ out: inout [String]) -> (Double, Double)?
    {
        guard case .array(let a) = v, (2...3).contains(a.count) else {
            out.append(
                "\(at): a position is [longitude, latitude] (or with altitude), found \(v.summary)")
            return nil
        }
        var numbers: [Double] = []
        for n in a {
            guard case .number(let x) = n else {
                out.append("\(at): positions hold numbers, found \(n.summary)")
                return nil
            }
            numbers.append(x)
        }
        let (lon, lat) = (numbers[0], numbers[1])
        if !(-180...180).contains(lon) { out.append("\(at): longitude \(lon) is outside −180…180") }
        if !(-90...90).contains(lat) {
            out.append(
                "\(at): latitude \(lat) is outside −90…90 (is the order [longitude, latitude]?)")
        }
        let scale = pow(10.0, Double(maxDecimals))
        for x in numbers.prefix(2) where abs(x * scale - (x * scale).rounded()) > 1e-3 {
            out.append("\(at): \(x) has more than \(maxDecimals) decimals (RFC 7946 §11.2)")
            break
        }
        return (lon, lat)
    }

    private func bbox(
        _ v: JSONValue?, _ positions: [(Double, Double)], _ path: String, _ out: inout [String]
    ) {
        guard let v else { return }
        guard case .array(let a) = v, a.count == 4 || a.count == 6 else {
            out.append("\(path).bbox: expected 4 numbers [west, south, east, north]")
            return
        }
        let n = a.compactMap { if case .number(let x) = $0 { x } else { nil } }
        guard n.count == a.count else {
            out.append("\(path).bbox: holds something other than numbers")
            return
        }
        let half = n.count / 2
        let (west, south, east, north) = (n[0], n[1], n[half], n[half + 1])
        if south > north { out.append("\(path).bbox: south \(south) is north of north \(north)") }
        let tolerance = 1e-7
        for (lon, lat) in positions {
            let inLon =
                west <= east
                ? (lon >= west - tolerance && lon <= east + tolerance)
                : (lon >= west - tolerance || lon <= east + tolerance)
            if !inLon || lat < south - tolerance || lat > north + tolerance {
                out.append("\(path).bbox: does not hold the position [\(lon), \(lat)]")
                return
            }
        }
    }
}
