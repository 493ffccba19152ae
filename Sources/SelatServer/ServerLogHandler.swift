import Foundation
import Logging

/// The server's log lines on standard error: time, level, label, message, then the metadata as
/// `key=value`. Unlike swift-log's stream handler, metadata is formatted only when a line is
/// written: Hummingbird sets a request id on every request's logger, and formatting it there
/// cost a few percent of the server's time under load (Benchmarks/README.md).
struct ServerLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var line =
            Date.now.formatted(.iso8601) + " \(event.level) \(label): \(event.message)"
        if !all.isEmpty {
            line +=
                " "
                + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " ")
        }
        line += "\n"
        Self.lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// One line at a time, whole.
    private static let lock = NSLock()
}
