import Foundation
import SelatGeo
import Synchronization

/// One land polygon of the coastline: an island, or the part of a mainland inside the region.
public struct LandPolygon: Sendable, Hashable {
    /// Stable id within this GeoData version.
    public let id: Int
    /// The island's name, where GeoData has one.
    public let name: String?
    /// Geodesic area in km² (lakes excluded).
    public let areaKm2: Double

    /// The name, or "unnamed island, N km²".
    public var label: String {
        if let name { return name }
        let area = areaKm2 >= 10 ? String(format: "%.0f", areaKm2) : areaKm2 >= 0.1 ? String(format: "%.1f", areaKm2)
            : String(format: "%.3f", areaKm2)
        return "unnamed island, \(area) km²"
    }
}

/// The GSHHG full-resolution coastline of the province: where the land is.
///
/// `isLand` runs on a ``LandMask`` (millions of checks a second); the polygon a position falls on
/// and the nearest shore use packed R-trees over the polygons and the coastline's edges.
public final class Coastline: Sendable {
    /// The region the coastline covers; outside it, nothing is known.
    public let region: Rect
    public let polygons: [LandPolygon]
    /// A fingerprint of the coastline file (64-bit FNV-1a of its bytes, hex): caches derived
    /// from the coastline, such as the sea-routing graph, are keyed by it.
    public let fingerprint: String
    private let rings: [[LandMask.Ring]]
    private let mask: LandMask
    /// The islands' outlines without their lakes, built on first use (inland-water checks).
    private let outlineMask = Mutex<LandMask?>(nil)
    private let polygonIndex: PackedRTree
    private let edgeIndex: PackedRTree
    private let edges: [SIMD4<Double>]
    /// The polygon each edge belongs to.
    private let edgePolygon: [Int32]

