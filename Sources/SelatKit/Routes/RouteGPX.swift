import Foundation
import SelatFormats
import SelatGeo
import SelatModel

/// A stored route as a GPX 1.1 route (`rte` of named `rtept`s), for a chartplotter.
public enum RouteGPX {
    /// The GPX text: each point named after its waypoint, or "WP n" for a bare position; the
    /// description gives the kind and total length. Legs are not checked against land here.
    public static func document(_ route: Route, now: Timestamp = Timestamp(Date())) -> String {
        var doc = GPXDocument(name: route.name, description: "Selat route (\(route.kind.rawValue))", time: now)
        let points = route.points.enumerated().map { k, p in
            GPXDocument.Point(position: p.position, name: p.waypointName ?? "WP \(k + 1)")
        }
        doc.addRoute(name: route.name,
                     description: String(format: "%@, %.2f nm, %d legs", route.kind.rawValue, route.length.nauticalMiles, route.legs.count)
                        + (route.notes.map { " — " + $0 } ?? ""),
                     points: points)
        return doc.text
    }
}
