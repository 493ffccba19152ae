import Foundation
import SelatGeo

/// A hot spot of the clustered benchmark data (``SyntheticSightings/Spread/clustered``): where,
/// how dense (its share of all records and its spread), how elongated and which way, and how it
/// changes over the period. Positions are drawn from a two-dimensional normal distribution whose
/// axes are `majorKm` and `minorKm` (one standard deviation), the major one on `bearingDegrees`.
public struct SyntheticHotSpot: Sendable, Hashable {
    /// How the hot spot's records fall over the period.
    public enum Trend: String, Sendable, CaseIterable {
        /// Evenly.
        case steady
        /// More and more (density rising linearly from nothing).
        case rising
        /// Fewer and fewer (density falling linearly to nothing).
        case fading
        /// Only in the last fifth of the period.
        case new
    }

    public let centre: Coordinate
    /// Its share of all records (the hot spots' shares sum to at most 1; the rest is background).
    public let share: Double
    public let majorKm: Double
    public let minorKm: Double
    /// Of the major axis, clockwise from north.
    public let bearingDegrees: Double
    public let trend: Trend

    public init(
        centre: Coordinate, share: Double, majorKm: Double, minorKm: Double,
        bearingDegrees: Double = 0, trend: Trend = .steady
    ) {
        self.centre = centre
        self.share = share
        self.majorKm = majorKm
        self.minorKm = minorKm
        self.bearingDegrees = bearingDegrees
        self.trend = trend
    }

    /// Reads `LAT,LON,SHARE,MAJOR_KM[,MINOR_KM[,BEARING[,TREND]]]`, e.g.
    /// `1.215,104.06,0.2,1.2,0.4,20,steady`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (4...7).contains(parts.count), let lat = Double(parts[0]), let lon = Double(parts[1]),
            let centre = try? Coordinate(latitude: lat, longitude: lon),
            let share = Double(parts[2]), (0...1).contains(share), let major = Double(parts[3]),
            major > 0
        else { return nil }
        let minor = parts.count > 4 ? Double(parts[4]) : major
        let bearing = parts.count > 5 ? Double(parts[5]) : 0
        let trend = parts.count > 6 ? Trend(rawValue: parts[6]) : .steady
        guard let minor, minor > 0, let bearing, let trend else { return nil }
        self.init(
            centre: centre, share: share, majorKm: major, minorKm: minor, bearingDegrees: bearing,
            trend: trend)
    }

    /// The default clustered year, like the one issue 22 describes: a fifth of all reports within a
    /// few kilometres of one crossing point off Batam (elongated along the crossing), four smaller hot
    /// spots that are steady, rising, fading and new, and 55 % background.
    public static let defaults: [SyntheticHotSpot] = [
        .init(
            centre: try! Coordinate(latitude: 1.215, longitude: 104.06), share: 0.20, majorKm: 1.2,
            minorKm: 0.4, bearingDegrees: 20),
        .init(
            centre: try! Coordinate(latitude: 1.30, longitude: 104.26), share: 0.08, majorKm: 2,
            minorKm: 1, trend: .rising),
        .init(
            centre: try! Coordinate(latitude: 1.12, longitude: 103.55), share: 0.06, majorKm: 3,
            minorKm: 1.5, bearingDegrees: 60, trend: .fading),
        .init(
            centre: try! Coordinate(latitude: 1.05, longitude: 103.43), share: 0.05, majorKm: 1.5,
            minorKm: 1.5, trend: .new),
        .init(
            centre: try! Coordinate(latitude: 1.36, longitude: 104.03), share: 0.06, majorKm: 2.5,
            minorKm: 0.8, bearingDegrees: 120),
    ]

    /// A position drawn from the hot spot.
    func position(_ rng: inout SeededGenerator) -> (lat: Double, lon: Double) {
        let a = rng.normal() * majorKm
        let b = rng.normal() * minorKm
        let theta = bearingDegrees * .pi / 180
        let east = a * sin(theta) + b * cos(theta)
        let north = a * cos(theta) - b * sin(theta)
        let lat = centre.latitude + north / 111.32
        let lon = centre.longitude + east / (111.32 * cos(centre.latitude * .pi / 180))
        return (lat, lon)
    }

    /// When in the period (0 to 1) a record of the hot spot falls.
    func moment(_ rng: inout SeededGenerator) -> Double {
        let u = rng.unit()
        switch trend {
        case .steady: return u
        case .rising: return u.squareRoot()
        case .fading: return 1 - u.squareRoot()
        case .new: return 0.8 + 0.2 * u
        }
    }
}
