import Foundation

/// Named tolerances used across the tests.
public enum Tolerance {
    /// Geodesic distance against Karney's reference: 1 mm.
    public static let geodesicDistanceMetres = 1e-3
    /// Azimuths and positions against Karney's reference: 1e-9 degrees (about 0.1 mm).
    public static let geodesicDegrees = 1e-9

    /// Azimuth tolerance for a geodesic of length `metres`: 1e-9° or, for centimetre-scale
    /// lines, the angle that moves the far end sideways by 10 nm, whichever is larger.
    ///
    /// An azimuth over a line of length s is conditioned at about ulp(R)/s radians: one unit in
    /// the last place of a double latitude (~1e-9 m on the ground) over a 36 cm line is already
    /// ~1e-7°, so no double-precision implementation can promise 1e-9° there.
    public static func azimuthDegrees(forLength metres: Double) -> Double {
        max(geodesicDegrees, (1e-8 / max(metres, 1e-12)) * 180 / .pi)
    }
}

/// The smallest difference between two angles in degrees, allowing for wrap-around at ±180.
public func angleDifference(_ a: Double, _ b: Double) -> Double {
    let d = abs((a - b).truncatingRemainder(dividingBy: 360))
    return min(d, 360 - d)
}
