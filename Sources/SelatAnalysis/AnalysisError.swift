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
            n(
                "analysis.no_sightings",
                [
                    "since": n(.since), "until": n(.until), "vessel_type": n(.vesselType),
                    "activity": n(.activity), "night": n(.night),
                ])
        case .noVariation(let cells):
            n("analysis.no_variation", ["cells": "\(cells)", "cell": n(.cell)])
        case .tooFew(let what, let count, let needed):
            n(
                "analysis.too_few",
                ["count": "\(count)", "what": Self.words(what, n), "needed": "\(needed)"])
        case .outOfRange(let control, let value, _):
            n(
                "analysis.out_of_range",
                ["control": n(control), "value": value, "advice": Self.advice(control, n)])
        case .bandOutOfRange(let value, let cell):
            n(
                "analysis.band",
                ["band": n(.band), "value": value, "cell": Distance(metres: cell).metricText])
        case .tooLarge(let control, let value, let size):
            n(
                "analysis.out_of_range",
                ["control": n(control), "value": value, "advice": Self.words(size, n)])
        }
    }

    static func words(_ scarce: Scarce, _ n: ControlNames) -> String {
        switch scarce {
        case .cells: n("analysis.scarce.cells")
        case .timeSteps: n("analysis.scarce.time_steps")
        case .distinctPositions: n("analysis.scarce.positions")
        case .periods(let step):
            step == "week" ? n("analysis.scarce.weeks") : n("analysis.scarce.months")
        }
    }

    static func advice(_ control: Control, _ n: ControlNames) -> String {
        switch control {
        case .eps: n("analysis.advice.eps", ["eps": n(.eps)])
        case .minPoints: n("analysis.advice.min_points", ["min_points": n(.minPoints)])
        case .cell: n("analysis.advice.cell", ["cell": n(.cell)])
        case .bandwidth: n("analysis.advice.bandwidth", ["bandwidth": n(.bandwidth)])
        case .levels: n("analysis.advice.levels", ["levels": n(.levels)])
        case .alpha: n("analysis.advice.alpha")
        case .timeWindow: n("analysis.advice.time_window")
        default: n("analysis.advice.out_of_range")
        }
    }

    static func words(_ size: Size, _ n: ControlNames) -> String {
        switch size {
        case .hexCells(let cells, let w, let h, let limit):
            n(
                "analysis.size.hex",
                [
                    "width": Distance(metres: w).metricText,
                    "height": Distance(metres: h).metricText,
                    "cells": "\(cells)", "cell": n(.cell), "limit": "\(limit / 1_000_000)",
                ])
        case .densityCells(let cells, let limit):
            n(
                "analysis.size.density",
                ["cells": "\(cells)", "cell": n(.cell), "limit": "\(limit / 1_000_000)"])
        case .neighbourPairs(let cells, let perCell, let limit):
            n(
                "analysis.size.pairs",
                [
                    "cells": "\(cells)", "per_cell": "\(perCell)", "limit": "\(limit / 1_000_000)",
                    "band": n(.band), "cell": n(.cell),
                ])
        case .cubeBins(let cells, let steps, let limit):
            n(
                "analysis.size.cube",
                [
                    "cells": "\(cells)", "steps": "\(steps)", "limit": "\(limit / 1_000_000)",
                    "step": n(.step), "cell": n(.cell), "since": n(.since), "until": n(.until),
                ])
        }
    }
}
