import Foundation
import Testing
import SelatTestSupport

@Suite("The tamper-evident log: verify, corrections that supersede, backups")
struct EvidenceCLITests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Tools/tamper-test.sh: an edited position, a deleted row, two swapped rows, a cut tail and a forged row are each named; an untouched log verifies")
    func tamperScript() throws {
        let r = try runProcess("/bin/bash", [Self.repo.appendingPathComponent("Tools/tamper-test.sh").path, CLI.binary])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("tamper test: 6 passed, 0 failed"), "\(r.out)")
    }

    @Test("a correction is a new record that supersedes: searches see it, history shows both, the chain still verifies")
    func correction() throws {
        let dir = TemporaryDirectory("evidence-cli")
        let add = try CLI.run(["sighting", "add", "--time", "2026-11-20T21:40+07:00", "--position", "1.175 104.038",
                               "--vessel-type", "speedboat", "--activity", "trafficking", "--persons", "12"], in: dir)
        #expect(add.status == 0, "\(add.err)")
        let id = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let fix = try CLI.run(["sighting", "correct", id, "--persons", "14", "--reason", "recount at the pier"], in: dir)
        #expect(fix.status == 0, "\(fix.err)")
        let newID = fix.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(newID.count == 36 && newID != id)
        let list = try CLI.run(["sighting", "list", "--format", "csv"], in: dir)
        #expect(list.out.contains(newID) && !list.out.contains(id + ","))
        let history = try CLI.run(["sighting", "history", id], in: dir)
        #expect(history.status == 0 && history.out.contains("original") && history.out.contains("recount at the pier") && history.out.contains("(current)"))
        let again = try CLI.run(["sighting", "correct", id, "--persons", "15", "--reason", "x"], in: dir)
        #expect(again.status == 1 && again.err.contains("already corrected by \(newID)"))
        let nothing = try CLI.run(["sighting", "correct", newID, "--persons", "14", "--reason", "same"], in: dir)
        #expect(nothing.status == 1 && nothing.err.contains("changes nothing"))
        let verify = try CLI.run(["verify"], in: dir)
        #expect(verify.status == 0 && verify.out.contains("Verified 2 records"), "\(verify.err)")
        let backup = try CLI.run(["backup", "--to", dir.file("copy.sqlite")], in: dir)
        #expect(backup.status == 0 && backup.out.contains("the copy verifies"), "\(backup.err)")
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("copy.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let twice = try CLI.run(["backup", "--to", dir.file("copy.sqlite")], in: dir)
        #expect(twice.status == 1 && twice.err.contains("already exists"))
    }
}
