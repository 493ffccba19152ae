import Foundation
import SelatModel
import SelatWords

/// Why a patrol plan cannot be made as asked, naming the boat and what it cannot do.
public enum PatrolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A boat cannot be at a meeting point in time, or cannot get home afterwards.
    case meetingUnreachable(boat: String, place: String, reason: Phrase)
    /// A meeting names no boat of a second agency, or fewer than two boats.
    case meetingNeedsTwoBoats(place: String)
    /// Nothing asked of the plan is possible (no boat, no target).
    case nothingToPlan(String)

    public var description: String { words(.neutral) }

    /// The error in words, with the controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .meetingUnreachable(let boat, let place, let reason):
            return n(
                "patrol.meeting_unreachable",
                ["boat": boat, "place": place, "reason": reason.text(n.words)])
        case .meetingNeedsTwoBoats(let place):
            return n("patrol.meeting_needs_two", ["place": place, "boats": n(.boats)])
        case .nothingToPlan(let reason):
            return reason
        }
    }
}
