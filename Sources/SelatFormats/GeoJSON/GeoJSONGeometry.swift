import Foundation
import SelatGeo

/// A GeoJSON geometry (RFC 7946 §3.1) as values, so it can be checked, put right and written
/// strictly: positions `[longitude, latitude]`, at most 7 decimals, rings closed, exterior rings
/// anticlockwise and holes clockwise.
public enum GeoJSONGeometry: Sendable, Equatable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    /// Rings: the exterior first, then holes.
    case polygon([[Coordinate]])
    case multiPolygon([[[Coordinate]]])

    /// The GeoJSON `type` name.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }

    /// Every position, in order.
    public var positions: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .multiPoint(let cs), .lineString(let cs): cs
        case .multiLineString(let lines): lines.flatMap { $0 }
        case .polygon(let rings): rings.flatMap { $0 }
        case .multiPolygon(let polygons): polygons.flatMap { $0.flatMap { $0 } }
        }
    }

    /// `[west, south, east, north]`, or nil for an empty geometry.
    public var boundingBox: [Double]? { Self.boundingBox(positions) }

    static func boundingBox(_ positions: [Coordinate]) -> [Double]? {
        guard let first = positions.first else { return nil }
        var box = [first.longitude, first.latitude, first.longitude, first.latitude]
        for c in positions {
            box[0] = min(box[0], c.longitude)
            box[1] = min(box[1], c.latitude)
            box[2] = max(box[2], c.longitude)
            box[3] = max(box[3], c.latitude)
        }
        return box
    }

    /// A representative position: the point itself, a line's middle vertex, a polygon's area
    /// centroid (planar in degrees; fine for cells and hulls a few km across).
    public var anchor: Coordinate? {
        switch self {
        case .point(let c): return c
        case .multiPoint(let cs): return cs.first
        case .lineString(let cs): return cs.isEmpty ? nil : cs[cs.count / 2]
        case .multiLineString(let lines):
            return lines.first.flatMap { $0.isEmpty ? nil : $0[$0.count / 2] }
        case .polygon(let rings): return rings.first.flatMap(Self.centroid)
        case .multiPolygon(let polygons):
            let largest = polygons.max {
                abs(Self.signedArea($0.first ?? [])) < abs(Self.signedArea($1.first ?? []))
            }
            return largest?.first.flatMap(Self.centroid)
        }
    }

    static func centroid(_ ring: [Coordinate]) -> Coordinate? {
        guard ring.count >= 3 else { return ring.first }
        var a = 0.0
        var cx = 0.0
        var cy = 0.0
        for (p, q) in zip(ring, ring.dropFirst() + [ring[0]]) {
            let cross = p.longitude * q.latitude - q.longitude * p.latitude
            a += cross
            cx += (p.longitude + q.longitude) * cross
            cy += (p.latitude + q.latitude) * cross
        }
        guard abs(a) > 1e-18 else { return ring.first }
        return try? Coordinate(latitude: cy / (3 * a), longitude: cx / (3 * a))
    }

    /// Twice the signed area of a ring in the lon/lat plane: positive when anticlockwise.
    public static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        for (p, q) in zip(ring, ring.dropFirst() + [ring[0]]) {
            s += (q.longitude - p.longitude) * (q.latitude + p.latitude)
        }
        return -s
    }

    /// The same geometry with every ring closed, exterior rings anticlockwise and holes clockwise
    /// (RFC 7946 §3.1.6), and repeated consecutive positions removed.
    public var normalised: GeoJSONGeometry {
        func dedupe(_ cs: [Coordinate]) -> [Coordinate] {
            var out: [Coordinate] = []
            out.reserveCapacity(cs.count)
            for c in cs where out.last != c { out.append(c) }
            return out
        }
        func ring(_ r: [Coordinate], exterior: Bool) -> [Coordinate] {
            var r = dedupe(r)
            if let first = r.first, r.last != first { r.append(first) }
            let ccw = Self.signedArea(r) > 0
            return ccw == exterior ? r : r.reversed()
        }
        func polygon(_ rings: [[Coordinate]]) -> [[Coordinate]] {
            rings.enumerated().map { k, r in ring(r, exterior: k == 0) }
        }
        switch self {
        case .point, .multiPoint: return self
        case .lineString(let cs): return .lineString(dedupe(cs))
        case .multiLineString(let lines): return .multiLineString(lines.map(dedupe))
        case .polygon(let rings): return .polygon(polygon(rings))
        case .multiPolygon(let polygons): return .multiPolygon(polygons.map(polygon))
        }
    }

    /// The geometry object's JSON text, positions to `decimals` decimals (7 ≈ 1 cm).
    public func text(decimals: Int = 7) -> String {
        var b = JSONBytes()
        b.raw(#"{"type":"# + JSONText.string(typeName) + #","coordinates":"#)
        func list(_ cs: [Coordinate]) {
            b.raw("[")
            for (k, c) in cs.enumerated() {
                if k > 0 { b.raw(",") }
                b.position(c, decimals: decimals)
            }
            b.raw("]")
        }
        func lists(_ ls: [[Coordinate]]) {
            b.raw("[")
            for (k, l) in ls.enumerated() {
                if k > 0 { b.raw(",") }
                list(l)
            }
            b.raw("]")
        }
        switch self {
        case .point(let c): b.position(c, decimals: decimals)
        case .multiPoint(let cs), .lineString(let cs): list(cs)
        case .multiLineString(let ls), .polygon(let ls): lists(ls)
        case .multiPolygon(let ps):
            b.raw("[")
            for (k, p) in ps.enumerated() {
                if k > 0 { b.raw(",") }
                lists(p)
            }
            b.raw("]")
        }
        b.raw("}")
        return b.text
    }

    // MARK: Reading

    /// Reads a geometry object.
    /// - Parameter path: where the object sits, for messages (`features[3].geometry`).
    /// - Throws: ``FormatError/malformed(file:location:reason:)`` naming the member at fault.
    public init(json: JSONValue, path: String = "geometry") throws(FormatError) {
        guard case .object(let o) = json else {
            throw Self.bad(path, "expected a geometry object, found \(json.summary)")
        }
        guard case .string(let type)? = o["type"] else {
            throw Self.bad(path + ".type", "missing; expected Point, LineString, Polygon, …")
        }
        guard let coords = o["coordinates"] else {
            throw Self.bad(path + ".coordinates", "missing")
        }
        let at = path + ".coordinates"
        switch type {
        case "Point": self = .point(try Self.position(coords, at))
        case "MultiPoint": self = .multiPoint(try Self.positions(coords, at))
        case "LineString": self = .lineString(try Self.positions(coords, at))
        case "MultiLineString":
            self = .multiLineString(
                try Self.array(coords, at).enumerated().map { k, v throws(FormatError) in
                    try Self.positions(v, "\(at)[\(k)]")
                })
        case "Polygon":
            self = .polygon(
                try Self.array(coords, at).enumerated().map { k, v throws(FormatError) in
                    try Self.positions(v, "\(at)[\(k)]")
                })
        case "MultiPolygon":
            self = .multiPolygon(
                try Self.array(coords, at).enumerated().map { k, p throws(FormatError) in
                    try Self.array(p, "\(at)[\(k)]").enumerated().map { j, r throws(FormatError) in
                        try Self.positions(r, "\(at)[\(k)][\(j)]")
                    }
                })
        default:
            throw Self.bad(
                path + ".type",
                "\"\(type)\" is not a geometry Selat writes (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon)"
            )
        }
    }

    /// Reads a geometry from its JSON text (as stored with hotspot runs).
    public init(text: String, path: String = "geometry") throws(FormatError) {
        try self.init(json: try JSONValue.parse(Data(text.utf8)), path: path)
    }

    private static func bad(_ location: String, _ reason: String) -> FormatError {
        .malformed(file: "", location: location, reason: reason)
    }

    private static func array(_ v: JSONValue, _ at: String) throws(FormatError) -> [JSONValue] {
        guard case .array(let a) = v else { throw bad(at, "expected an array, found \(v.summary)") }
        return a
    }

    private static func positions(_ v: JSONValue, _ at: String) throws(FormatError) -> [Coordinate]
    {
        try array(v, at).enumerated().map { k, p throws(FormatError) in
            try position(p, "\(at)[\(k)]")
        }
    }

    private static func position(_ v: JSONValue, _ at: String) throws(FormatError) -> Coordinate {
        guard case .array(let a) = v, (2...3).contains(a.count), case .number(let lon) = a[0],
            case .number(let lat) = a[1]
        else {
            throw bad(at, "expected [longitude, latitude], found \(v.summary)")
        }
        do { return try Coordinate(latitude: lat, longitude: lon) } catch {
            throw bad(
                at,
                "[\(lon), \(lat)] is not a position (\(error.description)); GeoJSON puts longitude first"
            )
        }
    }
}
