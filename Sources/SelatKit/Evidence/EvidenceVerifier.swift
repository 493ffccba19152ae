import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// `selat evidence verify`: checks an evidence bundle on its own, with no database: every file's
/// SHA-256, each record's content hash recomputed from `sightings.csv`, `sightings.geojson`
/// saying the same, and every chain link in `chain.csv` up to the head.
public struct EvidenceVerifier: Sendable {
    /// What the check found.
    public struct Report: Sendable, Codable {
        public var records = 0
        public var chainLinks = 0
        public var head: EvidenceManifest.ChainHead?
        public var caseName: String?
        public var synthetic = false
        /// Everything wrong, each naming the file, the line or record and what to conclude.
        public var problems: [String] = []
        public var verified: Bool { problems.isEmpty }
    }

    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// Checks the bundle.
    /// - Throws: ``KitError`` when the folder or its manifest cannot be read at all.
    public func verify() throws(KitError) -> Report {
        var report = Report()
        let url = URL(fileURLWithPath: folder)
        guard
            let manifestData = FileManager.default.contents(
                atPath: url.appendingPathComponent(EvidenceFile.manifest).path)
        else {
            throw .unusableFile(
                file: folder,
                reason:
                    "has no readable \(EvidenceFile.manifest): give the folder `selat evidence export` wrote"
            )
        }
        let manifest: EvidenceManifest
        do { manifest = try JSONDecoder().decode(EvidenceManifest.self, from: manifestData) } catch
        {
            throw .unusableFile(
                file: EvidenceFile.manifest,
                reason: "is not a Selat evidence manifest (\(error)); it was damaged or edited")
        }
        guard manifest.format == EvidenceManifest.formatName else {
            throw .unusableFile(
                file: EvidenceFile.manifest,
                reason:
                    "is format \"\(manifest.format)\"; this Selat reads \"\(EvidenceManifest.formatName)\""
            )
        }
        report.head = manifest.chainHead
        report.caseName = manifest.caseName
        report.synthetic = manifest.synthetic
        report.records = manifest.records.count

        // 1. Files as listed.
        var contents: [String: [UInt8]] = [:]
        for name in [
            EvidenceFile.sightingsCSV, EvidenceFile.sightingsGeoJSON, EvidenceFile.chainCSV,
            EvidenceFile.readme,
        ] {
            guard let expected = manifest.files[name] else {
                report.problems.append(
                    "\(EvidenceFile.manifest) lists no hash for \(name): the manifest was edited")
                continue
            }
            guard
                let data = FileManager.default.contents(
                    atPath: url.appendingPathComponent(name).path)
            else {
                report.problems.append("\(name) is missing from the bundle")
                continue
            }
            let bytes = [UInt8](data)
            let actual = SHA256.hex(SHA256.hash(bytes))
            if actual != expected {
                report.problems.append(
                    "\(name) was changed after the bundle was made: its SHA-256 is \(actual.prefix(16))…, the manifest says \(expected.prefix(16))…"
                )
            }
            contents[name] = bytes
        }
        var byID: [String: EvidenceManifest.Record] = [:]
        for r in manifest.records {
            if byID.updateValue(r, forKey: r.id) != nil {
                report.problems.append("\(EvidenceFile.manifest) lists sighting \(r.id) twice")
            }
        }

        // 2. Content hashes from the CSV fields.
        var exact: [String: Sighting] = [:]
        if let csv = contents[EvidenceFile.sightingsCSV] {
            exact = checkCSV(csv, records: byID, report: &report)
        }
        // 3. The GeoJSON says the same.
        if let geojson = contents[EvidenceFile.sightingsGeoJSON] {
            checkGeoJSON(geojson, records: byID, sightings: exact, report: &report)
        }
        // 4. The chain, link by link, to the head.
        if let chain = contents[EvidenceFile.chainCSV] {
            checkChain(chain, manifest: manifest, records: byID, report: &report)
        }
        return report
    }

