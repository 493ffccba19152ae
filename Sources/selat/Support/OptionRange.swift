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
                cli(
                    "cli.range.whole",
                    [
                        "option": name, "low": "\(range.lowerBound)", "high": "\(range.upperBound)",
                        "value": "\(value)",
                    ]))
        }
    }

    /// Checks a number.
    static func check(
        _ name: String, _ value: Double, _ range: ClosedRange<Double>, unit: String = ""
    ) throws {
        guard value.isFinite, range.contains(value) else {
            try fail(
                cli(
                    "cli.range.whole",
                    [
                        "option": name, "low": short(range.lowerBound) + unit,
                        "high": short(range.upperBound) + unit, "value": short(value) + unit,
                    ]))
        }
    }

    /// Reads and checks a distance (`500m`, `2km`, `0.5nm`); `shown` is the range as the help gives it.
    @discardableResult
    static func distance(
        _ name: String, _ text: String, _ range: ClosedRange<Distance>, shown: String
    ) throws -> Distance {
        let d: Distance
        do { d = try Distance(parsing: text) } catch {
            throw ValidationError("\(name): " + Failure.words(for: error))
        }
        guard d.metres.isFinite, range.contains(d) else {
            // `shown` is written "LOW to HIGH", as the help gives it.
            let range = shown.replacingOccurrences(of: " to ", with: cli("cli.range.to"))
            try fail(cli("cli.range.shown", ["option": name, "range": range, "value": text]))
        }
        return d
    }

    private static func fail(_ message: String) throws -> Never { throw ValidationError(message) }

    private static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
