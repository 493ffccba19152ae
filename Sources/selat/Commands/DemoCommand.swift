import ArgumentParser
import Foundation
import SelatKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job on synthetic data, in a folder of its own.",
        discussion: """
            Creates DIR/selat.sqlite, writes seeded synthetic sightings along the reported crossing corridors, \
            imports them, searches them and writes CSV and GeoJSON you can open. Nothing outside DIR is touched.
            Example:  selat demo --out selat-demo
            """)

    @Option(help: ArgumentHelp("The folder to write into (created if missing; its demo database is replaced).",
                               valueName: "dir"))
    var out: String = "selat-demo"
    @Option(help: ArgumentHelp("Seed for the synthetic data (same seed, same data).", valueName: "n"))
    var seed: UInt64 = 20_261_122
    @Option(help: ArgumentHelp("How many synthetic sightings.", valueName: "n"))
    var count: Int = 5_000

    func validate() throws {
        guard (1...2_000_000).contains(count) else { throw ValidationError("--count must be from 1 to 2000000") }
    }

    func run() throws {
        print("Selat demo — synthetic data only, not real sightings.\n")
        var n = 0
        do {
            try DemoRun(directory: out, seed: seed, count: count).run { step in
                n += 1
                print("\(n). \(step.title)")
                for line in step.detail.split(separator: "\n", omittingEmptySubsequences: false) { print("   \(line)") }
            }
        } catch {
            throw Failure(error.description)
        }
        print("\nDone. Try:  selat sighting list --db \(out)/selat.sqlite --activity trafficking --limit 10")
    }
}
