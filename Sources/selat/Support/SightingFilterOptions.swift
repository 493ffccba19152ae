import ArgumentParser
import Foundation
import SelatKit

/// `--since`, `--until`, `--vessel-type`, `--activity`: the attribute filters shared by the
/// commands that read the sighting log.
struct SightingFilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_filter_options.seen_after_time_date"), valueName: "time"))
    var since: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_filter_options.seen_before_time_date"), valueName: "time"))
    var until: String?
    @Option(
        name: .customLong("vessel-type"),
        help: ArgumentHelp(
            cli("cli.sighting_filter_options.only_type_repeatable"), valueName: "type"))
    var vesselTypes: [VesselType] = []
    @Option(
        name: .customLong("activity"),
        help: ArgumentHelp(
            cli("cli.sighting_filter_options.only_activity_repeatable"), valueName: "activity"))
    var activities: [Activity] = []

    /// Sets the filters on `query`; times without an offset are read at `offsetMinutes`.
    /// - Throws: `ValidationError` naming the value and what is wrong with it.
    func apply(to query: inout SightingQuery, offsetMinutes offset: Int) throws {
        do {
            if let since { query.since = try Self.bound(since, offset: offset, endOfDay: false) }
            if let until { query.until = try Self.bound(until, offset: offset, endOfDay: true) }
            query.vesselTypes = Set(vesselTypes)
            query.activities = Set(activities)
        } catch let error as CustomStringConvertible & Error {
            throw ValidationError(Failure.words(for: error))
        }
    }

    /// A time, or a bare date (`2026-10-31`) meaning the start of that day for `--since` and its
    /// last millisecond for `--until`, in the given zone.
    static func bound(_ text: String, offset: Int, endOfDay: Bool) throws(GeoError) -> Timestamp {
        let t = text.trimmingCharacters(in: .whitespaces)
        let isDate =
            t.count == 10
            && t.enumerated().allSatisfy { i, c in
                i == 4 || i == 7 ? c == "-" : c.isASCII && c.isNumber
            }
        guard isDate else { return try CommandLineTime.parse(t, offsetMinutes: offset) }
        let start = try Timestamp.parse(t + "T00:00", defaultOffsetMinutes: offset).timestamp
        return endOfDay
            ? Timestamp(millisecondsSince1970: start.millisecondsSince1970 + 86_400_000 - 1) : start
    }
}
