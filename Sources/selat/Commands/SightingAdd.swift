import ArgumentParser
import SelatKit

struct SightingAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: cli("cli.sighting_add.log_one_sighting_print"),
        discussion: cli("cli.sighting_add.example_selat_sighting_add"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption

    @Option(help: ArgumentHelp(cli("cli.sighting_add.when_boat_was_seen"), valueName: "time"))
    var time: String
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(cli("cli.sighting_add.where_boat_was_seen"), valueName: "position"))
    var position: String
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_add.what_kind_boat"), valueName: "type"))
    var vesselType: VesselType = .unknown
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_add.what_was_doing_judged"), valueName: "activity"))
    var activity: Activity = .unknown
    @Option(help: ArgumentHelp(cli("cli.sighting_add.people_counted_aboard"), valueName: "n"))
    var persons: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_add.heading_degrees_true_0"), valueName: "deg"))
    var heading: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_add.speed_25_knots_25kn"), valueName: "speed"))
    var speed: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_add.how_was_seen"), valueName: "source"))
    var source: SightingSource = .patrol
    @Option(help: ArgumentHelp(cli("cli.sighting_add.reporting_unit_officer"), valueName: "unit"))
    var unit: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_add.0_1_low_medium"), valueName: "confidence"))
    var confidence: String?
    @Option(help: ArgumentHelp(cli("cli.route.free_text"), valueName: "text")) var notes: String?
    @Option(
        help: ArgumentHelp(
            cli("cli.sighting_add.your_own_identifier_up"), valueName: "id"))
    var id: String?

    func run() throws {
        let offset = try zone.offsetMinutes()
        let entry = SightingEntry(
            id: id, time: CommandLineTime.resolve(time, offsetMinutes: offset), position: position,
            vesselType: vesselType.rawValue, activity: activity.rawValue, persons: persons,
            heading: heading, speed: speed, source: source.rawValue, unit: unit,
            confidence: confidence,
            notes: notes)
        // Everything but the study region is checked before the log is opened, so a refused
        // entry never creates a log file (the region is the log's own setting: checked below).
        do {
            _ = try entry.sighting(
                defaultOffsetMinutes: offset, landCheck: try land.check(allowOutside: true))
        } catch {
            throw Failure(error)
        }
        let db = try database.open()
        let landCheck = try land.check(database: db, allowOutside: outside.allowOutside)
        let result: SightingEntry.Result
        do {
            result = try entry.log(into: db, defaultOffsetMinutes: offset, landCheck: landCheck)
        } catch {
            throw Failure(error)
        }
        if result.usedDefaultOffset {
            Terminal.note(cli("cli.note.time_default_zone", ["zone": zone.timezone]))
        }
        switch result.outcome {
        case .added:
            if result.sighting.onLand {
                Terminal.note(cli("cli.note.flagged_on_land"))
            }
            if result.sighting.outsideRegion {
                Terminal.note(cli("cli.note.flagged_outside_region"))
            }
            if result.sighting.inlandWater {
                let island =
                    landCheck.coastline.enclosingLand(of: result.sighting.position)?.label
                    ?? cli("cli.note.an_island")
                Terminal.note(cli("cli.note.flagged_inland_water", ["island": island]))
            }
            print(result.sighting.id.rawValue)
        case .duplicate:
            Terminal.note(cli("cli.note.already_logged"))
            print(result.sighting.id.rawValue)
        case .conflict(let existing):
            throw Failure(cli("cli.sighting.id_conflict", ["id": "\(existing.id)"]))
        }
    }
}
