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
        case .model(let e): e.description
        case .geo(let e): e.description
        case .geoData(let e): e.description
        case .analysis(let e): e.words(n)
        case .routing(let e): e.words(n)
        case .patrol(let e): e.words(n)
        case .output(let e): e.words(n)
        case .unusableFile(let file, let reason): "\(file): \(reason)"
        case .implausible(let r): r.words(n)
        case .notFound(let missing): Self.words(missing, n)
        case .invalidRequest(let problem): Self.words(problem, n)
        case .wrongRunKind(let run, let method, let wanted):
            wanted.count == 1
                ? "hotspot run \(run) is \(method == "emerging" ? "an" : "a") \(method) run, not \(wanted[0]); see \(n(.listHotspotRuns))"
                : "Hotspot run \(run) is a \(method) run; plans take targets from \(Self.list(wanted, or: true)) runs."
        case .logDoesNotVerify(let record, let problem):
            "the sighting log does not verify\(record.map { " at record #\($0)" } ?? ""): \(problem). "
                + "Run \(n(.verifyLog)) for details; no bundle was written"
        case .browser(.missing(let hint)):
            "a PNG needs a headless browser: \(hint). The HTML and SVG maps do not."
        case .browser(.cannotStart(let executable, let reason, let hint)):
            "cannot start \(executable) (\(reason)); \(hint)"
        case .browser(.failed(let file, let png, let status, let message)):
            "Chromium could not render \(file) to \(png) (exit \(status): \(message))"
        case .legsUnconfirmed(let rounds):
            "The plan's legs could not be confirmed on the map after \(rounds) rounds; try another \(n(.seed))."
        case .geoDataIncomplete(let missing, let neededFor):
            "GeoData has no \(missing) for \(neededFor); regenerate GeoData with Tools/make-geodata.sh"
        case .unexpected(let text): text
        }
    }

    static func words(_ missing: Missing, _ n: ControlNames) -> String {
        switch missing {
        case .hotspotRun(let id, let stored):
            "there is no hotspot run \(id)"
                + (stored.isEmpty
                    ? "" : "; the runs are \(stored.map(String.init).joined(separator: ", "))")
                + " (see \(n(.listHotspotRuns)))"
        case .noHotspotRuns(let database):
            "there are no hotspot runs in \(database) yet; run \(n(.runHotspots)) first"
        case .plan(let id, let stored):
            "there is no plan \(id)"
                + (stored.isEmpty
                    ? "" : "; the plans are \(stored.map(String.init).joined(separator: ", "))")
                + " (see \(n(.listPlans)))"
        case .noPlans(let database):
            "there are no patrol plans in \(database) yet; make one with \(n(.makePlan))"
        case .route(let name, let stored):
            "there is no route named \"\(name)\""
                + (stored.isEmpty
                    ? "; store one with \(n(.addRoute))"
                    : "; stored routes: " + stored.joined(separator: ", "))
        case .sighting(let id, let database):
            "there is no sighting \(id) in \(database); find it with \(n(.listSightings))"
        case .evidenceCase(let name):
            "there is no case \"\(name)\" (or it holds no sightings); add sightings with "
                + "\(n(.addToCase)), list cases with \(n(.listCases))"
        case .boat(let callSign, let fleet):
            "There is no boat \(callSign). Boats in the fleet: " + fleet.joined(separator: ", ")
                + "."
        case .noBoats:
            "There are no boats in the fleet yet. Add the demo fleet with \(n(.addDefaultFleet)), or your own with \(n(.addBoat))."
        case .base(let name):
            "Base \(name) is not in the fleet; add it with \(n(.addBase))."
        case .sightingsInPeriod:
            "no sightings match the period and filters; widen \(n(.since))/\(n(.until)) or drop \(n(.activity))/\(n(.vesselType))"
        }
    }

    static func words(_ problem: RequestProblem, _ n: ControlNames) -> String {
        switch problem {
        case .patrolHours(let hours, let allowed):
            "\(n(.hours)) \(hours): a patrol window is \(allowed.lowerBound) to \(Int(allowed.upperBound)) hours."
        case .patrolNights(let nights, let allowed):
            "\(n(.nights)) \(nights): give \(allowed.lowerBound) to \(allowed.upperBound) nights."
        case .top(let top):
            "\(n(.top)) must be 1 or more, not \(top)"
        case .targetDwell(let target, let dwell):
            "\(n(.target)) \"\(target)\": the dwell time \"\(dwell)\" is not a time; write e.g. 20m or 1h"
        case .targetPriority(let target, let priority, let allowed):
            "\(n(.target)) \"\(target)\": priority \"\(priority)\" must be a number from \(allowed.lowerBound) (low) to \(allowed.upperBound) (high)"
        case .targetPlace(let target):
            "\(n(.target)) \"\(target)\": give a waypoint, port or position, e.g. \(n(.target)) \"1.21 104.08=8/20m\""
        case .rendezvousFormat(let text):
            "\(n(.rendezvous)) \"\(text)\": write PLACE@TIME, e.g. \"1.18 104.12@2026-11-22T23:30+07:00\"."
        case .rendezvousTime(let text, let reason):
            "\(n(.rendezvous)) \"\(text)\": \(reason)"
        case .rendezvousOutsideWindow(let time, let start, let hours):
            "\(n(.rendezvous)): \(time.iso8601(offsetMinutes: 420)) is outside the patrol window"
                + " (\(start.iso8601(offsetMinutes: 420)) for \(hours) h)."
        case .nothingToPatrol:
            "Nothing to patrol: no hotspot run has hot spots and no \(n(.target)) was given. Run \(n(.runHotspots)) first,"
                + " or name places with \(n(.target)) \"PLACE=PRIORITY\"."
        case .noJointMeeting:
            "\(n(.joint)): no two boats of different agencies can meet at a hot spot and still get back within their endurance."
                + " Choose boats from nearer bases with \(n(.boats)), or set the place and time with \(n(.rendezvous)) PLACE@TIME."
        case .baseOffWater(let name, let limit):
            "Base \(name) is more than \(Int(limit.metres / 1000)) km from navigable water; correct its position with \(n(.editBase))."
        case .placeOnLand(let name, let limit):
            "\(name) is on land and no navigable water is within \(limit.metricText) of its reference position."
        case .unknownPlace(let text):
            "\"\(text)\" is not a position, a port or base (see: \(n(.listPlaces))) or a stored waypoint (see: \(n(.listWaypoints)))."
                + " Positions look like 1.1275, 103.9267 or 1°07.6'N 103°55.6'E."
        case .ambiguousPlace(let text, let candidates):
            "\"\(text)\" could be any of: "
                + candidates.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ")
                + ". Give more of the name."
        case .notWaypointOrPosition(let text, let error):
            "\"\(text)\" is neither a stored waypoint nor a position (\(error.description)). List waypoints with: \(n(.listWaypoints))"
        case .noSightingsChosen:
            "say which sightings: \(n(.ids)) ID,ID… or \(n(.evidenceCase)) NAME"
        }
    }

    /// "a, b or c".
    static func list(_ items: [String], or: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }
}
