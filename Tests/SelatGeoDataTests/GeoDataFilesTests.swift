import Foundation
import SelatTestSupport
import Testing

/// The committed GeoData files, as GIS tools will read them.
@Suite("GeoData files")
struct GeoDataFilesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    /// Twice the signed area of a ring in the lon/lat plane (positive: counter-clockwise).
    static func signedArea(_ ring: [[Double]]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0[0] * $1.1[1] - $1.1[0] * $1.0[1]) }
    }

    @Test(
        "coastline.geojson is RFC 7946: closed rings, exterior counter-clockwise, holes clockwise, in range"
    )
    func coastlineIsRFC7946() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("coastline.geojson"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["crs"] == nil)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 1376)
        var holes = 0
        for f in features {
            let geometry = try #require(f["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Polygon")
            let rings = try #require(geometry["coordinates"] as? [[[Double]]])
            for (i, ring) in rings.enumerated() {
                #expect(ring.count >= 4 && ring.first! == ring.last!)
                #expect(
                    ring.allSatisfy {
                        (103.0...109.8).contains($0[0]) && (-1.6...5.4).contains($0[1])
                    })
                #expect(i == 0 ? Self.signedArea(ring) > 0 : Self.signedArea(ring) < 0)
                if i > 0 { holes += 1 }
            }
        }
        #expect(holes == 2)
    }

    @Test(
        "GDAL opens every GeoData layer",
        arguments: ["coastline", "ports", "bases", "boundaries", "jurisdiction"])
    func gdalOpens(_ name: String) throws {
        let r = try runProcess(
            "/usr/bin/env",
            [
                "ogrinfo", "-ro", "-so", "-al",
                Self.folder.appendingPathComponent("\(name).geojson").path,
            ])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Feature Count:"))
    }
}
