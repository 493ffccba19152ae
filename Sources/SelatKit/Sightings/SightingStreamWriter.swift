import Foundation
import SelatFormats
import SelatModel
import SelatStore
import SelatWords

/// Writes a search's answer a sighting at a time, as ``SightingSearch/stream(_:limit:_:)``
/// reads it, so that nothing grows with the answer: CSV and JSON byte for byte as
/// ``SightingRenderer`` writes them whole; GeoJSON with the collection's `description` (which
/// counts the sightings) and `bbox` after its features — RFC 7946 does not order an object's
/// members, and GDAL, QGIS and Shapely read it the same.
public struct SightingStreamWriter: Sendable {
    public let format: SightingRenderer.Format
    let includePersonal: Bool
    let synthetic: Bool
    let words: Words
    /// Sightings written so far.
    public private(set) var written = 0
    private var box: (west: Double, south: Double, east: Double, north: Double)?

    /// A writer for `format`, or nil for the formats that need the whole answer first (the
    /// table, aligned on its widest values, and GPX).
    public init?(
        format: SightingRenderer.Format, includePersonal: Bool, synthetic: Bool,
        words: Words = Words(.en)
    ) {
        guard Self.streams(format) else { return nil }
        self.format = format
        self.includePersonal = includePersonal
        self.synthetic = synthetic
        self.words = words
    }

    /// Whether `format` is written a sighting at a time (the table and GPX need the whole answer).
    public static func streams(_ format: SightingRenderer.Format) -> Bool {
        [.csv, .json, .geojson].contains(format)
    }

    /// What comes before the first sighting.
    public func head() -> String {
        switch format {
        case .csv: return SightingRenderer.csvHeader(synthetic: synthetic)
        case .json: return "["
        default:
            var out =
                #"{"type":"FeatureCollection","name":"# + JSONText.string(SightingLayer.name(words))
            if synthetic { out += #","synthetic":true"# }
            return out + #","features":["#
        }
    }

    /// One sighting, with what separates it from the one before.
    public mutating func next(_ stored: StoredSighting) -> String {
        defer { written += 1 }
        let s = stored.sighting
        switch format {
        case .csv:
            return SightingRenderer.csvRecord(
                s, includePersonal: includePersonal, synthetic: synthetic)
        case .json:
            return (written == 0 ? "\n" : ",\n")
                + SightingRenderer.jsonObject(
                    stored, includePersonal: includePersonal, synthetic: synthetic)
        default:
            let p = s.position
            if let b = box {
                box = (
                    min(b.west, p.longitude), min(b.south, p.latitude), max(b.east, p.longitude),
                    max(b.north, p.latitude)
                )
            } else {
                box = (p.longitude, p.latitude, p.longitude, p.latitude)
            }
            // What SightingLayer's feature puts in GeoJSON: its id, point and properties (the
            // worded summary is for GPX and KML only).
            var properties = SightingLayer.properties(s, includePersonal: includePersonal)
            if synthetic { properties.append(("synthetic", .bool(true))) }
            return (written == 0 ? "\n" : ",\n")
                + FeatureLayer.geojson(
                    id: s.id.rawValue, geometry: GeoJSONGeometry.point(p).normalised,
                    properties: properties)
        }
    }

    /// What comes after the last sighting.
    public func tail() -> String {
        switch format {
        case .csv: return ""
        case .json: return written == 0 ? "]\n" : "\n]\n"
        default:
            var description = SightingLayer.description(count: written, words)
            if synthetic { description = words("export.synthetic_note") + ". " + description }
            var out = "\n]," + #""description":"# + JSONText.string(description)
            if let b = box {
                out +=
                    #","bbox":["#
                    + [b.west, b.south, b.east, b.north].map { JSONText.number($0) }.joined(
                        separator: ",") + "]"
            }
            return out + "}\n"
        }
    }
}
