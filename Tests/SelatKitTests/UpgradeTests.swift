import Foundation
import SelatGeoData
import SelatTestSupport
import Testing

@testable import SelatKit

/// Databases written by earlier schema versions (made by `selat-bench upgrade-fixtures`): the
/// first (v1), the last before the chain and corrections (v6), the last before the seal (v8).
/// Each opens, migrates, keeps every row byte for byte, verifies, and exports; the chain that v7
/// backfilled and the seals that v9 backfilled are checked record by record against hashes
/// computed here with the `sha256sum` program, not with Selat's own SHA-256.
@Suite("Upgrades: databases of earlier schema versions open, migrate, verify and keep every row")
struct UpgradeTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/upgrade")

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
        arguments: ["v1", "v6", "v8"])
    func upgrade(version: String) throws {
        let dir = TemporaryDirectory("upgrade-\(version)")
        let path = dir.file("log.sqlite")
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("\(version).sqlite"),
            to: URL(fileURLWithPath: path))
        let before = try Self.dump(path)
        #expect(before.split(separator: "\n").count >= 12)
        let chainBefore = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", path,
                version == "v8"
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
        if version == "v8" {
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
}
