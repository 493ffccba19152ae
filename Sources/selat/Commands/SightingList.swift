import ArgumentParser
import Foundation
import SelatKit
import SelatWords

struct SightingList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: cli("cli.sighting_list.search_sighting_log"),
        discussion: cli("cli.sighting_list.examples_selat_sighting_list"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            cli("cli.sighting_list.centre_position_waypoint_name"), valueName: "position"))
    var near: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_list.radius_around_near_5nm"), valueName: "distance"))
    var within: String?
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(cli("cli.sighting_list.box_west_south_east"), valueName: "box"))
    var bbox: String?
    @OptionGroup var filters: SightingFilterOptions
    @Option(
        help: ArgumentHelp(cli("cli.sighting_list.reporting_unit_contains_text"), valueName: "text")
    ) var unit: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_list.most_many"), valueName: "n")) var limit: Int?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_list.table_csv_json_geojson"),
            valueName: "format")
    ) var format: SightingRenderer.Format = .table
    @Flag(help: ArgumentHelp(cli("cli.sighting_list.include_unit_notes_csv")))
    var includePersonal = false
    @Flag(help: ArgumentHelp(cli("cli.sighting_list.count_only"))) var count = false

    func validate() throws {
        if (near == nil) != (within == nil) {
            throw ValidationError(cli("cli.valid.near_within"))
        }
        if let limit { try OptionRange.check("--limit", limit, 0...10_000_000) }
        if count && (limit != nil || format != .table) {
            throw ValidationError(cli("cli.valid.count_format"))
        }
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
            throw ValidationError(Failure.words(for: error))
        }
        try filters.apply(to: &query, offsetMinutes: offset)
        query.unit = unit
        let f = format
        let search = SightingSearch(database: db)
        if count {
            do { print(try search.count(query)) } catch { throw Failure(error) }
            return
        }
        // Machine formats stream: each sighting is written as it is read.
        do {
            if SightingStreamWriter.streams(f),
                var writer = SightingStreamWriter(
                    format: f, includePersonal: includePersonal,
                    synthetic: try search.isSynthetic(),
                    words: Words(CommandLanguage.current))
            {
                var out = BufferedOutput()
                out.write(writer.head())
                try search.stream(query, limit: limit) { s in
                    out.write(writer.next(s))
                    return true
                }
                out.write(writer.tail())
                out.flush()
                return
            }
        } catch {
            throw Failure(error)
        }
        // A table is read by a person: without --limit, show the first 200 and say so.
        let tableLimit = 200
        let page: SightingPage
        do {
            page = try search.page(
                query, limit: limit ?? (f == .table ? tableLimit : nil))
        } catch {
            throw Failure(error)
        }
        let results = page.sightings
        if f == .table && limit == nil && page.hasMore {
            Terminal.note(cli("cli.sighting.first_matches", ["count": "\(tableLimit)"]))
        }
        let synthetic = page.synthetic
        if synthetic && f == .table {
            Terminal.note(cli("cli.sighting.synthetic"))
        }
        print(
            SightingRenderer.render(
                results, format: f, displayOffsetMinutes: offset,
                includePersonal: includePersonal || f == .table, synthetic: synthetic,
                words: Words(CommandLanguage.current)),
            terminator: "")
    }
}

struct SightingShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: cli("cli.sighting_list.show_one_sighting_full"),
        discussion: cli("cli.sighting_list.example_selat_sighting_show"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @Argument(help: ArgumentHelp(cli("cli.sighting_correct.sighting_s_id"), valueName: "id"))
    var id: String

    func run() throws {
        let db = try database.openForReading()
        let offset = try zone.offsetMinutes()
        let sightingID: SightingID
        do { sightingID = try SightingID(id) } catch {
            throw ValidationError(Failure.words(for: error))
        }
        guard let stored = try db.sighting(id: sightingID) else {
            throw Failure(cli("cli.sighting.not_found", ["id": id, "database": database.path]))
        }
        let s = stored.sighting
        let indonesian = CommandLanguage.current == .id
        let rows: [(String, String)] = [
            ("id", s.id.rawValue),
            (
                cli("cli.show.observed"),
                s.observedAt.iso8601(offsetMinutes: offset) + " (\(TimeZoneName.name(offset)))"
            ),
            (cli("cli.show.observed_utc"), s.observedAt.description),
            (cli("cli.show.as_entered"), s.observedAt.asWritten),
            (
                cli("cli.show.position"),
                s.position.formatted(indonesian ? .degreesMinutesIndonesian : .degreesMinutes)
                    + "  (" + s.position.formatted(.decimal) + ")"
            ),
            (cli("cli.show.vessel_type"), cli("vessel." + s.vesselType.rawValue)),
            (cli("cli.show.activity"), cli("activity." + s.activity.rawValue)),
            (cli("cli.show.persons"), s.personsAboard.map { String($0) } ?? "-"),
            (
                cli("cli.show.heading"),
                s.headingDegrees.map { Bearing(degrees: $0).description } ?? "-"
            ),
            (cli("cli.show.speed"), s.speed?.description ?? "-"),
            (cli("cli.show.source"), s.source?.rawValue ?? "-"),
            (cli("cli.show.unit"), s.unit ?? "-"),
            (cli("cli.show.confidence"), s.confidence?.description ?? "-"),
            (cli("cli.show.notes"), s.notes ?? "-"),
            (
                cli("cli.show.logged"),
                stored.createdAt.iso8601(offsetMinutes: offset) + " (#\(stored.sequence))"
            ),
        ]
        let width = max(16, (rows.map(\.0.count).max() ?? 0) + 2)
        for (k, v) in rows { print(k.padding(toLength: width, withPad: " ", startingAt: 0) + v) }
    }
}
