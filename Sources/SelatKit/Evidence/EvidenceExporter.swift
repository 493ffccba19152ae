import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// `selat evidence export`: writes an evidence bundle, a folder a court can check without Selat's
/// database (``EvidenceVerifier``):
/// - `sightings.csv`: every version of each sighting asked for, every field exactly as logged;
/// - `sightings.geojson`: the same records as points, for QGIS or Google Earth;
/// - `chain.csv`: the chain links from the first bundled record to the head of the log (ids,
///   hashes and log times only, no other sighting's content), proving each record's place;
/// - `manifest.json`: each record's content and chain hashes, the chain head, the files' SHA-256;
/// - `README.txt`: what the files are and how to check them.
///
/// The log is verified on the way: a bundle is never made from a log that does not verify.
public struct EvidenceExporter: Sendable {
    public let database: SelatDatabase

    public init(database: SelatDatabase) { self.database = database }

    /// What was written.
    public struct Summary: Sendable, Codable {
        public var folder: String
        public var records: Int
        public var sightings: Int
        public var firstSequence: Int64
        public var head: EvidenceManifest.ChainHead
        /// SHA-256 of `manifest.json` (hex): note it on the evidence form.
        public var manifestSha256: String
    }

    /// Writes the bundle for `ids` and/or the sightings of case `caseName` to the new folder `folder`.
    /// - Throws: ``KitError`` naming an unknown id or case, an existing folder, or the record at
    ///   which the log fails to verify (nothing is written then).
    /// Everything the bundle compares is read in one read transaction (one snapshot of the log).
    public func export(ids: [SightingID], caseName: String?, to folder: String) throws(KitError)
        -> Summary
    {
        try KitError.inSnapshot(database) { () throws(KitError) in
            try exportInSnapshot(ids: ids, caseName: caseName, to: folder)
        }
    }

