import ArgumentParser
import Foundation
import SelatKit
import SelatGeoData

struct WhereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract: "Say what is at a position: land or sea, which island, nearest shore, port and base.",
        discussion: """
            Example:  selat where "1°10.5'N 104°02.3'E"
            Distances are geodesic (WGS84), bearings degrees true from the position.
            """)

    // Positions may start with a minus sign (south of the equator): take the words as they come.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("A position, e.g. 1.175, 104.038 or -0.5 104.56 or 1°10.5'N 104°02.3'E.", valueName: "position"))
    var position: [String] = []

    func validate() throws {
        if position.isEmpty { throw ValidationError("give a position, e.g. selat where \"1.175, 104.038\"") }
    }

    func run() throws {
        let c: Coordinate
        do { c = try Coordinate(parsing: position.joined(separator: " ")) } catch { throw ValidationError(error.description) }
        let geo = try bundledGeoData()
        print(WhereReport(c, geoData: geo).text, terminator: "")
    }
}

struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "List the reference ports and agency bases, with their sources.",
        discussion: "Example:  selat places --kind base\n          selat places --format geojson > places.geojson")

    @Option(help: ArgumentHelp("port or base (default: both).", valueName: "kind")) var kind: String?
    @Option(help: ArgumentHelp("table or geojson.", valueName: "format")) var format: String = "table"

    func validate() throws {
        if let kind, Place.Kind(rawValue: kind) == nil { throw ValidationError("--kind must be port or base, not \"\(kind)\"") }
        if !["table", "geojson"].contains(format) { throw ValidationError("--format must be table or geojson") }
    }

    func run() throws {
        let geo = try bundledGeoData()
        let places = geo.places.filter { kind == nil || $0.kind.rawValue == kind }
        if format == "geojson" {
            print(PlaceLayer.make(places: places).render(.geojson), terminator: "")
            return
        }
        let rows = [["Kind", "Name", "Position", "Country/agency"]] + places.map {
            [$0.kind.rawValue, String($0.name.prefix(50)), $0.position.formatted(.degreesMinutes), String(($0.country ?? $0.agency ?? "").prefix(40))]
        }
        print(TextTable.render(rows), terminator: "")
        print("Positions vary in precision (map pins ~50 m, port index ~1–2 km, estimates several km): see --format geojson.")
    }
}
