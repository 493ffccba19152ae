import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit
import SelatWords

struct WhereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract:
            cli("cli.geographys.say_what_position_land"),
        discussion: cli("cli.geographys.example_selat_where_1"))

    // Positions may start with a minus sign (south of the equator): take the words as they come.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            cli("cli.geographys.position_1_175_104"),
            valueName: "position"))
    var position: [String] = []

    func validate() throws {
        if position.isEmpty {
            throw ValidationError(cli("cli.valid.where_position"))
        }
    }

    func run() throws {
        let c: Coordinate
        do { c = try Coordinate(parsing: position.joined(separator: " ")) } catch {
            throw ValidationError(Failure.words(for: error))
        }
        let geo = try bundledGeoData()
        print(WhereReport(c, geoData: geo).text(Words(CommandLanguage.current)), terminator: "")
    }
}

struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: cli("cli.geographys.list_reference_ports_agency"),
        discussion:
            cli("cli.geographys.example_selat_places_kind")
    )

    @Option(help: ArgumentHelp(cli("cli.geographys.only_ports_only_bases"), valueName: "kind"))
    var kind: Place.Kind?
    @Option(help: ArgumentHelp(cli("cli.geographys.table_geojson"), valueName: "format"))
    var format: PlacesFormat = .table

    func run() throws {
        let geo = try bundledGeoData()
        let places = geo.places.filter { kind == nil || $0.kind == kind }
        if format == .geojson {
            print(
                PlaceLayer.make(places: places, words: Words(CommandLanguage.current)).render(
                    .geojson), terminator: "")
            return
        }
        let rows =
            [
                [
                    cli("cli.column.kind"), cli("cli.column.name"), cli("cli.column.position"),
                    cli("cli.column.country_agency"),
                ]
            ]
            + places.map {
                [
                    $0.kind.rawValue, String($0.name.prefix(50)),
                    $0.position.formatted(.degreesMinutes),
                    String(($0.country ?? $0.agency ?? "").prefix(40)),
                ]
            }
        print(TextTable.render(rows), terminator: "")
        print(cli("cli.places.precision"))
    }
}

/// `selat region`: the study region a database accepts positions in without --allow-outside.
struct RegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract:
            cli("cli.geographys.show_set_study_region"),
        discussion: cli("cli.geographys.default_geodata_region_103"))

    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp(
            cli("cli.geographys.west_south_east_north"),
            valueName: "w,s,e,n"))
    var set: String?
    @Flag(help: ArgumentHelp(cli("cli.geographys.go_back_geodata_region"))) var reset = false

    func validate() throws {
        if set != nil && reset { throw ValidationError(cli("cli.valid.set_or_reset")) }
        if let set { _ = try Self.parse(set) }
    }

    static func parse(_ text: String) throws -> Rect {
        let v = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard v.count == 4, let w = v[0], let s = v[1], let e = v[2], let n = v[3],
            [w, s, e, n].allSatisfy(\.isFinite)
        else {
            throw ValidationError(cli("cli.valid.set_four", ["text": text]))
        }
        guard (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s),
            (-90...90).contains(n)
        else {
            throw ValidationError(cli("cli.valid.set_range", ["text": text]))
        }
        guard w < e, s < n else {
            throw ValidationError(cli("cli.valid.set_order", ["text": text]))
        }
        return Rect(minX: w, minY: s, maxX: e, maxY: n)
    }

    func run() throws {
        let geo = try bundledGeoData()
        if set != nil || reset {
            let db = try database.open()
            do { try db.setStudyRegion(try set.map(Self.parse)) } catch let e as StoreError {
                throw Failure(e)
            }
            let region = LandCheck.describe(try db.studyRegion() ?? geo.coastline.region)
            print(
                cli(
                    reset ? "cli.region.reset" : "cli.region.set",
                    ["database": db.path, "region": region]))
        } else {
            let db = try database.openForReading()
            let own = try db.studyRegion()
            print(
                cli(
                    own == nil ? "cli.region.default" : "cli.region.own",
                    [
                        "database": db.path,
                        "region": LandCheck.describe(own ?? geo.coastline.region),
                    ]))
        }
    }
}
