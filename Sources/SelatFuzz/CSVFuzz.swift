import SelatFormats
import SelatGeoData
import SelatKit

/// CSV files: the reader's records write back and read again unchanged, and an import check
/// accounts for every row (imported or refused with a reason, never dropped).
enum CSVFuzz {
    static func check(_ bytes: [UInt8]) -> String? {
        var reader = CSVReader(bytes: bytes)
        var records: [[String]] = []
        var previousLine = 0
        while let record = reader.next() {
            guard record.line > previousLine else {
                return "record at line \(record.line) after line \(previousLine)"
            }
            previousLine = record.line
            if record.unterminatedQuote || !record.invalidUTF8Fields.isEmpty { continue }
            records.append(record.fields)
            if records.count > 2_000 { break }
        }
        if !records.isEmpty {
            let text = records.map { CSVWriter.record($0) }.joined()
            var again = CSVReader(bytes: Array(text.utf8))
            for (i, fields) in records.enumerated() {
                guard let back = again.next() else {
                    return "record \(i + 1) lost when written back"
                }
                if back.fields != fields {
                    return
                        "record \(i + 1) \(fields.map { debug($0, limit: 40) }) writes back as \(back.fields.map { debug($0, limit: 40) })"
                }
            }
        }
        return ImportFuzz.accounts(bytes, format: .csv)
    }
}

/// The rule both file formats share: every row read is either a sighting or a problem.
enum ImportFuzz {
    static let landCheck: LandCheck? = (try? GeoData.bundled()).map {
        LandCheck(coastline: $0.coastline)
    }

    static func accounts(_ bytes: [UInt8], format: SightingImporter.Format) -> String? {
        guard let landCheck else { return "GeoData missing: the fuzz build lacks its resources" }
        guard
            let check = try? SightingImporter.check(
                bytes: bytes, fileName: "fuzz", format: format, landCheck: landCheck)
        else { return nil }
        if check.sightings.count + check.problems.count != check.rowsRead {
            return
                "\(check.rowsRead) rows read but \(check.sightings.count) sightings + \(check.problems.count) problems"
        }
        for p in check.problems where p.reason.isEmpty || p.location.isEmpty {
            return "a problem without location or reason: \(p)"
        }
        return nil
    }
}
