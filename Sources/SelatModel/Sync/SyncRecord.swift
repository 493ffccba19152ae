import Foundation
import SelatGeo
import SelatWords

/// One record of a sighting log as it travels between a station and the centre (`selat sync`):
/// the sighting's fields as exact text (``Sighting/exactText(_:)``), so the receiver recomputes
/// the same content digest, and the record's place in the sender's chain (``SightingChain``),
/// so the receiver can show the record arrived as the sender logged it.
///
/// JSON keys are snake_case; `fields` holds the CSV column names with the values present.
public struct SyncRecord: Sendable, Hashable, Codable {
    /// The record's position in the sender's log.
    public var sequence: Int64
    public var id: String
    /// Each present column's exact text, by CSV column name.
    public var fields: [String: String]
    /// `on_land`, `outside_region`, `inland_water`: the plausibility flags it was accepted with.
    public var flags: [String]
    /// The content digest (hex) the sender stored when the record was logged.
    public var contentSHA256: String
    /// When the sender stored it (milliseconds since 1970, UTC).
    public var createdAt: Int64
    /// For a correction: the id it supersedes, and why.
    public var supersedes: String?
    public var reason: String?
    /// The record's chain hash (hex) in the sender's log.
    public var chainSHA256: String

    enum CodingKeys: String, CodingKey {
        case sequence, id, fields, flags, supersedes, reason
        case contentSHA256 = "content_sha256"
        case createdAt = "created_at"
        case chainSHA256 = "chain_sha256"
    }

    public init(
        sequence: Int64, id: String, fields: [String: String], flags: [String],
        contentSHA256: String, createdAt: Int64, supersedes: String?, reason: String?,
        chainSHA256: String
    ) {
        self.sequence = sequence
        self.id = id
        self.fields = fields
        self.flags = flags
        self.contentSHA256 = contentSHA256
        self.createdAt = createdAt
        self.supersedes = supersedes
        self.reason = reason
        self.chainSHA256 = chainSHA256
    }

    /// The record of `sighting` as it stands in a log.
    public init(
        _ sighting: Sighting, sequence: Int64, content: [UInt8], createdAt: Int64,
        supersedes: String?, reason: String?, chain: [UInt8]
    ) {
        var fields: [String: String] = [:]
        for column in SightingColumn.allCases {
            if let text = sighting.exactText(column) { fields[column.rawValue] = text }
        }
        self.init(
            sequence: sequence, id: sighting.id.rawValue, fields: fields,
            flags: sighting.flagNames, contentSHA256: SHA256.hex(content), createdAt: createdAt,
            supersedes: supersedes, reason: reason, chainSHA256: SHA256.hex(chain))
    }

    /// The flags a record may carry.
    public static let knownFlags: Set<String> = ["on_land", "outside_region", "inland_water"]

    /// The sighting the fields make, checked against the record's own id, flags and content
    /// digest: a record altered on the way (or at the sender) is refused, never stored.
    /// - Throws: ``ModelError`` naming the field (`fields.lat`, `content_sha256`, …).
    public func sighting() throws(ModelError) -> Sighting {
        for key in fields.keys where SightingColumn(rawValue: key) == nil {
            throw .invalidField(
                field: "fields.\(key)", value: key,
                reason: Phrase(
                    "model.sync.unknown_column",
                    ["columns": SightingColumn.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        for flag in flags where !Self.knownFlags.contains(flag) {
            throw .invalidField(
                field: "flags", value: flag,
                reason: Phrase(
                    "model.sync.unknown_flag",
                    ["flags": Self.knownFlags.sorted().joined(separator: ", ")]))
        }
        var sighting: Sighting
        do {
            sighting = try Sighting.reading({ fields[$0.rawValue] }, defaultOffsetMinutes: 0)
                .sighting
            sighting = try sighting.flagged(
                onLand: flags.contains("on_land"), outsideRegion: flags.contains("outside_region"),
                inlandWater: flags.contains("inland_water"))
        } catch {
            throw error.prefixed("fields.")
        }
        guard sighting.id.rawValue == id else {
            throw .invalidField(
                field: "fields.id", value: sighting.id.rawValue,
                reason: Phrase("model.sync.id_differs", ["id": id]))
        }
        guard let digest = SHA256.bytes(hex: contentSHA256) else {
            throw .invalidField(
                field: "content_sha256", value: contentSHA256, reason: Phrase("model.sync.hex"))
        }
        guard sighting.contentDigest == digest else {
            throw .invalidField(
                field: "content_sha256", value: contentSHA256,
                reason: Phrase("model.sync.content_differs", ["id": id]))
        }
        guard SHA256.bytes(hex: chainSHA256) != nil else {
            throw .invalidField(
                field: "chain_sha256", value: chainSHA256, reason: Phrase("model.sync.hex"))
        }
        if let supersedes {
            do { _ = try SightingID(supersedes) } catch {
                guard case .invalidField(_, _, let reason) = error else { throw error }
                throw .invalidField(field: "supersedes", value: supersedes, reason: reason)
            }
            guard let reason, !TextChecks.isBlank(reason) else {
                throw .missingField(field: "reason")
            }
        }
        return sighting
    }

    /// The content digest and chain hash as bytes (all zeros when not hexadecimal; ``sighting()``
    /// refuses such a record first).
    public var content: [UInt8] { SHA256.bytes(hex: contentSHA256) ?? SightingChain.genesis }
    public var chain: [UInt8] { SHA256.bytes(hex: chainSHA256) ?? SightingChain.genesis }

    /// Whether the record's chain hash follows `previous` (the chain hash of the record before it
    /// in the sender's log).
    public func follows(_ previous: [UInt8]) -> Bool {
        SightingChain.link(
            previous: previous, id: id, content: content, createdAt: createdAt,
            supersedes: supersedes, reason: reason) == chain
    }

    /// Whether `other` is the same record (same id, content, and what it corrects and why),
    /// wherever and whenever each was stored.
    public func sameRecord(as other: SyncRecord) -> Bool {
        id == other.id && contentSHA256.lowercased() == other.contentSHA256.lowercased()
            && supersedes == other.supersedes && reason == other.reason
    }
}
