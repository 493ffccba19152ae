import Foundation
import SelatGeo

/// Why a fix of a track is kept but not used for distances and visits.
public enum TrackFlag: String, Sendable, Codable, CaseIterable {
    /// On land, further from the shore than a fix's error explains.
    case onLand = "on_land"
    /// Further from the fix before than the boat could have gone in the time between.
    case tooFast = "too_fast"
    /// Timed at or before the fix before it.
    case outOfOrder = "out_of_order"
}

/// Where a track came from: the web app on a phone, or a file of the boat's own instruments.
public enum TrackSource: String, Sendable, Codable, CaseIterable {
    case phone, gpx, nmea
}

/// One stored position of a patrol's track, with where it came from and, if it is not used, why.
public struct TrackFix: Sendable, Hashable, Codable {
    public let time: Timestamp
    public let position: Coordinate
    public let speed: Speed?
    public let courseDegrees: Double?
    public let source: TrackSource
    /// The file it was read from (instrument tracks), and its line or point number.
    public let file: String?
    public let line: Int?
    /// Kept, shown, but not used for distances and visits.
    public let flag: TrackFlag?

    public init(
        time: Timestamp, position: Coordinate, speed: Speed? = nil, courseDegrees: Double? = nil,
        source: TrackSource, file: String? = nil, line: Int? = nil, flag: TrackFlag? = nil
    ) {
        self.time = time
        self.position = position
        self.speed = speed
        self.courseDegrees = courseDegrees
        self.source = source
        self.file = file
        self.line = line
        self.flag = flag
    }
}
