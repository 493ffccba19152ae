import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// Imports waypoints from CSV with the header `name,kind,lat,lon,notes` (name, lat, lon required).
///
/// All-or-nothing: waypoints are few and named, so a file with any bad row or a name already
/// stored imports nothing, and every problem is listed.
public enum WaypointImporter {
    /// Imports the file, returning how many waypoints were added.
    /// - Throws: ``KitError/unusableFile(file:reason:)`` listing every problem (file, line, field, value).
    public static func importCSV(_ path: String, into db: SelatDatabase, landCheck: LandCheck)
        throws(KitError) -> Int
    {
        var reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .format(error) }
        let name = (path as NSString).lastPathComponent
        guard let header = reader.next() else {
            throw .unusableFile(file: name, reason: "the file is empty")
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for required in ["name", "lat", "lon"] where !columns.contains(required) {
            throw .unusableFile(
                file: name,
                reason: "line 1: the header must have name, lat, lon (and may have kind, notes)")
        }
        var waypoints: [Waypoint] = []
        var problems: [String] = []
        var seen = Set<String>()
        while let record = reader.next() {
            guard record.fields.count == columns.count, record.invalidUTF8Fields.isEmpty,
                !record.unterminatedQuote
            else {
                problems.append(
                    "line \(record.line): wrong number of fields, bad bytes or an unclosed quote")
                continue
            }
            let v = Dictionary(zip(columns, record.fields), uniquingKeysWith: { a, _ in a })
            do {
                let lat = try Sighting.parseNumber(v["lat"] ?? "", field: "lat")
                let lon = try Sighting.parseNumber(v["lon"] ?? "", field: "lon")
                let position: Coordinate
                do { position = try Coordinate(latitude: lat, longitude: lon) } catch {
                    throw ModelError.unreadable(field: "lat/lon", error)
                }
                let kind =
                    try (v["kind"].flatMap { $0.isEmpty ? nil : $0 }).map { k throws(ModelError) in
                        try Waypoint.Kind(parsing: k)
                    } ?? .other
                let onLand = landCheck.coastline.isLand(position)
                if onLand && !landCheck.allowLand {
                    problems.append(
                        "line \(record.line), field lat: " + landCheck.refusal(at: position))
                    continue
                }
                let w = try Waypoint(
                    name: v["name"] ?? "", kind: kind, position: position,
                    notes: v["notes"].flatMap { $0.isEmpty ? nil : $0 }, onLand: onLand)
                if !seen.insert(w.name.lowercased()).inserted {
                    problems.append(
                        "line \(record.line), field name: \"\(w.name)\" appears twice in the file")
                } else if try KitError.store({ () throws(StoreError) in
                    try db.waypoint(named: w.name)
                }) != nil {
                    problems.append(
                        "line \(record.line), field name: a waypoint named \"\(w.name)\" is already stored"
                    )
                } else {
                    waypoints.append(w)
                }
            } catch let error as ModelError {
                problems.append("line \(record.line), field \(error.field): \(error.description)")
            } catch {
                problems.append("line \(record.line): \(error)")
            }
        }
        guard problems.isEmpty else {
            throw .unusableFile(
                file: name,
                reason: "nothing was imported; fix these and try again:\n  "
                    + problems.joined(separator: "\n  "))
        }
        try KitError.store { () throws(StoreError) in try db.add(waypoints) }
        return waypoints.count
    }
}