    private func exportInSnapshot(ids: [SightingID], caseName: String?, to folder: String)
        throws(KitError) -> Summary
    {
        guard !FileManager.default.fileExists(atPath: folder) else {
            throw .unusableFile(
                file: folder,
                reason:
                    "already exists; give a new folder name (a bundle is never written over another)"
            )
        }
        var requested = ids
        if let caseName {
            let inCase = try KitError.store { () throws(StoreError) in
                try database.caseSightingIDs(caseName)
            }
            guard !inCase.isEmpty else {
                throw .notFound(.evidenceCase(name: caseName))
            }
            requested += inCase
        }
        guard !requested.isEmpty else {
            throw .invalidRequest(.noSightingsChosen)
        }

        // Every version of each sighting asked for: the court sees corrections and what they replaced.
        var versions: [String: SelatDatabase.Version] = [:]
        var supersededBy: [String: String] = [:]
        for id in requested {
            let history = try KitError.store { () throws(StoreError) in try database.history(of: id)
            }
            for (k, v) in history.enumerated() {
                versions[v.stored.sighting.id.rawValue] = v
                if k + 1 < history.count {
                    supersededBy[v.stored.sighting.id.rawValue] =
                        history[k + 1].stored.sighting.id.rawValue
                }
            }
        }
        let first = versions.values.map(\.stored.sequence).min()!

        // Walk the log from the first bundled record to its end, checking every link (and the
        // recorded head) as `selat verify` does.
        var records: [EvidenceManifest.Record] = []
        var chainRows = CSVWriter.record(EvidenceFile.chainHeader)
        let report = try ChainVerifier(database: database).verify(
            from: first,
            visit: { r, previous in
                let storedAt = Timestamp(millisecondsSince1970: r.createdAt).iso8601()
                let content = SHA256.hex(r.storedContent)
                let chain = r.chain.map(SHA256.hex) ?? ""
                if versions[r.id] != nil {
                    records.append(
                        EvidenceManifest.Record(
                            sequence: r.sequence, id: r.id, contentSHA256: content,
                            previousChainSHA256: SHA256.hex(previous),
                            chainSHA256: chain, storedAt: storedAt, supersedes: r.supersedes,
                            correctionReason: r.reason,
                            supersededBy: supersededBy[r.id]))
                }
                chainRows += CSVWriter.record([
                    String(r.sequence), r.id, content, storedAt, r.supersedes ?? "", r.reason ?? "",
                    chain,
                ])
            })
        guard report.verified else {
            throw .logDoesNotVerify(
                record: report.problemSequence,
                problem: report.problem ?? "SQLite's integrity check: " + report.integrity)
        }
        let last = report.headSequence

        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        let sightings = records.map { versions[$0.id]!.stored.sighting }
        var files: [(String, String)] = [
            (EvidenceFile.sightingsCSV, Self.csv(sightings, records: records)),
            (
                EvidenceFile.sightingsGeoJSON,
                Self.geojson(sightings, records: records, synthetic: synthetic)
            ),
            (EvidenceFile.chainCSV, chainRows),
            (EvidenceFile.readme, Self.readme(first: first, last: last, synthetic: synthetic)),
        ]
        let manifest = EvidenceManifest(
            createdAt: Timestamp(Date()).iso8601(), caseName: caseName,
            requestedIDs: requested.map(\.rawValue),
            synthetic: synthetic, records: records,
            chainHead: .init(sequence: last, sha256: report.head),
            files: Dictionary(
                uniqueKeysWithValues: files.map {
                    ($0.0, SHA256.hex(SHA256.hash(Array($0.1.utf8))))
                }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestText =
            (try? encoder.encode(manifest)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? ""
        files.append((EvidenceFile.manifest, manifestText))
        try Self.writeFolder(folder, files: files)
        return Summary(
            folder: folder, records: records.count, sightings: Set(requested).count,
            firstSequence: first,
            head: manifest.chainHead,
            manifestSha256: SHA256.hex(SHA256.hash(Array(manifestText.utf8))))
    }

    /// The extra columns after the import columns of `sightings.csv`.
    static let extraColumns = [
        "on_land", "sequence", "supersedes", "correction_reason", "superseded_by", "outside_region",
        "inland_water",
    ]

    static func csv(_ sightings: [Sighting], records: [EvidenceManifest.Record]) -> String {
        var text = CSVWriter.record(SightingColumn.allCases.map(\.rawValue) + extraColumns)
        for (s, r) in zip(sightings, records) {
            text += CSVWriter.record(
                SightingColumn.allCases.map { s.exactText($0) ?? "" }
                    + [
                        s.onLand ? "true" : "", String(r.sequence), r.supersedes ?? "",
                        r.correctionReason ?? "", r.supersededBy ?? "",
                        s.outsideRegion ? "true" : "", s.inlandWater ? "true" : "",
                    ])
        }
        return text
    }

    static func geojson(
        _ sightings: [Sighting], records: [EvidenceManifest.Record], synthetic: Bool
    ) -> String {
        let features = zip(sightings, records).map { s, r in
            var properties: [(String, FeatureLayer.Value)] = SightingColumn.allCases.filter {
                $0 != .lat && $0 != .lon
            }.map { column in
                (column.rawValue, s.exactText(column).map { .string($0) } ?? .null)
            }
            properties += [
                ("lat", .string(s.exactText(.lat)!)), ("lon", .string(s.exactText(.lon)!)),
                ("on_land", .bool(s.onLand)),
                ("outside_region", .bool(s.outsideRegion)), ("inland_water", .bool(s.inlandWater)),
                ("sequence", .int(Int(r.sequence))), ("content_sha256", .string(r.contentSHA256)),
                ("chain_sha256", .string(r.chainSHA256)),
                ("supersedes", r.supersedes.map { .string($0) } ?? .null),
                ("superseded_by", r.supersededBy.map { .string($0) } ?? .null),
                ("current", .bool(r.supersededBy == nil)),
            ]
            return FeatureLayer.Feature(
                id: s.id.rawValue, name: s.id.rawValue, time: s.observedAt,
                geometry: .point(s.position), properties: properties)
        }
        return FeatureLayer(name: "Evidence bundle", synthetic: synthetic, features: features)
            .geojson()
    }

    static func readme(first: Int64, last: Int64, synthetic: Bool) -> String {
        """
        SELAT EVIDENCE BUNDLE
        \(synthetic ? "\nWARNING: made from a synthetic (demo) database. These sightings are not real.\n" : "")
        Files
          sightings.csv      Each sighting asked for, with every earlier and later version of it
                             (corrections never overwrite: they are new records that supersede).
                             Fields are exactly as logged (numbers to full precision).
          sightings.geojson  The same records as map points (QGIS, Google Earth).
          chain.csv          The sighting log's chain links from record #\(first) to #\(last),
                             the end of the log when this bundle was made. Other sightings
                             appear only as ids, hashes and log times.
          manifest.json      For each record: its content hash, its chain hash and the hash of
                             the record before it; the chain head; the SHA-256 of every file above.

        How to check it
          selat evidence verify THIS-FOLDER

          This recomputes every file's SHA-256, each record's content hash from the fields in
          sightings.csv (and checks sightings.geojson says the same), and every chain link in
          chain.csv up to the head. Then compare the chain head printed with the one printed by
          `selat verify` on the agency's database (or noted in the station log): a log that has
          grown since still contains this head's record with the same hash.

        How the hashes are made
          content hash: SHA-256 of the record's fields in a fixed binary encoding (Selat's
          "selat-sighting-v1"); chain hash: SHA-256 over "selat-chain-v1", the previous record's
          chain hash, the id, the content hash, the log time, and what the record corrects and why.

        """
    }

    /// Writes the files into a new folder, all or nothing: written in a folder beside it (mode
    /// 0700, files 0600: a bundle holds names and notes), then renamed into place, never over
    /// anything that exists.
    static func writeFolder(_ folder: String, files: [(String, String)]) throws(KitError) {
        let partial = folder + ".partial-\(getpid())"
        try KitError.output { () throws(OutputError) in
            try OutputError.checkNotProtected(folder)
            if FileManager.default.fileExists(atPath: folder) {
                throw .refused(path: folder, what: .folderExists)
            }
            try OutputFolder.create(partial, purpose: .evidence, personal: true)
            do throws(OutputError) {
                for (name, text) in files {
                    try OutputFile.write(
                        text, to: partial + "/" + name, purpose: .evidence, personal: true)
                }
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
            // rename(2) would replace an empty folder that appeared meanwhile; renameat2's
            // RENAME_NOREPLACE is not in every C library, so check just before.
            if FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: partial)
                throw .refused(path: folder, what: .folderExists)
            }
            guard rename(partial, folder) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: partial)
                throw .cannotWrite(path: folder, reason: reason)
            }
        }
    }
}
