import ArgumentParser
import Foundation
import SelatKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job on synthetic data, in a folder of its own.",
        discussion: """
            Creates DIR/selat.sqlite, writes seeded synthetic sightings along the reported crossing corridors, \
            imports them, searches them, finds the hot spots and their trends, plans tonight's joint patrol with \
            the default fleet, and writes the map, GeoJSON, GPX, KML, briefings and a report you can open. \
            Everything is marked synthetic. Nothing outside DIR is touched.
            Example:  selat demo --out selat-demo
            """)

    @Option(
        help: ArgumentHelp(
            "The folder to write into (created if missing; its demo database is replaced).",
            valueName: "dir"))
    var out: String = "selat-demo"
    @Option(
        help: ArgumentHelp("Seed for the synthetic data (same seed, same data).", valueName: "n"))
    var seed: UInt64 = 20_261_122
    @Option(help: ArgumentHelp("How many synthetic sightings.", valueName: "n"))
    var count: Int = 5_000
    @Option(help: ArgumentHelp("Days of synthetic sightings, ending today.", valueName: "n"))
    var days: Int = 120
    @Flag(help: "Do not render map.png even if Chromium is installed.") var noPng = false

    func validate() throws {
        guard (1...2_000_000).contains(count) else {
            throw ValidationError("--count must be from 1 to 2000000")
        }
        guard (7...3650).contains(days) else {
            throw ValidationError("--days must be from 7 to 3650")
        }
    }

    func run() throws {
        print("Selat demo — synthetic data only, not real sightings.\n")
        var n = 0
        let made: [DemoRun.Made]
        let database = (out as NSString).appendingPathComponent("selat.sqlite")
        do {
            made = try DemoRun(
                directory: out, seed: seed, count: count, days: days, png: !noPng,
                language: CommandLanguage.current
            )
            .run(spelling: .commandLine) { step in
                n += 1
                let (title, detail) = DemoWords.words(step, database: database)
                print("\(n). \(title)")
                for line in detail.split(separator: "\n", omittingEmptySubsequences: false) {
                    print("   \(line)")
                }
            }
        } catch {
            throw Failure(error)
        }
        print("\nDone. Open these first:")
        for m in made.prefix(4) {
            print("  \(m.path)   (\(DemoWords.how(m.kind, database: database)))")
        }
        print(
            "Everything is in \(out)/. Try:  selat sighting list --db \(out)/selat.sqlite --activity trafficking --limit 10"
        )
    }
}
