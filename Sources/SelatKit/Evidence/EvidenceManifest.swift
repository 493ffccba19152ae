import Foundation

/// `manifest.json` of an evidence bundle: what was exported, each record's hashes, the chain
/// head, and the SHA-256 of every other file in the bundle.
public struct EvidenceManifest: Codable, Sendable, Equatable {
    public static let formatName = "selat-evidence-bundle/1"

    /// One sighting record in the bundle.
    public struct Record: Codable, Sendable, Equatable {
        /// Its place in the sighting log.
        public var sequence: Int64
        public var id: String
        /// SHA-256 of the record's canonical content (hex).
        public var contentSHA256: String
        /// The chain hash of the record logged before it (hex; 64 zeros for the first record).
        public var previousChainSHA256: String
        /// The record's own chain hash (hex).
        public var chainSHA256: String
        /// When Selat logged it (ISO 8601, UTC, milliseconds).
        public var storedAt: String
        /// The record this one corrects, and why.
        public var supersedes: String?
        public var correctionReason: String?
        /// The record that corrects this one, if any (this version is then not the current one).
        public var supersededBy: String?

        enum CodingKeys: String, CodingKey {
            case sequence, id, supersedes
            case contentSHA256 = "content_sha256"
            case previousChainSHA256 = "previous_chain_sha256"
            case chainSHA256 = "chain_sha256"
            case storedAt = "stored_at"
            case correctionReason = "correction_reason"
            case supersededBy = "superseded_by"
        }
    }

    /// The last record of the log when the bundle was made.
    public struct ChainHead: Codable, Sendable, Equatable {
        public var sequence: Int64
        public var sha256: String
    }

    public var format = EvidenceManifest.formatName
    /// When the bundle was made (ISO 8601, UTC).
    public var createdAt: String
    /// The case name, or nil when records were chosen by id.
    public var caseName: String?
    /// The ids asked for (each brings every version of its sighting).
    public var requestedIDs: [String]
    /// The database was made by `selat demo`: the sightings are not real.
    public var synthetic: Bool
    public var records: [Record]
    public var chainHead: ChainHead
    /// SHA-256 (hex) of each other file of the bundle, by file name.
    public var files: [String: String]
    public var howToVerify = "selat evidence verify FOLDER (see README.txt)"

    enum CodingKeys: String, CodingKey {
        case format, synthetic, records, files
        case createdAt = "created_at"
        case caseName = "case"
        case requestedIDs = "requested_ids"
        case chainHead = "chain_head"
        case howToVerify = "how_to_verify"
    }
}

/// The files of a bundle.
enum EvidenceFile {
    static let manifest = "manifest.json"
    static let sightingsCSV = "sightings.csv"
    static let sightingsGeoJSON = "sightings.geojson"
    static let chainCSV = "chain.csv"
    static let readme = "README.txt"
    static let chainHeader = [
        "sequence", "id", "content_sha256", "stored_at", "supersedes", "correction_reason",
        "chain_sha256",
    ]
}
