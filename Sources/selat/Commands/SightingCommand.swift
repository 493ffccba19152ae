import ArgumentParser

struct SightingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sighting",
        abstract: cli("cli.sighting.log_import_search_show"),
        subcommands: [
            SightingAdd.self, SightingImport.self, SightingList.self, SightingShow.self,
            SightingCorrect.self, SightingHistory.self,
        ])
}
