import Foundation
import SelatModel

extension PlanNote {
    /// The note as a sentence, with controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .targetsFromRun(let run, let method, let count):
            return "Targets from hotspot run \(run) (\(method)): \(count) hot "
                + (method == "dbscan" ? "clusters" : "cells") + "; risk = sightings there."
        case .targetsMovedOffLand(let count, let km):
            return
                "\(count) hot-spot centres were on land or close to shore and were moved to the nearest navigable water (at most \(Int(km)) km)."
        case .targetsLeftOut(let names, let km):
            return "Left out, no navigable water within \(Int(km)) km of their centre: "
                + names.joined(separator: "; ") + "."
        case .typedTargetWeight(let unit, let none):
            return String(
                format: "Typed targets weigh their priority × %.1f (the mean hot-spot risk%@).",
                unit, none ? ", none here" : "")
        case .targetsLimited(let planned, let of):
            return
                "Only the \(planned) highest-risk of \(of) targets are planned (\(n(.maxTargets)))."
        case .foreignTargets(let count, let coordinated):
            return "\(count) targets are on the neighbours' side of the boundary: "
                + (coordinated
                    ? "only boats with `waters = coordinated` may go there (\(n(.coordinated)))."
                    : "left to coordinated patrols (add \(n(.coordinated)) for boats allowed to cross).")
        case .crossingRoutes(let count, let of):
            return
                "\(count) of the \(of) sea routes between targets and bases cross the boundary (most of them to or from"
                + " targets on the other side); boats that must stay in Indonesian waters do not sail them."
        case .jointMeeting(let boats, let place, let time, let minutes):
            return "Joint patrol: \(boats.joined(separator: " and ")) meet at \(place) at "
                + "\(TimeZoneName.clock(time, offsetMinutes: 420)) for \(minutes) minutes."
        case .outOfReach(let count, let names):
            return
                "\(count) targets are out of reach of every boat chosen (there and back within endurance and the window): "
                + names.prefix(5).joined(separator: "; ") + (names.count > 5 ? "; …" : "") + "."
        case .noWaterFromBase(let boat, let base):
            return
                "\(boat): no navigable water (keeping the clearance) joins its base \(base) to any target."
        case .stackelberg(let nights, let perNight, let entropy):
            return String(
                format:
                    "%d nights drawn from a Stackelberg coverage strategy over %.1f targets a night (ORIGAMI, Kiekintveld et al. 2009); coverage entropy %.1f bits.",
                nights, perNight, entropy)
        case .undrawnTargets(let count):
            return
                "\(count) drawn targets could not be fitted into that night's routes; the table shows planned and issued coverage."
        case .foreignLegsRemoved(let count):
            return
                "\(count) more sea routes were found crossing the boundary when the plan was drawn and were taken out."
        case .boatStaysAtBase(let boat, let base):
            return
                "\(boat) has no target it can reach and return from within its endurance; it stays at \(base)."
        case .recorded(let text):
            return text
        }
    }
}
