import ArgumentParser
import Foundation
import SelatKit

struct SightingList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Search the sighting log.",
        discussion: """
            Examples:
              selat sighting list --near "Nongsapura" --within 5nm --since 2026-10-01T00:00+07:00
              selat sighting list --near "1.19N 104.09E" --within 5nm --activity trafficking
              selat sighting list --bbox 103.9,1.0,104.2,1.3 --format geojson > area.geojson
              selat sighting list --near Nongsa --within 10nm --since 2026-11-01 --format gpx > nongsa.gpx
            --near takes a position or the name of a stored waypoint.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Centre: a position or a waypoint name.", valueName: "position"))
    var near: String?
    @Option(
        help: ArgumentHelp(
            "Radius around --near: 5nm, 2km, 800m (1m to 500nm).", valueName: "distance"))
    var within: String?
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Box WEST,SOUTH,EAST,NORTH in degrees.", valueName: "box"))
    var bbox: String?
    @OptionGroup var filters: SightingFilterOptions
    @Option(help: ArgumentHelp("Reporting unit contains this text.", valueName: "text")) var unit:
        String?
    @Option(help: ArgumentHelp("At most this many.", valueName: "n")) var limit: Int?
    @Option(
        help: ArgumentHelp(
            "table, or csv, json, geojson or gpx (waypoints for a chartplotter).",
            valueName: "format")
    ) var format: SightingRenderer.Format = .table
    @Flag(help: "Include unit and notes in csv/json/geojson/gpx output (personal data).")
    var includePersonal = false

    func validate() throws {
        if (near == nil) != (within == nil) {
            throw ValidationError("--near and --within go together")
        }
        if let limit { try OptionRange.check("--limit", limit, 0...10_000_000) }
        if let within {
            try OptionRange.distance(
                "--within", within, .metres(1) ... .nauticalMiles(500), shown: "1 m to 500 nm")
        }
    }

    func run() throws {
        let db = try database.openForReading()
        let offset = try zone.offsetMinutes()
        var query = SightingQuery()
        do {
            if let near, let within {
                let centre = try PlaceResolver(database: db).coordinate(near)
                query.near = (centre, try Distance(parsing: within))
            }
            if let bbox { query.box = try BoundingBox(parsing: bbox) }
        } catch let error as CustomStringConvertible & Error {
            throw ValidationError(error.description)
        }
        try filters.apply(to: &query, offsetMinutes: offset)
        query.unit = unit
        let f = format
        // A table is read by a person: without --limit, show the first 200 and say so.
        let tableLimit = 200
        let page: SightingPage
        do {
            page = try SightingSearch(database: db).page(
                query, limit: limit ?? (f == .table ? tableLimit : nil))
        } catch {
            throw Failure(error)
        }
        let results = page.sightings
        if f == .table && limit == nil && page.hasMore {
            Terminal.note(
                "Showing the first \(tableLimit) matches (earliest first). Narrow the search, "
                    + "or use --limit N or --format csv for more.")
        }
        let synthetic = page.synthetic
        if synthetic && f == .table {
            Terminal.note("This database holds SYNTHETIC demo data, not real sightings.")
        }
        print(
            SightingRenderer.render(
                results, format: f, displayOffsetMinutes: offset,
                includePersonal: includePersonal || f == .table, synthetic: synthetic),
            terminator: "")
    }
}

struct SightingShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one sighting in full.",
        discussion: "Example:  selat sighting show 3f1c9a2e-…")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @Argument(help: ArgumentHelp("The sighting's id.", valueName: "id")) var id: String

    func run() throws {
        let db = try database.openForReading()
        let offset = try zone.offsetMinutes()
        let sightingID: SightingID
        do { sightingID = try SightingID(id) } catch { throw ValidationError(error.description) }
        guard let stored = try db.sighting(id: sightingID) else {
            throw Failure("no sighting with id \(id) in \(database.path)")
        }
        let s = stored.sighting
        let rows: [(String, String)] = [
            ("id", s.id.rawValue),
            (
                "observed",
                s.observedAt.iso8601(offsetMinutes: offset) + " (\(TimeZoneName.name(offset)))"
            ),
            ("observed (UTC)", s.observedAt.description), ("as entered", s.observedAt.asWritten),
            (
                "position",
                s.position.formatted(.degreesMinutes) + "  (" + s.position.formatted(.decimal) + ")"
            ),
            ("vessel type", s.vesselType.rawValue), ("activity", s.activity.rawValue),
            ("persons aboard", s.personsAboard.map { String($0) } ?? "-"),
            ("heading", s.headingDegrees.map { Bearing(degrees: $0).description } ?? "-"),
            ("speed", s.speed?.description ?? "-"), ("source", s.source?.rawValue ?? "-"),
            ("unit", s.unit ?? "-"), ("confidence", s.confidence?.description ?? "-"),
            ("notes", s.notes ?? "-"),
            ("logged", stored.createdAt.iso8601(offsetMinutes: offset) + " (#\(stored.sequence))"),
        ]
        for (k, v) in rows { print(k.padding(toLength: 16, withPad: " ", startingAt: 0) + v) }
    }
}
