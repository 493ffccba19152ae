import ArgumentParser
import Foundation
import SelatKit

/// `selat-bench upgrade-fixtures --out DIR`: the databases the upgrade tests open — as the first
/// schema (v1), the last before the chain and corrections (v6) and the last before the seal (v8) —
/// each with sightings (one on land from v2 on, a correction in v8), waypoints, a route, and from
/// v3 on a hotspot run, a fleet and a setting. Committed in Tests/SelatKitTests/Fixtures/upgrade.
struct UpgradeFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade-fixtures",
        abstract: "Write databases as earlier schema versions stored them.")

    @Option(help: "Folder to write v1.sqlite, v6.sqlite and v8.sqlite into.") var out: String

    /// The sightings every fixture holds.
    static func sightings() throws -> [Sighting] {
        var list: [Sighting] = []
        let base: Int64 = 1_790_000_000_000
        let types = VesselType.allCases
        let activities = Activity.allCases
        for k in 0..<12 {
            list.append(
                try Sighting(
                    id: SightingID("UPG-\(k)"),
                    observedAt: Timestamp(
                        millisecondsSince1970: base + Int64(k) * 3_600_000,
                        offsetMinutes: [420, 480, 0, -180][k % 4]),
                    position: Coordinate(
                        latitude: 1.15 + Double(k) * 0.011, longitude: 104.2 + Double(k) * 0.007),
                    vesselType: types[k % types.count], activity: activities[k % activities.count],
                    personsAboard: k % 3 == 0 ? nil : k * 2,
                    headingDegrees: k % 2 == 0 ? Double(k * 30) : nil,
                    speed: k % 5 == 0 ? nil : Speed(knots: Double(k) + 0.5),
                    source: k % 2 == 0 ? .patrol : .radar,
                    unit: k % 4 == 0 ? "Ditpolairud Kepri" : nil,
                    confidence: k % 3 == 0
                        ? .level(.high) : (k % 3 == 1 ? try Confidence(0.7) : nil),
                    notes: k == 5 ? "notes, with a comma and \"quotes\"\nand a second line" : nil))
        }
        return list
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let names = SelatDatabase.migrationNames
        for (file, migration) in [
            ("v1.sqlite", names[0]), ("v6.sqlite", names[5]), ("v8.sqlite", names[7]),
        ] {
            let path = (out as NSString).appendingPathComponent(file)
            try? FileManager.default.removeItem(atPath: path)
            let version = Int(migration.dropFirst().prefix(while: \.isNumber))!
            var sightings = try Self.sightings()
            if version >= 2 { sightings[3] = try sightings[3].acceptedOnLand() }
            try SelatDatabase.makeFixture(at: path, upTo: migration) { execute in
                var head = SightingChain.genesis
                for (k, s) in sightings.enumerated() {
                    let confidence: (Double?, String?) =
                        switch s.confidence {
                        case .value(let v)?: (v, nil)
                        case .level(let l)?: (nil, l.rawValue)
                        case nil: (nil, nil)
                        }
                    let createdAt = Int64(1_790_100_000_000 + k * 1000)
                    var columns = [
                        "id", "observed_at", "observed_offset_min", "lat", "lon", "cell",
                        "vessel_type", "activity", "persons_aboard",
                        "heading_deg", "speed_kn", "source", "unit", "confidence",
                        "confidence_level", "notes", "content_sha256", "created_at",
                    ]
                    var values: [Any?] = [
                        s.id.rawValue, s.observedAt.millisecondsSince1970,
                        s.observedAt.offsetMinutes, s.position.latitude, s.position.longitude,
                        HilbertKey.key(for: s.position), s.vesselType.rawValue, s.activity.rawValue,
                        s.personsAboard, s.headingDegrees, s.speed?.knots,
                        s.source?.rawValue, s.unit, confidence.0, confidence.1, s.notes,
                        Data(s.contentDigest), createdAt,
                    ]
                    if version >= 2 {
                        columns.append("on_land")
                        values.append(s.onLand ? 1 : 0)
                    }
                    if version >= 7 {
                        head = SightingChain.link(
                            previous: head, id: s.id.rawValue, content: s.contentDigest,
                            createdAt: createdAt, supersedes: nil, reason: nil)
                        columns.append("chain_sha256")
                        values.append(Data(head))
                    }
                    try execute(
                        "INSERT INTO sighting (\(columns.joined(separator: ","))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))",
                        values)
                }
                if version >= 7 {
                    // A correction of UPG-2: a new record that supersedes it.
                    let fixed = try Sighting(
                        id: SightingID("UPG-2-fix"), observedAt: sightings[2].observedAt,
                        position: sightings[2].position,
                        vesselType: .speedboat, activity: .trafficking, personsAboard: 14)
                    let createdAt: Int64 = 1_790_200_000_000
                    head = SightingChain.link(
                        previous: head, id: fixed.id.rawValue, content: fixed.contentDigest,
                        createdAt: createdAt,
                        supersedes: "UPG-2", reason: "count corrected")
                    try execute(
                        """
                        INSERT INTO sighting (id, observed_at, observed_offset_min, lat, lon, cell, vessel_type, activity, persons_aboard, content_sha256,
                            created_at, on_land, chain_sha256, supersedes, correction_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)
                        """,
                        [
                            fixed.id.rawValue, fixed.observedAt.millisecondsSince1970,
                            fixed.observedAt.offsetMinutes, fixed.position.latitude,
                            fixed.position.longitude, HilbertKey.key(for: fixed.position),
                            "speedboat", "trafficking", 14, Data(fixed.contentDigest),
                            createdAt, Data(head), "UPG-2", "count corrected",
                        ])
                    try execute(
                        "INSERT INTO setting (key, value) VALUES ('chain_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        ["13 " + SHA256.hex(head)])
                }
                if version >= 8 {
                    try execute(
                        "INSERT INTO evidence_case (name, sighting_id, added_at) VALUES ('Case 7', 'UPG-4', 1790300000000)",
                        [])
                }
                try execute(
                    "INSERT INTO waypoint (name, kind, lat, lon, notes, created_at) VALUES ('Nongsa pier', 'port', 1.2, 104.1, 'fixture', 1790000000000)",
                    [])
                try execute(
                    "INSERT INTO route (name, kind, notes, created_at) VALUES ('Crossing', 'crossing', NULL, 1790000000000)",
                    [])
                try execute(
                    "INSERT INTO route_point (route_id, seq, waypoint_id, lat, lon) VALUES (1, 0, 1, 1.2, 104.1), (1, 1, NULL, 1.3, 104.3)",
                    [])
                if version >= 3 {
                    try execute(
                        """
                        INSERT INTO hotspot_run (created_at, method, parameters, command, sighting_count, input_sha256, summary, feature_count)
                        VALUES (1790000000000, 'gistar', '{"cell_m":1000}', 'selat hotspots', 12, ?, 'one hot cell', 1)
                        """, [String(repeating: "ab", count: 32)])
                    try execute(
                        """
                        INSERT INTO hotspot_feature (run_id, seq, geometry, properties) VALUES (1, 0,
                        '{"type":"Polygon","coordinates":[[[104.2,1.15],[104.21,1.15],[104.21,1.16],[104.2,1.15]]]}',
                        '{"bin":3,"z":3.1,"p":0.001,"count":5}')
                        """, [])
                }
                if version >= 4 {
                    try execute(
                        "INSERT INTO agency (code, name, country) VALUES ('POLAIR', 'Ditpolairud', 'ID')",
                        [])
                    try execute(
                        "INSERT INTO base (name, agency, lat, lon, source) VALUES ('Sekupang', 'POLAIR', 1.12, 103.95, 'fixture')",
                        [])
                    try execute(
                        "INSERT INTO boat (callsign, agency, home_base, speed_kn, endurance_h, crew, waters) VALUES ('KP-1', 'POLAIR', 'Sekupang', 25, 8, 6, 'national')",
                        [])
                }
                if version >= 6 {
                    try execute("INSERT INTO setting (key, value) VALUES ('note', 'fixture')", [])
                }
            }
            print("wrote \(path) (schema up to \(migration))")
        }
    }
}
