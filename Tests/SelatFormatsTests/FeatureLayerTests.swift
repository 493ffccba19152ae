import Foundation
import SelatFormats
import SelatGeo
import Testing

@Suite("One layer, four formats: GeoJSON, GPX, KML and CSV written the same way")
struct FeatureLayerTests {
    static func layer(synthetic: Bool = false) throws -> FeatureLayer {
        let a = try Coordinate(latitude: 1.2, longitude: 104.05)
        let b = try Coordinate(latitude: 1.25, longitude: 104.1)
        let clockwise = [
            a, try Coordinate(latitude: 1.25, longitude: 104.05), b,
            try Coordinate(latitude: 1.2, longitude: 104.1),
        ]
        return FeatureLayer(
            name: "test & <layer>", synthetic: synthetic,
            styles: [
                KMLDocument.Style(
                    id: "hot", line: (KMLDocument.colour("#ff0000"), 1),
                    fill: KMLDocument.colour("#ff0000", opacity: 0.5))
            ],
            features: [
                .init(
                    id: "p1", name: "Point one", description: "a point",
                    time: Timestamp(millisecondsSince1970: 1_763_800_000_000),
                    geometry: .point(a),
                    properties: [("count", .int(3)), ("note", .string("a \"quoted\", text"))],
                    folder: "Points"),
                .init(
                    name: "Line", geometry: .lineString([a, b]),
                    properties: [("kind", .string("route"))], folder: "Lines"),
                .init(
                    name: "Cell", geometry: .polygon([clockwise]),
                    properties: [
                        ("bin", .int(3)), ("series", .json(.array([.number(1), .number(2)]))),
                    ],
                    style: "hot", folder: "Cells"),
            ])
    }

    @Test(
        "GeoJSON passes the strict check: rings put right, a bbox, no crs; synthetic data says so on every feature"
    )
    func geojson() throws {
        let text = try Self.layer(synthetic: true).render(.geojson)
        #expect(GeoJSONValidator().problems(in: Data(text.utf8)).isEmpty)
        #expect(!text.contains("crs") && text.contains(#""bbox":[104.05,1.2,104.1,1.25]"#))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        #expect(
            features.allSatisfy {
                ($0["properties"] as! [String: Any])["synthetic"] as? Bool == true
            })
        #expect(json["synthetic"] as? Bool == true)
        let plain = try Self.layer().render(.geojson)
        #expect(!plain.contains("synthetic"))
    }

    @Test(
        "GPX: points are waypoints, lines are routes of named points, polygons left out unless asked"
    )
    func gpx() throws {
        let text = try Self.layer().render(.gpx)
        #expect(text.components(separatedBy: "<wpt ").count == 2)
        #expect(
            text.components(separatedBy: "<rte>").count == 2 && text.contains("<name>Line 2</name>")
        )
        #expect(text.contains("<time>2025-11-22T08:26:40Z</time>"))
        #expect(text.contains("test &amp; &lt;layer&gt;"))
        #expect(try Self.layer().count(in: .gpx) == 2)
    }

    @Test("KML: a folder per group, shared styles, extended data, times")
    func kml() throws {
        let text = try Self.layer().render(.kml)
        #expect(
            text.contains("<Folder>\n    <name>Points</name>")
                && text.contains("<name>Cells</name>"))
        #expect(
            text.contains("<Style id=\"hot\"><LineStyle><color>ff0000ff</color>")
                && text.contains("<PolyStyle><color>800000ff</color>"))
        #expect(text.contains("<Data name=\"count\"><value>3</value></Data>"))
        #expect(text.contains("<TimeStamp><when>2025-11-22T08:26:40Z</when></TimeStamp>"))
        #expect(
            text.contains(
                "<outerBoundaryIs><LinearRing><coordinates>104.05,1.2 104.1,1.2 104.1,1.25"))
    }

    @Test(
        "CSV: a row per feature with its centre and WKT, every property a column, quoted where needed"
    )
    func csv() throws {
        let lines = try Self.layer().render(.csv).split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,name,latitude,longitude,wkt,count,note,kind,bin,series")
        #expect(
            lines[1] == #"p1,Point one,1.2,104.05,POINT (104.05 1.2),3,"a ""quoted"", text",,,"#)
        #expect(lines[2].contains("LINESTRING (104.05 1.2, 104.1 1.25)"))
        #expect(
            lines[3].contains(
                "\"POLYGON ((104.05 1.2, 104.1 1.2, 104.1 1.25, 104.05 1.25, 104.05 1.2))\"")
                && lines[3].hasSuffix(",3,\"[1,2]\""))
    }

    @Test("KML colours are aabbggrr")
    func colours() {
        #expect(KMLDocument.colour("#d73027") == "ff2730d7")
        #expect(KMLDocument.colour("#000000", opacity: 0) == "00000000")
    }
}
