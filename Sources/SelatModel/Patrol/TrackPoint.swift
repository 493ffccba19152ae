import Foundation
import SelatGeo
import SelatWords

/// One position of a boat's track, from the phone or the boat's own instruments (GPX, NMEA 0183).
public struct TrackPoint: Sendable, Hashable, Codable {
    /// When the fix was taken (UTC).
    public let time: Timestamp
    public let position: Coordinate
    /// Speed and course over ground, when the source gave them (NMEA RMC).
    public let speed: Speed?
    public let courseDegrees: Double?
    /// Where in the source file it came from (a line, or a point's number), for messages.
    public let line: Int

    public init(
        time: Timestamp, position: Coordinate, speed: Speed? = nil, courseDegrees: Double? = nil,
        line: Int
    ) {
        self.time = time
        self.position = position
        self.speed = speed
        self.courseDegrees = courseDegrees
        self.line = line
    }
}

/// A line or point of a track file that was not used, and why: the line, the field, the value
/// and what is expected. Track readers give these beside the points; nothing is dropped silently.
public struct TrackProblem: Sendable, Hashable {
    public let line: Int
    public let field: String
    public let value: String
    public let reason: Phrase

    public init(line: Int, field: String, value: String, reason: Phrase) {
        self.line = line
        self.field = field
        self.value = value
        self.reason = reason
    }
}
