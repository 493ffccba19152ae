import Foundation
import SelatGeo
import SelatModel
import SelatWords

/// Why a sea route could not be made, in words a planner can act on.
public enum RoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A typed position is on land. Carries the island and the nearest water, if any is near.
    case onLand(
        label: String, position: Coordinate, island: String, nearestWater: Coordinate?,
        distance: Distance?)
    /// A position on land farther from water than the snap distance allows.
    case tooFarToSnap(label: String, island: String, distance: Distance, snap: Distance)
    /// A position outside the coastline data (nothing is known about land there).
    case outsideCoverage(label: String, position: Coordinate)
    /// No water connects the two points (an enclosed lake or lagoon, or a channel narrower than
    /// the minimum clearance).
    case noWaterConnection(from: String, to: String, reason: Phrase)
    /// The routing graph was built for another coastline or clearance.
    case graphMismatch(String)
    /// A leg the router made could not be confirmed at sea (a defect: never shown as a route).
    case unconfirmedLeg(from: Coordinate, to: Coordinate)

    public var description: String { words(.neutral) }

    /// The error in words, with the controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .onLand(let label, let position, let island, let water, let distance):
            let place = position.formatted(
                n.words.language == .id ? .degreesMinutesIndonesian : .degreesMinutes)
            guard let water, let distance else {
                return n(
                    "routing.on_land_far", ["label": label, "position": place, "island": island])
            }
            return n(
                "routing.on_land",
                [
                    "label": label, "position": place, "island": island,
                    "water": water.formatted(
                        n.words.language == .id ? .degreesMinutesIndonesian : .degreesMinutes),
                    "distance": distance.metricText, "snap": n(.snap),
                    "hint": Self.snapHint(distance),
                ])
        case .tooFarToSnap(let label, let island, let distance, let snap):
            return n(
                "routing.too_far_to_snap",
                [
                    "label": label, "island": island, "distance": distance.metricText,
                    "snap": n(.snap),
                    "limit": snap.metricText,
                ])
        case .outsideCoverage(let label, let position):
            return n(
                "routing.outside_coverage",
                ["label": label, "position": position.formatted(.degreesMinutes)])
        case .noWaterConnection(let from, let to, let reason):
            return n(
                "routing.no_water_connection",
                ["from": from, "to": to, "reason": reason.text(n.words)])
        case .graphMismatch(let why):
            return n("routing.graph_mismatch", ["why": why])
        case .unconfirmedLeg(let from, let to):
            return n(
                "routing.unconfirmed_leg",
                ["from": from.formatted(.degreesMinutes), "to": to.formatted(.degreesMinutes)])
        }
    }

    /// A round snap distance that covers `d`.
    static func snapHint(_ d: Distance) -> String {
        let nm = d.nauticalMiles
        if nm <= 0.5 { return "0.5nm" }
        return String(format: "%.0fnm", (nm + 0.5).rounded(.up))
    }
}
