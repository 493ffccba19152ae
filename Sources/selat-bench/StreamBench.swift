import ArgumentParser
import Foundation
import SelatKit

/// Big answers: `selat sighting list` writing every sighting of a dense circle as CSV, JSON and
/// GeoJSON, with `--limit 1` and with `--count`, beside the `sqlite3` shell writing the rows of
/// the circle's box as CSV — each a separate process, its wall time and its heap (the process's
/// anonymous resident memory, sampled; the database file Selat maps is page cache, not heap).
struct StreamBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract:
            "Big answers of `selat sighting list` on an existing database, beside the sqlite3 shell (as `store` ends)."
    )
    @Option(help: "The database.") var db: String
    @Option(help: "Centre: LAT,LON.") var near = "1.215,104.06"
    @Option(help: "Radius.") var within = "5nm"

    func run() throws {
        let parts = near.split(separator: ",").compactMap { Double($0) }
        guard parts.count == 2 else { throw ValidationError("--near LAT,LON") }
        try Self.report(
            dbPath: db, centre: try Coordinate(latitude: parts[0], longitude: parts[1]),
            radius: within)
    }

    static func report(dbPath: String, centre: Coordinate, radius: String) throws {
        let selat = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("selat").path
        let near = String(format: "%.6f %.6f", centre.latitude, centre.longitude)
        let base = ["sighting", "list", "--db", dbPath, "--near", near, "--within", radius]
        let count = try run(selat, base + ["--count"])
        let rows = Int(count.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        print(
            "big answers: \(rows) sightings within \(radius) of \(near); --count \(ms(count.seconds)), heap \(mb(count.heapKB))"
        )
        let first = try run(selat, base + ["--limit", "1", "--format", "csv"])
        print("  --limit 1 --format csv: \(ms(first.seconds)), heap \(mb(first.heapKB))")
        let distance = try Distance(parsing: radius)
        let box = BoundingBox.around(centre, radius: distance)
        let sql =
            "SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', observed_at / 1000.0, 'unixepoch'), lat, lon, "
            + "vessel_type, activity, persons_aboard, heading_deg, speed_kn, source, unit, confidence, notes "
            + "FROM sighting WHERE lat BETWEEN \(box.south) AND \(box.north) AND lon BETWEEN \(box.west) AND \(box.east) "
            + "ORDER BY observed_at, seq"
        let peer = try run("/usr/bin/env", ["sqlite3", "-csv", dbPath, sql])
        let peerRows = max(1, peer.lines)
        let peerPerRow = peer.seconds / Double(peerRows)
        print(
            String(
                format:
                    "  peer: sqlite3 -csv, the %d rows of the circle's box: %.2f s, %.2f µs a row",
                peerRows, peer.seconds, peerPerRow * 1e6))
        for format in ["csv", "json", "geojson"] {
            let r = try run(selat, base + ["--format", format])
            let perRow = r.seconds / Double(max(1, rows))
            print(
                String(
                    format:
                        "  selat --format %@: %.2f s, %.2f µs a row = %.2fx the sqlite3 shell's CSV row, heap %@",
                    format, r.seconds, perRow * 1e6, perRow / peerPerRow, mb(r.heapKB)))
        }
    }

    /// Runs a child with its output counted and dropped; wall seconds, newline count, and the
    /// largest anonymous resident memory seen (KiB, sampled every 5 ms).
    static func run(_ exe: String, _ args: [String]) throws -> (
        seconds: Double, lines: Int, out: String, heapKB: Int
    ) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        let start = Date()
        try p.run()
        let pid = p.processIdentifier
        nonisolated(unsafe) var heap = 0
        let sampler = Thread {
            while p.isRunning {
                if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }
                    ),
                    let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
                {
                    heap = max(heap, kb)
                }
                usleep(5_000)
            }
        }
        sampler.start()
        var lines = 0
        var head = Data()
        let handle = pipe.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if head.count < 4096 { head.append(chunk.prefix(4096)) }
            lines += chunk.withUnsafeBytes { bytes in
                var n = 0
                for b in bytes where b == 10 { n += 1 }
                return n
            }
        }
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        guard p.terminationStatus == 0 else {
            throw ValidationError("\(exe) \(args.joined(separator: " ")) failed")
        }
        return (seconds, lines, String(decoding: head, as: UTF8.self), heap)
    }

    static func ms(_ s: Double) -> String {
        s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
    }

    static func mb(_ kb: Int) -> String { String(format: "%.0f MB", Double(kb) / 1024) }
}
