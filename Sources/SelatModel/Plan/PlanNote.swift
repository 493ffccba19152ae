import Foundation
import SelatGeo

/// Something a planner must know about a patrol plan: where its targets came from, what was left
/// out and why, who meets whom. Each case carries its figures; the words are in SelatKit
/// (`PlanNote+Words.swift`). Plans stored before notes were typed keep their sentences
/// (``recorded(_:)``).
public enum PlanNote: Sendable, Hashable {
    /// Targets taken from a hotspot run (`method` as stored: gistar, emerging, dbscan).
    case targetsFromRun(run: Int64, method: String, count: Int)
    /// Hot-spot centres on land or near the shore moved to navigable water.
    case targetsMovedOffLand(count: Int, withinKm: Double)
    /// Hot-spot centres with no navigable water near enough.
    case targetsLeftOut(names: [String], withinKm: Double)
    /// Typed targets weigh their priority times the mean hot-spot risk (`unit`).
    case typedTargetWeight(unit: Double, noHotspots: Bool)
    /// Only the highest-risk targets are planned.
    case targetsLimited(planned: Int, of: Int)
    /// Targets on the neighbours' side of the boundary.
    case foreignTargets(count: Int, coordinated: Bool)
    /// Sea routes between targets and bases that cross the boundary.
    case crossingRoutes(count: Int, of: Int)
    /// Boats of different agencies meet.
    case jointMeeting(boats: [String], place: String, time: Timestamp, minutes: Int)
    /// Targets no chosen boat can reach and return from.
    case outOfReach(count: Int, names: [String])
    /// A boat whose base no navigable water joins to any target.
    case noWaterFromBase(boat: String, base: String)
    /// Nights drawn from a Stackelberg coverage strategy.
    case stackelberg(nights: Int, targetsPerNight: Double, entropyBits: Double)
    /// Drawn targets that did not fit that night's routes.
    case undrawnTargets(count: Int)
    /// Routes found crossing the boundary while drawing the plan.
    case foreignLegsRemoved(count: Int)
    /// A boat with no reachable target stays at its base.
    case boatStaysAtBase(boat: String, base: String)
    /// The nights' coverage started from what the last `days` days did (`realised`: the
    /// patrols' tracks; `planned`: the plans), over `nights` nights of them.
    case coverageHistory(source: String, nights: Int, days: Int)
    /// A note of a plan stored before notes were typed, as it was worded then.
    case recorded(String)
}

extension PlanNote: Codable {
    private enum Kind: String, Codable {
        case targetsFromRun = "targets_from_run"
        case targetsMovedOffLand = "targets_moved_off_land"
        case targetsLeftOut = "targets_left_out"
        case typedTargetWeight = "typed_target_weight"
        case targetsLimited = "targets_limited"
        case foreignTargets = "foreign_targets"
        case crossingRoutes = "crossing_routes"
        case jointMeeting = "joint_meeting"
        case outOfReach = "out_of_reach"
        case noWaterFromBase = "no_water_from_base"
        case stackelberg
        case undrawnTargets = "undrawn_targets"
        case foreignLegsRemoved = "foreign_legs_removed"
        case boatStaysAtBase = "boat_stays_at_base"
        case coverageHistory = "coverage_history"
        case recorded
    }

    private enum Keys: String, CodingKey {
        case kind, run, method, count, withinKm, names, unit, noHotspots, planned, of
        case coordinated, boats, place, time, minutes, boat, base, nights, targetsPerNight
        case entropyBits, text, source, days
    }

