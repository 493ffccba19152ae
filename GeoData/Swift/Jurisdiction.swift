import Foundation
import SelatGeo

/// Whose side of the maritime boundaries a sea position is on.
public enum Jurisdiction: Sendable, Equatable {
    /// On Indonesia's side of the nearest boundary segment.
    case indonesian(Boundary)
    /// On the other side (Singapore, Malaysia, or for the regulatory line, either).
    case foreign(Boundary)
    /// The reference data does not say: beyond the ends of the boundary segments it covers, in
    /// the gap east of point E17 (undelimited; Malaysia is involved), or too far from any line.
    case unknown(reason: String)

    /// The nearest boundary segment and how far the position is from it.
    public struct Boundary: Sendable, Equatable {
        /// Which line, in words.
        public let name: String
        /// `treaty` (coordinates from a reproduced treaty text), `proxy` (a well-corroborated
        /// stand-in for the agreed line), or `regulatory` (an Indonesian limit, not an agreed boundary).
        public let status: String
        /// Who is on the other side.
        public let otherSide: String
        /// The turning points of the segment, e.g. "1A–1".
        public let segment: String
        public let distance: Distance
    }

    /// One line for a person.
    public var text: String {
        switch self {
        case .indonesian(let b):
            return String(format: "Indonesian side of the %@ (%@, %.1f nm from segment %@)", b.name, b.status,
                          b.distance.nauticalMiles, b.segment)
        case .foreign(let b):
            return String(format: "%@ side of the %@ (%@, %.1f nm from segment %@)", b.otherSide, b.name, b.status,
                          b.distance.nauticalMiles, b.segment)
        case .unknown(let reason):
            return "unknown: \(reason)"
        }
    }
}

/// The boundary chains of `jurisdiction.geojson`, with Indonesia on the right-hand side.
public struct BoundaryChains: Sendable {
    struct Segment: Sendable {
        let chain: Int
        let order: Int
        let a: (x: Double, y: Double)
        let b: (x: Double, y: Double)
        let from: String
        let to: String
        let status: String
        let otherSide: String
        let name: String
    }

    let segments: [Segment]
    /// Beyond this distance from every boundary segment, the side is not reported.
    public static let reach = Distance.nauticalMiles(100)

    struct File: Decodable {
        struct Feature: Decodable {
            struct Geometry: Decodable { let coordinates: [[Double]] }
            struct Properties: Decodable {
                let chain: Int, order: Int
                let from: String, to: String, status: String
                let other_side: String, boundary: String
            }
            let geometry: Geometry
            let properties: Properties
        }
        let features: [Feature]
    }

    /// Loads the chains.
    /// - Throws: ``GeoDataError``.
    public init(contentsOf url: URL) throws(GeoDataError) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(url.lastPathComponent) }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw .malformed(url.lastPathComponent, "\(error)")
        }
        segments = try file.features.map { f throws(GeoDataError) in
            let c = f.geometry.coordinates
            guard c.count == 2, c[0].count >= 2, c[1].count >= 2 else {
                throw .malformed(url.lastPathComponent, "a segment without two positions")
            }
            let p = f.properties
            return Segment(chain: p.chain, order: p.order, a: (c[0][0], c[0][1]), b: (c[1][0], c[1][1]), from: p.from,
                           to: p.to, status: p.status, otherSide: p.other_side, name: p.boundary)
        }.sorted { ($0.chain, $0.order) < ($1.chain, $1.order) }
    }

    /// The side of the boundaries `c` is on.
    ///
    /// The nearest segment decides (distances in a local plane, longitude scaled by cos latitude).
    /// Where the nearest point is a corner shared by two segments, the turn there decides: at a
    /// left turn the right-hand (Indonesian) side is the outer side, so being right of either
    /// segment is enough; at a right turn, the position must be right of both. A nearest point at
    /// the very end of a chain means the position is beyond what the reference covers: unknown.
    public func jurisdiction(of c: Coordinate) -> Jurisdiction {
        let scale = cos(c.latitude * .pi / 180)
        let px = c.longitude * scale, py = c.latitude
        var best: (index: Int, t: Double, d2: Double)?
        for (i, s) in segments.enumerated() {
            let ax = s.a.x * scale, ay = s.a.y, bx = s.b.x * scale, by = s.b.y
            let dx = bx - ax, dy = by - ay
            let len2 = dx * dx + dy * dy
            let t = len2 == 0 ? 0 : max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
            let qx = ax + t * dx, qy = ay + t * dy
            let d2 = (px - qx) * (px - qx) + (py - qy) * (py - qy)
            if d2 < (best?.d2 ?? .infinity) { best = (i, t, d2) }
        }
        guard let best else { return .unknown(reason: "no boundary data") }
        let s = segments[best.index]
        let q = (x: s.a.x + best.t * (s.b.x - s.a.x), y: s.a.y + best.t * (s.b.y - s.a.y))
        guard let nearest = try? Coordinate(latitude: q.y, longitude: q.x) else { return .unknown(reason: "no boundary data") }
        let distance = c.distance(to: nearest)
        let isChainStart = best.t == 0 && (best.index == 0 || segments[best.index - 1].chain != s.chain)
        let isChainEnd = best.t == 1 && (best.index + 1 == segments.count || segments[best.index + 1].chain != s.chain)
        if isChainStart || isChainEnd {
            let point = isChainStart ? s.from : s.to
            return .unknown(reason: "beyond boundary point \(point), the end of the segments in the reference data "
                            + "(east of E17 the boundary is undelimited and involves Malaysia)")
        }
        if distance > Self.reach {
            return .unknown(reason: String(format: "%.0f nm from the nearest boundary segment; the reference data does not say",
                                           distance.nauticalMiles))
        }
        func rightOf(_ seg: Segment) -> Bool {
            let ax = seg.a.x * scale, ay = seg.a.y, bx = seg.b.x * scale, by = seg.b.y
            return (bx - ax) * (py - ay) - (by - ay) * (px - ax) < 0
        }
        var right = rightOf(s)
        // At a shared corner, the turn decides.
        let corner: (Segment, Segment)? = best.t == 0 ? (segments[best.index - 1], s)
            : best.t == 1 ? (s, segments[best.index + 1]) : nil
        if let (s1, s2) = corner {
            let d1x = (s1.b.x - s1.a.x) * scale, d1y = s1.b.y - s1.a.y
            let d2x = (s2.b.x - s2.a.x) * scale, d2y = s2.b.y - s2.a.y
            let leftTurn = d1x * d2y - d1y * d2x > 0
            right = leftTurn ? (rightOf(s1) || rightOf(s2)) : (rightOf(s1) && rightOf(s2))
        }
        let boundary = Jurisdiction.Boundary(name: s.name, status: s.status, otherSide: s.otherSide,
                                             segment: "\(s.from)–\(s.to)", distance: distance)
        return right ? .indonesian(boundary) : .foreign(boundary)
    }
}
