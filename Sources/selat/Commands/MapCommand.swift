import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat map`: an offline map page of sightings, hot spots and tonight's routes.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract:
            cli("cli.map.draw_sightings_hot_spots"),
        discussion: cli("cli.map.writes_single_html_file"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var filters: SightingFilterOptions
    @Option(help: ArgumentHelp(cli("cli.map.html_page_write"), valueName: "file")) var out: String =
        "map.html"
    @Option(help: ArgumentHelp(cli("cli.map.also_write_map_svg"), valueName: "file")) var svg:
        String?
    @Option(help: ArgumentHelp(cli("cli.map.also_write_map_png"), valueName: "file"))
    var png: String?
    @Option(help: ArgumentHelp(cli("cli.map.title_printed_map"), valueName: "text")) var title:
        String?
    @Option(help: ArgumentHelp(cli("cli.map.gi_run_draw_default"), valueName: "run"))
    var hotspots: Int64?
    @Option(help: ArgumentHelp(cli("cli.map.dbscan_run_draw_default"), valueName: "run"))
    var clusters: Int64?
    @Option(
        help: ArgumentHelp(cli("cli.map.emerging_hot_spot_run"), valueName: "run")
    ) var emerging: Int64?
    @Option(help: ArgumentHelp(cli("cli.map.plan_draw_default_latest"), valueName: "plan"))
    var plan: Int64?
    @Flag(help: ArgumentHelp(cli("cli.map.leave_patrol_plan_off"))) var noPlan = false
    @Option(help: ArgumentHelp(cli("cli.map.patrol_help"), valueName: "id"))
    var patrol: Int64?
    @Flag(help: ArgumentHelp(cli("cli.map.show_officers_units_notes")))
    var includePersonal = false
    @OptionGroup var force: ForceOption

    func run() throws {
        let offset = try zone.offsetMinutes()
        var request = MapBuilder.Request()
        request.language = CommandLanguage.current
        try filters.apply(to: &request.query, offsetMinutes: offset)
        request.title = title
        request.giStarRun = hotspots
        request.clusterRun = clusters
        request.emergingRun = emerging
        request.planID = plan
        request.showPlan = !noPlan
        request.patrolID = patrol
        request.includePersonal = includePersonal
        let db = try database.openForReading()
        let geo = try bundledGeoData()
        do {
            let (map, contents) = try MapBuilder(database: db, geoData: geo, offsetMinutes: offset)
                .build(request)
            for note in contents.notes { Terminal.note(note.words(.commandLine)) }
            let files = try MapFiles.write(
                map, html: out, svg: svg, png: png, personal: includePersonal, force: force.force)
            var drawn = [cli("cli.map.drew_sightings", ["count": "\(contents.sightings)"])]
            if let r = contents.giStarRun { drawn.append(cli("cli.map.drew_gi", ["run": "\(r)"])) }
            if let r = contents.clusterRun {
                drawn.append(cli("cli.map.drew_clusters", ["run": "\(r)"]))
            }
            if let r = contents.emergingRun {
                drawn.append(cli("cli.map.drew_trends", ["run": "\(r)"]))
            }
            if let p = contents.planID { drawn.append(cli("cli.map.drew_plan", ["plan": "\(p)"])) }
            if let p = contents.patrolID {
                drawn.append(cli("cli.map.drew_patrol", ["patrol": "\(p)"]))
            }
            print(cli("cli.map.drew", ["items": drawn.joined(separator: ", ")]))
            for f in files { print("  \(f.path)   (\(f.how))") }
        } catch { throw Failure(error) }
    }
}
