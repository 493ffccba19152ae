import Foundation
import SelatGeo

/// The words for each ``KitError`` case, in one place (the command line's wording; another front
/// end reads the cases and words them itself).
extension KitError {
    public var description: String {
        switch self {
        case .store(let e): e.description
        case .format(let e): e.description
        case .model(let e): e.description
        case .geo(let e): e.description
        case .geoData(let e): e.description
        case .analysis(let e): e.description
        case .routing(let e): e.description
        case .patrol(let e): e.description
        case .output(let e): e.description
        case .unusableFile(let file, let reason): "\(file): \(reason)"
        case .implausible(let r):
            r.reason.hasPrefix(r.value)
                ? r.reason
                : "\(r.field == "observed_at" ? "the time" : "the position") \(r.value) \(r.reason)"
        case .notFound(let missing): Self.words(missing)
        case .invalidRequest(let problem): Self.words(problem)
        case .wrongRunKind(let run, let method, let wanted):
            wanted.count == 1
                ? "hotspot run \(run) is \(method == "emerging" ? "an" : "a") \(method) run, not \(wanted[0]); see `selat hotspots list`"
                : "Hotspot run \(run) is a \(method) run; plans take targets from \(Self.list(wanted, or: true)) runs."
        case .unreadableRun(let run, let feature, let part):
            "Hotspot run \(run), feature \(feature): "
                + (part == .json
                    ? "its stored properties or geometry are not readable JSON."
                    : "its geometry is neither a point nor a polygon with a position.")
                + " Run the hotspots again (`selat hotspots`) and plan from the new run."
        case .logDoesNotVerify(let record, let problem):
            "the sighting log does not verify\(record.map { " at record #\($0)" } ?? ""): \(problem). "
                + "Run `selat verify` for details; no bundle was written"
        case .browser(.missing(let hint)):
            "a PNG needs a headless browser: \(hint). The HTML and SVG maps do not."
        case .browser(.cannotStart(let executable, let reason, let hint)):
            "cannot start \(executable) (\(reason)); \(hint)"
        case .browser(.failed(let file, let png, let status, let message)):
            "Chromium could not render \(file) to \(png) (exit \(status): \(message))"
        case .legsUnconfirmed(let rounds):
            "The plan's legs could not be confirmed on the map after \(rounds) rounds; try another --seed."
        case .geoDataIncomplete(let missing, let neededFor):
            "GeoData has no \(missing) for \(neededFor); regenerate GeoData with Tools/make-geodata.sh"
        case .unexpected(let text): text
        }
    }

    static func words(_ missing: Missing) -> String {
        switch missing {
        case .hotspotRun(let id, let stored):
            "there is no hotspot run \(id)"
                + (stored.isEmpty
                    ? "" : "; the runs are \(stored.map(String.init).joined(separator: ", "))")
                + " (see `selat hotspots list`)"
        case .noHotspotRuns(let database):
            "there are no hotspot runs in \(database) yet; run `selat hotspots` first"
        case .plan(let id, let stored):
            "there is no plan \(id)"
                + (stored.isEmpty
                    ? "" : "; the plans are \(stored.map(String.init).joined(separator: ", "))")
                + " (see `selat plan list`)"
        case .noPlans(let database):
            "there are no patrol plans in \(database) yet; make one with `selat plan --start TIME --hours 8`"
        case .route(let name, let stored):
            "there is no route named \"\(name)\""
                + (stored.isEmpty
                    ? "; store one with `selat route add`"
                    : "; stored routes: " + stored.joined(separator: ", "))
        case .sighting(let id, let database):
            "there is no sighting \(id) in \(database); find it with `selat sighting list`"
        case .evidenceCase(let name):
            "there is no case \"\(name)\" (or it holds no sightings); add sightings with "
                + "`selat evidence case add \"\(name)\" ID…`, list cases with `selat evidence case list`"
        case .boat(let callSign, let fleet):
            "There is no boat \(callSign). Boats in the fleet: " + fleet.joined(separator: ", ")
                + "."
        case .noBoats:
            "There are no boats in the fleet yet. Add the demo fleet with `selat fleet default`, or your own with `selat fleet boat add`."
        case .base(let name):
            "Base \(name) is not in the fleet; add it with `selat fleet base add`."
        case .sightingsInPeriod:
            "no sightings match the period and filters; widen --since/--until or drop --activity/--vessel-type"
        }
    }

    static func words(_ problem: RequestProblem) -> String {
        switch problem {
        case .patrolHours(let hours, let allowed):
            "--hours \(hours): a patrol window is \(allowed.lowerBound) to \(Int(allowed.upperBound)) hours."
        case .patrolNights(let nights, let allowed):
            "--nights \(nights): give \(allowed.lowerBound) to \(allowed.upperBound) nights."
        case .top(let top):
            "--top must be 1 or more, not \(top)"
        case .targetDwell(let target, let dwell):
            "--target \"\(target)\": the dwell time \"\(dwell)\" is not a time; write e.g. 20m or 1h"
        case .targetPriority(let target, let priority, let allowed):
            "--target \"\(target)\": priority \"\(priority)\" must be a number from \(allowed.lowerBound) (low) to \(allowed.upperBound) (high)"
        case .targetPlace(let target):
            "--target \"\(target)\": give a waypoint, port or position, e.g. --target \"1.21 104.08=8/20m\""
        case .rendezvousFormat(let text):
            "--rendezvous \"\(text)\": write PLACE@TIME, e.g. \"1.18 104.12@2026-11-22T23:30+07:00\"."
        case .rendezvousTime(let text, let reason):
            "--rendezvous \"\(text)\": \(reason)"
        case .rendezvousOutsideWindow(let time, let start, let hours):
            "--rendezvous: \(time.iso8601(offsetMinutes: 420)) is outside the patrol window"
                + " (\(start.iso8601(offsetMinutes: 420)) for \(hours) h)."
        case .nothingToPatrol:
            "Nothing to patrol: no hotspot run has hot spots and no --target was given. Run `selat hotspots` first,"
                + " or name places with --target \"PLACE=PRIORITY\"."
        case .noJointMeeting:
            "--joint: no two boats of different agencies can meet at a hot spot and still get back within their endurance."
                + " Choose boats from nearer bases with --boats, or set the place and time with --rendezvous PLACE@TIME."
        case .baseOffWater(let name, let limit):
            "Base \(name) is more than \(Int(limit.metres / 1000)) km from navigable water; correct its position with `selat fleet base`."
        case .placeOnLand(let name, let limit):
            "\(name) is on land and no navigable water is within \(limit.metricText) of its reference position."
        case .unknownPlace(let text):
            "\"\(text)\" is not a position, a port or base (see: selat places) or a stored waypoint (see: selat waypoint list)."
                + " Positions look like 1.1275, 103.9267 or 1°07.6'N 103°55.6'E."
        case .ambiguousPlace(let text, let candidates):
            "\"\(text)\" could be any of: "
                + candidates.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ")
                + ". Give more of the name."
        case .notWaypointOrPosition(let text, let error):
            "\"\(text)\" is neither a stored waypoint nor a position (\(error.description)). List waypoints with: selat waypoint list"
        case .noSightingsChosen:
            "say which sightings: --ids ID,ID… or --case NAME"
        }
    }

    /// "a, b or c".
    static func list(_ items: [String], or: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }
}
