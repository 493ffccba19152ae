import Foundation
import SelatGeo
import SelatModel

/// Reading sightings from RFC 7946 GeoJSON: a FeatureCollection of Points whose properties are the
/// CSV columns (`id`, `observed_at`, `vessel_type`, …), positions `[longitude, latitude]` in WGS84.
/// (Writing goes through `FeatureLayer`, like every export.)
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
            throw .unreadableFile(
                path: path,
                reason: FileManager.default.fileExists(atPath: path)
                    ? "permission denied" : "no such file")
        }
        return try read(data: data, fileName: (path as NSString).lastPathComponent)
    }

    /// Reads a FeatureCollection of Points from bytes in memory; `fileName` names it in errors.
    /// - Throws: ``FormatError`` if the bytes are not JSON or not a FeatureCollection.
    public static func read(data: Data, fileName name: String) throws(FormatError) -> [Feature] {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            if case .malformed(_, let location, let reason) = error {
                throw .malformed(
                    file: name, location: location,
                    reason: reason + "; check it with a JSON validator")
            }
            throw error
        }
        guard case .object(let object) = root else {
            throw .malformed(
                file: name, location: "$",
                reason: "expected a JSON object with \"type\": \"FeatureCollection\"")
        }
        guard case .string("FeatureCollection")? = object["type"] else {
            throw .malformed(
                file: name, location: "$.type",
                reason:
                    "expected \"FeatureCollection\", found \(object["type"]?.summary ?? "nothing")")
        }
        guard case .array(let features)? = object["features"] else {
            throw .malformed(
                file: name, location: "$.features", reason: "expected an array of features")
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
            return fail(
                "\(path).geometry.type is \(geometry["type"]?.summary ?? "missing"); only Point sightings can be imported"
            )
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
                    return fail(
                        "\(path).properties.\(key) must be a string or a number, found \(value.summary)"
                    )
                }
            }
        case let other?:
            return fail("\(path).properties must be an object, found \(other.summary)")
        }
        return Feature(
            number: index + 1, path: path, values: values, json: element.text, problem: nil)
    }
}
