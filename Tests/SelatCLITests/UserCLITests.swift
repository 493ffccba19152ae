import Foundation
import SelatTestSupport
import Testing

@Suite("selat user and selat audit: accounts from the command line")
struct UserCLITests {
    @Test(
        "users are added with a password from standard input, listed, disabled; each change is audited"
    )
    func users() throws {
        let dir = TemporaryDirectory("user-cli")
        let db = dir.file("log.sqlite")
        let add = try runProcess(
            CLI.binary,
            [
                "user", "add", "siti", "--role", "officer", "--agency", "polairud",
                "--password-stdin", "--db", db,
            ],
            input: "a long harbour sentence\n")
        #expect(add.status == 0 && add.out.contains("Added siti (officer, POLAIRUD)"), "\(add.err)")
        let short = try runProcess(
            CLI.binary,
            [
                "user", "add", "budi", "--role", "admin", "--agency", "POLAIRUD",
                "--password-stdin", "--db", db,
            ],
            input: "short\n")
        #expect(short.status == 1 && short.err.contains("at least 10 characters"))
        #expect(!short.err.contains("short\n") && !short.err.contains("\"short\""))
        let noStdin = try CLI.run(
            ["user", "add", "budi", "--role", "admin", "--agency", "POLAIRUD"], in: dir)
        #expect(noStdin.status == 2 && noStdin.err.contains("--password-stdin is required"))
        let badRole = try CLI.run(
            ["user", "add", "budi", "--role", "captain", "--agency", "X1", "--password-stdin"],
            in: dir)
        #expect(
            badRole.status == 2 && badRole.err.contains("'captain' is invalid for '--role <role>'"))
        let list = try runProcess(CLI.binary, ["user", "list", "--db", db])
        #expect(
            list.out.contains("siti") && list.out.contains("officer") && list.out.contains("active")
        )
        let disable = try runProcess(CLI.binary, ["user", "disable", "siti", "--db", db])
        #expect(disable.status == 0)
        #expect(try runProcess(CLI.binary, ["user", "list", "--db", db]).out.contains("disabled"))
        let audit = try runProcess(CLI.binary, ["audit", "list", "--db", db])
        #expect(audit.out.contains("user_add") && audit.out.contains("user_disable"))
        // The password is nowhere in the database file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(bytes.range(of: Data("a long harbour sentence".utf8)) == nil)
        let verify = try runProcess(CLI.binary, ["verify", "--db", db])
        #expect(verify.status == 0, "\(verify.err)")
    }
}
