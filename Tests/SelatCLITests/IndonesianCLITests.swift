import Foundation
import SelatTestSupport
import Testing

/// The command line in Bahasa Indonesia, as an officer whose machine is set to Indonesian sees
/// it: every command's help at 80 columns, refusals and results in Indonesian.
@Suite("The command line in Bahasa Indonesia")
struct IndonesianCLITests {
    /// The English sentences of the catalogue found in `text`.
    static func english(in text: String) -> [String] {
        englishSentencesOfTheCatalogue().filter { text.contains($0.text) }
            .map { "\($0.key): \($0.text)" }
    }

    @Test("every command's Indonesian help fits 80 columns and holds no English sentence")
    func helpFitsAndIsIndonesian() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SELAT_DB"] = nil
        environment["SELAT_LANG"] = nil
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        environment["LANG"] = "id_ID.UTF-8"
        environment["COLUMNS"] = "80"
        let commands = try HelpGoldenTests.commands()
        #expect(commands.count >= 40)
        for path in commands {
            let r = try runProcess(CLI.binary, path + ["--help"], environment: environment)
            #expect(r.status == 0, "\(path): \(r.err)")
            for line in r.out.split(separator: "\n", omittingEmptySubsequences: false)
            where line.count > 80 {
                Issue.record(
                    "selat \(path.joined(separator: " ")) --help: \(line.count) columns: \(line)")
            }
            #expect(Self.english(in: r.out).isEmpty, "\(path): \(Self.english(in: r.out))")
            #expect(r.out.contains("PAKAI:") && r.out.contains("OPSI:"), "\(path)")
        }
    }

    @Test("a refused sighting, a missing option and a verified log are worded in Indonesian")
    func messagesInIndonesian() throws {
        let dir = TemporaryDirectory("cli-id")
        let bad = try CLI.run(
            [
                "sighting", "add", "--lang", "id", "--time", "20-11-2026 21.40 WIB",
                "--position", "1°70' LU 104°02' BT",
            ], in: dir)
        #expect(bad.status == 1)
        #expect(bad.err.contains("tidak dapat dibaca"), "\(bad.err)")
        #expect(Self.english(in: bad.err).isEmpty, "\(Self.english(in: bad.err))")

        let range = try CLI.run(["hotspots", "--cell", "5m", "--lang", "id"], in: dir)
        #expect(
            range.status == 2 && range.err.contains("--cell harus dari 50 m sampai 100 km"),
            "\(range.err)")
        let value = try CLI.run(["hotspots", "--method", "hexbins", "--lang", "id"], in: dir)
        #expect(value.err.contains("Pilih salah satu dari"), "\(value.err)")

        let missing = try CLI.run(
            ["sighting", "add", "--time", "now"], in: dir, env: ["SELAT_LANG": "id"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("Argumen wajib belum diberikan"), "\(missing.err)")

        let added = try CLI.run(
            [
                "sighting", "add", "--lang", "id", "--time", "20 Nov 2026 21:40",
                "--position", "1°10,5' LU 104°02,3' BT", "--activity", "trafficking",
            ], in: dir)
        #expect(added.status == 0, "\(added.err)")
        let id = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try CLI.run(["sighting", "show", id, "--lang", "id"], in: dir)
        #expect(shown.out.contains("perdagangan orang") && shown.out.contains("LU"), "\(shown.out)")
        let verified = try CLI.run(["verify", "--lang", "id"], in: dir)
        #expect(
            verified.status == 0 && verified.out.contains("Terverifikasi 1 catatan"),
            "\(verified.out)")
        #expect(Self.english(in: verified.out).isEmpty, "\(Self.english(in: verified.out))")
    }
}
