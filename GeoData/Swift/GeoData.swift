import Foundation
import SelatGeo

/// Everything Selat knows about the geography of the province, loaded from the files that ship
/// with it (`GeoData/`, package resources, so an installed `selat` finds them from any folder).
public final class GeoData: Sendable {
    public let coastline: Coastline
    public let ports: [Place]
    public let bases: [Place]
    public let boundaries: BoundaryChains
    /// The maritime boundary lines as drawn on maps (`boundaries.geojson`), with their names.
    public let boundaryLines: [BoundaryLine]

    /// Loads GeoData from a folder holding `coastline.bin`, `ports.geojson`, `bases.geojson`.
    /// - Throws: ``GeoDataError``.
    public init(directory: URL) throws(GeoDataError) {
        coastline = try Coastline(contentsOf: directory.appendingPathComponent("coastline.bin"))
        ports = try PlaceFile.load(directory.appendingPathComponent("ports.geojson"), kind: .port)
        bases = try PlaceFile.load(directory.appendingPathComponent("bases.geojson"), kind: .base)
        boundaries = try BoundaryChains(contentsOf: directory.appendingPathComponent("jurisdiction.geojson"))
        boundaryLines = try BoundaryLine.load(directory.appendingPathComponent("boundaries.geojson"))
    }

    /// The GeoData that ships with Selat.
    /// - Throws: ``GeoDataError/missing(_:)`` if the installation lacks its resources.
    public static func bundled() throws(GeoDataError) -> GeoData {
        guard let url = Bundle.module.url(forResource: "coastline", withExtension: "bin") else {
            throw .missing("coastline.bin")
        }
        return try GeoData(directory: url.deletingLastPathComponent())
    }

    /// Ports and bases together.
    public var places: [Place] { ports + bases }

    /// What a name typed by a person matches among the ports and bases.
    public enum PlaceMatch: Sendable {
        case none
        case one(Place)
        /// Several places, at different positions: the name needs more of itself.
        case several([Place])
    }

    /// The port or base a person means by `text` (case-insensitive): the one with exactly that
    /// name, else the only one whose name starts with it, else the only one containing it. A
    /// port and a base at the same position (a police pier at a ferry terminal) count as one.
    /// - Parameter exactOnly: match whole names only.
    public func place(named text: String, exactOnly: Bool = false) -> PlaceMatch {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return .none }
        if let p = places.first(where: { $0.name.lowercased() == key }) { return .one(p) }
        if exactOnly { return .none }
        for rule in [{ (name: String) in name.hasPrefix(key) }, { (name: String) in name.contains(key) }] {
            let hits = places.filter { rule($0.name.lowercased()) }
            let distinct = hits.reduce(into: [Place]()) { acc, p in
                if !acc.contains(where: { $0.position.distance(to: p.position).metres < 100 }) { acc.append(p) }
            }
            if distinct.count == 1 { return .one(hits[0]) }
            if distinct.count > 1 { return .several(distinct) }
        }
        return .none
    }

    /// The nearest place of a kind, with its geodesic distance and the true bearing to it.
    public func nearest(_ kind: Place.Kind, to c: Coordinate) -> (place: Place, distance: Distance, bearing: Bearing)? {
        let list = kind == .port ? ports : bases
        return list.map { p -> (Place, GeodesicLine) in (p, Geodesic.wgs84.inverse(from: c, to: p.position)) }
            .min { $0.1.distance < $1.1.distance }
            .map { ($0.0, $0.1.distance, Bearing(degrees: $0.1.initialAzimuth)) }
    }
}
