import Foundation

/// Why an analysis could not run. Each case says what to change.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing matched the filters.
    case noSightings
    /// Every cell has the same count, so no cell can stand out (Gi* is undefined).
    case noVariation(cells: Int)
    /// Too few cells or sightings for the method.
    case tooFew(what: String, count: Int, needed: Int)
    /// A parameter out of its range.
    case invalidParameter(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .noSightings:
            "No sightings match. Widen the filters (--since/--until, --vessel-type, --activity, --night) or import sightings first."
        case .noVariation(let cells):
            "All \(cells) cells hold the same number of sightings, so no cell can stand out. Use a smaller --cell or a longer period."
        case .tooFew(let what, let count, let needed):
            "Only \(count) \(what); this method needs at least \(needed). Widen the filters or the period."
        case .invalidParameter(let name, let value, let reason):
            "\(name) '\(value)': \(reason)"
        }
    }
}
