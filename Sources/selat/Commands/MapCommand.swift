import ArgumentParser
import Foundation
import SelatGeoData
import SelatKit

/// `selat map`: an offline map page of sightings, hot spots and tonight's routes.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract:
            "Draw sightings, hot spots, clusters, trends and the patrol plan on one offline map.",
        discussion: """
            Writes a single HTML file that works without a network (pan, zoom, layer switches, click for \
            details; prints on A4 landscape), and optionally an SVG and a PNG (the PNG needs Chromium). \
            By default it draws the latest Gi*, DBSCAN and emerging runs and the latest plan.
            Examples:
              selat map --out map.html
              selat map --since 2026-11-01 --activity trafficking --out november.html --svg november.svg --png november.png
              selat map --hotspots 4 --plan 2 --out briefing-map.html
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var filters: SightingFilterOptions
    @Option(help: ArgumentHelp("The HTML page to write.", valueName: "file")) var out: String =
        "map.html"
    @Option(help: ArgumentHelp("Also write the map as SVG.", valueName: "file")) var svg: String?
    @Option(help: ArgumentHelp("Also write the map as PNG (needs Chromium).", valueName: "file"))
    var png: String?
    @Option(help: ArgumentHelp("Title printed on the map.", valueName: "text")) var title: String?
    @Option(help: ArgumentHelp("Gi* run to draw (default: the latest).", valueName: "run"))
    var hotspots: Int64?
    @Option(help: ArgumentHelp("DBSCAN run to draw (default: the latest).", valueName: "run"))
    var clusters: Int64?
    @Option(
        help: ArgumentHelp("Emerging hot spot run to draw (default: the latest).", valueName: "run")
    ) var emerging: Int64?
    @Option(help: ArgumentHelp("Plan to draw (default: the latest).", valueName: "plan")) var plan:
        Int64?
    @Flag(help: "Leave the patrol plan off.") var noPlan = false
    @Flag(help: "Show officers' units and notes in sighting details (personal data).")
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
        request.includePersonal = includePersonal
        let db = try database.openForReading()
        let geo = try bundledGeoData()
        do {
            let (map, contents) = try MapBuilder(database: db, geoData: geo, offsetMinutes: offset)
                .build(request)
            for note in contents.notes { Terminal.note(note.words(.commandLine)) }
            let files = try MapFiles.write(
                map, html: out, svg: svg, png: png, personal: includePersonal, force: force.force)
            var drawn = ["\(contents.sightings) sightings"]
            if let r = contents.giStarRun { drawn.append("Gi* run \(r)") }
            if let r = contents.clusterRun { drawn.append("clusters run \(r)") }
            if let r = contents.emergingRun { drawn.append("trends run \(r)") }
            if let p = contents.planID { drawn.append("plan \(p)") }
            print("Drew " + drawn.joined(separator: ", ") + ".")
            for f in files { print("  \(f.path)   (\(f.how))") }
        } catch { throw Failure(error) }
    }
}
