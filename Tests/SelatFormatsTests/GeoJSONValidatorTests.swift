import Foundation
import SelatFormats
import Testing

@Suite("The strict RFC 7946 check names every problem and its place")
struct GeoJSONValidatorTests {
    let check = GeoJSONValidator()

    func problems(_ text: String) -> [String] { check.problems(in: Data(text.utf8)) }

    static let square = "[[104,1],[104.1,1],[104.1,1.1],[104,1.1],[104,1]]"
    static let hole = "[[104.02,1.02],[104.02,1.08],[104.08,1.08],[104.08,1.02],[104.02,1.02]]"

    func collection(_ geometry: String, bbox: String = "", extra: String = "") -> String {
        #"{"type":"FeatureCollection""# + bbox + extra
            + #","features":[{"type":"Feature","geometry":"# + geometry + #","properties":{}}]}"#
    }

    @Test("a valid polygon with a hole, a line and a point pass")
    func valid() {
        #expect(
            problems(
                collection(
                    #"{"type":"Polygon","coordinates":["# + Self.square + "," + Self.hole + "]}",
                    bbox: #","bbox":[104,1,104.1,1.1]"#)
            ).isEmpty)
        #expect(
            problems(collection(#"{"type":"LineString","coordinates":[[104,1],[104.5,1.2]]}"#))
                .isEmpty)
        #expect(
            problems(
                #"{"type":"Feature","geometry":{"type":"Point","coordinates":[104.1234567,1.5]},"properties":null}"#
            ).isEmpty)
        #expect(problems(#"{"type":"Feature","geometry":null,"properties":{"a":1}}"#).isEmpty)
    }

    @Test("a crs member is refused")
    func crs() {
        let p = problems(
            collection(
                #"{"type":"Point","coordinates":[104,1]}"#,
                extra: #","crs":{"type":"name","properties":{"name":"EPSG:4326"}}"#))
        #expect(p.count == 1 && p[0].hasPrefix("$.crs"))
    }

    @Test("a clockwise exterior ring and an anticlockwise hole are named")
    func winding() {
        let cw = "[[104,1],[104,1.1],[104.1,1.1],[104.1,1],[104,1]]"
        let ccwHole = "[[104.02,1.02],[104.08,1.02],[104.08,1.08],[104.02,1.08],[104.02,1.02]]"
        let p = problems(
            collection(#"{"type":"Polygon","coordinates":["# + cw + "," + ccwHole + "]}"))
        #expect(
            p.contains {
                $0.hasPrefix("$.features[0].geometry.coordinates[0]") && $0.contains("clockwise")
            })
        #expect(
            p.contains {
                $0.hasPrefix("$.features[0].geometry.coordinates[1]")
                    && $0.contains("holes clockwise")
            })
    }

    @Test("an open ring, a short ring and a one-point line are refused")
    func shapes() {
        #expect(
            problems(
                collection(
                    #"{"type":"Polygon","coordinates":[[[104,1],[104.1,1],[104.1,1.1],[104,1.1]]]}"#
                )
            ).contains { $0.contains("not closed") })
        #expect(
            problems(collection(#"{"type":"Polygon","coordinates":[[[104,1],[104.1,1],[104,1]]]}"#))
                .contains { $0.contains("4 or more") })
        #expect(
            problems(collection(#"{"type":"LineString","coordinates":[[104,1]]}"#)).contains {
                $0.contains("2 or more")
            })
    }

    @Test(
        "latitude out of range, too many decimals, a bad bbox and a missing properties member are named"
    )
    func values() {
        #expect(
            problems(collection(#"{"type":"Point","coordinates":[1.1,104.2]}"#)).contains {
                $0.contains("latitude 104.2") && $0.contains("[longitude, latitude]")
            })
        #expect(
            problems(collection(#"{"type":"Point","coordinates":[104.123456789,1]}"#)).contains {
                $0.contains("more than 7 decimals")
            })
        #expect(
            problems(
                collection(
                    #"{"type":"Point","coordinates":[104.2,1]}"#, bbox: #","bbox":[103,0,104,2]"#)
            ).contains { $0.hasPrefix("$.bbox") })
        #expect(
            problems(
                #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[104,1]}}]}"#
            )
            .contains { $0.contains("properties: missing") })
        #expect(problems("{not json").first?.hasPrefix("$:") == true)
    }
}

@Suite("Geometry values: read with named errors, written strictly")
struct GeoJSONGeometryTests {
    @Test("normalising closes rings and winds the exterior anticlockwise and holes clockwise")
    func normalise() throws {
        let cw = try GeoJSONGeometry(
            text:
                #"{"type":"Polygon","coordinates":[[[104,1],[104,1.1],[104.1,1.1],[104.1,1]],[[104.02,1.02],[104.02,1.08],[104.08,1.08],[104.08,1.02],[104.02,1.02]]]}"#
        )
        let text = cw.normalised.text()
        let feature = #"{"type":"Feature","geometry":"# + text + #","properties":{}}"#
        #expect(GeoJSONValidator().problems(in: Data(feature.utf8)).isEmpty)
        guard case .polygon(let rings) = cw.normalised else {
            Issue.record("not a polygon")
            return
        }
        #expect(rings[0].first == rings[0].last && rings[0].count == 5)
        #expect(
            GeoJSONGeometry.signedArea(rings[0]) > 0 && GeoJSONGeometry.signedArea(rings[1]) < 0)
    }

    @Test("positions are written with at most 7 decimals, longitude first")
    func decimals() throws {
        let g = try GeoJSONGeometry(
            text: #"{"type":"Point","coordinates":[104.123456789,1.000000049]}"#)
        #expect(g.text() == #"{"type":"Point","coordinates":[104.1234568,1]}"#)
    }

    @Test("a position in the wrong order or an unknown type is refused with its path")
    func refusals() {
        #expect(throws: FormatError.self) {
            try GeoJSONGeometry(text: #"{"type":"Point","coordinates":[1.1,104.2]}"#)
        }
        do {
            _ = try GeoJSONGeometry(
                text: #"{"type":"LineString","coordinates":[[104,1],[104,"x"]]}"#)
            Issue.record("accepted a string position")
        } catch {
            #expect(error.description.contains("geometry.coordinates[1]"))
        }
        do {
            _ = try GeoJSONGeometry(text: #"{"type":"Circle","coordinates":[104,1]}"#)
            Issue.record("accepted a circle")
        } catch {
            #expect(error.description.contains("Circle"))
        }
    }
}
