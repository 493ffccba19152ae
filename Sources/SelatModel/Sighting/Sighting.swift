import Foundation
import SelatGeo
import SelatWords

/// One observation of a boat: where, when, what kind, doing what, how many aboard, who saw it.
///
/// A sighting is evidence. Its values are validated when it is made and never change; a
/// correction is a new record that supersedes it.
public struct Sighting: Sendable, Hashable, Codable {
    /// Stable identifier, merged on across devices and agencies.
    public let id: SightingID
    /// When the boat was seen (UTC instant, with the offset it was written in).
    public let observedAt: Timestamp
    /// Where the boat was seen.
    public let position: Coordinate
    public let vesselType: VesselType
    public let activity: Activity
    /// People counted aboard, if counted.
    public let personsAboard: Int?
    /// Course or heading in degrees true, 0–360.
    public let headingDegrees: Double?
    /// Speed over ground.
    public let speed: Speed?
    /// How the sighting was made.
    public let source: SightingSource?
    /// Reporting unit and/or officer.
    public let unit: String?
    public let confidence: Confidence?
    /// Free text.
    public let notes: String?
    /// The position is on land and was accepted as such (a beached boat, a landing spot).
    public let onLand: Bool
    /// The position is outside the study region and was accepted as such.
    public let outsideRegion: Bool
    /// The position is in inland water (a lake or lagoon inside an island), not at sea.
    public let inlandWater: Bool

    /// The flags set, by their stored names (`on_land`, `outside_region`, `inland_water`).
    public var flagNames: [String] {
        (onLand ? ["on_land"] : []) + (outsideRegion ? ["outside_region"] : [])
            + (inlandWater ? ["inland_water"] : [])
    }

    /// Limits that catch unit mix-ups and broken input, not real boats.
    public enum Limits {
        public static let personsAboard = 0...10_000
        public static let headingDegrees = 0.0...360.0
        public static let speedKnots = 0.0...100.0
        public static let unitLength = 200
        public static let notesLength = 10_000
    }

    /// Makes a sighting, checking every value.
    ///
    /// - Parameter id: The sender's id, or `nil` to derive a deterministic one from the content
    ///   (so re-importing a row without an id does not add it twice).
    /// - Throws: ``ModelError`` naming the first field that is not acceptable.
    public init(
        id: SightingID?, observedAt: Timestamp, position: Coordinate,
        vesselType: VesselType = .unknown, activity: Activity = .unknown,
        personsAboard: Int? = nil, headingDegrees: Double? = nil, speed: Speed? = nil,
        source: SightingSource? = nil, unit: String? = nil, confidence: Confidence? = nil,
        notes: String? = nil,
        onLand: Bool = false, outsideRegion: Bool = false, inlandWater: Bool = false
    ) throws(ModelError) {
        if let p = personsAboard, !Limits.personsAboard.contains(p) {
            throw .invalidField(
                field: "persons_aboard", value: String(p),
                reason: Phrase(
                    "model.persons_range", ["limit": "\(Limits.personsAboard.upperBound)"]))
        }
        if let h = headingDegrees, !(h.isFinite && Limits.headingDegrees.contains(h)) {
            throw .invalidField(
                field: "heading_deg", value: String(h), reason: Phrase("model.heading"))
        }
        if let s = speed, !(s.knots.isFinite && Limits.speedKnots.contains(s.knots)) {
            throw .invalidField(
                field: "speed_kn", value: String(s.knots),
                reason: Phrase(
                    "model.speed_range", ["limit": "\(Int(Limits.speedKnots.upperBound))"]))
        }
        try Self.checkText(
            unit, field: "unit", maxLength: Limits.unitLength, allowLineBreaks: false)
        try Self.checkText(
            notes, field: "notes", maxLength: Limits.notesLength, allowLineBreaks: true)
        self.id =
            id
            ?? .derived(
                from: Self.digest(
                    observedAt, position, vesselType, activity, personsAboard, headingDegrees,
                    speed, source, unit,
                    confidence, notes, onLand, outsideRegion, inlandWater))
        self.observedAt = observedAt
        self.position = position
        self.vesselType = vesselType
        self.activity = activity
        self.personsAboard = personsAboard
        self.headingDegrees = headingDegrees
        self.speed = speed
        self.source = source
        self.unit = unit
        self.confidence = confidence
        self.notes = notes
        self.onLand = onLand
        self.outsideRegion = outsideRegion
        self.inlandWater = inlandWater
    }

    /// The same sighting, flagged as accepted on land.
    /// The id stays the sender's, or is derived again (the flag is part of the content).
    public func acceptedOnLand() throws(ModelError) -> Sighting { try flagged(onLand: true) }

