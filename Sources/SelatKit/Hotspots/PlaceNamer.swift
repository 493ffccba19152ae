import Foundation
import SelatGeo
import SelatGeoData

/// Names a position for a briefing by the nearest port or base in GeoData:
/// "2.1 nm NE of Nongsapura Ferry Terminal".
struct PlaceNamer: Sendable {
    let geoData: GeoData

    func describe(_ c: Coordinate) -> String {
        var best: (place: Place, distance: Distance, bearing: Bearing)?
        for kind in [Place.Kind.port, .base] {
            if let n = geoData.nearest(kind, to: c),
                best == nil || n.distance.metres < best!.distance.metres
            {
                best = n
            }
        }
        guard let best else { return "-" }
        let name = Self.shortName(best.place.name)
        if best.distance.nauticalMiles < 0.5 { return "at \(name)" }
        return String(
            format: "%.1f nm %@ of %@", best.distance.nauticalMiles,
            Self.compassPoint(best.bearing.degrees), name)
    }

    /// The first part of a reference name, before any bracket, slash or dash note.
    static func shortName(_ name: String) -> String {
        var s = Substring(name)
        for cut in [" (", " / ", " - ", " – "] {
            if let r = s.range(of: cut) { s = s[..<r.lowerBound] }
        }
        return String(s)
    }

    /// N, NE, E, … for a bearing in degrees true.
    static func compassPoint(_ degrees: Double) -> String {
        let points = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
        return points[Int(((degrees + 22.5) / 45).rounded(.down)) % 8]
    }
}
