import Foundation
import SelatTestSupport
import Testing

/// Every command's `--help`, as a new user reads it at 80 columns, against the committed text in
/// `Tests/SelatCLITests/Golden/help` (one file per command, named by its path: `selat-hotspots-run.txt`).
/// A changed option, value list, default or example shows up here as a diff to review. After an
/// intended change: `SELAT_UPDATE_GOLDEN=1 swift test --filter HelpGolden`, then read the diff.
@Suite("Help text: every command's --help matches its golden file")
struct HelpGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/help")

    /// `--help` as printed with no database configured and an 80-column terminal.
    static func help(_ path: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["SELAT_DB"] = nil
        environment["SELAT_LANG"] = "en"
        environment["COLUMNS"] = "80"
        let r = try runProcess(CLI.binary, path + ["--help"], environment: environment)
        #expect(r.status == 0, "\(path): \(r.err)")
        return r.out
    }

    /// The subcommands a help text lists (two-space indented names under SUBCOMMANDS:).
    static func subcommands(in help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "),
                let name = line.dropFirst(2).split(separator: " ").first,
                name.first?.isLetter == true, !line.contains("See '")
            else { return nil }
            return String(name)
        }
    }

    /// Every command path, found from the help texts themselves.
    static func commands() throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.first {
            queue.removeFirst()
            found.append(path)
            queue += subcommands(in: try help(path)).map { path + [$0] }
        }
        return found
    }

    static func file(_ path: [String]) -> URL {
        folder.appendingPathComponent((["selat"] + path).joined(separator: "-") + ".txt")
    }

    @Test("each command's help is its golden file, and every golden file is a command")
    func goldenHelp() throws {
        let update = ProcessInfo.processInfo.environment["SELAT_UPDATE_GOLDEN"] == "1"
        let commands = try Self.commands()
        #expect(commands.count >= 40, "found only \(commands.count) commands")
        for path in commands {
            let text = try Self.help(path)
            let url = Self.file(path)
            if update {
                try FileManager.default.createDirectory(
                    at: Self.folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try? String(contentsOf: url, encoding: .utf8)
            #expect(golden != nil, "no golden help for `selat \(path.joined(separator: " "))`")
            if let golden, golden != text {
                let old = golden.split(separator: "\n", omittingEmptySubsequences: false)
                let new = text.split(separator: "\n", omittingEmptySubsequences: false)
                let line =
                    (0..<min(old.count, new.count)).first { old[$0] != new[$0] }
                    ?? min(old.count, new.count)
                Issue.record(
                    """
                    `selat \(path.joined(separator: " ")) --help` changed at line \(line + 1):
                      was: \(line < old.count ? old[line] : "(end)")
                      now: \(line < new.count ? new[line] : "(end)")
                    """)
            }
        }
        let names = Set(commands.map { Self.file($0).lastPathComponent })
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        for stale in files where !names.contains(stale) {
            Issue.record("Golden/help/\(stale) is no command's help any more")
        }
    }

    @Test("domain options list their values in help, and a wrong value is refused before any work")
    func valuesListed() throws {
        // Help wraps at 80 columns: read it as one line.
        func flat(_ path: [String]) throws -> String {
            try Self.help(path).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let run = try flat(["hotspots", "run"])
        #expect(run.contains("(values: gistar, dbscan, kde, emerging; default: gistar)"))
        #expect(run.contains("(values: week, month)"))
        #expect(try flat(["sighting", "add"]).contains("(values: speedboat, pompong, fishing"))
        #expect(
            try flat(["export", "sightings"]).contains(
                "(values: geojson, gpx, kml, csv; default: geojson)"))
        let dir = TemporaryDirectory("help")
        let r = try CLI.run(["sighting", "list", "--activity", "fishing-trip"], in: dir)
        #expect(r.status == 2)
        #expect(r.err.contains("'fishing-trip' is invalid for '--activity <activity>'"))
        #expect(r.err.contains("- illegal_fishing"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("log.sqlite")))
    }
}
