import ArgumentParser
import SelatKit

/// The documented range of a numeric option, checked before any work (exit 2 with the range).
/// Each command's help names the range; these keep a typo (`--eps 999km`, `--clearance 30nm`)
/// from crashing the tool or running for minutes.
enum OptionRange {
    /// Checks a whole number.
    static func check<T: BinaryInteger>(_ name: String, _ value: T, _ range: ClosedRange<T>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
    }

    /// Checks a number.
    static func check(_ name: String, _ value: Double, _ range: ClosedRange<Double>, unit: String = "") throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(name) must be from \(short(range.lowerBound))\(unit) to \(short(range.upperBound))\(unit), not \(value)\(unit)")
        }
    }

    /// Reads and checks a distance (`500m`, `2km`, `0.5nm`).
    @discardableResult
    static func distance(_ name: String, _ text: String, _ range: ClosedRange<Distance>) throws -> Distance {
        let d: Distance
        do { d = try Distance(parsing: text) } catch { throw ValidationError("\(name): \(error.description)") }
        guard d.metres.isFinite, range.contains(d) else {
            throw ValidationError("\(name) must be from \(range.lowerBound.metricText) to \(range.upperBound.metricText), not \(text)")
        }
        return d
    }

    private static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
