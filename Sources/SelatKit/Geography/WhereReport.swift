import Foundation
import SelatGeo
import SelatGeoData
import SelatWords

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

    /// The report as lines for a terminal, in English.
    public var text: String { text(Words(.en)) }

    /// The report as lines for a terminal, in `w`'s language.
    public func text(_ w: Words) -> String {
        let english = w.language == .en
        let dm: Coordinate.Notation = english ? .degreesMinutes : .degreesMinutesIndonesian
        let labels = [
            w("where.position"), w("where.land_or_sea"), w("where.on_land"), w("where.inland"),
            w("where.waters"), w("where.shore"), w("where.port"), w("where.base"),
        ]
        let width = max(15, (labels.map(\.count).max() ?? 0) + 2)
        func row(_ k: Int, _ text: String) -> String {
            labels[k].padding(toLength: width, withPad: " ", startingAt: 0) + text
        }
        func miles(_ d: Distance) -> String { w.number(d.nauticalMiles, decimals: 2) }
        var lines: [String] = []
        lines.append(row(0, "\(position.formatted(dm))  (\(position.formatted(.decimal)))"))
        if !covered {
            lines.append(row(1, w("where.unknown")))
        } else if let land {
            lines.append(row(2, land.label))
        } else if let island = inlandWaterOf {
            lines.append(row(3, w("where.inland_detail", ["island": island.label])))
        } else {
            lines.append(w("where.at_sea"))
        }
        if let jurisdiction { lines.append(row(4, Self.words(jurisdiction, w))) }
        if let shore {
            lines.append(
                row(
                    5,
                    w(
                        "where.shore_detail",
                        [
                            "miles": miles(shore.distance),
                            "metres": String(format: "%.0f", shore.distance.metres),
                            "point": shore.point.formatted(dm),
                        ])))
        }
        func place(_ k: Int, _ p: (place: Place, distance: Distance, bearing: Bearing)?) {
            guard let p else { return }
            lines.append(
                row(
                    k,
                    w(
                        "where.place_detail",
                        [
                            "miles": miles(p.distance), "bearing": p.bearing.description,
                            "name": p.place.name,
                        ])))
            if !p.place.precision.isEmpty {
                let note =
                    p.place.precision.count > 90
                    ? p.place.precision.prefix(89) + "…" : Substring(p.place.precision)
                lines.append(
                    String(repeating: " ", count: width)
                        + w("where.precision", ["note": String(note)]))
            }
        }
        place(6, nearestPort)
        place(7, nearestBase)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whose side of the boundaries a position is on, in `w`'s language.
    static func words(_ j: Jurisdiction, _ w: Words) -> String {
        switch j {
        case .indonesian(let b):
            w(
                "where.indonesian_side",
                [
                    "line": b.name, "status": b.status,
                    "miles": w.number(b.distance.nauticalMiles, decimals: 1), "segment": b.segment,
                ])
        case .foreign(let b):
            w(
                "where.other_side",
                [
                    "side": b.otherSide, "line": b.name, "status": b.status,
                    "miles": w.number(b.distance.nauticalMiles, decimals: 1), "segment": b.segment,
                ])
        case .unknown(let reason):
            w("where.jurisdiction_unknown", ["reason": reason])
        }
    }
}
