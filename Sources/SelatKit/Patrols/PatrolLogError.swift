import Foundation
import SelatModel

/// Why a patrol step or track was refused (`selat patrol`, `/api/v1/patrols`). Nothing is
/// half-stored: a step or a file is stored whole or not at all.
public enum PatrolLogError: Error, Sendable, Equatable {
    /// No patrol with this number (the latest ones listed).
    case noSuchPatrol(id: Int64, latest: [Int64])
    /// The boat is already out on a patrol not ended.
    case boatOut(boat: String, patrol: Int64)
    /// The plan has no route for this boat (the boats it has).
    case boatNotInPlan(boat: String, plan: Int64, boats: [String])
    /// The plan has no such night (how many it has).
    case noSuchNight(plan: Int64, night: Int, nights: Int)
    /// The step cannot be taken in the patrol's state (e.g. resume a running patrol).
    case wrongState(patrol: Int64, state: Patrol.State, step: PatrolEvent.Kind)
    /// A step timed before the step before it.
    case stepBeforeLast(patrol: Int64, time: Timestamp, last: Timestamp)
    /// A step timed later than the clock allows.
    case stepInFuture(time: Timestamp)
    /// The crew text is longer than allowed.
    case crewTooLong(Int, limit: Int)
    /// The file was added to this patrol before (same content).
    case fileAlreadyAdded(file: String, patrol: Int64)
    /// The file's format cannot be told from its name or its first line.
    case unknownTrackFormat(file: String)
    /// The file holds no usable fix (`problems` lines refused, the first of them given).
    case noFixes(file: String, refused: Int, first: TrackProblem?)
    /// `--strict`: some lines were refused, so nothing was added.
    case refusedLines(file: String, refused: Int, first: TrackProblem)
    /// A fix sent by the web app or the API is not usable (its index and field).
    case badFix(index: Int, field: String, value: String)
    /// The boat is of another agency than the account's (only an admin records any boat).
    case otherAgency(boat: String, agency: String)
    /// More fixes in one request than taken.
    case tooManyFixes(Int, limit: Int)
}
