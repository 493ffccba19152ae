import Foundation
import SelatGeo
import SelatModel

/// Why an analysis could not run: what, which input and the allowed values, as data. The words
/// are in ``words(_:)``, with the controls spelled by the front end.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing matched the filters.
    case noSightings
    /// Every cell has the same count, so no cell can stand out (Gi* is undefined).
    case noVariation(cells: Int)
    /// Too few cells, steps or positions for the method.
    case tooFew(Scarce, count: Int, needed: Int)
    /// A parameter out of its range: `value` as given, `allowed` in the parameter's unit
    /// (metres for distances, sightings, percent, a significance level, steps).
    case outOfRange(Control, value: String, allowed: ClosedRange<Double>)
    /// A distance band narrower than one cell or wider than 50 (`cell` in metres).
    case bandOutOfRange(value: String, cellMetres: Double)
    /// A grid, cube or neighbour list too large to compute.
    case tooLarge(Control, value: String, size: Size)

    /// What there is too little of.
    public enum Scarce: Sendable, Equatable {
        case cells
        case timeSteps
        case distinctPositions
        /// Weeks or months of data (`step` is `week` or `month`).
        case periods(step: String)
    }

    /// How large the computation would be, and its limit.
    public enum Size: Sendable, Equatable {
        /// A hexagon grid over `width` × `height` metres.
        case hexCells(Int, width: Double, height: Double, limit: Int)
        /// A kernel-density grid.
        case densityCells(Int, limit: Int)
        /// Neighbour pairs of a distance band: `cells` cells with about `perCell` each.
        case neighbourPairs(cells: Int, perCell: Int, limit: Int)
        /// Bins of a space-time cube.
        case cubeBins(cells: Int, steps: Int, limit: Int)
    }

    public var description: String { words(.neutral) }

    /// The error in words, with the controls a user can change spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .noSightings:
            "No sightings match. Widen the filters (\(n(.since))/\(n(.until)), \(n(.vesselType)), \(n(.activity)), \(n(.night))) or import sightings first."
        case .noVariation(let cells):
            "All \(cells) cells hold the same number of sightings, so no cell can stand out. Use a smaller \(n(.cell)) or a longer period."
        case .tooFew(let what, let count, let needed):
            "Only \(count) \(Self.words(what)); this method needs at least \(needed). Widen the filters or the period."
        case .outOfRange(let control, let value, _):
            "\(n(control)) '\(value)': " + Self.advice(control, n)
        case .bandOutOfRange(let value, let cell):
            "\(n(.band)) '\(value)': use a band from one cell (\(Distance(metres: cell).metricText)) to 50 cells wide"
        case .tooLarge(let control, let value, let size):
            "\(n(control)) '\(value)': " + Self.words(size, n)
        }
    }

    static func words(_ scarce: Scarce) -> String {
        switch scarce {
        case .cells: "cells"
        case .timeSteps: "time steps"
        case .distinctPositions: "distinct positions"
        case .periods(let step): "\(step)s of data"
        }
    }

    static func advice(_ control: Control, _ n: ControlNames) -> String {
        switch control {
        case .eps: "use a distance above 0 and below 1,000 km, e.g. \(n(.eps)) 500m"
        case .minPoints: "use a whole number of 1 or more, e.g. \(n(.minPoints)) 10"
        case .cell: "use a size between 50 m and 100 km, e.g. \(n(.cell)) 1km"
        case .bandwidth: "use 50 m to 200 km, e.g. \(n(.bandwidth)) 2km"
        case .levels: "use percentages between 0 and 100, e.g. \(n(.levels)) 50,75,90"
        case .alpha: "use a significance level such as 0.05 or 0.10"
        case .timeWindow: "use 0 or more steps"
        default: "out of range"
        }
    }

    static func words(_ size: Size, _ n: ControlNames) -> String {
        switch size {
        case .hexCells(let cells, let w, let h, let limit):
            "the sightings span \(Distance(metres: w).metricText) × \(Distance(metres: h).metricText), about \(cells) cells; use a larger \(n(.cell)) or narrow the filters (at most \(limit / 1_000_000) million cells)"
        case .densityCells(let cells, let limit):
            "the density grid would have \(cells) cells; use a larger \(n(.cell)) (at most \(limit / 1_000_000) million cells)"
        case .neighbourPairs(let cells, let perCell, let limit):
            "\(cells) cells with about \(perCell) neighbours each is more than this machine should hold "
                + "(at most \(limit / 1_000_000) million pairs); use a narrower \(n(.band)), a larger \(n(.cell)), or narrower filters"
        case .cubeBins(let cells, let steps, let limit):
            "\(cells) cells × \(steps) steps is too large a cube (at most \(limit / 1_000_000) million bins); use \(n(.step)) month, a larger \(n(.cell)), or \(n(.since))/\(n(.until))"
        }
    }
}