    /// Reads the compact coastline file written by `Tools/make-geodata.py`.
    /// - Throws: ``GeoDataError`` if the file is missing or not in the expected format.
    public init(contentsOf url: URL) throws(GeoDataError) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(url.lastPathComponent) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        fingerprint = String(hash, radix: 16) + "-" + String(data.count)
        var reader = BinaryReader(bytes: [UInt8](data), file: url.lastPathComponent)
        guard try reader.bytes(4) == Array("SLCO".utf8) else { throw .malformed(url.lastPathComponent, "not a coastline file") }
        let version = try reader.u32()
        guard version == 1 else { throw .malformed(url.lastPathComponent, "version \(version); this Selat reads version 1") }
        let count = Int(try reader.u32())
        var polygons: [LandPolygon] = []
        var rings: [[LandMask.Ring]] = []
        polygons.reserveCapacity(count)
        for _ in 0..<count {
            let id = Int(try reader.u32())
            let area = try reader.f64()
            let nameLength = Int(try reader.u16())
            let name = String(decoding: try reader.bytes(nameLength), as: UTF8.self)
            let ringCount = Int(try reader.u32())
            var polygonRings: [LandMask.Ring] = []
            for _ in 0..<ringCount {
                let n = Int(try reader.u32())
                polygonRings.append(try reader.points(n))
            }
            polygons.append(LandPolygon(id: id, name: name.isEmpty ? nil : name, areaKm2: area))
            rings.append(polygonRings)
        }
        var region = Rect(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        var boxes: [Rect] = []
        var edges: [SIMD4<Double>] = []
        var edgePolygon: [Int32] = []
        var edgeBoxes: [Rect] = []
        for (polygon, polygonRings) in rings.enumerated() {
            var b = Rect(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            for ring in polygonRings {
                for i in 0..<ring.count {
                    let p = ring[i]
                    b.minX = min(b.minX, p.x); b.maxX = max(b.maxX, p.x); b.minY = min(b.minY, p.y); b.maxY = max(b.maxY, p.y)
                    if i + 1 < ring.count {
                        let q = ring[i + 1]
                        edges.append(SIMD4(p.x, p.y, q.x, q.y))
                        edgePolygon.append(Int32(polygon))
                        edgeBoxes.append(Rect(minX: min(p.x, q.x), minY: min(p.y, q.y), maxX: max(p.x, q.x), maxY: max(p.y, q.y)))
                    }
                }
            }
            boxes.append(b)
            region.minX = min(region.minX, b.minX); region.maxX = max(region.maxX, b.maxX)
            region.minY = min(region.minY, b.minY); region.maxY = max(region.maxY, b.maxY)
        }
        self.polygons = polygons
        self.rings = rings
        self.region = region
        self.edges = edges
        self.edgePolygon = edgePolygon
        mask = LandMask(rings: rings.flatMap { $0 }, region: region)
        polygonIndex = PackedRTree(boxes)
        edgeIndex = PackedRTree(edgeBoxes)
    }

    /// Whether the region covers this position (outside it, land and sea are unknown).
    public func covers(_ c: Coordinate) -> Bool { mask.covers(x: c.longitude, y: c.latitude) }

    /// Whether the position is on land (inside a land polygon, not in a lake). False outside the region.
    /// - Complexity: O(1) in most of the region; a few dozen segment tests near a shore.
    public func isLand(_ c: Coordinate) -> Bool { mask.contains(x: c.longitude, y: c.latitude) }

    /// The land polygon the position is on, if it is on land.
    public func land(at c: Coordinate) -> LandPolygon? {
        guard isLand(c) else { return nil }
        var found: LandPolygon?
        polygonIndex.search(Rect(x: c.longitude, y: c.latitude)) { i in
            if Self.evenOdd(rings[i], x: c.longitude, y: c.latitude) {
                found = polygons[i]
                return false
            }
            return true
        }
        return found
    }

    /// Whether a position is in inland water: in a lake or lagoon inside an island, cut off from
    /// the sea (in water, yet inside an island's outline). False on land, at sea and outside the region.
    /// - Complexity: O(1) in most of the region, like ``isLand(_:)``; the first call builds a mask
    ///   of the outlines (a fraction of a second).
    public func isInlandWater(_ c: Coordinate) -> Bool { !isLand(c) && isInsideOutline(c) }

    /// Whether the position is inside some island's outline, lakes and lagoons included (land or
    /// inland water). With ``isLand(_:)`` false, this is ``isInlandWater(_:)`` without a second land test.
    public func isInsideOutline(_ c: Coordinate) -> Bool {
        let outlines = outlineMask.withLock { cached in
            if let cached { return cached }
            let built = LandMask(rings: rings.compactMap(\.first), region: mask.region, cellSize: mask.cellSize)
            cached = built
            return built
        }
        return outlines.contains(x: c.longitude, y: c.latitude)
    }

    /// The island whose outline encloses a position in water: the position is in a lake or
    /// lagoon of that island, cut off from the sea. Nil at sea or on land.
    public func enclosingLand(of c: Coordinate) -> LandPolygon? {
        guard !isLand(c) else { return nil }
        var found: LandPolygon?
        polygonIndex.search(Rect(x: c.longitude, y: c.latitude)) { i in
            if let exterior = rings[i].first, Self.evenOdd([exterior], x: c.longitude, y: c.latitude) {
                found = polygons[i]
                return false
            }
            return true
        }
        return found
    }

    /// The nearest point of the coastline and the geodesic distance to it.
    public func nearestShore(to c: Coordinate) -> (point: Coordinate, distance: Distance)? {
        let scale = cos(c.latitude * .pi / 180)
        let hits = edgeIndex.nearest(x: c.longitude, y: c.latitude, xScale: scale, k: 1) { i in
            let p = Self.closestPoint(on: self.edges[i], x: c.longitude, y: c.latitude, xScale: scale)
            let dx = (p.0 - c.longitude) * scale, dy = p.1 - c.latitude
            return (dx * dx + dy * dy).squareRoot()
        }
        guard let hit = hits.first else { return nil }
        let (x, y) = Self.closestPoint(on: edges[hit.index], x: c.longitude, y: c.latitude, xScale: scale)
        guard let point = try? Coordinate(latitude: y, longitude: x) else { return nil }
        return (point, c.distance(to: point))
    }

    /// Where a leg first touches land.
    public struct LandCrossing: Sendable {
        /// The first point of the leg on the coastline (or the start, if it is on land).
        public let point: Coordinate
        /// The island touched (nil when the start itself is on land outside any indexed polygon).
        public let land: LandPolygon?
        /// Distance from the start of the leg to `point`.
        public let distance: Distance
    }

    /// Where the geodesic from `start` to `end` first touches land, or nil if it stays at sea.
    ///
    /// The geodesic is followed in pieces of at most `step` (default 1 km; a piece's straight
    /// line in longitude/latitude then departs from the geodesic by well under a metre here), and
    /// each piece is tested against every coastline edge near it (R-tree on the edges). Touching
    /// the coastline counts as crossing it. A leg that starts on land crosses at its start.
    /// - Complexity: O(pieces · edges near each piece).
    public func firstLandCrossing(from start: Coordinate, to end: Coordinate, step: Distance = .metres(1000)) -> LandCrossing? {
        if isLand(start) { return LandCrossing(point: start, land: land(at: start), distance: .metres(0)) }
        let line = Geodesic.wgs84.inverse(from: start, to: end)
        let total = line.distance.metres
        let pieces = max(1, Int((total / step.metres).rounded(.up)))
        var previous = start
        for k in 1...pieces {
            let next = k == pieces ? end
                : Geodesic.wgs84.destination(from: start, azimuth: line.initialAzimuth, distance: .metres(total * Double(k) / Double(pieces))).coordinate
            if let hit = crossing(previous, next) {
                let point = (try? Coordinate(latitude: previous.latitude + hit.t * (next.latitude - previous.latitude),
                                             longitude: previous.longitude + hit.t * (next.longitude - previous.longitude))) ?? previous
                return LandCrossing(point: point, land: polygons[hit.polygon], distance: start.distance(to: point))
            }
            previous = next
        }
        return nil
    }

    /// The first coastline edge a straight lon/lat segment touches: its parameter along the
    /// segment and the edge's polygon.
    private func crossing(_ a: Coordinate, _ b: Coordinate) -> (t: Double, polygon: Int)? {
        let px = a.longitude, py = a.latitude, rx = b.longitude - px, ry = b.latitude - py
        var best: (t: Double, polygon: Int)?
        let box = Rect(minX: min(px, b.longitude), minY: min(py, b.latitude), maxX: max(px, b.longitude), maxY: max(py, b.latitude))
        edgeIndex.search(box) { i in
            let e = edges[i]
            if let t = Self.segmentIntersection(px, py, rx, ry, e.x, e.y, e.z - e.x, e.w - e.y), t < (best?.t ?? .infinity) {
                best = (t, Int(edgePolygon[i]))
            }
            return true
        }
        return best
    }

    /// Parameter t ∈ [0, 1] along p + t·r where it meets q + u·s (u ∈ [0, 1]); collinear overlaps
    /// count as meeting at their first common point.
    static func segmentIntersection(_ px: Double, _ py: Double, _ rx: Double, _ ry: Double,
                                    _ qx: Double, _ qy: Double, _ sx: Double, _ sy: Double) -> Double? {
        let denominator = rx * sy - ry * sx
        let wx = qx - px, wy = qy - py
        if denominator == 0 {
            guard wx * ry - wy * rx == 0 else { return nil }  // parallel, apart
            let rr = rx * rx + ry * ry
            guard rr > 0 else { return nil }
            let t0 = (wx * rx + wy * ry) / rr, t1 = t0 + (sx * rx + sy * ry) / rr
            let lo = max(0, min(t0, t1)), hi = min(1, max(t0, t1))
            return lo <= hi ? lo : nil
        }
        let t = (wx * sy - wy * sx) / denominator
        let u = (wx * ry - wy * rx) / denominator
        return (0...1).contains(t) && (0...1).contains(u) ? t : nil
    }

    /// Brute force over every edge (tests only).
    func crossingBruteForce(_ a: Coordinate, _ b: Coordinate) -> Double? {
        let px = a.longitude, py = a.latitude, rx = b.longitude - px, ry = b.latitude - py
        return edges.compactMap { e in Self.segmentIntersection(px, py, rx, ry, e.x, e.y, e.z - e.x, e.w - e.y) }.min()
    }

    /// The straight-segment test as used by ``firstLandCrossing(from:to:step:)`` (tests only).
    func crossingIndexed(_ a: Coordinate, _ b: Coordinate) -> Double? { crossing(a, b)?.t }

    /// The rings of polygon `i` (index into ``polygons``): the exterior first, then any lakes.
    /// Closed (last point = first), longitude/latitude; the land is on the left of each ring
    /// (exteriors counter-clockwise, lakes clockwise, as RFC 7946 winds them).
    public func rings(ofPolygon i: Int) -> [LandMask.Ring] { rings[i] }

    /// Even–odd point in polygon over all rings (exterior and holes).
    static func evenOdd(_ rings: [LandMask.Ring], x: Double, y: Double) -> Bool {
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// The closest point of segment `e` to (x, y) in the plane with x scaled by `xScale`.
    static func closestPoint(on e: SIMD4<Double>, x: Double, y: Double, xScale: Double) -> (Double, Double) {
        let ax = e.x * xScale, ay = e.y, bx = e.z * xScale, by = e.w, px = x * xScale, py = y
        let dx = bx - ax, dy = by - ay
        let len2 = dx * dx + dy * dy
        let t = len2 == 0 ? 0 : max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
        return ((ax + t * dx) / xScale, ay + t * dy)
    }
}

/// Reads the little-endian binary coastline.
struct BinaryReader {
    let bytes: [UInt8]
    let file: String
    var offset = 0

    mutating func bytes(_ n: Int) throws(GeoDataError) -> [UInt8] {
        guard n >= 0, offset + n <= bytes.count else { throw .malformed(file, "ends early at byte \(offset)") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    private mutating func raw<T: FixedWidthInteger>(_: T.Type) throws(GeoDataError) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw .malformed(file, "ends early at byte \(offset)") }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    mutating func u16() throws(GeoDataError) -> UInt16 { try raw(UInt16.self) }
    mutating func u32() throws(GeoDataError) -> UInt32 { try raw(UInt32.self) }
    mutating func f64() throws(GeoDataError) -> Double { Double(bitPattern: try raw(UInt64.self)) }

    mutating func points(_ n: Int) throws(GeoDataError) -> LandMask.Ring {
        guard n >= 0, offset + 16 * n <= bytes.count else { throw .malformed(file, "ends early at byte \(offset)") }
        var ring: LandMask.Ring = []
        ring.reserveCapacity(n)
        bytes.withUnsafeBytes { raw in
            for i in 0..<n {
                let base = offset + 16 * i
                let x = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt64.self)))
                let y = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)))
                ring.append((x, y))
            }
        }
        offset += 16 * n
        return ring
    }
}
