import Foundation
import SelatGeo

/// The preprocessed water of the coastline at one clearance: candidate turning points off every
/// convex corner of the (simplified) shore and a lattice over open water, joined by every leg
/// between them that keeps the clearance from the unsimplified coastline.
///
/// Built by ``SeaGraphBuilder`` (seconds), saved and loaded by ``SeaGraphCache`` (milliseconds).
/// Coordinates are in the gnomonic plane centred at ``centre``, where legs are straight.
public struct SeaGraph: Sendable {
    /// The coastline it was built from (``Coastline/fingerprint``).
    public let fingerprint: String
    /// Metres kept from the shore by every leg of the graph.
    public let clearance: Double
    /// Centre of the gnomonic plane.
    public let centre: Coordinate
    /// Node positions in the plane, metres.
    let nodes: [SIMD2<Double>]
    /// Unit outward normal of a corner node; (0, 0) for an open-water node.
    let normals: [SIMD2<Float>]
    /// A leg through a corner node is useful only if |direction · normal| ≤ spread (the leg
    /// runs nearly along the shore there: it is tangent to the corner); 1 for open water.
    let spreads: [Float]
    /// CSR adjacency: neighbours of node i are `targets[offsets[i]..<offsets[i+1]]`.
    let offsets: [Int32]
    let targets: [Int32]
    /// Great-circle length of each adjacency entry, metres.
    let costs: [Float]

    /// Number of turning points.
    public var nodeCount: Int { nodes.count }
    /// Number of legs (each counted once).
    public var legCount: Int { targets.count / 2 }

    init(
        fingerprint: String, clearance: Double, centre: Coordinate, nodes: [SIMD2<Double>],
        normals: [SIMD2<Float>],
        spreads: [Float], offsets: [Int32], targets: [Int32], costs: [Float]
    ) {
        self.fingerprint = fingerprint
        self.clearance = clearance
        self.centre = centre
        self.nodes = nodes
        self.normals = normals
        self.spreads = spreads
        self.offsets = offsets
        self.targets = targets
        self.costs = costs
    }

    /// Whether a leg in direction `d` (unit) may touch node `i` (see ``spreads``).
    @inline(__always)
    func isTangent(_ i: Int, direction d: SIMD2<Double>) -> Bool {
        Self.isTangent(normal: normals[i], spread: spreads[i], direction: d)
    }

    /// Whether a leg in direction `d` (unit) runs along a corner with this normal and spread.
    @inline(__always)
    static func isTangent(normal n: SIMD2<Float>, spread: Float, direction d: SIMD2<Double>) -> Bool
    {
        abs(d.x * Double(n.x) + d.y * Double(n.y)) <= Double(spread)
    }
}

// MARK: - Binary form

extension SeaGraph {
    static let magic = Array("SLSG".utf8)
    /// Bumped whenever the builder or the file layout changes, so old caches are rebuilt.
    public static let formatVersion: UInt32 = 1

    /// The graph as bytes (little-endian; layout in ``init(serialized:)``).
    public func serialized() -> Data {
        var data = Data()
        data.append(contentsOf: Self.magic)
        data.appendScalar(Self.formatVersion)
        let fp = Array(fingerprint.utf8)
        data.appendScalar(UInt32(fp.count))
        data.append(contentsOf: fp)
        data.appendScalar(clearance.bitPattern)
        data.appendScalar(centre.latitude.bitPattern)
        data.appendScalar(centre.longitude.bitPattern)
        data.appendScalar(UInt32(nodes.count))
        data.appendScalar(UInt32(targets.count))
        data.appendArray(nodes)
        data.appendArray(normals)
        data.appendArray(spreads)
        data.appendArray(offsets)
        data.appendArray(targets)
        data.appendArray(costs)
        return data
    }

    /// Reads ``serialized()``'s bytes; nil when they are not a complete graph of this format.
    public init?(serialized data: Data) {
        var reader = ByteReader(data: data)
        guard reader.bytes(4) == Self.magic, reader.scalar(UInt32.self) == Self.formatVersion,
            let fpLength = reader.scalar(UInt32.self), let fp = reader.bytes(Int(fpLength)),
            let clearance = reader.scalar(UInt64.self), let lat = reader.scalar(UInt64.self),
            let lon = reader.scalar(UInt64.self), let n = reader.scalar(UInt32.self),
            let m = reader.scalar(UInt32.self),
            let centre = try? Coordinate(
                latitude: Double(bitPattern: lat), longitude: Double(bitPattern: lon)),
            let nodes = reader.array(SIMD2<Double>.self, count: Int(n)),
            let normals = reader.array(SIMD2<Float>.self, count: Int(n)),
            let spreads = reader.array(Float.self, count: Int(n)),
            let offsets = reader.array(Int32.self, count: Int(n) + 1),
            let targets = reader.array(Int32.self, count: Int(m)),
            let costs = reader.array(Float.self, count: Int(m)), reader.atEnd,
            offsets.first == 0, offsets.last == Int32(m),
            targets.allSatisfy({ $0 >= 0 && $0 < Int32(n) })
        else { return nil }
        self.init(
            fingerprint: String(decoding: fp, as: UTF8.self),
            clearance: Double(bitPattern: clearance), centre: centre,
            nodes: nodes, normals: normals, spreads: spreads, offsets: offsets, targets: targets,
            costs: costs)
    }
}

extension Data {
    fileprivate mutating func appendScalar<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendArray<T>(_ array: [T]) {
        array.withUnsafeBytes { append(contentsOf: $0) }
    }
}

/// Sequential reads from the cache file's bytes (little-endian host assumed, as on every
/// platform Swift runs Selat on).
private struct ByteReader {
    let data: Data
    var offset = 0

    var atEnd: Bool { offset == data.count }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= data.count else { return nil }
        defer { offset += n }
        return [UInt8](data[data.startIndex + offset..<data.startIndex + offset + n])
    }

    mutating func scalar<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard let b = bytes(MemoryLayout<T>.size) else { return nil }
        return b.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }

    mutating func array<T>(_: T.Type, count: Int) -> [T]? {
        let size = MemoryLayout<T>.stride * count
        guard count >= 0, offset + size <= data.count else { return nil }
        defer { offset += size }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size])
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }
}
