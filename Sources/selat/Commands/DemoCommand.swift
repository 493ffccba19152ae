import ArgumentParser
import Foundation
import SelatKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: cli("cli.demo.run_whole_job_synthetic"),
        discussion: cli("cli.demo.creates_dir_selat_sqlite"))

    @Option(
        help: ArgumentHelp(
            cli("cli.demo.folder_write_into_created"),
            valueName: "dir"))
    var out: String = "selat-demo"
    @Option(
        help: ArgumentHelp(cli("cli.demo.seed_synthetic_data_same"), valueName: "n"))
    var seed: UInt64 = 20_261_122
    @Option(help: ArgumentHelp(cli("cli.demo.how_many_synthetic_sightings"), valueName: "n"))
    var count: Int = 5_000
    @Option(help: ArgumentHelp(cli("cli.demo.days_synthetic_sightings_ending"), valueName: "n"))
    var days: Int = 120
    @Flag(help: ArgumentHelp(cli("cli.demo.do_not_render_map"))) var noPng = false

    func validate() throws {
        guard (1...2_000_000).contains(count) else {
            throw ValidationError(cli("cli.valid.demo_count"))
        }
        guard (7...3650).contains(days) else {
            throw ValidationError(cli("cli.valid.demo_days"))
        }
    }

    func run() throws {
        print(cli("demo.intro") + "\n")
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
        print("\n" + cli("demo.done"))
        for m in made.prefix(4) {
            print("  \(m.path)   (\(DemoWords.how(m.kind, database: database)))")
        }
        print(cli("demo.try", ["folder": out]))
    }
}
