import Foundation

/// Writes a GeoJSON FeatureCollection (RFC 7946 §3.3) to a file, feature by feature.
///
/// The file is written beside its destination and moved into place when finished, so a reader
/// never sees half a map, and an interrupted run leaves any earlier file untouched.
public struct GeoJSONFeatureCollectionWriter {
    private let path: String
    private let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var count = 0

    /// Starts a collection.
    /// - Parameters:
    ///   - name: a `name` member (read by GDAL as the layer name).
    ///   - metadata: extra top-level members (RFC 7946 §6.1 foreign members), as JSON text.
    /// - Throws: ``FormatError/unreadableFile(path:reason:)`` when the file cannot be created.
    public init(path: String, name: String, metadata: [(String, String)] = []) throws(FormatError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw .unreadableFile(path: path, reason: "cannot create the file (does the folder exist, is it writable?)")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        var head = #"{"type":"FeatureCollection","name":"# + JSONText.string(name)
        for (k, v) in metadata { head += "," + JSONText.string(k) + ":" + v }
        head += ",\"features\":[\n"
        buffer.append(contentsOf: head.utf8)
    }

    /// Adds a feature.
    public mutating func append(_ feature: GeoJSONFeature) throws(FormatError) {
        if count > 0 { buffer.append(contentsOf: ",\n".utf8) }
        buffer.append(contentsOf: #"{"type":"Feature","geometry":"#.utf8)
        buffer.append(contentsOf: feature.geometry.utf8)
        buffer.append(contentsOf: #","properties":"#.utf8)
        buffer.append(contentsOf: feature.properties.utf8)
        buffer.append(UInt8(ascii: "}"))
        count += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws(FormatError) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .unreadableFile(path: path, reason: "cannot write (\(error.localizedDescription)); is the disk full?")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Abandons the collection: removes the partial file, leaving any earlier file at `path`.
    public func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Ends the collection and moves the file into place.
    /// - Returns: the number of features written.
    @discardableResult
    public mutating func finish() throws(FormatError) -> Int {
        buffer.append(contentsOf: "\n]}\n".utf8)
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw .unreadableFile(path: path, reason: "cannot finish the file (\(error.localizedDescription))")
        }
        return count
    }
}
