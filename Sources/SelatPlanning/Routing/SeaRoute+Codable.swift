import Foundation
import SelatGeo

// A route and a matrix as JSON (ResultJSON's snake_case): units in the key names.

extension SeaRoute.Leg: Codable {
    private enum Keys: String, CodingKey {
        case from, to, distanceNm, bearingDeg, closestShoreM, endsAtStop
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            from: try c.decode(Coordinate.self, forKey: .from),
            to: try c.decode(Coordinate.self, forKey: .to),
            distance: .nauticalMiles(try c.decode(Double.self, forKey: .distanceNm)),
            bearing: Bearing(degrees: try c.decode(Double.self, forKey: .bearingDeg)),
            closestShore: try c.decodeIfPresent(Double.self, forKey: .closestShoreM).map {
                .metres($0)
            },
            endsAtStop: try c.decodeIfPresent(Int.self, forKey: .endsAtStop))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(distance.nauticalMiles, forKey: .distanceNm)
        try c.encode(bearing.degrees, forKey: .bearingDeg)
        try c.encodeIfPresent(closestShore?.metres, forKey: .closestShoreM)
        try c.encodeIfPresent(endsAtStop, forKey: .endsAtStop)
    }
}

extension SeaRoute: Codable {
    private enum Keys: String, CodingKey {
        case legs, clearanceM, throughNarrowWater, lengthNm
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            legs: try c.decode([Leg].self, forKey: .legs),
            clearance: .metres(try c.decode(Double.self, forKey: .clearanceM)),
            throughNarrowWater: try c.decode(Bool.self, forKey: .throughNarrowWater))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(legs, forKey: .legs)
        try c.encode(clearance.metres, forKey: .clearanceM)
        try c.encode(throughNarrowWater, forKey: .throughNarrowWater)
        try c.encode(length.nauticalMiles, forKey: .lengthNm)
    }
}
