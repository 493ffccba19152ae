import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// Databases written by earlier schema versions (made by `selat-bench upgrade-fixtures`): the
/// first (v1), the last before the chain and corrections (v6), the last before the seal (v8), the
/// last before typed hotspot results (v10).
/// Each opens, migrates, keeps every row byte for byte, verifies, and exports; the chain that v7
/// backfilled and the seals that v9 backfilled are checked record by record against hashes
/// computed here with the `sha256sum` program, not with Selat's own SHA-256.
@Suite("Upgrades: databases of earlier schema versions open, migrate, verify and keep every row")
struct UpgradeTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/upgrade")

    /// A working copy of fixture `version` (`v6`) in `dir`; returns its path.
    static func copy(_ version: String, into dir: TemporaryDirectory) throws -> String {
        let path = dir.file("log.sqlite")
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("\(version).sqlite"),
            to: URL(fileURLWithPath: path))
        return path
    }

    /// Every stored column of every sighting, as the sqlite3 shell prints it.
    static func dump(_ path: String) throws -> String {
        try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", path,
                """
                SELECT seq, id, observed_at, observed_offset_min, lat, lon, cell, vessel_type, activity, persons_aboard, heading_deg,
                       speed_kn, source, unit, confidence, confidence_level, notes, hex(content_sha256), created_at FROM sighting ORDER BY seq
                """,
            ]
        ).out
    }

    /// SHA-256 by the coreutils program, from bytes.
    static func sha256(_ bytes: [UInt8], in dir: TemporaryDirectory) throws -> [UInt8] {
        let file = dir.write("h.bin", bytes)
        return hexBytes(try runProcess("/usr/bin/env", ["sha256sum", file]).out.prefix(64))
    }

    /// The canonical encoding the chain documents (README, "How the hashes are made"), written
    /// again here: text as decimal length, ':' and bytes (0xFF when absent); bytes as count, '#'
    /// and bytes; an integer as 'I' and 8 big-endian bytes.
    struct Encoding {
        var bytes: [UInt8] = []
        mutating func text(_ s: String?) {
            guard let s else {
                bytes.append(0xFF)
                return
            }
            bytes += Array(String(s.utf8.count).utf8) + [0x3A] + Array(s.utf8)
        }
        mutating func blob(_ b: [UInt8]) { bytes += Array(String(b.count).utf8) + [0x23] + b }
        mutating func int(_ v: Int64) {
            bytes.append(0x49)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> UInt64(shift)))
            }
        }
    }

    static func hexBytes(_ hex: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    @Test(
        "each earlier version upgrades: rows kept, chain and seals right record by record, verify passes, exports work",
        arguments: ["v1", "v6", "v8", "v10"])
    func upgrade(version: String) throws {
        let dir = TemporaryDirectory("upgrade-\(version)")
        let path = try Self.copy(version, into: dir)
        let before = try Self.dump(path)
        #expect(before.split(separator: "\n").count >= 12)
        let chainBefore = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", path,
                version == "v8" || version == "v10"
                    ? "SELECT hex(chain_sha256) FROM sighting ORDER BY seq" : "SELECT 1",
            ]
        ).out

        let db = try SelatDatabase(path: path)
        #expect(try Self.dump(path) == before, "a stored value changed in the upgrade")
        let report = try ChainVerifier(database: db).verify()
        #expect(report.verified, "\(report.problem ?? report.integrity)")
        let count = try runProcess(
            "/usr/bin/env", ["sqlite3", path, "SELECT count(*) FROM sighting"]
        ).out
        #expect(String(report.records) + "\n" == count)

        // The chain, record by record: v7 chained the records of v1 and v6 in log order; v8's chain is kept.
        let rows = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", "-separator", "|", path,
                """
                SELECT id, hex(content_sha256), created_at, coalesce(supersedes, '\u{1}'), coalesce(correction_reason, '\u{1}'),
                       hex(chain_sha256), observed_offset_min, hex(seal_sha256) FROM sighting ORDER BY seq
                """,
            ]
        ).out.split(separator: "\n")
        var previous = [UInt8](repeating: 0, count: 32)
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false)
            var e = Encoding()
            e.text("selat-chain-v1")
            e.blob(previous)
            e.text(String(f[0]))
            e.blob(Self.hexBytes(f[1]))
            e.int(Int64(f[2])!)
            e.text(f[3] == "\u{1}" ? nil : String(f[3]))
            e.text(f[4] == "\u{1}" ? nil : String(f[4]))
            let expected = try Self.sha256(e.bytes, in: dir)
            #expect(Self.hexBytes(f[5]) == expected, "chain of \(f[0])")
            previous = expected
            var s = Encoding()
            s.text("selat-seal-v1")
            s.blob(Self.hexBytes(f[1]))
            s.int(Int64(f[6])!)
            #expect(Self.hexBytes(f[7]) == (try Self.sha256(s.bytes, in: dir)), "seal of \(f[0])")
        }
        if version == "v8" || version == "v10" {
            #expect(
                try runProcess(
                    "/usr/bin/env",
                    ["sqlite3", path, "SELECT hex(chain_sha256) FROM sighting ORDER BY seq"]
                ).out == chainBefore)
            #expect(try db.history(of: try SightingID("UPG-2")).count == 2)
            #expect(try db.caseSightingIDs("Case 7").map(\.rawValue) == ["UPG-4"])
        }

        // Everything else kept and usable.
        #expect(try db.waypoints().map(\.name) == ["Nongsa pier"])
        #expect(try db.routes().count == 1)
        let geo = try GeoData.bundled()
        let exported = try Exporter(database: db, geoData: geo).export(
            .sightings(SightingQuery()), format: .csv, includePersonal: true)
        #expect(
            exported.count == 12,
            "the current versions exported (a corrected one only as its correction)")
        if version != "v1" {
            #expect(try db.sighting(id: try SightingID("UPG-3"))?.sighting.onLand == true)
            let hot = try Exporter(database: db, geoData: geo).export(
                .hotspots(run: 1), format: .geojson, includePersonal: false)
            #expect(hot.count == 1)
            #expect(try db.hotspotRuns().count == 4)
            #expect(try db.boats().map(\.callSign) == ["KP-1"])
        }
        // And it takes new records on the upgraded chain.
        _ = try db.insert(
            try Sighting(
                id: SightingID("NEW-1"),
                observedAt: Timestamp(millisecondsSince1970: 1_795_000_000_000, offsetMinutes: 420),
                position: Coordinate(latitude: 1.3, longitude: 104.3)))
        #expect(try ChainVerifier(database: db).verify().verified)
    }

    /// The hotspot features of every run in a fixture, as stored before schema v11.
    static func legacyFeatures(_ path: String) throws -> [(run: Int, properties: [String: Any])] {
        try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", "-separator", "\t", path,
                "SELECT run_id, properties FROM hotspot_feature ORDER BY run_id, seq",
            ]
        ).out.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (
                Int(parts[0])!,
                try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as! [String: Any]
            )
        }
    }

    @Test(
        "hotspot runs stored as GeoJSON become typed results; exports give the same properties; a changed result is refused",
        arguments: ["v6", "v10"])
    func hotspotRunsBecomeTyped(version: String) throws {
        let dir = TemporaryDirectory("upgrade-hot-\(version)")
        let path = try Self.copy(version, into: dir)
        let legacy = try Self.legacyFeatures(path)
        #expect(legacy.count == 6)
        let db = try SelatDatabase(path: path)

        // The values, read once into model types.
        let gistar = try db.hotspotRun(id: 1)
        #expect(gistar.method == .gistar && gistar.outcome == nil)
        let cell = try #require(gistar.results.cells.first)
        #expect(
            cell.cell == "12:-3" && cell.count == 5 && cell.giZ == 3.1 && cell.p == 0.001
                && cell.pFdr == 0.004 && cell.bin == 3 && cell.neighbours == 6)
        #expect(cell.ring.count == 5 && cell.hoursWib?[21] == 2 && cell.hoursWib?[12] == 0)
        let dbscan = try db.hotspotRun(id: 2)
        let cluster = try #require(dbscan.results.clusters.first)
        #expect(cluster.vesselTypes.map(\.value) == ["speedboat", "pompong", "fishing"])
        #expect(
            cluster.activities == [
                Share(value: "trafficking", share: 0.6667),
                Share(value: "smuggling", share: 0.3333),
            ])
        #expect(cluster.count == 12 && cluster.coreCount == 9 && cluster.hull.count == 5)
        #expect(cluster.centroid == (try Coordinate(latitude: 1.155, longitude: 104.205)))
        #expect(cluster.firstSeen == Timestamp(millisecondsSince1970: 1_790_000_000_000))
        let kde = try db.hotspotRun(id: 3)
        #expect(kde.results.contours.map(\.percentVolume) == [50])
        #expect(kde.results.contours.first?.polygons.first?.first?.count == 5)
        #expect(kde.results.peaks.map(\.sightingsWithinBandwidth) == [7])
        let emerging = try db.hotspotRun(id: 4)
        #expect(emerging.results.emergingCells.map(\.pattern) == ["New hot spot"])
        #expect(emerging.results.emergingCells.first?.counts == [0, 0, 1, 4])

        // Exported, each feature carries the properties it was stored with, value for value.
        let geo = try GeoData.bundled()
        var exported: [(Int, [String: Any])] = []
        for run in 1...4 {
            let text = try Exporter(database: db, geoData: geo).export(
                .hotspots(run: Int64(run)), format: .geojson, includePersonal: false
            ).text
            let collection =
                try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            for f in collection["features"] as! [[String: Any]] {
                exported.append((run, f["properties"] as! [String: Any]))
            }
        }
        #expect(exported.count == legacy.count)
        for (old, new) in zip(legacy, exported) {
            #expect(old.run == new.0)
            func json(_ v: Any?) throws -> String {
                String(
                    decoding: try JSONSerialization.data(
                        withJSONObject: [v ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
            }
            for (key, value) in old.properties {
                #expect(
                    try json(new.1[key]) == (try json(value)),
                    "run \(old.run), \(key): \(value) became \(new.1[key] ?? "nothing")")
            }
        }

        // A result changed outside Selat is refused with the run named, never read as something else.
        _ = try runProcess(
            "/usr/bin/env",
            ["sqlite3", path, "UPDATE hotspot_run SET results = '{\"cells\":7}' WHERE id = 1"])
        let reopened = try SelatDatabase(path: path)
        #expect { try reopened.hotspotRun(id: 1) } throws: {
            if case StoreError.unreadableHotspotRun(1, _, _) = $0 { return true }
            return false
        }
    }
}
