import Foundation
import SelatGeo
import SelatTestSupport
import Testing

@testable import SelatFormats

@Suite("GeoJSON features")
struct GeoJSONFeatureTests {
    @Test("numbers are fixed-point without trailing zeros or -0, positions are [lon,lat]")
    func formatting() throws {
        var p = GeoJSONProperties()
        p.add("a", 1.5)
        p.add("b", -0.0000001)
        p.add("c", 123.456789123, decimals: 4)
        p.add("d", -2.05)
        p.add("e", "x\"y")
        p.add("f", [1, 2])
        p.add("g", Double.nan)
        #expect(p.text == #"{"a":1.5,"b":0,"c":123.4568,"d":-2.05,"e":"x\"y","f":[1,2],"g":null}"#)
        let f = GeoJSONFeature(
            point: try Coordinate(latitude: 1.25, longitude: 104.0000004),
            properties: GeoJSONProperties())
        #expect(f.geometry == #"{"type":"Point","coordinates":[104,1.25]}"#)
        let object = try JSONSerialization.jsonObject(with: Data(f.text.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "Feature")
    }

    @Test("a collection is written whole or not at all")
    func collectionFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.geojson")
        var w = try GeoJSONFeatureCollectionWriter(
            path: path, name: "test", metadata: [("selat", "{\"k\":1}")])
        try w.append(
            GeoJSONFeature(
                point: try Coordinate(latitude: 1, longitude: 104), properties: GeoJSONProperties())
        )
        #expect(!FileManager.default.fileExists(atPath: path))  // not before it is finished
        #expect(try w.finish() == 1)
        let root =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as? [String: Any]
        #expect((root?["features"] as? [Any])?.count == 1 && root?["name"] as? String == "test")
        var abandoned = try GeoJSONFeatureCollectionWriter(path: dir.file("d.geojson"), name: "x")
        try abandoned.append(
            GeoJSONFeature(
                point: try Coordinate(latitude: 1, longitude: 104), properties: GeoJSONProperties())
        )
        abandoned.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["c.geojson"])
    }

    @Test(
        "sighting positions are written to 7 decimals exactly as before (printf rounding) on 100,000 values"
    )
    func sevenDecimalsAgreeWithPrintf() throws {
        var rng = SeededGenerator(seed: 9)
        let typed: [(Double, Double)] = [
            (1.1753, 104.0383), (-0.6, 104.7), (1.05, 103.45), (1.00000005, 104.00000015),
            (-1.00000025, 103.99999995), (0, 105),
        ]
        for k in 0..<(100_000 + typed.count) {
            let (lat, lon) =
                k < typed.count ? typed[k] : (rng.unit() * 14 - 7, 100 + rng.unit() * 15)
            let c = try Coordinate(latitude: lat, longitude: lon)
            let expected =
                #"{"type":"Point","coordinates":["# + JSONText.number(lon) + ","
                + JSONText.number(lat) + "]}"
            #expect(GeoJSONFeature.pointGeometry(c, decimals: 7) == expected, "\(lat), \(lon)")
        }
    }
}
