import Foundation
import SelatGeo
import SelatGeoData
import SelatModel

/// The plausibility check every typed or imported sighting goes through: what cannot be true is
/// not stored as if it were.
///
/// - A position at exactly 0°, 0° (what a GPS without a fix reports) is refused.
/// - A position on land is refused, naming the island, unless land is allowed (a beached boat, a
///   landing spot): then it is accepted and flagged `on_land`.
/// - A position outside the study region (the GeoData region, or the database's own) is refused
///   unless allowed: then it is flagged `outside_region`. Outside the GeoData region land and
///   sea are unknown, so no land check is made there.
/// - A position in inland water (a lake or lagoon inside an island, cut off from the sea) is
///   kept and flagged `inland_water`.
/// - A time more than five minutes ahead of this computer's clock (the device's clock may be
///   wrong) or before 1990 is refused.
public struct LandCheck: Sendable {
    public let coastline: Coastline
    /// Accept positions on land (and flag them) instead of refusing them.
    public let allowLand: Bool
    /// Accept positions outside the study region (and flag them) instead of refusing them.
    public var allowOutside: Bool
    /// The study region (longitude as x, latitude as y); default the GeoData region.
    public var region: Rect
    /// How the front end spells the controls a refusal names (`allow_land`, `allow_outside`) in
    /// ``Refusal/reason``, which importers write to their rejects.
    public var names: ControlNames = .neutral
    /// The clock a time may not be ahead of (tests set it).
    public var now: @Sendable () -> Timestamp = { Timestamp(Date()) }

    /// How far ahead of the clock a time may be (device clocks drift).
    public static let clockTolerance: Int64 = 5 * 60_000
    /// The earliest time accepted: 1990-01-01T00:00Z (a device whose clock was reset shows 1970 or 1980).
    public static let earliest = Timestamp(millisecondsSince1970: 631_152_000_000)

    public init(
        coastline: Coastline, allowLand: Bool = false, allowOutside: Bool = false,
        region: Rect? = nil
    ) {
        self.coastline = coastline
        self.allowLand = allowLand
        self.allowOutside = allowOutside
        self.region = region ?? coastline.region
    }

    /// Why a sighting is refused: the field, the value, the problem as data and in words.
    public struct Refusal: Error, Sendable {
        public let field: String
        public let value: String
        public let problem: Problem
        /// The problem in words, with the controls spelled as the check's ``LandCheck/names``.
        public let reason: String

        /// What is implausible.
        public enum Problem: Sendable, Equatable {
            /// 0°, 0°: a GPS without a fix.
            case noFix
            /// Ahead of the computer's clock (`now`).
            case aheadOfClock(now: Timestamp)
            /// Before 1990.
            case beforeEarliest
            /// Outside the study region.
            case outsideRegion(Rect)
            /// On land (`island`: the land's name).
            case onLand(island: String)
            /// The sighting could not carry the flags.
            case unflaggable(ModelError)
        }

        /// The offset the time was written with (times in the words are shown in it).
        let offsetMinutes: Int

        init(
            field: String, value: String, problem: Problem, offsetMinutes: Int = 0,
            names: ControlNames
        ) {
            self.field = field
            self.value = value
            self.problem = problem
            self.offsetMinutes = offsetMinutes
            self.reason = Self.words(problem, value: value, offsetMinutes: offsetMinutes, names)
        }

        /// The refusal as one sentence ("the position … is on land (Batam). If …").
        public func words(_ n: ControlNames) -> String {
            let reason = Self.words(problem, value: value, offsetMinutes: offsetMinutes, n)
            if reason.hasPrefix(value) { return reason }
            return field == "observed_at"
                ? n("land.the_time", ["value": value, "reason": reason])
                : n("land.the_position", ["value": value, "reason": reason])
        }

        static func words(_ problem: Problem, value: String, offsetMinutes: Int, _ n: ControlNames)
            -> String
        {
            switch problem {
            case .noFix:
                n("land.no_fix")
            case .aheadOfClock(let clock):
                n("land.ahead_of_clock", ["now": clock.iso8601(offsetMinutes: offsetMinutes)])
            case .beforeEarliest:
                n("land.before_1990")
            case .outsideRegion(let region):
                n(
                    "land.outside_region",
                    ["region": LandCheck.describe(region), "allow": n(.allowOutside)])
            case .onLand(let island):
                LandCheck.onLandWords(value, island: island, n)
            case .unflaggable(let error):
                error.words(n.words)
            }
        }
    }

    /// What the check found about an accepted sighting.
    public struct Findings: Sendable {
        public var onLand = false
        public var outsideRegion = false
        public var inlandWater: LandPolygon?
        public var inlandWaterFound = false
    }

    /// Checks a sighting; returns it flagged as needed.
    /// - Throws: ``Refusal`` naming the field, the value and what to check.
    public func check(_ sighting: Sighting) throws(Refusal) -> Sighting {
        let p = sighting.position
        // only for a refusal: formatting costs more than the checks
        var location: String { p.formatted(.decimal) }
        if p.latitude == 0 && p.longitude == 0 {
            throw Refusal(field: "lat", value: location, problem: .noFix, names: names)
        }
        let t = sighting.observedAt
        let clock = now()
        if t.millisecondsSince1970 > clock.millisecondsSince1970 + Self.clockTolerance {
            throw Refusal(
                field: "observed_at", value: t.asWritten, problem: .aheadOfClock(now: clock),
                offsetMinutes: t.offsetMinutes, names: names)
        }
        if t < Self.earliest {
            throw Refusal(
                field: "observed_at", value: t.asWritten, problem: .beforeEarliest, names: names)
        }
        var flags = Findings()
        let inside =
            p.longitude >= region.minX && p.longitude <= region.maxX && p.latitude >= region.minY
            && p.latitude <= region.maxY
        if !inside {
            guard allowOutside else {
                throw Refusal(
                    field: "lat", value: location, problem: .outsideRegion(region), names: names)
            }
            flags.outsideRegion = true
        }
        if coastline.isLand(p) {
            guard allowLand else {
                throw Refusal(
                    field: "lat", value: location,
                    problem: .onLand(island: land(at: p)?.label ?? "land"), names: names)
            }
            flags.onLand = true
        } else if coastline.isInsideOutline(p) {  // not land (tested above): inland water
            flags.inlandWater = coastline.enclosingLand(of: p)
            flags.inlandWaterFound = true
        }
        guard flags.onLand || flags.outsideRegion || flags.inlandWaterFound else { return sighting }
        do {
            return try sighting.flagged(
                onLand: flags.onLand ? true : nil, outsideRegion: flags.outsideRegion ? true : nil,
                inlandWater: flags.inlandWaterFound ? true : nil)
        } catch {
            throw Refusal(
                field: error.field, value: "", problem: .unflaggable(error),
                names: names)
        }
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
        Self.onLandWords(c.formatted(.decimal), island: land(at: c)?.label ?? "land", names)
    }

    static func onLandWords(_ position: String, island: String, _ n: ControlNames) -> String {
        n("land.on_land", ["position": position, "island": island, "allow": n(.allowLand)])
    }

    /// A region as text: `103.0–109.8 E, 1.6 S–5.4 N`.
    public static func describe(_ r: Rect) -> String {
        func lat(_ v: Double) -> String { String(format: "%.1f %@", abs(v), v < 0 ? "S" : "N") }
        func lon(_ v: Double) -> String { String(format: "%.1f %@", abs(v), v < 0 ? "W" : "E") }
        return "\(lon(r.minX))–\(lon(r.maxX)), \(lat(r.minY))–\(lat(r.maxY))"
    }
}
