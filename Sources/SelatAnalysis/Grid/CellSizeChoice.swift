import Foundation
import SelatGeo

/// The hexagon spacing used when the analyst does not give one, and why.
///
/// In the spirit of ArcGIS's Optimized Hot Spot Analysis, the scale comes from the data: twice
/// the mean distance from a sighting to its nearest neighbour (Clark & Evans 1954, "Distance to
/// nearest neighbor as a measure of spatial relationships in populations", Ecology 35:445–453),
/// which puts about one sighting in a cell where sightings are evenly spread. It is rounded to
/// 50 m below 1 km and to 100 m above, and raised where needed so the study area stays under
/// `maximumCells` (a grid finer than the data, or too large to map, helps no one).
public struct CellSizeChoice: Sendable, Hashable {
    public let spacing: Double
    /// Why this spacing.
    public let basis: Basis

    /// Why a spacing was chosen.
    public enum Basis: Sendable, Hashable {
        /// The sightings share one position, so 1 km was used.
        case onePosition
        /// Twice the mean nearest-neighbour distance (metres).
        case twiceMeanNeighbour(Double)
        /// Twice the mean nearest-neighbour distance would need `cells` cells; raised to keep
        /// the area under ``CellSizeChoice/maximumCells``.
        case raisedForCap(meanNeighbour: Double, cells: Int)
    }

    public static let maximumCells = 200_000
    public static let minimumSpacing = 100.0

    /// - Parameters:
    ///   - meanNearestNeighbour: metres, nil if it could not be measured (one position only).
    ///   - extentArea: area of the study box in m².
    public init(meanNearestNeighbour: Double?, extentArea: Double) {
        func rounded(_ s: Double) -> Double {
            s < 1000 ? (s / 50).rounded(.up) * 50 : (s / 100).rounded(.up) * 100
        }
        let cellArea = { (s: Double) in 3.0.squareRoot() / 2 * s * s }
        let floorForCap = rounded(
            (extentArea / (3.0.squareRoot() / 2) / Double(Self.maximumCells)).squareRoot())
        guard let nn = meanNearestNeighbour, nn > 0 else {
            spacing = max(1000, floorForCap)
            basis = .onePosition
            return
        }
        let fromData = max(Self.minimumSpacing, rounded(2 * nn))
        if fromData >= floorForCap {
            spacing = fromData
            basis = .twiceMeanNeighbour(nn)
        } else {
            spacing = floorForCap
            let would = Int(extentArea / cellArea(fromData))
            basis = .raisedForCap(meanNeighbour: nn, cells: would)
        }
    }

    /// The choice for a set of projected sightings: their mean nearest-neighbour distance, and
    /// the area of their box (each side at least 1 km).
    public init(points: ProjectedPoints) {
        let w = points.xs.max()! - points.xs.min()!
        let h = points.ys.max()! - points.ys.min()!
        self.init(
            meanNearestNeighbour: points.meanNearestNeighbourDistance(),
            extentArea: max(w, 1000) * max(h, 1000))
    }
}
