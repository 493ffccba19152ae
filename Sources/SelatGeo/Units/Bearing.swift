import Foundation

/// A direction in degrees true (clockwise from true north), normalised to [0, 360).
public struct Bearing: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Degrees true in [0, 360).
    public let degrees: Double

    /// Creates a bearing, reducing any finite angle to [0, 360).
    public init(degrees: Double) {
        precondition(degrees.isFinite, "bearing must be finite")
        var d = fmod(degrees, 360)
        if d < 0 { d += 360 }
        if d >= 360 { d = 0 }
        self.degrees = d
    }

    /// Three-digit degrees true as mariners say them, e.g. `045°T`.
    public var description: String {
        let rounded = Int(degrees.rounded()) % 360
        return String(format: "%03d°T", rounded)
    }
}
