import Foundation
import SelatModel

/// Why a patrol plan cannot be made as asked, naming the boat and what it cannot do.
public enum PatrolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A boat cannot be at a meeting point in time, or cannot get home afterwards.
    case meetingUnreachable(boat: String, place: String, reason: String)
    /// A meeting names no boat of a second agency, or fewer than two boats.
    case meetingNeedsTwoBoats(place: String)
    /// Nothing asked of the plan is possible (no boat, no target).
    case nothingToPlan(String)

    public var description: String { words(.neutral) }

    /// The error in words, with the controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .meetingUnreachable(let boat, let place, let reason):
            return "\(boat) cannot make the rendezvous at \(place): \(reason)"
        case .meetingNeedsTwoBoats(let place):
            return
                "A rendezvous at \(place) needs at least two boats; choose more boats with \(n(.boats))."
        case .nothingToPlan(let reason):
            return reason
        }
    }
}
