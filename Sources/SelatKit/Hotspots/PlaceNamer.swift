import Foundation
import SelatGeo
import SelatGeoData
import SelatModel

/// Places a position by the nearest port or base in GeoData ("2.1 nm NE of Nongsapura").
struct PlaceNamer: Sendable {
    let geoData: GeoData

    /// The nearest port or base, its distance and the bearing from it; nil when GeoData has none.
    func reference(_ c: Coordinate) -> PlaceReference? {
        var best: (place: Place, distance: Distance, bearing: Bearing)?
        for kind in [Place.Kind.port, .base] {
            if let n = geoData.nearest(kind, to: c),
                best == nil || n.distance.metres < best!.distance.metres
            {
                best = n
            }
        }
        guard let best else { return nil }
        return PlaceReference(
            name: Self.shortName(best.place.name), distanceNm: best.distance.nauticalMiles,
            bearingDegrees: best.bearing.degrees)
    }

    /// The reference in words, "-" when there is none.
    func describe(_ c: Coordinate) -> String { reference(c)?.words ?? "-" }

    /// The first part of a reference name, before any bracket, slash or dash note.
    static func shortName(_ name: String) -> String {
        var s = Substring(name)
        for cut in [" (", " / ", " - ", " – "] {
            if let r = s.range(of: cut) { s = s[..<r.lowerBound] }
        }
        return String(s)
    }
}
