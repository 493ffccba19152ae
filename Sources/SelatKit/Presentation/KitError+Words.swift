import Foundation
import SelatGeo
import SelatModel

/// The words for each ``KitError`` case, in one place, with the controls and follow-ups spelled
/// by the front end (``ControlNames``): the command line passes `.commandLine`, which spells
/// `--hours` and `` `selat hotspots` ``.
extension KitError {
    public var description: String { words(.neutral) }

    /// The error in words.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .store(let e): e.words(n)
        case .format(let e): e.description
        case .model(let e): e.words(n.words)
        case .geo(let e): e.words(n.words)
        case .geoData(let e): e.description
        case .analysis(let e): e.words(n)
        case .routing(let e): e.words(n)
        case .patrol(let e): e.words(n)
        case .output(let e): e.words(n)
        case .unusableFile(let file, let reason):
            n("kit.unusable_file", ["file": file, "reason": reason])
        case .implausible(let r): r.words(n)
        case .notFound(let missing): Self.words(missing, n)
        case .invalidRequest(let problem): Self.words(problem, n)
        case .wrongRunKind(let run, let method, let wanted):
            wanted.count == 1
                ? n(
                    "kit.wrong_run_kind",
                    [
                        "run": "\(run)", "method": method, "wanted": wanted[0],
                        "list": n(.listHotspotRuns),
                    ])
                : n(
                    "kit.wrong_run_kind_plan",
                    ["run": "\(run)", "method": method, "wanted": Self.list(wanted, or: true, n)])
        case .logDoesNotVerify(let record, let problem):
            record.map {
                n(
                    "kit.log_does_not_verify_at",
                    ["record": "\($0)", "problem": problem, "verify": n(.verifyLog)])
            } ?? n("kit.log_does_not_verify", ["problem": problem, "verify": n(.verifyLog)])
        case .browser(.missing(let hint)):
            n("kit.browser_missing", ["hint": hint])
        case .browser(.cannotStart(let executable, let reason, let hint)):
            n(
                "kit.browser_cannot_start",
                ["executable": executable, "reason": reason, "hint": hint])
        case .browser(.failed(let file, let png, let status, let message)):
            n(
                "kit.browser_failed",
                ["file": file, "png": png, "status": "\(status)", "message": message])
        case .legsUnconfirmed(let rounds):
            n("kit.legs_unconfirmed", ["rounds": "\(rounds)", "seed": n(.seed)])
        case .geoDataIncomplete(let missing, let neededFor):
            n("kit.geodata_incomplete", ["missing": missing, "needed_for": neededFor])
        case .sync(let e): e.words(n)
        case .patrolLog(let e): e.words(n)
        }
    }

    static func words(_ missing: Missing, _ n: ControlNames) -> String {
        switch missing {
        case .hotspotRun(let id, let stored):
            stored.isEmpty
                ? n("kit.no_run", ["run": "\(id)", "list": n(.listHotspotRuns)])
                : n(
                    "kit.no_run_stored",
                    [
                        "run": "\(id)", "list": n(.listHotspotRuns),
                        "stored": stored.map(String.init).joined(separator: ", "),
                    ])
        case .noHotspotRuns(let database):
            n("kit.no_runs", ["database": database, "run": n(.runHotspots)])
        case .plan(let id, let stored):
            stored.isEmpty
                ? n("kit.no_plan", ["plan": "\(id)", "list": n(.listPlans)])
                : n(
                    "kit.no_plan_stored",
                    [
                        "plan": "\(id)", "list": n(.listPlans),
                        "stored": stored.map(String.init).joined(separator: ", "),
                    ])
        case .noPlans(let database):
            n("kit.no_plans", ["database": database, "make": n(.makePlan)])
        case .route(let name, let stored):
            stored.isEmpty
                ? n("kit.no_route", ["name": name, "add": n(.addRoute)])
                : n(
                    "kit.no_route_stored", ["name": name, "stored": stored.joined(separator: ", ")])
        case .sighting(let id, let database):
            n("kit.no_sighting", ["id": id, "database": database, "list": n(.listSightings)])
        case .evidenceCase(let name):
            n("kit.no_case", ["name": name, "add": n(.addToCase), "list": n(.listCases)])
        case .boat(let callSign, let fleet):
            n("kit.no_boat", ["call_sign": callSign, "fleet": fleet.joined(separator: ", ")])
        case .noBoats:
            n("kit.no_boats", ["default": n(.addDefaultFleet), "add": n(.addBoat)])
        case .base(let name):
            n("kit.no_base", ["name": name, "add": n(.addBase)])
        case .sightingsInPeriod:
            n(
                "kit.no_sightings_in_period",
                [
                    "since": n(.since), "until": n(.until), "activity": n(.activity),
                    "vessel_type": n(.vesselType),
                ])
        }
    }

    static func words(_ problem: RequestProblem, _ n: ControlNames) -> String {
        switch problem {
        case .patrolHours(let hours, let allowed):
            n(
                "kit.patrol_hours",
                [
                    "hours": n(.hours), "value": "\(hours)", "low": "\(allowed.lowerBound)",
                    "high": "\(Int(allowed.upperBound))",
                ])
        case .patrolNights(let nights, let allowed):
            n(
                "kit.patrol_nights",
                [
                    "nights": n(.nights), "value": "\(nights)", "low": "\(allowed.lowerBound)",
                    "high": "\(allowed.upperBound)",
                ])
        case .top(let top):
            n("kit.top", ["top": n(.top), "value": "\(top)"])
        case .targetDwell(let target, let dwell):
            n("kit.target_dwell", ["option": n(.target), "target": target, "dwell": dwell])
        case .targetPriority(let target, let priority, let allowed):
            n(
                "kit.target_priority",
                [
                    "option": n(.target), "target": target, "priority": priority,
                    "low": "\(allowed.lowerBound)", "high": "\(allowed.upperBound)",
                ])
        case .targetPlace(let target):
            n("kit.target_place", ["option": n(.target), "target": target])
        case .rendezvousFormat(let text):
            n("kit.rendezvous_format", ["option": n(.rendezvous), "text": text])
        case .rendezvousTime(let text, let reason):
            n("kit.rendezvous_time", ["option": n(.rendezvous), "text": text, "reason": reason])
        case .rendezvousOutsideWindow(let time, let start, let hours):
            n(
                "kit.rendezvous_outside",
                [
                    "option": n(.rendezvous), "time": time.iso8601(offsetMinutes: 420),
                    "start": start.iso8601(offsetMinutes: 420), "hours": "\(hours)",
                ])
        case .nothingToPatrol:
            n("kit.nothing_to_patrol", ["target": n(.target), "run": n(.runHotspots)])
        case .noJointMeeting:
            n(
                "kit.no_joint_meeting",
                ["joint": n(.joint), "boats": n(.boats), "rendezvous": n(.rendezvous)])
        case .baseOffWater(let name, let limit):
            n(
                "kit.base_off_water",
                ["name": name, "km": "\(Int(limit.metres / 1000))", "edit": n(.editBase)])
        case .placeOnLand(let name, let limit):
            n("kit.place_on_land", ["name": name, "limit": limit.metricText])
        case .unknownPlace(let text):
            n(
                "kit.unknown_place",
                ["text": text, "places": n(.listPlaces), "waypoints": n(.listWaypoints)])
        case .ambiguousPlace(let text, let candidates):
            n(
                "kit.ambiguous_place",
                [
                    "text": text,
                    "candidates": candidates.prefix(6).map { "\"\($0)\"" }.joined(separator: ", "),
                ])
        case .notWaypointOrPosition(let text, let error):
            n(
                "kit.not_waypoint_or_position",
                ["text": text, "error": error.words(n.words), "list": n(.listWaypoints)])
        case .noSightingsChosen:
            n("kit.no_sightings_chosen", ["ids": n(.ids), "case": n(.evidenceCase)])
        }
    }

    /// "a, b or c" in the front end's language.
    static func list(_ items: [String], or: Bool, _ n: ControlNames) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return n(
            or ? "kit.list_or" : "kit.list_and",
            ["items": items.dropLast().joined(separator: ", "), "last": items.last!])
    }
}
