import ArgumentParser
import Foundation
import SelatKit

struct SightingCorrect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: cli("cli.sighting_correct.correct_sighting_new_record"),
        discussion: cli("cli.sighting_correct.give_only_fields_were"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption
    @Argument(help: ArgumentHelp(cli("cli.sighting_correct.sighting_s_id"), valueName: "id"))
    var id: String
    @Option(
        help: ArgumentHelp(cli("cli.sighting_correct.why_corrected_kept_record"), valueName: "text")
    )
    var reason: String
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_time"), valueName: "time")) var time:
        String?
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(cli("cli.sighting_correct.right_position"), valueName: "position"))
    var position: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_vessel_type"), valueName: "type"))
    var vesselType: VesselType?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_activity"), valueName: "activity"))
    var activity: Activity?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_count_aboard"), valueName: "n"))
    var persons: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_heading"), valueName: "deg"))
    var heading: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_speed"), valueName: "speed"))
    var speed: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_source"), valueName: "source"))
    var source: SightingSource?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_unit"), valueName: "unit")) var unit:
        String?
    @Option(
        help: ArgumentHelp(cli("cli.sighting_correct.right_confidence"), valueName: "confidence"))
    var confidence: String?
    @Option(help: ArgumentHelp(cli("cli.sighting_correct.right_notes"), valueName: "text"))
    var notes: String?

    func run() throws {
        let db = try database.open()
        let offset = try zone.offsetMinutes()
        let landCheck = try land.check(database: db, allowOutside: outside.allowOutside)
        let changes = SightingEntry(
            time: time.map { CommandLineTime.resolve($0, offsetMinutes: offset) } ?? "",
            position: position ?? "", vesselType: vesselType?.rawValue,
            activity: activity?.rawValue,
            persons: persons, heading: heading, speed: speed, source: source?.rawValue, unit: unit,
            confidence: confidence,
            notes: notes)
        do {
            let stored = try SightingCorrection(changes: changes, reason: reason)
                .apply(to: id, in: db, defaultOffsetMinutes: offset, landCheck: landCheck)
            Terminal.note(cli("cli.sighting.corrected", ["id": id]))
            print(stored.sighting.id.rawValue)
        } catch {
            throw Failure(error)
        }
    }
}

struct SightingHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract:
            cli("cli.sighting_correct.show_every_version_sighting"),
        discussion: cli("cli.sighting_correct.example_selat_sighting_history"))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @Argument(help: ArgumentHelp(cli("cli.sighting_correct.any_version_s_id"), valueName: "id"))
    var id: String

    func run() throws {
        let db = try database.openForReading()
        let offset = try zone.offsetMinutes()
        let sightingID: SightingID
        do { sightingID = try SightingID(id) } catch {
            throw ValidationError(Failure.words(for: error))
        }
        let versions: [SelatDatabase.Version]
        do { versions = try db.history(of: sightingID) } catch {
            throw Failure(Failure.words(for: error) + "; find it with `selat sighting list`")
        }
        var rows = [
            [
                "Version", "Id", "Logged", "Observed", "Position", "Type", "Activity", "POB",
                "Correction",
            ]
        ]
        for (k, v) in versions.enumerated() {
            let s = v.stored.sighting
            rows.append([
                "\(k + 1)" + (k == versions.count - 1 ? " (current)" : ""), s.id.rawValue,
                String(v.stored.createdAt.iso8601(offsetMinutes: offset).prefix(16))
                    .replacingOccurrences(of: "T", with: " "),
                String(s.observedAt.iso8601(offsetMinutes: offset).prefix(16)).replacingOccurrences(
                    of: "T", with: " "),
                s.position.formatted(.degreesMinutes), s.vesselType.rawValue, s.activity.rawValue,
                s.personsAboard.map { String($0) } ?? "-",
                v.supersedes.map { "corrects \($0.rawValue.prefix(8))…: \(v.reason ?? "")" }
                    ?? "original",
            ])
        }
        print(TextTable.render(rows), terminator: "")
    }
}
