import ArgumentParser
import SelatKit

struct SightingAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Log one sighting and print its id.",
        discussion: """
            Example:
              selat sighting add --time 2026-11-20T21:40+07:00 --position "1°10.5'N 104°02.3'E" \\
                --vessel-type speedboat --activity trafficking --persons 12 --heading 310 --speed 25 \\
                --unit "Ditpolairud Kepri" --notes "no lights, heading for Johor"

            Positions: 1.175, 104.038 | 1.175N 104.038E | 1°10.5'N 104°02.3'E | 1°10'30"N 104°02'18"E
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption

    @Option(help: ArgumentHelp("When the boat was seen (ISO 8601, or now).", valueName: "time"))
    var time: String
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Where the boat was seen.", valueName: "position"))
    var position: String
    @Option(
        help: ArgumentHelp(
            "What kind of boat.", valueName: "type"))
    var vesselType: VesselType = .unknown
    @Option(
        help: ArgumentHelp(
            "What it was doing, as judged by whoever saw it.", valueName: "activity"))
    var activity: Activity = .unknown
    @Option(help: ArgumentHelp("People counted aboard.", valueName: "n")) var persons: String?
    @Option(help: ArgumentHelp("Heading in degrees true (0–360).", valueName: "deg")) var heading:
        String?
    @Option(help: ArgumentHelp("Speed: 25 (knots), 25kn or 40km/h.", valueName: "speed")) var speed:
        String?
    @Option(help: ArgumentHelp("How it was seen.", valueName: "source"))
    var source: SightingSource = .patrol
    @Option(help: ArgumentHelp("Reporting unit and/or officer.", valueName: "unit")) var unit:
        String?
    @Option(help: ArgumentHelp("0–1, or low, medium, high.", valueName: "confidence"))
    var confidence: String?
    @Option(help: ArgumentHelp("Free text.", valueName: "text")) var notes: String?
    @Option(
        help: ArgumentHelp(
            "Your own identifier (up to 64 characters); default: a new UUID.", valueName: "id"))
    var id: String?

    func run() throws {
        let offset = try zone.offsetMinutes()
        let db = try database.open()
        let entry = SightingEntry(
            id: id, time: CommandLineTime.resolve(time, offsetMinutes: offset), position: position,
            vesselType: vesselType.rawValue, activity: activity.rawValue, persons: persons,
            heading: heading, speed: speed, source: source.rawValue, unit: unit,
            confidence: confidence,
            notes: notes)
        let landCheck = try land.check(database: db, allowOutside: outside.allowOutside)
        let result: SightingEntry.Result
        do {
            result = try entry.log(into: db, defaultOffsetMinutes: offset, landCheck: landCheck)
        } catch {
            throw Failure(error)
        }
        if result.usedDefaultOffset {
            Terminal.note("note: the time had no offset and was read as \(zone.timezone).")
        }
        switch result.outcome {
        case .added:
            if result.sighting.onLand {
                Terminal.note("note: the position is on land; the sighting is flagged on_land.")
            }
            if result.sighting.outsideRegion {
                Terminal.note(
                    "note: the position is outside the study region; the sighting is flagged outside_region."
                )
            }
            if result.sighting.inlandWater {
                let island =
                    landCheck.coastline.enclosingLand(of: result.sighting.position)?.label
                    ?? "an island"
                Terminal.note(
                    "note: the position is in inland water (a lake or lagoon of \(island)), not at sea; the sighting is flagged inland_water."
                )
            }
            print(result.sighting.id.rawValue)
        case .duplicate:
            Terminal.note("already logged (same id and content); nothing changed.")
            print(result.sighting.id.rawValue)
        case .conflict(let existing):
            throw Failure(
                "id \(existing.id) is already logged with different content; nothing was changed. "
                    + "Leave out --id to get a new one.")
        }
    }
}
