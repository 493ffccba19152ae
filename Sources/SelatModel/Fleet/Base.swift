import Foundation
import SelatGeo

/// Where an agency's boats sail from and return to.
public struct Base: Sendable, Hashable, Codable {
    /// Unique name (case-insensitive).
    public let name: String
    /// The agency's code.
    public let agency: String
    /// The pier, or the reference position it is known by (GeoData's bases are good to 50 m–3 km).
    public let position: Coordinate
    /// Where the position comes from.
    public let source: String?

    /// - Throws: ``ModelError`` for an empty name or malformed agency code.
    public init(name: String, agency: String, position: Coordinate, source: String? = nil)
        throws(ModelError)
    {
        self.name = try FleetName.validated(name, field: "name")
        self.agency = try FleetName.code(agency, field: "agency")
        self.position = position
        self.source = source
    }
}
