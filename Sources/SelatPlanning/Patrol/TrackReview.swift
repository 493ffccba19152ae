import Foundation
import SelatGeo
import SelatGeoData
import SelatModel

/// Checks each new fix of a track against the last one used, and flags what cannot be the boat's
/// own way: a fix on land (further inland than a fix's error explains), a jump further than the
/// boat could go in the time between, or a time at or before the fix before it. Flagged fixes are
/// kept and shown, never used for distances and visits.
public struct TrackReview: Sendable {
    /// The fastest the boat is taken to go: half again its cruising speed, at least 30 kn; 50 kn
    /// for a boat the fleet does not list.
    public let topSpeed: Speed
    /// How far inland a fix may be before it is flagged (GPS error, piers, coastline detail).
    public var shoreAllowance = Distance.metres(150)
    /// How far a fix may be from the one before beyond what the top speed allows (GPS error).
    public var jumpAllowance = Distance.metres(100)
    private let coastline: Coastline?

    public init(topSpeed: Speed, coastline: Coastline?) {
        self.topSpeed = topSpeed
        self.coastline = coastline
    }

    /// The top speed for a boat of the given cruising speed (nil: not in the fleet).
    public static func topSpeed(cruising: Speed?) -> Speed {
        guard let cruising else { return Speed(knots: 50) }
        return Speed(knots: max(30, cruising.knots * 1.5))
    }

    /// `points` as fixes of `source`, in the order given, each checked against the last fix used
    /// before it (`after`, then the points before it that were not flagged).
    public func review(
        _ points: [TrackPoint], after last: TrackFix?, source: TrackSource, file: String?
    ) -> [TrackFix] {
        var previous = last.map { (time: $0.time, position: $0.position) }
        return points.map { point in
            let flag = self.flag(point.time, point.position, after: previous)
            if flag == nil { previous = (point.time, point.position) }
            return TrackFix(
                time: point.time, position: point.position, speed: point.speed,
                courseDegrees: point.courseDegrees, source: source, file: file,
                line: file == nil ? nil : point.line, flag: flag)
        }
    }

    /// Why a fix at `time`, `position` is not used after `previous`, or nil.
    public func flag(
        _ time: Timestamp, _ position: Coordinate,
        after previous: (time: Timestamp, position: Coordinate)?
    ) -> TrackFlag? {
        if let previous, time <= previous.time { return .outOfOrder }
        if let coastline, coastline.isLand(position) {
            let inland = coastline.nearestShore(to: position)?.distance ?? .metres(.infinity)
            if inland > shoreAllowance { return .onLand }
        }
        if let previous {
            let seconds =
                Double(time.millisecondsSince1970 - previous.time.millisecondsSince1970) / 1000
            let reach = topSpeed.metresPerSecond * seconds + jumpAllowance.metres
            if position.haversineDistance(to: previous.position).metres > reach { return .tooFast }
        }
        return nil
    }
}