    public init(from decoder: any Decoder) throws {
        // Plans stored before notes were typed hold sentences.
        if let single = try? decoder.singleValueContainer(),
            let text = try? single.decode(String.self)
        {
            self = .recorded(text)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .targetsFromRun:
            self = .targetsFromRun(
                run: try c.decode(Int64.self, forKey: .run),
                method: try c.decode(String.self, forKey: .method),
                count: try c.decode(Int.self, forKey: .count))
        case .targetsMovedOffLand:
            self = .targetsMovedOffLand(
                count: try c.decode(Int.self, forKey: .count),
                withinKm: try c.decode(Double.self, forKey: .withinKm))
        case .targetsLeftOut:
            self = .targetsLeftOut(
                names: try c.decode([String].self, forKey: .names),
                withinKm: try c.decode(Double.self, forKey: .withinKm))
        case .typedTargetWeight:
            self = .typedTargetWeight(
                unit: try c.decode(Double.self, forKey: .unit),
                noHotspots: try c.decode(Bool.self, forKey: .noHotspots))
        case .targetsLimited:
            self = .targetsLimited(
                planned: try c.decode(Int.self, forKey: .planned),
                of: try c.decode(Int.self, forKey: .of))
        case .foreignTargets:
            self = .foreignTargets(
                count: try c.decode(Int.self, forKey: .count),
                coordinated: try c.decode(Bool.self, forKey: .coordinated))
        case .crossingRoutes:
            self = .crossingRoutes(
                count: try c.decode(Int.self, forKey: .count),
                of: try c.decode(Int.self, forKey: .of))
        case .jointMeeting:
            self = .jointMeeting(
                boats: try c.decode([String].self, forKey: .boats),
                place: try c.decode(String.self, forKey: .place),
                time: try c.decode(Timestamp.self, forKey: .time),
                minutes: try c.decode(Int.self, forKey: .minutes))
        case .outOfReach:
            self = .outOfReach(
                count: try c.decode(Int.self, forKey: .count),
                names: try c.decode([String].self, forKey: .names))
        case .noWaterFromBase:
            self = .noWaterFromBase(
                boat: try c.decode(String.self, forKey: .boat),
                base: try c.decode(String.self, forKey: .base))
        case .stackelberg:
            self = .stackelberg(
                nights: try c.decode(Int.self, forKey: .nights),
                targetsPerNight: try c.decode(Double.self, forKey: .targetsPerNight),
                entropyBits: try c.decode(Double.self, forKey: .entropyBits))
        case .undrawnTargets:
            self = .undrawnTargets(count: try c.decode(Int.self, forKey: .count))
        case .foreignLegsRemoved:
            self = .foreignLegsRemoved(count: try c.decode(Int.self, forKey: .count))
        case .boatStaysAtBase:
            self = .boatStaysAtBase(
                boat: try c.decode(String.self, forKey: .boat),
                base: try c.decode(String.self, forKey: .base))
        case .coverageHistory:
            self = .coverageHistory(
                source: try c.decode(String.self, forKey: .source),
                nights: try c.decode(Int.self, forKey: .nights),
                days: try c.decode(Int.self, forKey: .days))
        case .recorded:
            self = .recorded(try c.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .targetsFromRun(let run, let method, let count):
            try c.encode(Kind.targetsFromRun, forKey: .kind)
            try c.encode(run, forKey: .run)
            try c.encode(method, forKey: .method)
            try c.encode(count, forKey: .count)
        case .targetsMovedOffLand(let count, let km):
            try c.encode(Kind.targetsMovedOffLand, forKey: .kind)
            try c.encode(count, forKey: .count)
            try c.encode(km, forKey: .withinKm)
        case .targetsLeftOut(let names, let km):
            try c.encode(Kind.targetsLeftOut, forKey: .kind)
            try c.encode(names, forKey: .names)
            try c.encode(km, forKey: .withinKm)
        case .typedTargetWeight(let unit, let none):
            try c.encode(Kind.typedTargetWeight, forKey: .kind)
            try c.encode(unit, forKey: .unit)
            try c.encode(none, forKey: .noHotspots)
        case .targetsLimited(let planned, let of):
            try c.encode(Kind.targetsLimited, forKey: .kind)
            try c.encode(planned, forKey: .planned)
            try c.encode(of, forKey: .of)
        case .foreignTargets(let count, let coordinated):
            try c.encode(Kind.foreignTargets, forKey: .kind)
            try c.encode(count, forKey: .count)
            try c.encode(coordinated, forKey: .coordinated)
        case .crossingRoutes(let count, let of):
            try c.encode(Kind.crossingRoutes, forKey: .kind)
            try c.encode(count, forKey: .count)
            try c.encode(of, forKey: .of)
        case .jointMeeting(let boats, let place, let time, let minutes):
            try c.encode(Kind.jointMeeting, forKey: .kind)
            try c.encode(boats, forKey: .boats)
            try c.encode(place, forKey: .place)
            try c.encode(time, forKey: .time)
            try c.encode(minutes, forKey: .minutes)
        case .outOfReach(let count, let names):
            try c.encode(Kind.outOfReach, forKey: .kind)
            try c.encode(count, forKey: .count)
            try c.encode(names, forKey: .names)
        case .noWaterFromBase(let boat, let base):
            try c.encode(Kind.noWaterFromBase, forKey: .kind)
            try c.encode(boat, forKey: .boat)
            try c.encode(base, forKey: .base)
        case .stackelberg(let nights, let perNight, let entropy):
            try c.encode(Kind.stackelberg, forKey: .kind)
            try c.encode(nights, forKey: .nights)
            try c.encode(perNight, forKey: .targetsPerNight)
            try c.encode(entropy, forKey: .entropyBits)
        case .undrawnTargets(let count):
            try c.encode(Kind.undrawnTargets, forKey: .kind)
            try c.encode(count, forKey: .count)
        case .coverageHistory(let source, let nights, let days):
            try c.encode(Kind.coverageHistory, forKey: .kind)
            try c.encode(source, forKey: .source)
            try c.encode(nights, forKey: .nights)
            try c.encode(days, forKey: .days)
        case .foreignLegsRemoved(let count):
            try c.encode(Kind.foreignLegsRemoved, forKey: .kind)
            try c.encode(count, forKey: .count)
        case .boatStaysAtBase(let boat, let base):
            try c.encode(Kind.boatStaysAtBase, forKey: .kind)
            try c.encode(boat, forKey: .boat)
            try c.encode(base, forKey: .base)
        case .recorded(let text):
            try c.encode(Kind.recorded, forKey: .kind)
            try c.encode(text, forKey: .text)
        }
    }
}
