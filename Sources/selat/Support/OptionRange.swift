import ArgumentParser
import Foundation
import SelatKit

/// The documented range of a numeric option, checked before any work. Out of range, the command
/// prints the range and exits with status 2 (a bad option, see `Selat.main`), so a typo
/// (`--eps 999km`, `--clearance 30nm`) can neither crash the tool nor keep it busy for minutes.
/// Each option's help names its range.
enum OptionRange {
    /// Checks a whole number.
    static func check<T: BinaryInteger>(_ name: String, _ value: T, _ range: ClosedRange<T>) throws
    {
        guard range.contains(value) else {
            try fail(
                "\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
    }

    /// Checks a number.
    static func check(
        _ name: String, _ value: Double, _ range: ClosedRange<Double>, unit: String = ""
    ) throws {
        guard value.isFinite, range.contains(value) else {
            try fail(
                "\(name) must be from \(short(range.lowerBound))\(unit) to \(short(range.upperBound))\(unit), not \(short(value))\(unit)"
            )
        }
    }

    /// Reads and checks a distance (`500m`, `2km`, `0.5nm`); `shown` is the range as the help gives it.
    @discardableResult
    static func distance(
        _ name: String, _ text: String, _ range: ClosedRange<Distance>, shown: String
    ) throws -> Distance {
        let d: Distance
        do { d = try Distance(parsing: text) } catch {
            throw ValidationError("\(name): \(error.description)")
        }
        guard d.metres.isFinite, range.contains(d) else {
            try fail("\(name) must be from \(shown), not \(text)")
        }
        return d
    }

    private static func fail(_ message: String) throws -> Never { throw ValidationError(message) }

    private static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
