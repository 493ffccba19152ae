import Foundation
import SelatModel
import SelatWords

extension PatrolLogError {
    /// The error in words, with controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .noSuchPatrol(let id, let latest):
            latest.isEmpty
                ? n("kit.patrol_log.no_patrols", ["id": "\(id)"])
                : n(
                    "kit.patrol_log.no_such_patrol",
                    ["id": "\(id)", "latest": latest.map(String.init).joined(separator: ", ")])
        case .boatOut(let boat, let patrol):
            n("kit.patrol_log.boat_out", ["boat": boat, "patrol": "\(patrol)"])
        case .boatNotInPlan(let boat, let plan, let boats):
            n(
                "kit.patrol_log.boat_not_in_plan",
                ["boat": boat, "plan": "\(plan)", "boats": boats.joined(separator: ", ")])
        case .noSuchNight(let plan, let night, let nights):
            n(
                "kit.patrol_log.no_such_night",
                ["plan": "\(plan)", "night": "\(night)", "nights": "\(nights)"])
        case .wrongState(let patrol, let state, let step):
            n(
                "kit.patrol_log.wrong_state",
                [
                    "patrol": "\(patrol)", "state": Self.word(state, n.words),
                    "step": Self.word(step, n.words),
                ])
        case .stepBeforeLast(let patrol, let time, let last):
            n(
                "kit.patrol_log.step_before_last",
                ["patrol": "\(patrol)", "time": time.iso8601(), "last": last.iso8601()])
        case .stepInFuture(let time):
            n("kit.patrol_log.step_in_future", ["time": time.iso8601()])
        case .crewTooLong(let count, let limit):
            n("kit.patrol_log.crew_too_long", ["count": "\(count)", "limit": "\(limit)"])
        case .fileAlreadyAdded(let file, let patrol):
            n("kit.patrol_log.file_already_added", ["file": file, "patrol": "\(patrol)"])
        case .unknownTrackFormat(let file):
            n("kit.patrol_log.unknown_format", ["file": file])
        case .noFixes(let file, let refused, let first):
            first.map { p in
                n(
                    "kit.patrol_log.no_fixes_refused",
                    ["file": file, "refused": "\(refused)", "first": Self.words(p, n)])
            } ?? n("kit.patrol_log.no_fixes", ["file": file])
        case .refusedLines(let file, let refused, let first):
            n(
                "kit.patrol_log.refused_lines",
                ["file": file, "refused": "\(refused)", "first": Self.words(first, n)])
        case .badFix(let index, let field, let value):
            n(
                "kit.patrol_log.bad_fix",
                ["index": "\(index)", "field": field, "value": ModelError.clip(value)])
        case .otherAgency(let boat, let agency):
            n("kit.patrol_log.other_agency", ["boat": boat, "agency": agency])
        case .tooManyFixes(let count, let limit):
            n("kit.patrol_log.too_many_fixes", ["count": "\(count)", "limit": "\(limit)"])
        }
    }

    /// A patrol's state in words (`running`, `berjalan`).
    public static func word(_ state: Patrol.State, _ w: Words) -> String {
        switch state {
        case .running: w("patrol.state.running")
        case .paused: w("patrol.state.paused")
        case .ended: w("patrol.state.ended")
        }
    }

    /// A patrol step in words.
    public static func word(_ step: PatrolEvent.Kind, _ w: Words) -> String {
        switch step {
        case .start: w("patrol.step.start")
        case .pause: w("patrol.step.pause")
        case .resume: w("patrol.step.resume")
        case .end: w("patrol.step.end")
        }
    }

    /// One refused line of a track file: its line, field, value and reason.
    public static func words(_ p: TrackProblem, _ n: ControlNames) -> String {
        n(
            "kit.patrol_log.track_problem",
            [
                "line": "\(p.line)", "field": p.field, "value": ModelError.clip(p.value),
                "reason": p.reason.text(n.words),
            ])
    }
}
