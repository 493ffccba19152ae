import Foundation
import SelatModel

extension PlanNote {
    /// The note as a sentence, with controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .targetsFromRun(let run, let method, let count):
            return method == "dbscan"
                ? n(
                    "plan.note.targets_clusters",
                    ["run": "\(run)", "method": method, "count": "\(count)"])
                : n(
                    "plan.note.targets_cells",
                    ["run": "\(run)", "method": method, "count": "\(count)"])
        case .targetsMovedOffLand(let count, let km):
            return n("plan.note.moved_off_land", ["count": "\(count)", "km": "\(Int(km))"])
        case .targetsLeftOut(let names, let km):
            return n(
                "plan.note.left_out", ["km": "\(Int(km))", "names": names.joined(separator: "; ")])
        case .typedTargetWeight(let unit, let none):
            let weight = n.words.number(unit, decimals: 1)
            return none
                ? n("plan.note.typed_weight_none", ["weight": weight])
                : n("plan.note.typed_weight", ["weight": weight])
        case .targetsLimited(let planned, let of):
            return n(
                "plan.note.limited",
                ["planned": "\(planned)", "of": "\(of)", "max": n(.maxTargets)])
        case .foreignTargets(let count, let coordinated):
            return coordinated
                ? n(
                    "plan.note.foreign_coordinated",
                    ["count": "\(count)", "coordinated": n(.coordinated)])
                : n("plan.note.foreign", ["count": "\(count)", "coordinated": n(.coordinated)])
        case .crossingRoutes(let count, let of):
            return n("plan.note.crossing_routes", ["count": "\(count)", "of": "\(of)"])
        case .jointMeeting(let boats, let place, let time, let minutes):
            return n(
                "plan.note.joint_meeting",
                [
                    "boats": KitError.list(boats, or: false, n), "place": place,
                    "time": n.words.clock(TimeZoneName.clock(time, offsetMinutes: 420)),
                    "minutes": "\(minutes)",
                ])
        case .outOfReach(let count, let names):
            return n(
                "plan.note.out_of_reach",
                [
                    "count": "\(count)",
                    "names": names.prefix(5).joined(separator: "; ")
                        + (names.count > 5 ? "; …" : ""),
                ])
        case .noWaterFromBase(let boat, let base):
            return n("plan.note.no_water_from_base", ["boat": boat, "base": base])
        case .coverageHistory(let source, let nights, let days):
            return n(
                source == "planned" ? "plan.note.history_planned" : "plan.note.history_realised",
                ["nights": "\(nights)", "days": "\(days)"])
        case .stackelberg(let nights, let perNight, let entropy):
            return n(
                "plan.note.stackelberg",
                [
                    "nights": "\(nights)", "per_night": n.words.number(perNight, decimals: 1),
                    "entropy": n.words.number(entropy, decimals: 1),
                ])
        case .undrawnTargets(let count):
            return n("plan.note.undrawn", ["count": "\(count)"])
        case .foreignLegsRemoved(let count):
            return n("plan.note.foreign_legs_removed", ["count": "\(count)"])
        case .boatStaysAtBase(let boat, let base):
            return n("plan.note.stays_at_base", ["boat": boat, "base": base])
        case .recorded(let text):
            return text
        }
    }
}
