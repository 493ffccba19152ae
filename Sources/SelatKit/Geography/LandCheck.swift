import Foundation
import SelatGeo
import SelatGeoData

/// The check every typed or imported position goes through: a boat is not on land.
///
/// A position on land is refused, naming the island, unless land is allowed (a beached boat, a
/// landing spot): then the record is accepted and flagged `on_land`. Outside the GeoData region
/// nothing is known, so nothing is refused.
public struct LandCheck: Sendable {
    public let coastline: Coastline
    /// Accept positions on land (and flag them) instead of refusing them.
    public let allowLand: Bool

    public init(coastline: Coastline, allowLand: Bool = false) {
        self.coastline = coastline
        self.allowLand = allowLand
    }

    /// The land the position is on, if any.
    public func land(at c: Coordinate) -> LandPolygon? {
        coastline.isLand(c) ? coastline.land(at: c) : nil
    }

    /// Why a position on land is refused, naming the island.
    ///
    /// Swapped latitude and longitude never reach this check near the islands: a longitude of
    /// 103–110 read as a latitude is out of range, and the position parsers refuse it first with
    /// a "look swapped" hint.
    public func refusal(at c: Coordinate) -> String {
        "\(c.formatted(.decimal)) is on land (\(land(at: c)?.label ?? "land")). "
            + "If the boat was beached or this is a landing spot, use --allow-land"
    }
}
