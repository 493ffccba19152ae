import Foundation
import SelatModel

/// Writes a GeoJSON FeatureCollection (RFC 7946 §3.3) to a file, feature by feature, through
/// ``OutputFile``: written beside its destination and moved into place when finished, so a
/// reader never sees half a map and an interrupted run leaves any earlier file untouched.
public struct GeoJSONFeatureCollectionWriter {
    private let file: OutputFile
    private var count = 0

    /// Starts a collection.
    /// - Parameters:
    ///   - name: a `name` member (read by GDAL as the layer name).
    ///   - metadata: extra top-level members (RFC 7946 §6.1 foreign members), as JSON text.
    ///   - purpose, personal, force: as for ``OutputFile``.
    /// - Throws: ``OutputError`` when the destination is refused or cannot be created.
    public init(
        path: String, name: String, metadata: [(String, String)] = [],
        purpose: OutputPurpose = .hotspots,
        personal: Bool = false, force: Bool = false
    ) throws(OutputError) {
        file = try OutputFile(path: path, purpose: purpose, personal: personal, force: force)
        var head = #"{"type":"FeatureCollection","name":"# + JSONText.string(name)
        for (k, v) in metadata { head += "," + JSONText.string(k) + ":" + v }
        head += ",\"features\":[\n"
        try file.write(head)
    }

    /// Adds a feature.
    public mutating func append(_ feature: GeoJSONFeature) throws(OutputError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(feature.geometry.utf8.count + feature.properties.utf8.count + 48)
        if count > 0 { bytes.append(contentsOf: ",\n".utf8) }
        bytes.append(contentsOf: #"{"type":"Feature","geometry":"#.utf8)
        bytes.append(contentsOf: feature.geometry.utf8)
        bytes.append(contentsOf: #","properties":"#.utf8)
        bytes.append(contentsOf: feature.properties.utf8)
        bytes.append(UInt8(ascii: "}"))
        try file.write(bytes)
        count += 1
    }

    /// Abandons the collection, leaving any earlier file at the destination.
    public func discard() { file.discard() }

    /// Ends the collection and moves the file into place.
    /// - Returns: the number of features written.
    @discardableResult
    public mutating func finish() throws(OutputError) -> Int {
        try file.write("\n]}\n")
        try file.commit()
        return count
    }
}
