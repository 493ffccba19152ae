import Foundation
import SelatGeo

/// Well-known text (OGC 06-103r4) for a geometry, longitude first, as QGIS's delimited-text
/// reader takes it.
public enum WKT {
    public static func text(_ g: GeoJSONGeometry) -> String {
        func xy(_ c: Coordinate) -> String {
            JSONText.number(c.longitude) + " " + JSONText.number(c.latitude)
        }
        func list(_ cs: [Coordinate]) -> String { "(" + cs.map(xy).joined(separator: ", ") + ")" }
        func lists(_ ls: [[Coordinate]]) -> String {
            "(" + ls.map(list).joined(separator: ", ") + ")"
        }
        switch g {
        case .point(let c): return "POINT (" + xy(c) + ")"
        case .multiPoint(let cs):
            return "MULTIPOINT " + "(" + cs.map { "(" + xy($0) + ")" }.joined(separator: ", ") + ")"
        case .lineString(let cs): return "LINESTRING " + list(cs)
        case .multiLineString(let ls): return "MULTILINESTRING " + lists(ls)
        case .polygon(let rs): return "POLYGON " + lists(rs)
        case .multiPolygon(let ps):
            return "MULTIPOLYGON (" + ps.map(lists).joined(separator: ", ") + ")"
        }
    }
}