    /// The same sighting with flags set (nil: unchanged). The id stays the sender's, or is
    /// derived again (flags are part of the content).
    public func flagged(onLand: Bool? = nil, outsideRegion: Bool? = nil, inlandWater: Bool? = nil)
        throws(ModelError) -> Sighting
    {
        try Sighting(
            id: idWasDerived ? nil : id, observedAt: observedAt, position: position,
            vesselType: vesselType,
            activity: activity, personsAboard: personsAboard, headingDegrees: headingDegrees,
            speed: speed,
            source: source, unit: unit, confidence: confidence, notes: notes,
            onLand: onLand ?? self.onLand,
            outsideRegion: outsideRegion ?? self.outsideRegion,
            inlandWater: inlandWater ?? self.inlandWater)
    }

    /// Whether the id is the one derived from the content (no sender's id was given).
    public var idWasDerived: Bool {
        id == .derived(from: contentDigest)
    }

    private static func checkText(
        _ text: String?, field: String, maxLength: Int, allowLineBreaks: Bool
    ) throws(ModelError) {
        guard let text else { return }
        if TextChecks.isLonger(text, than: maxLength) {
            throw .invalidField(
                field: field, value: text,
                reason: Phrase(
                    "model.text_length", ["limit": "\(maxLength)", "count": "\(text.count)"]))
        }
        let allowed = allowLineBreaks ? TextChecks.lineBreaksAndTabs : 0
        if TextChecks.containsControl(text, allowing: allowed),
            let scalar = TextChecks.firstControl(text, allowing: allowed)
        {
            throw .invalidField(
                field: field, value: text,
                reason: Phrase(
                    "model.control_character",
                    ["code": "U+\(String(scalar.value, radix: 16, uppercase: true))"]))
        }
    }

    /// SHA-256 over the canonical content (every field but the id).
    ///
    /// Two records with the same digest say exactly the same thing; the store uses it to tell a
    /// re-import (duplicate) from a different record under the same id (conflict).
    public var contentDigest: [UInt8] {
        Self.digest(
            observedAt, position, vesselType, activity, personsAboard, headingDegrees, speed,
            source,
            unit, confidence, notes, onLand, outsideRegion, inlandWater)
    }

    // The canonical encoding: a version tag, then each field in a fixed order. Text is its UTF-8
    // length in decimal, ':' and its bytes; numbers are a type byte and their 8-byte big-endian
    // bit pattern (exact, no formatting); an absent field is the byte 0xFF. No two different
    // contents share an encoding.
    private static func digest(
        _ observedAt: Timestamp, _ position: Coordinate, _ vesselType: VesselType,
        _ activity: Activity,
        _ personsAboard: Int?, _ headingDegrees: Double?, _ speed: Speed?,
        _ source: SightingSource?,
        _ unit: String?, _ confidence: Confidence?, _ notes: String?, _ onLand: Bool,
        _ outsideRegion: Bool,
        _ inlandWater: Bool
    ) -> [UInt8] {
        var e = CanonicalEncoder(capacity: 160 + (notes?.utf8.count ?? 0) + (unit?.utf8.count ?? 0))
        e.text("selat-sighting-v1")
        e.word(0x49, UInt64(bitPattern: observedAt.millisecondsSince1970))
        e.word(0x44, position.latitude.bitPattern)
        e.word(0x44, position.longitude.bitPattern)
        e.text(vesselType.rawValue)
        e.text(activity.rawValue)
        e.word(0x49, personsAboard.map { UInt64(bitPattern: Int64($0)) })
        e.word(0x44, headingDegrees.map(\.bitPattern))
        e.word(0x44, speed.map(\.knots.bitPattern))
        e.text(source?.rawValue)
        e.text(unit)
        switch confidence {
        case .value(let v)?: e.word(0x44, v.bitPattern)
        case .level(let l)?: e.text(l.rawValue)
        case nil: e.text(nil)
        }
        e.text(notes)
        // Flags are absent when false: digests of ordinary records are unchanged.
        if onLand { e.text("on-land") }
        if outsideRegion { e.text("outside-region") }
        if inlandWater { e.text("inland-water") }
        let bytes = e.bytes
        return SHA256.hash(bytes)
    }
}

/// Builds the canonical byte encoding hashed by ``Sighting/contentDigest``.
struct CanonicalEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func appendRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Text: UTF-8 length in decimal, ':', the bytes; 0xFF when absent.
    mutating func text(_ value: String?) {
        guard let value else {
            bytes.append(0xff)
            return
        }
        bytes.append(contentsOf: String(value.utf8.count).utf8)
        bytes.append(0x3a)
        bytes.append(contentsOf: value.utf8)
    }

    /// A number: a type byte and 8 big-endian bytes; 0xFF when absent.
    mutating func word(_ tag: UInt8, _ bits: UInt64?) {
        guard let bits else {
            bytes.append(0xff)
            return
        }
        bytes.append(tag)
        var big = bits.bigEndian
        withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
    }
}
