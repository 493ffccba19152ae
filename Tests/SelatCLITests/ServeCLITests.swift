import Foundation
import SelatTestSupport
import Testing

@Suite("selat serve from the command line")
struct ServeCLITests {
    /// Starts `selat serve` with `arguments`; returns the process and what it printed up to the
    /// "serving" line.
    static func start(_ arguments: [String], in dir: TemporaryDirectory) throws -> (Process, String)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["serve"] + arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        var text = ""
        let deadline = Date().addingTimeInterval(180)
        while !text.contains("Selat is serving"), p.isRunning, Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
            text += String(decoding: data, as: UTF8.self)
        }
        return (p, text)
    }

    @Test("serve --demo makes the demo, prints each demo user's password once, and they log in")
    func demo() throws {
        let dir = TemporaryDirectory("serve-demo")
        let port = 20_000 + Int.random(in: 0..<20_000)
        let (server, text) = try Self.start(
            ["--demo", "--demo-dir", dir.file("demo"), "--port", "\(port)"], in: dir)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        #expect(text.contains("Selat is serving") && text.contains(":\(port)/"), "\(text)")
        let line = try #require(text.split(separator: "\n").first { $0.contains("demo-officer") })
        let password = try #require(line.split(separator: " ").last.map(String.init))
        let health = try runProcess(
            "/usr/bin/env", ["curl", "-s", "http://127.0.0.1:\(port)/healthz"])
        #expect(health.out == "ok\n")
        let login = try runProcess(
            "/usr/bin/env",
            [
                "curl", "-s", "-X", "POST", "http://127.0.0.1:\(port)/api/v1/session",
                "-H", "content-type: application/json",
                "-d", "{\"username\":\"demo-officer\",\"password\":\"\(password)\"}",
            ])
        #expect(login.out.contains("\"token\""), "\(login.out)")
        let page = try runProcess("/usr/bin/env", ["curl", "-s", "http://127.0.0.1:\(port)/"])
        #expect(page.out.contains("Log a sighting"))
    }

    @Test("SIGTERM stops the server after the requests in flight, with exit status 0")
    func gracefulStop() throws {
        let dir = TemporaryDirectory("serve-stop")
        let port = 20_000 + Int.random(in: 0..<20_000)
        let (server, text) = try Self.start(
            ["--db", dir.file("station.sqlite"), "--port", "\(port)"], in: dir)
        #expect(text.contains("Selat is serving"), "\(text)")
        server.terminate()  // SIGTERM
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}
