import Foundation
import SelatGeo

/// A reference place: a port or ferry terminal, or an agency base.
public struct Place: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case port, base
    }

    public let kind: Kind
    public let name: String
    public let position: Coordinate
    /// ISO country code for ports (ID, MY, SG); nil for bases.
    public let country: String?
    /// The agency, for bases.
    public let agency: String?
    /// What the coordinate represents and how good it is.
    public let precision: String
    /// Where the fact comes from.
    public let source: String
}

/// The GeoJSON the places are stored in (RFC 7946 Points; properties as strings).
struct PlaceFile: Decodable {
    struct Feature: Decodable {
        struct Geometry: Decodable { let coordinates: [Double] }
        let geometry: Geometry
        let properties: [String: String]
    }
    let features: [Feature]

    static func load(_ url: URL, kind: Place.Kind) throws(GeoDataError) -> [Place] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(url.lastPathComponent) }
        let file: PlaceFile
        do { file = try JSONDecoder().decode(PlaceFile.self, from: data) } catch {
            throw .malformed(url.lastPathComponent, "\(error)")
        }
        var places: [Place] = []
        for f in file.features {
            guard f.geometry.coordinates.count >= 2,
                  let position = try? Coordinate(latitude: f.geometry.coordinates[1], longitude: f.geometry.coordinates[0])
            else { throw .malformed(url.lastPathComponent, "a place without a valid position") }
            let p = f.properties
            places.append(Place(kind: kind, name: p["name"] ?? "?", position: position, country: p["country"],
                                agency: p["agency"], precision: p["precision"] ?? p["notes"] ?? "",
                                source: p["source"] ?? ""))
        }
        return places
    }
}
