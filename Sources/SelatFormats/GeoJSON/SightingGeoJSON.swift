import Foundation
import SelatGeo
import SelatModel

/// Sightings as RFC 7946 GeoJSON: a FeatureCollection of Points whose properties are the CSV
/// columns (`id`, `observed_at`, `vessel_type`, …), positions `[longitude, latitude]` in WGS84.
public enum SightingGeoJSON {
    /// One feature read from a GeoJSON file, its properties as text, ready for
    /// ``SelatModel/Sighting/reading(_:defaultOffsetMinutes:)``.
    public struct Feature: Sendable {
        /// 1-based position in `features`.
        public let number: Int
        /// The JSON path, e.g. `features[16]`.
        public let path: String
        /// Column values as text (numbers in shortest form); `nil` entries were JSON null.
        public let values: [String: String]
        /// The feature's own JSON text, for a rejects file.
        public let json: String
        /// Why the feature cannot be a sighting, if it cannot.
        public let problem: String?
    }

    /// Reads a FeatureCollection of Points.
    ///
    /// A feature that is not a Point, has bad coordinates, or whose properties are not plain
    /// values comes back with its ``Feature/problem`` set, so it is reported, not dropped.
    /// - Throws: ``FormatError`` if the file is not JSON or not a FeatureCollection.
    public static func read(path: String) throws(FormatError) -> [Feature] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        let name = (path as NSString).lastPathComponent
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            if case .malformed(_, let location, let reason) = error {
                throw .malformed(file: name, location: location, reason: reason + "; check it with a JSON validator")
            }
            throw error
        }
        guard case .object(let object) = root else {
            throw .malformed(file: name, location: "$", reason: "expected a JSON object with \"type\": \"FeatureCollection\"")
        }
        guard case .string("FeatureCollection")? = object["type"] else {
            throw .malformed(file: name, location: "$.type",
                             reason: "expected \"FeatureCollection\", found \(object["type"]?.summary ?? "nothing")")
        }
        guard case .array(let features)? = object["features"] else {
            throw .malformed(file: name, location: "$.features", reason: "expected an array of features")
        }
        return features.enumerated().map { index, element in feature(element, index: index) }
    }

    private static func feature(_ element: JSONValue, index: Int) -> Feature {
        let path = "features[\(index)]"
        func fail(_ reason: String) -> Feature {
            Feature(number: index + 1, path: path, values: [:], json: element.text, problem: reason)
        }
        guard case .object(let f) = element, case .string("Feature")? = f["type"] else {
            return fail("\(path) is not a Feature object")
        }
        guard case .object(let geometry)? = f["geometry"] else {
            return fail("\(path).geometry is missing; a sighting needs a Point")
        }
        guard case .string("Point")? = geometry["type"] else {
            return fail("\(path).geometry.type is \(geometry["type"]?.summary ?? "missing"); only Point sightings can be imported")
        }
        guard case .array(let coords)? = geometry["coordinates"], (2...3).contains(coords.count),
              case .number(let lon) = coords[0], case .number(let lat) = coords[1]
        else {
            return fail("\(path).geometry.coordinates must be [longitude, latitude] numbers")
        }
        var values: [String: String] = ["lat": "\(lat)", "lon": "\(lon)"]
        switch f["properties"] {
        case nil, .null?:
            break
        case .object(let props)?:
            for (key, value) in props {
                if key == "lat" || key == "lon" {
                    // Properties may repeat the position; they must agree with the geometry.
                    if case .number(let v) = value, abs(v - (key == "lat" ? lat : lon)) > 1e-9 {
                        return fail("\(path).properties.\(key) (\(v)) disagrees with the geometry")
                    }
                    continue
                }
                switch value {
                case .null: continue
                case .string(let s): values[key] = s
                case .bool(let b) where SightingColumn(rawValue: key) == nil:
                    // A flag Selat's own exports add (`synthetic`, `on_land`): not a column, reported as ignored.
                    values[key] = b ? "true" : "false"
                case .number(let n):
                    values[key] = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
                default:
                    return fail("\(path).properties.\(key) must be a string or a number, found \(value.summary)")
                }
            }
        case let other?:
            return fail("\(path).properties must be an object, found \(other.summary)")
        }
        return Feature(number: index + 1, path: path, values: values, json: element.text, problem: nil)
    }

    // MARK: Writing

    /// Properties written for every sighting, in order. `unit` and `notes` are personal data and
    /// are written only when asked.
    public static func properties(_ s: Sighting, includePersonal: Bool, extra: [(String, String)] = []) -> [(String, String)] {
        var p: [(String, String)] = [
            ("id", JSONText.string(s.id.rawValue)),
            ("observed_at", JSONText.string(s.observedAt.description)),
            ("observed_at_local", JSONText.string(s.observedAt.asWritten)),
            ("vessel_type", JSONText.string(s.vesselType.rawValue)),
            ("activity", JSONText.string(s.activity.rawValue)),
            ("persons_aboard", s.personsAboard.map { String($0) } ?? "null"),
            ("heading_deg", s.headingDegrees.map { JSONText.number($0, decimals: 1) } ?? "null"),
            ("speed_kn", s.speed.map { JSONText.number($0.knots, decimals: 1) } ?? "null"),
            ("source", s.source.map { JSONText.string($0.rawValue) } ?? "null"),
            ("confidence", s.confidence.map { c in
                if case .value(let v) = c { return JSONText.number(v, decimals: 3) }
                return JSONText.string(c.description)
            } ?? "null"),
        ]
        if includePersonal {
            p.append(("unit", s.unit.map(JSONText.string) ?? "null"))
            p.append(("notes", s.notes.map(JSONText.string) ?? "null"))
        }
        return p + extra
    }

    /// A FeatureCollection of the sightings, with a `bbox`, written to a string.
    public static func featureCollection(_ sightings: [Sighting], includePersonal: Bool) -> String {
        var out = "{\"type\":\"FeatureCollection\""
        let lats = sightings.map(\.position.latitude)
        let lons = sightings.map(\.position.longitude)
        if let west = lons.min(), let south = lats.min(), let east = lons.max(), let north = lats.max() {
            let box = [west, south, east, north].map { JSONText.number($0) }
            out += ",\"bbox\":[" + box.joined(separator: ",") + "]"
        }
        out += ",\"features\":["
        for (i, s) in sightings.enumerated() {
            if i > 0 { out += "," }
            out += "\n" + feature(s, includePersonal: includePersonal)
        }
        return out + "\n]}\n"
    }

    /// One Point feature.
    public static func feature(_ s: Sighting, includePersonal: Bool) -> String {
        let props = properties(s, includePersonal: includePersonal).map { JSONText.string($0.0) + ":" + $0.1 }
        return "{\"type\":\"Feature\",\"id\":" + JSONText.string(s.id.rawValue)
            + ",\"geometry\":" + GeoJSONFeature.pointGeometry(s.position, decimals: 7)
            + ",\"properties\":{" + props.joined(separator: ",") + "}}"
    }
}