    private func checkCSV(
        _ bytes: [UInt8], records: [String: EvidenceManifest.Record], report: inout Report
    ) -> [String: Sighting] {
        let name = EvidenceFile.sightingsCSV
        var reader = CSVReader(bytes: bytes)
        guard let header = reader.next() else {
            report.problems.append("\(name) is empty")
            return [:]
        }
        let index = Dictionary(
            header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [String: Sighting] = [:]
        while let row = reader.next() {
            let location = "\(name) line \(row.line)"
            func field(_ column: String) -> String? {
                index[column].flatMap { $0 < row.fields.count ? row.fields[$0] : nil }
            }
            guard row.fields.count == header.fields.count, !row.unterminatedQuote,
                row.invalidUTF8Fields.isEmpty
            else {
                report.problems.append(
                    "\(location) is damaged (wrong number of fields, an unclosed quote or bytes that are not UTF-8)"
                )
                continue
            }
            var sighting: Sighting
            do {
                sighting = try Sighting.reading({ field($0.rawValue) }, defaultOffsetMinutes: 0)
                    .sighting
                sighting = try sighting.flagged(
                    onLand: field("on_land") == "true",
                    outsideRegion: field("outside_region") == "true",
                    inlandWater: field("inland_water") == "true")
            } catch {
                report.problems.append(
                    "\(location) is not a valid sighting any more (\(error)): it was edited")
                continue
            }
            let id = sighting.id.rawValue
            guard let record = records[id] else {
                report.problems.append(
                    "\(location): sighting \(id) is not in the manifest: it was added to the file")
                continue
            }
            if found.updateValue(sighting, forKey: id) != nil {
                report.problems.append("\(location): sighting \(id) appears twice")
            }
            let digest = SHA256.hex(sighting.contentDigest)
            if digest != record.contentSHA256 {
                report.problems.append(
                    "\(location) (sighting \(id)): its fields do not match the content hash in the manifest: they were changed after the record was logged"
                )
            }
        }
        for id in records.keys.sorted() where found[id] == nil {
            report.problems.append(
                "\(name) has no row for sighting \(id), which the manifest lists: a row was removed"
            )
        }
        return found
    }

    private func checkGeoJSON(
        _ bytes: [UInt8], records: [String: EvidenceManifest.Record], sightings: [String: Sighting],
        report: inout Report
    ) {
        let name = EvidenceFile.sightingsGeoJSON
        guard case .object(let root)? = try? JSONValue.parse(Data(bytes)),
            case .array(let features)? = root["features"]
        else {
            report.problems.append("\(name) is not a GeoJSON FeatureCollection any more")
            return
        }
        var seen = Set<String>()
        for (k, feature) in features.enumerated() {
            let path = "\(name) features[\(k)]"
            guard case .object(let f) = feature, case .object(let props)? = f["properties"],
                let id = props["id"]?.string
            else {
                report.problems.append("\(path) has no sighting id")
                continue
            }
            guard let record = records[id] else {
                report.problems.append(
                    "\(path): sighting \(id) is not in the manifest: it was added to the file")
                continue
            }
            seen.insert(id)
            if props["content_sha256"]?.string != record.contentSHA256 {
                report.problems.append(
                    "\(path) (sighting \(id)): its content hash differs from the manifest")
            }
            guard let s = sightings[id] else { continue }
            for column in SightingColumn.allCases {
                let expected = s.exactText(column)
                let value = props[column.rawValue]
                if value?.string != expected, !(expected == nil && (value == nil || value == .null))
                {
                    report.problems.append(
                        "\(path) (sighting \(id)): \(column.rawValue) is \(value?.summary ?? "missing") but sightings.csv has \(expected ?? "nothing")"
                    )
                }
            }
            let position = (try? GeoJSONGeometry(json: f["geometry"] ?? .null)).flatMap {
                g -> Coordinate? in
                if case .point(let c) = g { return c } else { return nil }
            }
            if let c = position {
                if abs(c.latitude - s.position.latitude) > 1e-7
                    || abs(c.longitude - s.position.longitude) > 1e-7
                {
                    report.problems.append(
                        "\(path) (sighting \(id)): the point is not where sightings.csv puts it")
                }
            } else {
                report.problems.append("\(path) (sighting \(id)): the geometry is not a point")
            }
        }
        for id in records.keys.sorted() where !seen.contains(id) {
            report.problems.append(
                "\(name) has no feature for sighting \(id), which the manifest lists: a feature was removed"
            )
        }
    }

    private func checkChain(
        _ bytes: [UInt8], manifest: EvidenceManifest, records: [String: EvidenceManifest.Record],
        report: inout Report
    ) {
        let name = EvidenceFile.chainCSV
        guard let first = manifest.records.min(by: { $0.sequence < $1.sequence }) else {
            report.problems.append("\(EvidenceFile.manifest) lists no records")
            return
        }
        var reader = CSVReader(bytes: bytes)
        guard reader.next()?.fields == EvidenceFile.chainHeader else {
            report.problems.append(
                "\(name) does not start with the header \(EvidenceFile.chainHeader.joined(separator: ","))"
            )
            return
        }
        var previous = first.previousChainSHA256
        var lastSequence: Int64?
        var inChain = Set<String>()
        while let row = reader.next() {
            let location = "\(name) line \(row.line)"
            let f = row.fields
            guard f.count == 7, let seq = Int64(f[0]), let content = Self.bytes(hex: f[2]),
                let chain = Self.bytes(hex: f[6]),
                let prev = Self.bytes(hex: previous),
                let stored = try? Timestamp.parse(f[3], defaultOffsetMinutes: 0).timestamp
            else {
                report.problems.append(
                    "\(location) is damaged (expected \(EvidenceFile.chainHeader.joined(separator: ",")))"
                )
                return
            }
            if lastSequence == nil, seq != first.sequence {
                report.problems.append(
                    "\(location): the chain starts at record #\(seq), not at the first bundled record #\(first.sequence)"
                )
            }
            if let last = lastSequence, seq <= last {
                report.problems.append(
                    "\(location): record #\(seq) comes after #\(last): the chain was reordered")
            }
            let link = SightingChain.link(
                previous: prev, id: f[1], content: content, createdAt: stored.millisecondsSince1970,
                supersedes: f[4].isEmpty ? nil : f[4], reason: f[5].isEmpty ? nil : f[5])
            if link != chain {
                report.problems.append(
                    "\(location): record #\(seq) (sighting \(f[1])) does not follow the record before it: the chain was altered here"
                )
                return
            }
            if let r = records[f[1]] {
                inChain.insert(f[1])
                if r.sequence != seq || r.contentSHA256 != f[2] || r.chainSHA256 != f[6]
                    || r.previousChainSHA256 != previous
                {
                    report.problems.append(
                        "\(location): sighting \(f[1]) has other hashes in the manifest than in the chain"
                    )
                }
            }
            previous = f[6]
            lastSequence = seq
            report.chainLinks += 1
        }
        if lastSequence != manifest.chainHead.sequence || previous != manifest.chainHead.sha256 {
            report.problems.append(
                "\(name) ends at record #\(lastSequence ?? 0), not at the chain head the manifest gives (#\(manifest.chainHead.sequence)): links were removed"
            )
        }
        for id in records.keys.sorted() where !inChain.contains(id) {
            report.problems.append("sighting \(id) is in the manifest but not in \(name)")
        }
    }

    /// Whether the database's record at the bundle's head sequence has the head's chain hash: the
    /// bundle comes from this log (a log that has grown since still has that record).
    public static func headMatches(_ head: EvidenceManifest.ChainHead, in database: SelatDatabase)
        throws(KitError) -> Bool
    {
        var match = false
        try KitError.store { () throws(StoreError) in
            try database.forEachChainRecord(from: head.sequence) { r in
                match = r.sequence == head.sequence && r.chain.map(SHA256.hex) == head.sha256
                return false
            }
        }
        return match
    }

    static func bytes(hex: String) -> [UInt8]? { SHA256.bytes(hex: hex) }
}
