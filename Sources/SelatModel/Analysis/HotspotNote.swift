import Foundation

/// Something an analyst must know about a hotspot run: a choice made, a count, a warning. Each
/// case carries its figures; the words are in `HotspotNote+Words.swift`.
public enum HotspotNote: Sendable, Codable, Hashable {
    /// How many sightings went in, and whether only night ones (18:00–06:00 WIB).
    case analysed(sightings: Int, nightOnly: Bool)
    /// The transverse Mercator projection and its largest scale error over the data.
    case projection(centralMeridian: Double, originLatitude: Double, scaleErrorPercent: Double)
    /// The hexagon spacing the analyst gave.
    case cellGiven(metres: Double)
    /// The hexagon spacing chosen from the data, and why.
    case cellChosen(metres: Double, basis: CellBasis)
    /// Sea cells in the study area and how many hold no sighting.
    case studyArea(seaCells: Int, emptyCells: Int)
    /// Sea cells with sightings and the cells around them (the default study area), and how
    /// many of those hold no sighting.
    case studyAreaAroundData(seaCells: Int, emptyCells: Int)
    /// Sightings in coastal cells counted in the nearest sea cell.
    case movedOffLand(sightings: Int, reachCells: Int)
    /// Sightings too far from any sea cell to be analysed.
    case leftOut(sightings: Int, reachCells: Int)
    /// The Gi* neighbourhood: a distance band, or the six adjacent cells (nil).
    case neighbours(bandMetres: Double?)
    /// How p-values were found.
    case pValues(permutations: Int, seed: UInt64, fdr: Bool)
    /// Significant hot and cold cells.
    case significant(hot: Int, cold: Int, cells: Int)
    /// The smallest p-value permutations can show, and how many cells reach it.
    case permutationFloor(permutations: Int, floor: Double, cellsAtFloor: Int)
    /// FDR over many cells hides every cell at the permutation floor.
    case fdrHidesAll(cells: Int)
    /// More regions than the table shows.
    case moreRegions(total: Int, shown: Int)
    /// DBSCAN's parameters.
    case dbscanParameters(epsMetres: Double, minPoints: Int)
    /// Clusters found and sightings left as noise.
    case clusters(count: Int, noise: Int)
    /// More clusters than the table shows.
    case moreClusters(shown: Int, total: Int)
    /// The kernel bandwidth the analyst gave.
    case bandwidthGiven(metres: Double)
    /// The kernel bandwidth from the spatial Silverman rule.
    case bandwidthChosen(metres: Double)
    /// The density grid cell the analyst gave.
    case gridCellGiven(metres: Double)
    /// The density grid cell chosen from the bandwidth.
    case gridCellChosen(metres: Double)
    /// Density grid cells on land set to zero.
    case landZeroed(cells: Int, cellMetres: Double)
    /// A percent-volume contour.
    case contour(percent: Double, areaKm2: Double, polygons: Int, densityKm2: Double)
    /// Fewer than 10 time steps.
    case fewSteps(steps: Int, step: String)
    /// The space-time cube.
    case cube(cells: Int, steps: Int, step: String, timeWindow: Int)
    /// The significance level of an emerging run.
    case significance(alpha: Double, fdr: Bool)
    /// Cells per emerging pattern (empty: none).
    case patterns([PatternCount])

    /// Why a hexagon spacing was chosen (SelatAnalysis's `CellSizeChoice.Basis`).
    public enum CellBasis: Sendable, Codable, Hashable {
        case onePosition
        case twiceMeanNeighbour(metres: Double)
        case raisedForCap(meanNeighbourMetres: Double, wouldNeedCells: Int, maximumCells: Int)
    }

    /// Cells showing one emerging pattern.
    public struct PatternCount: Sendable, Codable, Hashable {
        public let pattern: String
        public let cells: Int

        public init(pattern: String, cells: Int) {
            self.pattern = pattern
            self.cells = cells
        }
    }
}
