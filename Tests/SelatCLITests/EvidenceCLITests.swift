import Foundation
import SelatTestSupport
import Testing

@Suite("The tamper-evident log: verify, corrections that supersede, backups")
struct EvidenceCLITests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(
        "Tools/tamper-test.sh: an edited position, a deleted row, two swapped rows, a cut tail, a forged row, an edited spatial key, offset, flag and seal, and an edited case list are each named; an untouched log verifies"
    )
    func tamperScript() throws {
        let r = try runProcess(
            "/bin/bash",
            [Self.repo.appendingPathComponent("Tools/tamper-test.sh").path, CLI.binary])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("tamper test: 14 passed, 0 failed"), "\(r.out)")
    }

    @Test(
        "a correction is a new record that supersedes: searches see it, history shows both, the chain still verifies"
    )
    func correction() throws {
        let dir = TemporaryDirectory("evidence-cli")
        let add = try CLI.run(
            [
                "sighting", "add", "--time", "2026-11-20T21:40+07:00", "--position",
                "1.175 104.038",
                "--vessel-type", "speedboat", "--activity", "trafficking", "--persons", "12",
            ], in: dir)
        #expect(add.status == 0, "\(add.err)")
        let id = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let fix = try CLI.run(
            ["sighting", "correct", id, "--persons", "14", "--reason", "recount at the pier"],
            in: dir)
        #expect(fix.status == 0, "\(fix.err)")
        let newID = fix.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(newID.count == 36 && newID != id)
        let list = try CLI.run(["sighting", "list", "--format", "csv"], in: dir)
        #expect(list.out.contains(newID) && !list.out.contains(id + ","))
        let history = try CLI.run(["sighting", "history", id], in: dir)
        #expect(
            history.status == 0 && history.out.contains("original")
                && history.out.contains("recount at the pier") && history.out.contains("(current)"))
        let again = try CLI.run(
            ["sighting", "correct", id, "--persons", "15", "--reason", "x"], in: dir)
        #expect(again.status == 1 && again.err.contains("already corrected by \(newID)"))
        let nothing = try CLI.run(
            ["sighting", "correct", newID, "--persons", "14", "--reason", "same"], in: dir)
        #expect(nothing.status == 1 && nothing.err.contains("changes nothing"))
        let verify = try CLI.run(["verify"], in: dir)
        #expect(verify.status == 0 && verify.out.contains("Verified 2 records"), "\(verify.err)")
        let backup = try CLI.run(["backup", "--to", dir.file("copy.sqlite")], in: dir)
        #expect(backup.status == 0 && backup.out.contains("the copy verifies"), "\(backup.err)")
        let mode =
            try FileManager.default.attributesOfItem(atPath: dir.file("copy.sqlite"))[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        let twice = try CLI.run(["backup", "--to", dir.file("copy.sqlite")], in: dir)
        #expect(twice.status == 1 && twice.err.contains("already exists"))
    }

    /// A log of three sightings, the first corrected once.
    static func loggedCase(_ dir: TemporaryDirectory) throws -> (
        first: String, correction: String, other: String
    ) {
        var ids: [String] = []
        for (time, position) in [
            ("2026-11-20T21:40+07:00", "1.175 104.038"),
            ("2026-11-20T22:05+07:00", "1°10.500'N 104°02.400'E"),
            ("2026-11-21T01:15+07:00", "1.2133 103.9911"),
        ] {
            let add = try CLI.run(
                [
                    "sighting", "add", "--time", time, "--position", position, "--vessel-type",
                    "speedboat",
                    "--activity", "trafficking", "--persons", "9", "--notes",
                    "seen from KP Bintang, \"two\" engines",
                ], in: dir)
            #expect(add.status == 0, "\(add.err)")
            ids.append(add.out.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let fix = try CLI.run(
            ["sighting", "correct", ids[0], "--persons", "11", "--reason", "recount at the pier"],
            in: dir)
        #expect(fix.status == 0, "\(fix.err)")
        return (ids[0], fix.out.trimmingCharacters(in: .whitespacesAndNewlines), ids[2])
    }

    @Test(
        "an evidence bundle for a case holds every version, opens in GDAL and verifies on its own and against the log"
    )
    func bundleVerifies() throws {
        let dir = TemporaryDirectory("evidence-bundle")
        let ids = try Self.loggedCase(dir)
        let add = try CLI.run(
            ["evidence", "case", "add", "LP/123/XI/2026", ids.first, ids.other], in: dir)
        #expect(add.status == 0 && add.out.contains("now 2 sightings"), "\(add.err)")
        let unknown = try CLI.run(
            ["evidence", "case", "add", "LP/123/XI/2026", "NO-SUCH-ID"], in: dir)
        #expect(unknown.status == 1 && unknown.err.contains("no sighting NO-SUCH-ID"))
        let export = try CLI.run(
            ["evidence", "export", "--case", "LP/123/XI/2026", "--out", dir.file("bundle")], in: dir
        )
        #expect(export.status == 0, "\(export.err)")
        #expect(
            export.out.contains("3 records") && export.out.contains("Manifest SHA-256"),
            "\(export.out)")
        let csv = try String(contentsOfFile: dir.file("bundle/sightings.csv"), encoding: .utf8)
        #expect(
            csv.contains(ids.first) && csv.contains(ids.correction) && csv.contains(ids.other)
                && csv.contains("recount at the pier"))
        let ogr = try Clients.ogrinfo(dir.file("bundle/sightings.geojson"))
        #expect(ogr.status == 0 && ogr.out.contains("Feature Count: 3"), "\(ogr.err)")
        #expect(try Clients.rfc7946(dir.file("bundle/sightings.geojson")).isEmpty)
        let verify = try CLI.run(
            ["evidence", "verify", dir.file("bundle"), "--against-log"], in: dir)
        #expect(
            verify.status == 0 && verify.out.contains("Verified")
                && verify.out.contains("holds this head"), "\(verify.out)\(verify.err)")
        // The head still verifies after the log grows.
        _ = try CLI.run(
            ["sighting", "add", "--time", "2026-11-22T03:00+07:00", "--position", "1.3 104.3"],
            in: dir)
        #expect(
            try CLI.run(["evidence", "verify", dir.file("bundle"), "--against-log"], in: dir).status
                == 0)
        // A bundle by id, of a sighting not in the case, and a folder that exists.
        let byID = try CLI.run(
            ["evidence", "export", "--ids", ids.other, "--out", dir.file("bundle2")], in: dir)
        #expect(byID.status == 0 && byID.out.contains("1 record "), "\(byID.out)\(byID.err)")
        let again = try CLI.run(
            ["evidence", "export", "--ids", ids.other, "--out", dir.file("bundle2")], in: dir)
        #expect(again.status == 1 && again.err.contains("already exists"))
        let none = try CLI.run(["evidence", "export", "--out", dir.file("bundle3")], in: dir)
        #expect(none.status != 0 && none.err.contains("--ids"))
    }

    @Test(
        "a bundle edited after export fails and says where: a field, a chain link, a removed row, a manifest rewritten to match"
    )
    func editedBundleFails() throws {
        let dir = TemporaryDirectory("evidence-edit")
        let ids = try Self.loggedCase(dir)
        #expect(
            try CLI.run(
                [
                    "evidence", "export", "--ids", "\(ids.first),\(ids.other)", "--out",
                    dir.file("b"),
                ], in: dir
            ).status == 0)
        func copy(_ name: String, edit: (String) -> String, file: String) throws -> String {
            let target = dir.file(name)
            try FileManager.default.copyItem(atPath: dir.file("b"), toPath: target)
            let path = target + "/" + file
            try edit(try String(contentsOfFile: path, encoding: .utf8)).write(
                toFile: path, atomically: true, encoding: .utf8)
            return target
        }
        // A count changed in the CSV.
        let field = try copy(
            "field", edit: { $0.replacingOccurrences(of: ",11,", with: ",12,") },
            file: "sightings.csv")
        let r1 = try CLI.run(["evidence", "verify", field], in: dir)
        #expect(
            r1.status == 1 && r1.err.contains("sightings.csv was changed")
                && r1.err.contains("line 4 (sighting \(ids.correction))"), "\(r1.err)")
        // A chain link's log time changed.
        let link = try copy(
            "link",
            edit: { text in
                var lines = text.components(separatedBy: "\n")
                var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(
                    String.init)
                fields[3] = "2020-01-01T00:00:00Z"
                lines[2] = fields.joined(separator: ",")
                return lines.joined(separator: "\n")
            }, file: "chain.csv")
        let r2 = try CLI.run(["evidence", "verify", link], in: dir)
        #expect(
            r2.status == 1 && r2.err.contains("chain.csv line 3")
                && r2.err.contains("does not follow"), "\(r2.err)")
        // A row removed, and the manifest's file hash rewritten to match.
        let removed = try copy(
            "removed",
            edit: { text in
                text.components(separatedBy: "\n").filter { !$0.hasPrefix(ids.other) }.joined(
                    separator: "\n")
            }, file: "sightings.csv")
        let manifestPath = removed + "/manifest.json"
        var manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as! [String: Any]
        var files = manifest["files"] as! [String: String]
        files["sightings.csv"] = try runProcess(
            "/usr/bin/env", ["sha256sum", removed + "/sightings.csv"]
        ).out.split(separator: " ").first.map(String.init)
        manifest["files"] = files
        try JSONSerialization.data(withJSONObject: manifest).write(
            to: URL(fileURLWithPath: manifestPath))
        let r3 = try CLI.run(["evidence", "verify", removed], in: dir)
        #expect(
            r3.status == 1 && r3.err.contains("has no row for sighting \(ids.other)")
                && !r3.err.contains("sightings.csv was changed"), "\(r3.err)")
        // The untouched bundle still verifies.
        #expect(try CLI.run(["evidence", "verify", dir.file("b")], in: dir).status == 0)
    }

    @Test(
        "no bundle is made from a log edited outside Selat, and a bundle from another log does not match this one"
    )
    func tamperedLogGivesNoBundle() throws {
        let dir = TemporaryDirectory("evidence-tampered")
        let ids = try Self.loggedCase(dir)
        #expect(
            try CLI.run(
                ["evidence", "export", "--ids", ids.other, "--out", dir.file("good")], in: dir
            ).status == 0)
        let other = TemporaryDirectory("evidence-other")
        _ = try Self.loggedCase(other)
        let foreign = try CLI.run(
            ["evidence", "verify", dir.file("good"), "--against-log"], in: other)
        #expect(foreign.status == 1 && foreign.err.contains("not from this log"), "\(foreign.err)")
        let edit = try runProcess(
            "/usr/bin/env",
            [
                "sqlite3", dir.file("log.sqlite"),
                "UPDATE sighting SET lat = lat + 0.01 WHERE id = '\(ids.other)'",
            ])
        #expect(edit.status == 0, "\(edit.err)")
        let export = try CLI.run(
            ["evidence", "export", "--ids", ids.other, "--out", dir.file("bad")], in: dir)
        #expect(
            export.status == 1 && export.err.contains("does not verify at record #3"),
            "\(export.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad")))
    }
}
