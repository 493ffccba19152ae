import Foundation
import GRDB
import SelatGeo
import SelatModel

/// Reads the GeoJSON features hotspot runs were stored as before schema v11 into typed results
/// (migration v11). Each property is read by the name Selat wrote it under; a feature that lacks
/// one, or whose geometry is not the kind its method writes, makes the whole run unconvertible
/// (it is then kept as it was, and reported as unreadable when asked for).
struct LegacyHotspotFeatures {
    struct Unreadable: Error {
        let feature: Int
        let reason: String
    }

    let db: Database
    let runID: Int64

    /// The run's typed results, from its stored features in order.
    func results(method: String) throws -> HotspotResults {
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT seq, geometry, properties FROM hotspot_feature WHERE run_id = ? ORDER BY seq",
            arguments: [runID])
        var results = HotspotResults()
        var pendingHull: (geometry: [[[Double]]], properties: Properties)?
        for (k, row) in rows.enumerated() {
            let geometryText: String = row["geometry"]
            let propertiesText: String = row["properties"]
            let p = try Properties(text: propertiesText, feature: k + 1, db: db)
            let g = try Geometry(text: geometryText, feature: k + 1)
            switch method {
            case "gistar":
                results.cells.append(
                    HotspotCell(
                        cell: try p.string("cell"), ring: try g.ring(), count: try p.int("count"),
                        giZ: try p.number("gi_z"), p: try p.number("p"),
                        pFdr: p.optionalNumber("p_fdr"), bin: try p.int("bin"),
                        neighbours: try p.int("neighbours"), hoursWib: p.optionalInts("hours_wib")))
            case "emerging":
                results.emergingCells.append(
                    EmergingCell(
                        cell: try p.string("cell"), ring: try g.ring(), count: try p.int("count"),
                        pattern: try p.string("pattern"), hotSteps: try p.int("hot_steps"),
                        coldSteps: try p.int("cold_steps"), finalZ: try p.number("final_z"),
                        finalP: try p.number("final_p"), trendZ: try p.number("trend_z"),
                        trendP: try p.number("trend_p"), trendTau: try p.number("trend_tau"),
                        counts: try p.ints("counts"), hoursWib: p.optionalInts("hours_wib")))
            case "dbscan":
                switch try p.string("feature") {
                case "hull":
                    pendingHull = (try g.polygon(), p)
                case "centroid":
                    guard let hull = pendingHull else {
                        throw Unreadable(
                            feature: k + 1, reason: "a cluster centre without its outline")
                    }
                    pendingHull = nil
                    results.clusters.append(
                        Cluster(
                            cluster: try p.int("cluster"), count: try p.int("count"),
                            coreCount: try p.int("core_count"),
                            firstSeen: try p.time("first_seen"), lastSeen: try p.time("last_seen"),
                            vesselTypes: try hull.properties.shares("vessel_types"),
                            activities: try hull.properties.shares("activities"),
                            hoursWib: try p.ints("hours_wib"),
                            hull: try Geometry.coordinates(hull.geometry.first ?? [], feature: k),
                            centroid: try g.point()))
                default:
                    throw Unreadable(feature: k + 1, reason: "unknown DBSCAN feature")
                }
            case "kde":
                switch try p.string("feature") {
                case "contour":
                    results.contours.append(
                        DensityContour(
                            percentVolume: try p.number("percent_volume"),
                            densityKm2: try p.number("density_km2"),
                            areaKm2: try p.number("area_km2"), polygons: try g.multiPolygon()))
                case "peak":
                    results.peaks.append(
                        DensityPeak(
                            rank: try p.int("rank"), centre: try g.point(),
                            densityKm2: try p.number("density_km2"),
                            sightingsWithinBandwidth: try p.int("sightings_within_bandwidth"),
                            hoursWib: try p.ints("hours_wib")))
                default:
                    throw Unreadable(feature: k + 1, reason: "unknown density feature")
                }
            default:
                throw Unreadable(feature: k + 1, reason: "unknown method \(method)")
            }
        }
        if pendingHull != nil {
            throw Unreadable(feature: rows.count, reason: "a cluster outline without its centre")
        }
        return results
    }

    /// A JSON number as JSONSerialization gives it (Int, Double or NSNumber, not Bool).
    static func number(_ value: Any) -> Double? {
        switch value {
        case let v as Int: Double(v)
        case let v as Double: v
        case let v as NSNumber where !(value is Bool): v.doubleValue
        default: nil
        }
    }

    /// A feature's properties object.
    struct Properties {
        let object: [String: Any]
        let text: String
        let feature: Int
        let db: Database

        init(text: String, feature: Int, db: Database) throws {
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
                    as? [String: Any]
            else { throw Unreadable(feature: feature, reason: "properties are not a JSON object") }
            self.object = object
            self.text = text
            self.feature = feature
            self.db = db
        }

        func missing(_ key: String) -> Unreadable {
            Unreadable(feature: feature, reason: "property \(key) is missing or of the wrong kind")
        }

        func string(_ key: String) throws -> String {
            guard let v = object[key] as? String else { throw missing(key) }
            return v
        }

        func optionalNumber(_ key: String) -> Double? {
            object[key].flatMap(LegacyHotspotFeatures.number)
        }

        func number(_ key: String) throws -> Double {
            guard let v = optionalNumber(key) else { throw missing(key) }
            return v
        }

        func int(_ key: String) throws -> Int {
            guard let v = optionalNumber(key), v == v.rounded(), abs(v) < 1e15 else {
                throw missing(key)
            }
            return Int(v)
        }

        func optionalInts(_ key: String) -> [Int]? {
            guard let values = object[key] as? [Any] else { return nil }
            let ints = values.compactMap { LegacyHotspotFeatures.number($0).map { Int($0) } }
            return ints.count == values.count ? ints : nil
        }

        func ints(_ key: String) throws -> [Int] {
            guard let v = optionalInts(key) else { throw missing(key) }
            return v
        }

        func time(_ key: String) throws -> Timestamp {
            guard let t = try? Timestamp.parse(try string(key), defaultOffsetMinutes: 0) else {
                throw missing(key)
            }
            return t.timestamp
        }

        /// An object of value → share, in the order it was written (largest share first).
        func shares(_ key: String) throws -> [Share] {
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, value FROM json_each(?, ?) ORDER BY id",
                arguments: [text, "$.\(key)"])
            return try rows.map { row in
                guard let value = row["key"] as String?, let share = row["value"] as Double? else {
                    throw missing(key)
                }
                return Share(value: value, share: share)
            }
        }
    }

    /// A feature's geometry.
    struct Geometry {
        let type: String
        let coordinates: Any
        let feature: Int

        init(text: String, feature: Int) throws {
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
                    as? [String: Any],
                let type = object["type"] as? String, let coordinates = object["coordinates"]
            else {
                throw Unreadable(feature: feature, reason: "geometry is not a GeoJSON geometry")
            }
            self.type = type
            self.coordinates = coordinates
            self.feature = feature
        }

        func wrong(_ wanted: String) -> Unreadable {
            Unreadable(feature: feature, reason: "geometry is a \(type), not a \(wanted)")
        }

        static func position(_ value: Any, feature: Int) throws -> Coordinate {
            let pair = (value as? [Any])?.compactMap(LegacyHotspotFeatures.number) ?? []
            guard pair.count >= 2, let c = try? Coordinate(latitude: pair[1], longitude: pair[0])
            else {
                throw Unreadable(
                    feature: feature, reason: "a position is not [longitude, latitude]")
            }
            return c
        }

        static func coordinates(_ ring: [[Double]], feature: Int) throws -> [Coordinate] {
            guard !ring.isEmpty else { throw Unreadable(feature: feature, reason: "an empty ring") }
            return try ring.map { try position($0, feature: feature) }
        }

        func point() throws -> Coordinate {
            guard type == "Point" else { throw wrong("Point") }
            return try Self.position(coordinates, feature: feature)
        }

        func rings(_ value: Any) throws -> [[[Double]]] {
            guard let rings = value as? [Any], !rings.isEmpty else {
                throw Unreadable(feature: feature, reason: "a polygon without rings")
            }
            return try rings.map { ring in
                guard let positions = ring as? [Any] else {
                    throw Unreadable(feature: feature, reason: "a ring is not a list of positions")
                }
                return try positions.map { position in
                    let pair = (position as? [Any])?.compactMap(LegacyHotspotFeatures.number) ?? []
                    guard pair.count >= 2 else {
                        throw Unreadable(
                            feature: feature, reason: "a position is not [longitude, latitude]")
                    }
                    return pair
                }
            }
        }

        func polygon() throws -> [[[Double]]] {
            guard type == "Polygon" else { throw wrong("Polygon") }
            return try rings(coordinates)
        }

        func ring() throws -> [Coordinate] {
            try Self.coordinates(try polygon()[0], feature: feature)
        }

        func multiPolygon() throws -> [[[Coordinate]]] {
            guard type == "MultiPolygon", let polygons = coordinates as? [Any] else {
                throw wrong("MultiPolygon")
            }
            return try polygons.map { polygon in
                try rings(polygon).map { try Self.coordinates($0, feature: feature) }
            }
        }
    }
}
