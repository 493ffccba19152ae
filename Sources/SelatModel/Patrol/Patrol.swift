import Foundation
import SelatGeo

/// A boat's patrol as it happens: who started it, on which boat, against which plan, its crew,
/// when it started, paused, resumed and ended (each with the position it was done at, when there
/// was a fix), and its track (``TrackFix``, stored beside it).
public struct Patrol: Sendable, Hashable, Codable {
    /// Where the patrol stands.
    public enum State: String, Sendable, Codable, CaseIterable {
        case running, paused, ended
    }

    /// Patrol number, given by the database.
    public var id: Int64
    /// The boat's call sign, as the fleet records it.
    public var boat: String
    /// The boat's agency, when the fleet knows the boat.
    public var agency: String?
    /// The plan the patrol sails, and which of its nights (nil: no plan).
    public var planID: Int64?
    public var night: Int?
    /// The crew, as written by whoever started it.
    public var crew: String?
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    public var state: State
    /// The account (or `cli`) that started it.
    public var startedBy: String
    /// Start, pauses, resumes and end, in order.
    public var events: [PatrolEvent]

    public init(
        id: Int64, boat: String, agency: String?, planID: Int64?, night: Int?, crew: String?,
        startedAt: Timestamp, endedAt: Timestamp?, state: State, startedBy: String,
        events: [PatrolEvent]
    ) {
        self.id = id
        self.boat = boat
        self.agency = agency
        self.planID = planID
        self.night = night
        self.crew = crew
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.state = state
        self.startedBy = startedBy
        self.events = events
    }

    /// The stretches the patrol was paused (a pause not yet resumed runs to `until`).
    public func pauses(until now: Timestamp) -> [ClosedRange<Timestamp>] {
        var result: [ClosedRange<Timestamp>] = []
        var from: Timestamp?
        for event in events {
            switch event.kind {
            case .pause: from = from ?? event.time
            case .resume, .end:
                if let f = from { result.append(f...max(f, event.time)) }
                from = nil
            case .start: break
            }
        }
        if let from { result.append(from...max(from, now)) }
        return result
    }
}

/// A step of a patrol: started, paused, resumed or ended, when, where and by whom.
public struct PatrolEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case start, pause, resume, end
    }

    public let kind: Kind
    public let time: Timestamp
    /// The position it was done at (the phone's or the boat's fix), when there was one.
    public let position: Coordinate?
    public let user: String

    public init(kind: Kind, time: Timestamp, position: Coordinate?, user: String) {
        self.kind = kind
        self.time = time
        self.position = position
        self.user = user
    }
}
