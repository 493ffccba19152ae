import Foundation
import SelatGeo
import SelatModel

/// The figures of an analyst's report, as values: what ``AnalystReport`` found, before any
/// words (``ReportDocument`` writes them).
public struct ReportFindings: Sendable {
    public let synthetic: Bool
    public let from: Timestamp
    public let to: Timestamp
    /// The zone the report counts months and days in.
    public let offsetMinutes: Int
    public let sightingCount: Int
    public let counts: ReportCounts
    /// The Gi* run stored for the period.
    public let hotspots: HotspotRun
    /// The emerging-hotspot run stored for the period, if it could be made.
    public let emergingRun: Int64?
    /// `week` or `month`.
    public let emergingStep: String
    /// Why there is no emerging run (too few steps, …).
    public let emergingProblem: KitError?
    /// The emerging pattern at the centre of each hot-spot row ("no pattern" outside any cell).
    public let patterns: [String]
    /// The command that reproduces the Gi* run, as the front end writes it.
    public let reproduce: String

    /// The runs stored.
    public var runs: [Int64] { [hotspots.runId] + (emergingRun.map { [$0] } ?? []) }

    /// A day in the report's zone, `2026-11-20`.
    func day(_ t: Timestamp) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).prefix(10))
    }
}

/// Sightings counted by month, activity and vessel type.
public struct ReportCounts: Sendable, Codable, Hashable {
    /// One month (in the report's zone): `2026-11`, all sightings, and by activity.
    public struct Month: Sendable, Codable, Hashable {
        public let month: String
        public let total: Int
        public let byActivity: [String: Int]
    }

    /// A value and how many sightings have it.
    public struct Tally: Sendable, Codable, Hashable {
        public let value: String
        public let count: Int
    }

    public let months: [Month]
    /// Activities present, in the model's order.
    public let activities: [String]
    /// Largest first.
    public let byActivity: [Tally]
    public let byVesselType: [Tally]
    public let trafficking: Int
    /// Persons aboard boats suspected of trafficking, and aboard all.
    public let traffickingPersons: Int
    public let persons: Int

    init(_ sightings: [Sighting], offsetMinutes: Int) {
        var months: [Int: [Activity: Int]] = [:]
        for s in sightings {
            months[s.observedAt.monthsSince1970(offsetMinutes: offsetMinutes), default: [:]][
                s.activity, default: 0] += 1
        }
        self.months = months.keys.sorted().map { m in
            let counts = months[m]!
            return Month(
                month: String(format: "%04d-%02d", 1970 + m / 12, m % 12 + 1),
                total: counts.values.reduce(0, +),
                byActivity: Dictionary(
                    uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
        }
        activities = Activity.allCases.filter { a in sightings.contains { $0.activity == a } }
            .map(\.rawValue)
        func tally<T: Hashable>(_ key: (Sighting) -> T, _ name: (T) -> String, _ order: [T])
            -> [Tally]
        {
            var c: [T: Int] = [:]
            for s in sightings { c[key(s), default: 0] += 1 }
            // Largest first; ties in the model's order.
            return order.filter { c[$0] != nil }.enumerated()
                .sorted { (c[$0.element]!, -$0.offset) > (c[$1.element]!, -$1.offset) }
                .map { Tally(value: name($0.element), count: c[$0.element]!) }
        }
        byActivity = tally(\.activity, { $0.rawValue }, Activity.allCases)
        byVesselType = tally(\.vesselType, { $0.rawValue }, VesselType.allCases)
        let traffickingSightings = sightings.filter { $0.activity == .trafficking }
        trafficking = traffickingSightings.count
        traffickingPersons = traffickingSightings.compactMap(\.personsAboard).reduce(0, +)
        persons = sightings.compactMap(\.personsAboard).reduce(0, +)
    }
}
