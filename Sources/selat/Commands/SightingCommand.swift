import ArgumentParser

struct SightingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sighting",
        abstract: "Log, import, search and show boat sightings.",
        subcommands: [
            SightingAdd.self, SightingImport.self, SightingList.self, SightingShow.self,
            SightingCorrect.self, SightingHistory.self,
        ])
}
