import Foundation
import SelatGeo
import SelatGeoData

/// What Selat knows about one position: land or sea, which island, the nearest shore, port and base.
public struct WhereReport: Sendable {
    public let position: Coordinate
    /// False when the position is outside the GeoData region (land/sea unknown).
    public let covered: Bool
    public let land: LandPolygon?
    /// The island whose lake or lagoon the position is in (inland water, not the sea).
    public let inlandWaterOf: LandPolygon?
    public let shore: (point: Coordinate, distance: Distance)?
    public let nearestPort: (place: Place, distance: Distance, bearing: Bearing)?
    public let nearestBase: (place: Place, distance: Distance, bearing: Bearing)?
    /// Whose side of the boundaries a sea position is on (nil on land).
    public let jurisdiction: Jurisdiction?

    /// Looks a position up.
    public init(_ position: Coordinate, geoData: GeoData) {
        self.position = position
        let coast = geoData.coastline
        covered = coast.covers(position)
        land = covered ? coast.land(at: position) : nil
        inlandWaterOf = covered && land == nil ? coast.enclosingLand(of: position) : nil
        shore = covered ? coast.nearestShore(to: position) : nil
        nearestPort = geoData.nearest(.port, to: position)
        nearestBase = geoData.nearest(.base, to: position)
        jurisdiction =
            land == nil && inlandWaterOf == nil
            ? geoData.boundaries.jurisdiction(of: position) : nil
    }

    /// The report as lines for a terminal.
    public var text: String {
        var lines: [String] = []
        lines.append(
            "Position       \(position.formatted(.degreesMinutes))  (\(position.formatted(.decimal)))"
        )
        if !covered {
            lines.append(
                "Land or sea    unknown: outside the GeoData region (103.0–109.8 E, 1.6 S–5.4 N)")
        } else if let land {
            lines.append("On land        \(land.label)")
        } else if let island = inlandWaterOf {
            lines.append(
                "Inland water   a lake or lagoon inside \(island.label), cut off from the sea (not at sea)"
            )
        } else {
            lines.append("At sea")
        }
        if let jurisdiction { lines.append("Waters         " + jurisdiction.text) }
        if let shore {
            lines.append(
                String(
                    format: "Nearest shore  %.2f nm (%.0f m) at %@", shore.distance.nauticalMiles,
                    shore.distance.metres,
                    shore.point.formatted(.degreesMinutes)))
        }
        func place(_ title: String, _ p: (place: Place, distance: Distance, bearing: Bearing)?) {
            guard let p else { return }
            lines.append(
                String(
                    format: "%@ %.2f nm, %@ — %@", title, p.distance.nauticalMiles,
                    p.bearing.description, p.place.name))
            if !p.place.precision.isEmpty {
                let note =
                    p.place.precision.count > 90
                    ? p.place.precision.prefix(89) + "…" : Substring(p.place.precision)
                lines.append("               (position: \(note))")
            }
        }
        place("Nearest port  ", nearestPort)
        place("Nearest base  ", nearestBase)
        return lines.joined(separator: "\n") + "\n"
    }
}
