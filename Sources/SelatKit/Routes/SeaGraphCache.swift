import Foundation
import SelatGeoData
import SelatPlanning
import SelatWords

/// Where sea-routing graphs are kept between runs, one file per coastline version and clearance.
///
/// The folder is `$SELAT_CACHE_DIR`, else `$XDG_CACHE_HOME/selat`, else `~/.cache/selat`.
/// A file that is missing, unreadable or built for another coastline is rebuilt (and the
/// rebuilt graph saved, atomically); a folder that cannot be written only costs the rebuild.
public struct SeaGraphCache: Sendable {
    public let directory: URL

    public init(directory: URL? = nil) {
        if let directory {
            self.directory = directory
        } else {
            let env = ProcessInfo.processInfo.environment
            if let dir = env["SELAT_CACHE_DIR"], !dir.isEmpty {
                self.directory = URL(fileURLWithPath: dir)
            } else if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
                self.directory = URL(fileURLWithPath: xdg).appendingPathComponent("selat")
            } else {
                self.directory = FileManager.default.homeDirectoryForCurrentUser
                    .appendingPathComponent(".cache/selat")
            }
        }
    }

    /// The file for a coastline and clearance.
    public func file(for coastline: Coastline, clearance: Double) -> URL {
        let decimetres = Int((clearance * 10).rounded())
        return directory.appendingPathComponent(
            "seagraph-v\(SeaGraph.formatVersion)-\(coastline.fingerprint)-\(decimetres)dm.bin")
    }

    /// The graph for this coastline and clearance: from the cache, else built and saved.
    /// - Parameter progress: told when a build starts and what it made (not told on a cache hit).
    public func graph(
        for coastline: Coastline, clearance: Double, progress: (Phrase) -> Void = { _ in }
    ) -> SeaGraph {
        let url = file(for: coastline, clearance: clearance)
        if let data = try? Data(contentsOf: url, options: .mappedIfSafe),
            let graph = SeaGraph(serialized: data),
            graph.fingerprint == coastline.fingerprint,
            abs(graph.clearance - max(SeaGraphBuilder.minimumClearance, clearance)) < 0.05
        {
            return graph
        }
        progress(
            Phrase(
                "progress.graph.preparing",
                ["clearance": Self.text(clearance), "folder": directory.path]))
        let graph = SeaGraphBuilder(coastline: coastline, clearance: clearance).build {
            progress($0)
        }
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true)
            try graph.serialized().write(to: url, options: .atomic)
        } catch {
            progress(
                Phrase(
                    "progress.graph.not_saved",
                    ["folder": directory.path, "error": error.localizedDescription]))
        }
        return graph
    }

    static func text(_ metres: Double) -> String {
        metres >= 185 ? String(format: "%.2f nm", metres / 1852) : String(format: "%.0f m", metres)
    }
}
