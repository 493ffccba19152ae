import Foundation
import SelatGeo
import SelatModel

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
    case noWaterConnection(from: String, to: String, reason: String)
    /// The routing graph was built for another coastline or clearance.
    case graphMismatch(String)
    /// A leg the router made could not be confirmed at sea (a defect: never shown as a route).
    case unconfirmedLeg(from: Coordinate, to: Coordinate)

    public var description: String { words(.neutral) }

    /// The error in words, with the controls spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .onLand(let label, let position, let island, let water, let distance):
            var text = "\(label) (\(position.formatted(.degreesMinutes))) is on land: \(island)."
            if let water, let distance {
                text +=
                    " The nearest navigable water is \(water.formatted(.degreesMinutes)), \(distance.metricText) away;"
                    + " give that position instead, or add \(n(.snap)) \(Self.snapHint(distance)) to move there automatically."
            } else {
                text += " There is no navigable water within 5 km; check the position."
            }
            return text
        case .tooFarToSnap(let label, let island, let distance, let snap):
            return
                "\(label) is on land (\(island)), \(distance.metricText) from navigable water: more than \(n(.snap)) \(snap.metricText)."
                + " Check the position, or raise \(n(.snap)) if it is right."
        case .outsideCoverage(let label, let position):
            return "\(label) (\(position.formatted(.degreesMinutes))) is outside the coastline data"
                + " (the Riau Islands region); Selat cannot route there."
        case .noWaterConnection(let from, let to, let reason):
            return
                "No water connects \(from) and \(to): \(reason). Selat never draws a straight line over land;"
                + " check that both positions are in the sea and not in an enclosed lake or lagoon."
        case .graphMismatch(let why):
            return
                "The sea-routing graph does not fit this coastline (\(why)); delete the cached graph file so it is rebuilt."
        case .unconfirmedLeg(let from, let to):
            return
                "A leg from \(from.formatted(.degreesMinutes)) to \(to.formatted(.degreesMinutes)) could not be confirmed"
                + " to stay at sea, so no route is given. Please report this with the command you ran."
        }
    }

    /// A round snap distance that covers `d`.
    static func snapHint(_ d: Distance) -> String {
        let nm = d.nauticalMiles
        if nm <= 0.5 { return "0.5nm" }
        return String(format: "%.0fnm", (nm + 0.5).rounded(.up))
    }
}
