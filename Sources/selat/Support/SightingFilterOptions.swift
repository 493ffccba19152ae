import ArgumentParser
import Foundation
import SelatKit

/// `--since`, `--until`, `--vessel-type`, `--activity`: the attribute filters shared by the
/// commands that read the sighting log.
struct SightingFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seen at or after this time.", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Seen at or before this time.", valueName: "time")) var until: String?
    @Option(name: .customLong("vessel-type"), help: ArgumentHelp("Only this type (repeatable).", valueName: "type"))
    var vesselTypes: [String] = []
    @Option(name: .customLong("activity"), help: ArgumentHelp("Only this activity (repeatable).", valueName: "activity"))
    var activities: [String] = []

    /// Sets the filters on `query`; times without an offset are read at `offsetMinutes`.
    /// - Throws: `ValidationError` naming the value and what is wrong with it.
    func apply(to query: inout SightingQuery, offsetMinutes offset: Int) throws {
        do {
            if let since { query.since = try Timestamp.parse(since, defaultOffsetMinutes: offset).timestamp }
            if let until { query.until = try Timestamp.parse(until, defaultOffsetMinutes: offset).timestamp }
            query.vesselTypes = Set(try vesselTypes.map { t throws(ModelError) in try VesselType(parsing: t) })
            query.activities = Set(try activities.map { t throws(ModelError) in try Activity(parsing: t) })
        } catch let error as CustomStringConvertible & Error {
            throw ValidationError(error.description)
        }
    }
}
