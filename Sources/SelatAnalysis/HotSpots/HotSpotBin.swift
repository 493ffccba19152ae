import Foundation

/// A cell's class at 99, 95 and 90 % confidence, hot positive and cold negative: ArcGIS's
/// `Gi_Bin` (−3…3).
public enum HotSpotBin {
    /// Confidence levels and their bins.
    static let levels: [(alpha: Double, bin: Int)] = [(0.01, 3), (0.05, 2), (0.10, 1)]

    /// The bin of a cell from its z-score and its p-value (BH-adjusted when FDR is on).
    public static func bin(z: Double, p: Double) -> Int {
        for level in levels where p <= level.alpha {
            return z > 0 ? level.bin : -level.bin
        }
        return 0
    }

    /// Words for a bin, as in a map legend.
    public static func label(_ bin: Int) -> String {
        switch bin {
        case 3: "Hot spot, 99% confidence"
        case 2: "Hot spot, 95% confidence"
        case 1: "Hot spot, 90% confidence"
        case -1: "Cold spot, 90% confidence"
        case -2: "Cold spot, 95% confidence"
        case -3: "Cold spot, 99% confidence"
        default: "Not significant"
        }
    }
}
