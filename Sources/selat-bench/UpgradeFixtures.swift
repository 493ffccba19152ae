import ArgumentParser
import Foundation
import SelatKit

/// `selat-bench upgrade-fixtures --out DIR`: the databases the upgrade tests open — as the first
/// schema (v1), the last before the chain and corrections (v6) and the last before the seal (v8) —
/// each with sightings (one on land from v2 on, a correction in v8), waypoints, a route, and from
/// v3 on a hotspot run of each method (GeoJSON features, as stored before v11), a fleet and a
/// setting; and the last before typed hotspot results (v10). Committed in Tests/SelatKitTests/Fixtures/upgrade.
struct UpgradeFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade-fixtures",
        abstract: "Write databases as earlier schema versions stored them.")

    @Option(help: "Folder to write v1.sqlite, v6.sqlite, v8.sqlite and v10.sqlite into.") var out:
        String

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

    /// Hotspot runs of each method as Selat stored them before schema v11: GeoJSON features with
    /// the properties each method wrote, in the order it wrote them.
    static func legacyHotspotRuns() throws -> [(method: String, features: [GeoJSONFeature])] {
        let ring = try [
            (1.15, 104.2), (1.15, 104.21), (1.16, 104.21), (1.16, 104.2), (1.15, 104.2),
        ]
        .map { try Coordinate(latitude: $0.0, longitude: $0.1) }
        let hours = (0..<24).map { $0 >= 20 || $0 < 2 ? 2 : 0 }
        var gi = GeoJSONProperties()
        gi.add("cell", "12:-3")
        gi.add("count", 5)
        gi.add("gi_z", 3.1)
        gi.add("p", 0.001, decimals: 8)
        gi.add("p_fdr", 0.004, decimals: 8)
        gi.add("bin", 3)
        gi.add("label", "Hot spot, 99% confidence")
        gi.add("neighbours", 6)
        gi.add("hours_wib", hours)
        gi.add("peak_wib", "20:00–00:00 WIB (67%)")
        var cluster = GeoJSONProperties()
        cluster.add("cluster", 0)
        cluster.add("count", 12)
        cluster.add("core_count", 9)
        cluster.add("first_seen", "2026-09-21T14:13:20Z")
        cluster.add("last_seen", "2026-09-22T02:13:20Z")
        cluster.add(
            "vessel_types", shares: [("speedboat", 0.5), ("pompong", 0.25), ("fishing", 0.25)])
        cluster.add("activities", shares: [("trafficking", 0.6667), ("smuggling", 0.3333)])
        cluster.add("hours_wib", hours)
        cluster.add("peak_wib", "20:00–00:00 WIB (67%)")
        var hull = cluster
        hull.add("feature", "hull")
        var centroid = cluster
        centroid.add("feature", "centroid")
        var contour = GeoJSONProperties()
        contour.add("feature", "contour")
        contour.add("percent_volume", 50.0, decimals: 2)
        contour.add("density_km2", 1.25, decimals: 4)
        contour.add("area_km2", 3.5, decimals: 3)
        contour.add("polygons", 1)
        var peak = GeoJSONProperties()
        peak.add("feature", "peak")
        peak.add("rank", 1)
        peak.add("density_km2", 2.5, decimals: 4)
        peak.add("sightings_within_bandwidth", 7)
        peak.add("hours_wib", hours)
        peak.add("peak_wib", "20:00–00:00 WIB (67%)")
        var emerging = GeoJSONProperties()
        emerging.add("cell", "12:-3")
        emerging.add("count", 5)
        emerging.add("pattern", "New hot spot")
        emerging.add("hot_steps", 1)
        emerging.add("cold_steps", 0)
        emerging.add("final_z", 2.9)
        emerging.add("final_p", 0.0037, decimals: 8)
        emerging.add("trend_z", 1.2)
        emerging.add("trend_p", 0.23, decimals: 8)
        emerging.add("trend_tau", 0.4)
        emerging.add("counts", [0, 0, 1, 4])
        let centre = try Coordinate(latitude: 1.155, longitude: 104.205)
        return [
            ("gistar", [GeoJSONFeature(polygon: [ring], properties: gi)]),
            (
                "dbscan",
                [
                    GeoJSONFeature(polygon: [ring], properties: hull),
                    GeoJSONFeature(point: centre, properties: centroid),
                ]
            ),
            (
                "kde",
                [
                    GeoJSONFeature(multiPolygon: [[ring]], properties: contour),
                    GeoJSONFeature(point: centre, properties: peak),
                ]
            ),
            ("emerging", [GeoJSONFeature(polygon: [ring], properties: emerging)]),
        ]
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let names = SelatDatabase.migrationNames
        for (file, migration) in [
            ("v1.sqlite", names[0]), ("v6.sqlite", names[5]), ("v8.sqlite", names[7]),
            ("v10.sqlite", names[9]),
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
                    if version >= 9 {
                        columns.append("seal_sha256")
                        values.append(
                            Data(
                                SightingChain.seal(
                                    content: s.contentDigest,
                                    offsetMinutes: s.observedAt.offsetMinutes)))
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
                    if version >= 9 {
                        try execute(
                            "UPDATE sighting SET seal_sha256 = ? WHERE id = 'UPG-2-fix'",
                            [
                                Data(
                                    SightingChain.seal(
                                        content: fixed.contentDigest,
                                        offsetMinutes: fixed.observedAt.offsetMinutes))
                            ])
                    }
                    try execute(
                        "INSERT INTO setting (key, value) VALUES ('chain_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        ["13 " + SHA256.hex(head)])
                }
                if version >= 10 {
                    let link = CaseChain.link(
                        previous: SightingChain.genesis, name: "Case 7", sightingID: "UPG-4",
                        addedAt: 1_790_300_000_000)
                    try execute(
                        "INSERT INTO evidence_case (name, sighting_id, added_at, seq, link_sha256) VALUES ('Case 7', 'UPG-4', 1790300000000, 1, ?)",
                        [Data(link)])
                    try execute(
                        "INSERT INTO setting (key, value) VALUES ('case_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        ["1 " + SHA256.hex(link)])
                } else if version >= 8 {
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
                    for (k, run) in try Self.legacyHotspotRuns().enumerated() {
                        try execute(
                            """
                            INSERT INTO hotspot_run (created_at, method, parameters, command, sighting_count, input_sha256, summary, feature_count)
                            VALUES (1790000000000, ?, '{"cell_m":1000}', ?, 12, ?, ?, ?)
                            """,
                            [
                                run.method, "selat hotspots --method \(run.method)",
                                String(repeating: "ab", count: 32), "the \(run.method) summary",
                                run.features.count,
                            ])
                        for (seq, f) in run.features.enumerated() {
                            try execute(
                                "INSERT INTO hotspot_feature (run_id, seq, geometry, properties) VALUES (?, ?, ?, ?)",
                                [k + 1, seq, f.geometry, f.properties])
                        }
                    }
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
