import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore
import SelatWords

/// Writes lists of sightings for people (a table) and for programs (CSV, JSON, GeoJSON).
public enum SightingRenderer {
    /// Output formats of `selat sighting list`.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json, geojson, gpx
    }

    /// Renders `sightings`. Times in the table are shown at `displayOffsetMinutes` (WIB by
    /// default); machine formats use UTC. Unit and notes appear in machine formats only with
    /// `includePersonal`; the table, read at the station, always shows the unit.
    public static func render(
        _ sightings: [StoredSighting], format: Format, displayOffsetMinutes: Int = 420,
        includePersonal: Bool = true, synthetic: Bool = false, words: Words = Words(.en)
    ) -> String {
        switch format {
        case .table: table(sightings, offset: displayOffsetMinutes, words: words)
        case .csv:
            csv(sightings.map(\.sighting), includePersonal: includePersonal, synthetic: synthetic)
        case .json: json(sightings, includePersonal: includePersonal, synthetic: synthetic)
        case .geojson:
            SightingLayer.make(
                sightings.map(\.sighting), includePersonal: includePersonal, synthetic: synthetic,
                words: words
            ).render(.geojson)
        case .gpx:
            SightingLayer.make(
                sightings.map(\.sighting), includePersonal: includePersonal, synthetic: synthetic,
                words: words
            ).render(.gpx)
        }
    }

    /// The import columns, so a CSV export imports back unchanged, then `flags` (the sighting's
    /// flags, `;`-separated: `on_land`, `outside_region`, `inland_water`; recomputed on import).
    public static func csv(_ sightings: [Sighting], includePersonal: Bool, synthetic: Bool = false)
        -> String
    {
        var out = csvHeader(synthetic: synthetic)
        for s in sightings {
            out += csvRecord(s, includePersonal: includePersonal, synthetic: synthetic)
        }
        return out
    }

    /// The header line of ``csv(_:includePersonal:synthetic:)``.
    static func csvHeader(synthetic: Bool) -> String {
        CSVWriter.record(
            SightingColumn.allCases.map(\.rawValue) + [flagsColumn]
                + (synthetic ? ["synthetic"] : []))
    }

    /// One line of ``csv(_:includePersonal:synthetic:)``: numbers to the last bit (a re-import
    /// gives the same content hashes), times in UTC; unit and notes only when asked for.
    static func csvRecord(_ s: Sighting, includePersonal: Bool, synthetic: Bool) -> String {
        var row = SightingColumn.allCases.map { column in
            switch column {
            case .observedAt: s.observedAt.description
            // (A `where` binds only the pattern it follows: each personal column has its own.)
            case .unit where !includePersonal, .notes where !includePersonal: ""
            default: s.exactText(column) ?? ""
            }
        }
        row.append(s.flagNames.joined(separator: ";"))
        if synthetic { row.append("yes") }
        return CSVWriter.record(row)
    }

    /// The column of flags in CSV exports; the importer recomputes flags from the position, so
    /// it reads past this column without a warning.
    public static let flagsColumn = "flags"

    static func json(_ sightings: [StoredSighting], includePersonal: Bool, synthetic: Bool)
        -> String
    {
        let objects = sightings.map {
            jsonObject($0, includePersonal: includePersonal, synthetic: synthetic)
        }
        return "[\n" + objects.joined(separator: ",\n") + (objects.isEmpty ? "]\n" : "\n]\n")
    }

    /// One object of ``json(_:includePersonal:synthetic:)`` (without separator or line end).
    static func jsonObject(_ stored: StoredSighting, includePersonal: Bool, synthetic: Bool)
        -> String
    {
        let s = stored.sighting
        var props = SightingLayer.properties(s, includePersonal: includePersonal)
        props.insert(("lat", .number(s.position.latitude, decimals: 7)), at: 2)
        props.insert(("lon", .number(s.position.longitude, decimals: 7)), at: 3)
        props.append(("sequence", .int(Int(stored.sequence))))
        props.append(("created_at", .string(stored.createdAt.description)))
        if synthetic { props.append(("synthetic", .bool(true))) }
        // One growing string: a big answer writes this for every row it streams.
        var out = "  {"
        out.reserveCapacity(512)
        FeatureLayer.appendMembers(props, to: &out, separator: ", ", colon: ": ")
        out += "}"
        return out
    }

    static func table(_ sightings: [StoredSighting], offset: Int, words w: Words) -> String {
        guard !sightings.isEmpty else { return w("sightings.none_match") + "\n" }
        let zone = TimeZoneName.name(offset)
        let flagged = sightings.contains { !$0.sighting.flagNames.isEmpty }
        let header =
            [
                w("sightings.column.observed", ["zone": zone]), w("sightings.column.position"),
                w("sightings.column.type"), w("sightings.column.activity"),
                w("sightings.column.pob"), w("sightings.column.unit"), "ID",
            ]
            + (flagged ? [w("sightings.column.flags")] : [])
        let english = w.language == .en
        var rows = [header]
        for stored in sightings {
            let s = stored.sighting
            let time = String(s.observedAt.iso8601(offsetMinutes: offset).prefix(16))
                .replacingOccurrences(of: "T", with: " ")
            rows.append(
                [
                    w.clock(time),
                    s.position.formatted(english ? .degreesMinutes : .degreesMinutesIndonesian),
                    english ? s.vesselType.rawValue : w("vessel." + s.vesselType.rawValue),
                    english ? s.activity.rawValue : w("activity." + s.activity.rawValue),
                    s.personsAboard.map { String($0) } ?? "-", String((s.unit ?? "-").prefix(24)),
                    s.id.rawValue,
                ] + (flagged ? [s.flagNames.joined(separator: ",")] : []))
        }
        return TextTable.render(rows)
            + (sightings.count == 1
                ? w("sightings.count_one") : w("sightings.count", ["count": "\(sightings.count)"]))
            + "\n"
    }
}

/// Names for the UTC offsets used in Indonesia.
public enum TimeZoneName {
    /// `WIB`, `WITA`, `WIT`, `UTC` or `UTC+05:30`.
    public static func name(_ offsetMinutes: Int) -> String {
        Timestamp.zoneName(offsetMinutes)
    }

    /// "22:15 WIB" (to the minute).
    public static func clock(_ t: Timestamp, offsetMinutes: Int) -> String {
        String(t.iso8601(offsetMinutes: offsetMinutes).dropFirst(11).prefix(5)) + " "
            + name(offsetMinutes)
    }
}

/// A plain-text table with aligned columns.
public enum TextTable {
    /// The rows with their columns aligned (two spaces between columns, no rule), a line each.
    public static func aligned(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }

    public static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        var out = ""
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in
                cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            out += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if r == 0 {
                out +=
                    widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }
}
