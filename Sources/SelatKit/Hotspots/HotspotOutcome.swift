import Foundation
import SelatFormats
import SelatGeo

/// One line of the summary table: a hotspot region, a cluster or a density peak.
public struct HotspotRow: Sendable {
    public let rank: Int
    /// Where, in words: "2.1 nm NE of Nongsapura Ferry Terminal".
    public let place: String
    public let centre: Coordinate
    /// Sightings in the region, cluster or kernel.
    public let sightings: Int
    /// Size: "7 cells", "412 pts (380 core)", "1.9 km radius".
    public let size: String
    /// The statistic: "z 6.21, 99%", "new hot spot", "38.2 /km²".
    public let statistic: String
    /// Mann–Kendall on monthly counts, or the emerging trend: "rising (p 0.003)".
    public let trend: String
    /// Busiest four hours, WIB.
    public let peak: String
}

/// What a hotspot run found, ready to print.
public struct HotspotOutcome: Sendable {
    public let method: HotspotRequest.Method
    /// Stored run number (set once the run is saved).
    public internal(set) var runID: Int64
    public let sightingCount: Int
    public let inputDigest: String
    /// The choices made and anything the analyst must know (cells moved off land, noise, …).
    public let notes: [String]
    public let rows: [HotspotRow]
    /// Features written to `--out`, if given.
    public let written: (path: String, features: Int)?

    /// Title of the table for each method.
    var title: String {
        switch method {
        case .gistar: "Hot spot regions (Getis-Ord Gi*), strongest first"
        case .dbscan: "Clusters (DBSCAN), largest first"
        case .kde: "Density peaks (quartic kernel), highest first"
        case .emerging: "Emerging hot spots, by pattern"
        }
    }

    /// The outcome as JSON, for scripts: run number, method, sightings, fingerprint, notes,
    /// the table's rows (positions in decimal degrees) and the file written.
    public var json: String {
        func str(_ s: String) -> String { JSONText.string(s) }
        var parts: [String] = []
        parts.append("\"run\":\(runID)")
        parts.append("\"method\":" + str(method.rawValue))
        parts.append("\"sightings\":\(sightingCount)")
        parts.append("\"input_sha256\":" + str(inputDigest))
        parts.append("\"notes\":[" + notes.map(str).joined(separator: ",") + "]")
        let rowsJSON = rows.map { r in
            "{\"rank\":\(r.rank),\"place\":\(str(r.place)),\"lat\":\(JSONText.number(r.centre.latitude, decimals: 6)),"
                + "\"lon\":\(JSONText.number(r.centre.longitude, decimals: 6)),\"sightings\":\(r.sightings),"
                + "\"size\":\(str(r.size)),\"statistic\":\(str(r.statistic)),\"trend\":\(str(r.trend)),\"peak_hours\":\(str(r.peak))}"
        }
        parts.append("\"hotspots\":[" + rowsJSON.joined(separator: ",") + "]")
        if let written {
            parts.append(
                "\"written\":{\"path\":\(str(written.path)),\"features\":\(written.features)}")
        }
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    /// The summary as printed and stored.
    public var text: String {
        var lines = notes
        lines.append("")
        if rows.isEmpty {
            lines.append(
                method == .dbscan ? "No clusters found." : "No significant hot spots found.")
        } else {
            lines.append(title + ":")
            let header = [
                "#", "where", "centre", "sightings", "size", "statistic", "trend", "peak hours",
            ]
            let body = rows.map { r in
                [
                    "\(r.rank)", r.place, r.centre.formatted(.degreesMinutes), "\(r.sightings)",
                    r.size, r.statistic, r.trend, r.peak,
                ]
            }
            var widths = header.map(\.count)
            for row in body {
                for (k, v) in row.enumerated() { widths[k] = max(widths[k], v.count) }
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { k, v in
                    v.padding(toLength: widths[k], withPad: " ", startingAt: 0)
                }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            lines.append(line(header))
            for row in body { lines.append(line(row)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
