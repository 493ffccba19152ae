import Foundation
import SelatGeo

/// A KML 2.2 document (OGC 07-147r2) as Google Earth, QGIS and GDAL read it: shared styles,
/// folders of placemarks, each with a name, description, time, extended data and a geometry.
public struct KMLDocument: Sendable {
    /// A shared style, referred to by `#id`. Colours are KML's `aabbggrr` hex.
    public struct Style: Sendable {
        public var id: String
        public var line: (colour: String, width: Double)?
        public var fill: String?
        public var icon: (colour: String, scale: Double)?

        public init(
            id: String, line: (colour: String, width: Double)? = nil, fill: String? = nil,
            icon: (colour: String, scale: Double)? = nil
        ) {
            self.id = id
            self.line = line
            self.fill = fill
            self.icon = icon
        }
    }

    public struct Placemark: Sendable {
        public var name: String?
        public var description: String?
        public var styleID: String?
        public var time: Timestamp?
        public var data: [(String, String)]
        public var geometry: GeoJSONGeometry

        public init(
            name: String?, description: String? = nil, styleID: String? = nil,
            time: Timestamp? = nil,
            data: [(String, String)] = [], geometry: GeoJSONGeometry
        ) {
            self.name = name
            self.description = description
            self.styleID = styleID
            self.time = time
            self.data = data
            self.geometry = geometry
        }
    }

    public struct Folder: Sendable {
        public var name: String
        public var description: String?
        public var placemarks: [Placemark]

        public init(name: String, description: String? = nil, placemarks: [Placemark] = []) {
            self.name = name
            self.description = description
            self.placemarks = placemarks
        }
    }

    public var name: String
    public var description: String?
    public var styles: [Style] = []
    public var folders: [Folder] = []

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }

    /// `#RRGGBB` (as on the web) to KML's `aabbggrr`.
    public static func colour(_ hex: String, opacity: Double = 1) -> String {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.count == 6 else { return "ff000000" }
        let r = h.prefix(2)
        let g = h.dropFirst(2).prefix(2)
        let b = h.suffix(2)
        let a = String(format: "%02x", Int((max(0, min(1, opacity)) * 255).rounded()))
        return (a + b + g + r).lowercased()
    }

    /// A description Google Earth shows exactly as written. Earth renders a description as
    /// HTML, so stored text such as `<a href=…>` or `<script>` would become a link or markup:
    /// the text is HTML-escaped (line breaks become `<br>`), then XML-escaped.
    public static func shownAsText(_ text: String) -> String {
        GPXDocument.escape(HTMLText.escaped(text, quotes: true, lineBreaks: true))
    }

    /// The document as XML text.
    public var text: String {
        let e = GPXDocument.escape
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
        out += "  <name>\(e(name))</name>\n"
        if let description {
            out += "  <description>\(Self.shownAsText(description))</description>\n"
        }
        for s in styles {
            out += "  <Style id=\"\(e(s.id))\">"
            if let icon = s.icon {
                out +=
                    "<IconStyle><color>\(icon.colour)</color><scale>\(JSONText.number(icon.scale, decimals: 2))</scale></IconStyle>"
            }
            if let line = s.line {
                out +=
                    "<LineStyle><color>\(line.colour)</color><width>\(JSONText.number(line.width, decimals: 1))</width></LineStyle>"
            }
            if let fill = s.fill {
                out += "<PolyStyle><color>\(fill)</color></PolyStyle>"
            } else if s.line != nil {
                out += "<PolyStyle><fill>0</fill></PolyStyle>"
            }
            out += "</Style>\n"
        }
        for f in folders {
            out += "  <Folder>\n    <name>\(e(f.name))</name>\n"
            if let d = f.description {
                out += "    <description>\(Self.shownAsText(d))</description>\n"
            }
            for p in f.placemarks { out += Self.placemark(p) }
            out += "  </Folder>\n"
        }
        return out + "</Document>\n</kml>\n"
    }

    private static func placemark(_ p: Placemark) -> String {
        let e = GPXDocument.escape
        var out = "    <Placemark>"
        if let n = p.name { out += "<name>\(e(n))</name>" }
        if let d = p.description { out += "<description>\(shownAsText(d))</description>" }
        if let t = p.time { out += "<TimeStamp><when>\(t.iso8601())</when></TimeStamp>" }
        if let s = p.styleID { out += "<styleUrl>#\(e(s))</styleUrl>" }
        if !p.data.isEmpty {
            out +=
                "<ExtendedData>"
                + p.data.map { "<Data name=\"\(e($0.0))\"><value>\(e($0.1))</value></Data>" }
                .joined() + "</ExtendedData>"
        }
        out += geometry(p.geometry) + "</Placemark>\n"
        return out
    }

    private static func coordinates(_ cs: [Coordinate]) -> String {
        "<coordinates>"
            + cs.map { JSONText.number($0.longitude) + "," + JSONText.number($0.latitude) }.joined(
                separator: " ") + "</coordinates>"
    }

    private static func polygon(_ rings: [[Coordinate]]) -> String {
        guard let outer = rings.first else { return "" }
        return "<Polygon><outerBoundaryIs><LinearRing>" + coordinates(outer)
            + "</LinearRing></outerBoundaryIs>"
            + rings.dropFirst().map {
                "<innerBoundaryIs><LinearRing>" + coordinates($0)
                    + "</LinearRing></innerBoundaryIs>"
            }.joined()
            + "</Polygon>"
    }

    private static func geometry(_ g: GeoJSONGeometry) -> String {
        switch g.normalised {
        case .point(let c): "<Point>" + coordinates([c]) + "</Point>"
        case .multiPoint(let cs):
            "<MultiGeometry>" + cs.map { "<Point>" + coordinates([$0]) + "</Point>" }.joined()
                + "</MultiGeometry>"
        case .lineString(let cs):
            "<LineString><tessellate>1</tessellate>" + coordinates(cs) + "</LineString>"
        case .multiLineString(let ls):
            "<MultiGeometry>"
                + ls.map {
                    "<LineString><tessellate>1</tessellate>" + coordinates($0) + "</LineString>"
                }.joined() + "</MultiGeometry>"
        case .polygon(let rings): polygon(rings)
        case .multiPolygon(let ps):
            "<MultiGeometry>" + ps.map(polygon).joined() + "</MultiGeometry>"
        }
    }
}
