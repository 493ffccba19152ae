import ArgumentParser
import Foundation
import SelatKit

struct SightingCorrect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a sighting: a new record supersedes it; the original is kept unchanged.",
        discussion: """
            Give only the fields that were wrong, and why. The correction gets a new id and is what searches, \
            maps and analyses see; the original stays in the log as evidence (see `selat sighting history ID`).
            Example:
              selat sighting correct 3f1c9a2e-… --position "1°10.8'N 104°02.1'E" --persons 14 \\
                --reason "position misread from the radar plot; recount at the pier"
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var land: LandOption
    @OptionGroup var outside: OutsideOption
    @Argument(help: ArgumentHelp("The sighting's id.", valueName: "id")) var id: String
    @Option(help: ArgumentHelp("Why it is corrected (kept with the record).", valueName: "text"))
    var reason: String
    @Option(help: ArgumentHelp("The right time.", valueName: "time")) var time: String?
    @Option(
        parsing: .unconditional, help: ArgumentHelp("The right position.", valueName: "position"))
    var position: String?
    @Option(help: ArgumentHelp("The right vessel type.", valueName: "type")) var vesselType:
        VesselType?
    @Option(help: ArgumentHelp("The right activity.", valueName: "activity")) var activity:
        Activity?
    @Option(help: ArgumentHelp("The right count aboard.", valueName: "n")) var persons: String?
    @Option(help: ArgumentHelp("The right heading.", valueName: "deg")) var heading: String?
    @Option(help: ArgumentHelp("The right speed.", valueName: "speed")) var speed: String?
    @Option(help: ArgumentHelp("The right source.", valueName: "source"))
    var source: SightingSource?
    @Option(help: ArgumentHelp("The right unit.", valueName: "unit")) var unit: String?
    @Option(help: ArgumentHelp("The right confidence.", valueName: "confidence")) var confidence:
        String?
    @Option(help: ArgumentHelp("The right notes.", valueName: "text")) var notes: String?

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
            Terminal.note(
                "Corrected: \(id) is superseded by the new record below (the original is kept; see `selat sighting history \(id)`)."
            )
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
            "Show every version of a sighting: the original record and each correction, with reasons.",
        discussion: "Example:  selat sighting history 3f1c9a2e-…")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var zone: TimeZoneOption
    @Argument(help: ArgumentHelp("Any version's id.", valueName: "id")) var id: String

    func run() throws {
        let db = try database.openForReading()
        let offset = try zone.offsetMinutes()
        let sightingID: SightingID
        do { sightingID = try SightingID(id) } catch { throw ValidationError(error.description) }
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
