import Foundation
import SelatGeo

/// A GeoJSON Feature (RFC 7946 §3.2) held as its geometry and properties JSON text, ready to be
/// written, stored, or read back.
public struct GeoJSONFeature: Sendable, Hashable {
    /// The geometry object's JSON text.
    public let geometry: String
    /// The properties object's JSON text.
    public let properties: String

    public init(geometry: String, properties: String) {
        self.geometry = geometry
        self.properties = properties
    }

    /// A Point feature.
    public init(point: Coordinate, properties: GeoJSONProperties) {
        self.init(geometry: Self.pointGeometry(point), properties: properties.text)
    }

    /// A Point geometry object's text, positions to `decimals` decimals (6 ≈ 10 cm; sightings use 7).
    public static func pointGeometry(_ c: Coordinate, decimals: Int = 6) -> String {
        var g = JSONBytes()
        g.raw(#"{"type":"Point","coordinates":"#)
        g.position(c, decimals: decimals)
        g.raw("}")
        return g.text
    }

    /// A Polygon feature from rings of positions (outer first, then holes), each closed, the
    /// outer anticlockwise and holes clockwise (RFC 7946 §3.1.6).
    public init(polygon rings: [[Coordinate]], properties: GeoJSONProperties) {
        var g = JSONBytes()
        g.raw(#"{"type":"Polygon","coordinates":"#)
        g.rings(rings)
        g.raw("}")
        self.init(geometry: g.text, properties: properties.text)
    }

    /// A LineString feature (two or more positions).
    public init(
        lineString positions: [Coordinate], properties: GeoJSONProperties, decimals: Int = 6
    ) {
        var g = JSONBytes()
        g.raw(#"{"type":"LineString","coordinates":["#)
        for (k, c) in positions.enumerated() {
            if k > 0 { g.raw(",") }
            g.position(c, decimals: decimals)
        }
        g.raw("]}")
        self.init(geometry: g.text, properties: properties.text)
    }

    /// A MultiPolygon feature.
    public init(multiPolygon polygons: [[[Coordinate]]], properties: GeoJSONProperties) {
        var g = JSONBytes()
        g.raw(#"{"type":"MultiPolygon","coordinates":["#)
        for (k, rings) in polygons.enumerated() {
            if k > 0 { g.raw(",") }
            g.rings(rings)
        }
        g.raw("]}")
        self.init(geometry: g.text, properties: properties.text)
    }

    /// The Feature's JSON text.
    public var text: String {
        #"{"type":"Feature","geometry":"# + geometry + #","properties":"# + properties + "}"
    }
}

/// A Feature's properties, in the order they are added (so exports are stable and diffable).
public struct GeoJSONProperties: Sendable {
    private var bytes = JSONBytes()
    private var empty = true

    public init() { bytes.raw("{") }

    private mutating func key(_ k: String) {
        if !empty { bytes.raw(",") }
        empty = false
        bytes.string(k)
        bytes.raw(":")
    }

    public mutating func add(_ k: String, _ v: String?) {
        key(k)
        if let v { bytes.string(v) } else { bytes.raw("null") }
    }

    public mutating func add(_ k: String, _ v: Int) {
        key(k)
        bytes.raw(String(v))
    }

    public mutating func add(_ k: String, _ v: Double, decimals: Int = 6) {
        key(k)
        if v.isFinite { bytes.fixed(v, decimals: decimals) } else { bytes.raw("null") }
    }

    public mutating func add(_ k: String, _ v: Bool) {
        key(k)
        bytes.raw(v ? "true" : "false")
    }

    public mutating func add(_ k: String, _ v: [Int]) {
        key(k)
        bytes.raw("[" + v.map(String.init).joined(separator: ",") + "]")
    }

    /// A nested object of name → number, e.g. a projection's parameters.
    public mutating func add(_ k: String, object: [(String, Double)], decimals: Int = 6) {
        key(k)
        bytes.raw("{")
        for (i, (name, value)) in object.enumerated() {
            if i > 0 { bytes.raw(",") }
            bytes.string(name)
            bytes.raw(":")
            bytes.fixed(value, decimals: decimals)
        }
        bytes.raw("}")
    }

    /// A nested object of name → share (0…1), e.g. activities, to 4 decimals.
    public mutating func add(_ k: String, shares: [(String, Double)]) {
        add(k, object: shares, decimals: 4)
    }

    /// The object's JSON text.
    public var text: String {
        var b = bytes
        b.raw("}")
        return b.text
    }
}

/// A growing UTF-8 buffer with fast fixed-point number formatting.
struct JSONBytes {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(256) }

    var text: String { String(decoding: buffer, as: UTF8.self) }

    mutating func raw(_ s: String) { buffer.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) { raw(JSONText.string(s)) }

    /// At most `decimals` decimals, trailing zeros dropped, no "-0"; the same text as
    /// ``JSONText/number(_:decimals:)`` without going through `String(format:)`.
    mutating func fixed(_ v: Double, decimals: Int) {
        precondition(v.isFinite)
        let scale =
            decimals >= 0 && decimals < Self.powersOfTen.count
            ? Self.powersOfTen[decimals] : pow(10.0, Double(decimals))
        let x = abs(v) * scale
        let scaled = x.rounded()
        // Beyond exact integers, or so near a half that the multiplication's rounding could pick
        // the other neighbour: take printf's exact decimal rounding (JSONText), as every export
        // did before this fast path (a rare case: about 2 values in 100,000).
        if scaled >= 9e15 || abs(x - x.rounded(.down) - 0.5) < 1e-5 {
            raw(JSONText.number(v, decimals: decimals))
            return
        }
        if scaled == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        if v < 0 { buffer.append(UInt8(ascii: "-")) }
        let s = UInt64(scaled)
        let p = UInt64(scale)
        digits(s / p, width: 1)
        var frac = s % p
        if frac > 0 {
            buffer.append(UInt8(ascii: "."))
            var width = decimals
            while frac % 10 == 0 {
                frac /= 10
                width -= 1
            }
            digits(frac, width: width)
        }
    }

    /// 10⁰ … 10¹⁷, exact in a Double.
    static let powersOfTen: [Double] = (0...17).map { pow(10.0, Double($0)) }

    /// The decimal digits of `value`, zero-padded on the left to at least `width` digits.
    mutating func digits(_ value: UInt64, width: Int) {
        let count = DecimalDigits.count(value, width: width)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        buffer.withUnsafeMutableBufferPointer {
            DecimalDigits.write(value, count: count, into: $0, at: start)
        }
    }

    /// `[lon,lat]`: the one place the GeoJSON axis order is written.
    mutating func position(_ c: Coordinate, decimals: Int = 6) {
        raw("[")
        fixed(c.longitude, decimals: decimals)
        raw(",")
        fixed(c.latitude, decimals: decimals)
        raw("]")
    }

    mutating func rings(_ rings: [[Coordinate]]) {
        raw("[")
        for (i, ring) in rings.enumerated() {
            if i > 0 { raw(",") }
            raw("[")
            for (k, c) in ring.enumerated() {
                if k > 0 { raw(",") }
                position(c)
            }
            raw("]")
        }
        raw("]")
    }
}
