import Foundation
import SelatTestSupport
import Testing

@testable import SelatModel

/// The one writer every output goes through (issue 16): what it refuses, when it replaces, how
/// it writes and with which permissions.
@Suite("OutputFile: outputs never destroy inputs")
struct OutputFileTests {
    func refusal(_ body: () throws -> Void) -> OutputError.Refusal? {
        do { try body() } catch {
            if case .refused(_, let what)? = error as? OutputError { return what }
            return nil
        }
        return nil
    }

    @Test(
        "the open database and its -wal, -shm and -journal files are refused, also through a link or another spelling"
    )
    func openDatabase() throws {
        let dir = TemporaryDirectory("out-db")
        let db = dir.write("log.sqlite", "SQLite format 3\0rest")
        let protections = ProtectedFiles.shared.protectDatabase(db)
        defer { withExtendedLifetime(protections) {} }
        #expect(
            refusal { try OutputFile.write("x", to: db, purpose: .export, force: true) }
                == .openDatabase)
        #expect(
            refusal { try OutputFile.write("x", to: db + "-wal", purpose: .export, force: true) }
                == .databaseCompanion(suffix: "-wal", database: db))
        #expect(
            refusal {
                try OutputFile.write("x", to: dir.path + "/./log.sqlite-shm", purpose: .export)
            }
                == .databaseCompanion(suffix: "-shm", database: db))
        try FileManager.default.createSymbolicLink(
            atPath: dir.file("alias.sqlite"), withDestinationPath: db)
        #expect(
            refusal {
                try OutputFile.check(dir.file("alias.sqlite"), purpose: .export, force: true)
            } == .openDatabase)
        try FileManager.default.linkItem(atPath: db, toPath: dir.file("hard.sqlite"))
        #expect(
            refusal { try OutputFile.check(dir.file("hard.sqlite"), purpose: .export, force: true) }
                == .openDatabase)
        #expect(try String(contentsOfFile: db, encoding: .utf8).hasPrefix("SQLite format 3"))
    }

    @Test(
        "an input of the same command is refused; devices, FIFOs, folders, links and other databases are refused"
    )
    func inputsAndSpecialFiles() throws {
        let dir = TemporaryDirectory("out-special")
        let input = dir.write("in.csv", "a,b\n")
        let guardInput = ProtectedFiles.shared.protect(input, as: .input)
        #expect(
            refusal { try OutputFile.write("x", to: input, purpose: .rejects, force: true) }
                == .input)
        withExtendedLifetime(guardInput) {}
        #expect(
            refusal { try OutputFile.check("/dev/null", purpose: .export, force: true) }
                == .notRegularFile(kind: "a character device"))
        #expect(mkfifo(dir.file("pipe"), 0o600) == 0)
        #expect(
            refusal { try OutputFile.check(dir.file("pipe"), purpose: .export, force: true) }
                == .notRegularFile(kind: "a FIFO (named pipe)"))
        #expect(
            refusal { try OutputFile.check(dir.path, purpose: .export, force: true) }
                == .notRegularFile(kind: "a folder"))
        try FileManager.default.createSymbolicLink(
            atPath: dir.file("link.csv"), withDestinationPath: dir.file("elsewhere.csv"))
        #expect(
            refusal { try OutputFile.check(dir.file("link.csv"), purpose: .export, force: true) }
                == .notRegularFile(kind: "a symbolic link"))
        let other = dir.write("station.sqlite", "SQLite format 3\0 another station's log")
        #expect(refusal { try OutputFile.check(other, purpose: .export, force: true) } == .database)
    }

    @Test(
        "an existing file is replaced only if Selat wrote it for the same purpose and it is unchanged, or with force"
    )
    func replacement() throws {
        let dir = TemporaryDirectory("out-replace")
        let theirs = dir.write("notes.csv", "an analyst's own file\n")
        #expect(
            refusal { try OutputFile.write("x", to: theirs, purpose: .export) }
                == .exists(writtenFor: nil, changedSince: false))
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "an analyst's own file\n")
        try OutputFile.write("forced\n", to: theirs, purpose: .export, force: true)
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "forced\n")

        let mine = dir.file("hot.geojson")
        try OutputFile.write("one\n", to: mine, purpose: .export)
        try OutputFile.write("two\n", to: mine, purpose: .export)  // the same command again
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "two\n")
        #expect(OutputFile.writtenBySelat(mine) == .export)
        #expect(
            refusal { try OutputFile.write("x", to: mine, purpose: .map) }
                == .exists(writtenFor: .export, changedSince: false))
        let h = try #require(FileHandle(forWritingAtPath: mine))
        try h.seekToEnd()
        try h.write(contentsOf: Data("edited\n".utf8))
        try h.close()
        #expect(
            refusal { try OutputFile.write("x", to: mine, purpose: .export) }
                == .exists(writtenFor: .export, changedSince: true))
    }

    @Test("writing is atomic: an abandoned file leaves the old one and no temporary file behind")
    func atomic() throws {
        let dir = TemporaryDirectory("out-atomic")
        let path = dir.file("map.html")
        try OutputFile.write("old\n", to: path, purpose: .map)
        let file = try OutputFile(path: path, purpose: .map)
        try file.write("half a ne")
        file.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.html"])
        #expect {
            try OutputFile.write("x", to: dir.file("no/such/folder/x"), purpose: .map)
        } throws: {
            ($0 as? OutputError)?.description.contains("does not exist") == true
        }
    }

    @Test("files that may hold personal data are 0600 whatever the umask; others follow it")
    func permissions() throws {
        let dir = TemporaryDirectory("out-mode")
        let old = umask(0)
        defer { umask(old) }
        try OutputFile.write(
            "names\n", to: dir.file("personal.csv"), purpose: .export, personal: true)
        try OutputFile.write("cells\n", to: dir.file("public.csv"), purpose: .export)
        func mode(_ name: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: dir.file(name))[.posixPermissions]
                as? Int
        }
        #expect(try mode("personal.csv") == 0o600)
        #expect(try mode("public.csv") == 0o666 & ~Int(OutputFile.umaskValue))
        try OutputFolder.create(dir.file("bundle"), purpose: .evidence, personal: true)
        #expect(try mode("bundle") == 0o700)
    }
}
