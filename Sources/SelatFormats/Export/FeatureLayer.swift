import Foundation
import SelatGeo

/// What every export writes: named features with geometry, properties and a style, written the
/// one way to each format — strict RFC 7946 GeoJSON, GPX 1.1, KML 2.2 with styles, or CSV with a
/// WKT geometry column. Sightings, hotspots, plans, routes and places all become a `FeatureLayer`.
public struct FeatureLayer: Sendable {
    /// A property value.
    public enum Value: Sendable {
        case string(String)
        case int(Int)
        case number(Double, decimals: Int)
        case bool(Bool)
        case null
        /// Any JSON value (arrays and objects read back from a stored run).
        case json(JSONValue)

        /// The value as JSON text.
        public var json: String {
            switch self {
            case .string(let s): JSONText.string(s)
            case .int(let i): String(i)
            case .number(let x, let d): x.isFinite ? JSONText.number(x, decimals: d) : "null"
            case .bool(let b): b ? "true" : "false"
            case .null: "null"
            case .json(let v): v.text
            }
        }

        /// The value as plain text (CSV cells, KML data); empty for null.
        public var plain: String {
            switch self {
            case .string(let s): s
            case .null, .json(.null): ""
            case .json(.string(let s)): s
            default: json
            }
        }
    }

    /// How a feature appears in GPX, which has only waypoints and routes.
    public enum GPXRole: Sendable {
        /// A `wpt` at the feature's point (or a polygon's centre).
        case waypoint
        /// An `rte` of these named points.
        case route([GPXDocument.Point])
        /// Left out of GPX (e.g. every cell of a grid).
        case omit
    }

    public struct Feature: Sendable {
        public var id: String?
        /// Short label: the GPX name, the KML placemark name.
        public var name: String?
        /// One line on what it is: GPX `desc`, KML `description`.
        public var description: String?
        /// A remark shown on the device: GPX `cmt` (e.g. the reporting unit, when personal data is asked for).
        public var comment: String?
        public var time: Timestamp?
        public var geometry: GeoJSONGeometry
        public var properties: [(String, Value)]
        /// A style id from ``FeatureLayer/styles``.
        public var style: String?
        /// The KML folder it goes in.
        public var folder: String?
        public var gpx: GPXRole

        public init(
            id: String? = nil, name: String? = nil, description: String? = nil,
            comment: String? = nil, time: Timestamp? = nil,
            geometry: GeoJSONGeometry, properties: [(String, Value)] = [], style: String? = nil,
            folder: String? = nil,
            gpx: GPXRole? = nil
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.comment = comment
            self.time = time
            self.geometry = geometry
            self.properties = properties
            self.style = style
            self.folder = folder
            switch (gpx, geometry) {
            case (let role?, _): self.gpx = role
            case (nil, .point): self.gpx = .waypoint
            case (nil, .lineString(let cs)):
                self.gpx = .route(
                    cs.enumerated().map {
                        GPXDocument.Point(position: $1, name: "\(name ?? "WP") \($0 + 1)")
                    })
            default: self.gpx = .omit
            }
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        case geojson, gpx, kml, csv
    }

    /// Layer name (GeoJSON `name`, GPX and KML document name).
    public var name: String
    public var description: String?
    /// Synthetic demo data: every feature says so, and so does the document.
    public var synthetic: Bool
    /// What the document says of synthetic data, in the reader's language.
    public var syntheticNote: String
    public var styles: [KMLDocument.Style]
    public var features: [Feature]
    /// When the export was made (GPX metadata time).
    public var created: Timestamp

    public init(
        name: String, description: String? = nil, synthetic: Bool = false,
        syntheticNote: String = "SYNTHETIC DEMO DATA, not real sightings",
        styles: [KMLDocument.Style] = [],
        features: [Feature] = [], created: Timestamp = Timestamp(Date())
    ) {
        self.name = name
        self.description = description
        self.synthetic = synthetic
        self.syntheticNote = syntheticNote
        self.styles = styles
        self.features = features
        self.created = created
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .geojson: geojson()
        case .gpx: gpx()
        case .kml: kml()
        case .csv: csv()
        }
    }

    /// How many items `format` holds: GPX leaves out what has no waypoint or route.
    public func count(in format: Format) -> Int {
        guard format == .gpx else { return features.count }
        return features.filter { if case .omit = $0.gpx { false } else { true } }.count
    }

    var fullDescription: String? {
        synthetic
            ? syntheticNote + (description.map { ". " + $0 } ?? "")
            : description
    }

    func properties(_ f: Feature) -> [(String, Value)] {
        synthetic && !f.properties.contains { $0.0 == "synthetic" }
            ? f.properties + [("synthetic", .bool(true))] : f.properties
    }

    // MARK: GeoJSON

    /// RFC 7946: geometries normalised (rings closed, exterior anticlockwise, holes clockwise),
    /// 7 decimals, a `bbox` on the collection, no `crs`.
    public func geojson() -> String {
        let geometries = features.map(\.geometry.normalised)
        var out = #"{"type":"FeatureCollection","name":"# + JSONText.string(name)
        if let d = fullDescription { out += #","description":"# + JSONText.string(d) }
        if synthetic { out += #","synthetic":true"# }
        if let box = GeoJSONGeometry.boundingBox(geometries.flatMap(\.positions)) {
            out += #","bbox":["# + box.map { JSONText.number($0) }.joined(separator: ",") + "]"
        }
        out += #","features":["#
        for (k, f) in features.enumerated() {
            out += k == 0 ? "\n" : ",\n"
            out += Self.geojson(id: f.id, geometry: geometries[k], properties: properties(f))
        }
        return out + "\n]}\n"
    }

    /// One feature of ``geojson()``, its geometry already normalised: a writer that streams
    /// features one at a time writes them with this.
    public static func geojson(
        id: String?, geometry: GeoJSONGeometry, properties: [(String, Value)]
    ) -> String {
        // One growing string: a streamed answer writes this for every row.
        var out = #"{"type":"Feature""#
        out.reserveCapacity(512)
        if let id {
            out += #","id":"#
            out += JSONText.string(id)
        }
        out += #","geometry":"#
        out += geometry.text(decimals: 7)
        out += #","properties":{"#
        appendMembers(properties, to: &out)
        out += "}}"
        return out
    }

    /// Appends the members of a JSON object (without its braces) to `out`: each key as a JSON
    /// string, `colon`, the value, and `separator` between members.
    public static func appendMembers(
        _ properties: [(String, Value)], to out: inout String, separator: String = ",",
        colon: String = ":"
    ) {
        for (k, (key, value)) in properties.enumerated() {
            if k > 0 { out += separator }
            out += JSONText.string(key)
            out += colon
            out += value.json
        }
    }

    // MARK: GPX

    /// GPX 1.1: point features (and polygon centres asked for) as `wpt`, routes as `rte` of named
    /// `rtept`s; times UTC.
    public func gpx() -> String {
        var doc = GPXDocument(name: name, description: fullDescription, time: created)
        for f in features {
            switch f.gpx {
            case .omit: continue
            case .waypoint:
                guard let at = f.geometry.anchor else { continue }
                doc.addWaypoint(
                    GPXDocument.Point(
                        position: at, time: f.time, name: f.name ?? f.id, comment: f.comment,
                        description: f.description, type: f.style))
            case .route(let points):
                guard !points.isEmpty else { continue }
                doc.addRoute(
                    name: f.name ?? f.id ?? "route", description: f.description, points: points)
            }
        }
        return doc.text
    }

    // MARK: KML

    /// KML 2.2: one folder per ``Feature/folder`` (in first-seen order), styles shared.
    public func kml() -> String {
        var doc = KMLDocument(name: name, description: fullDescription)
        doc.styles = styles
        var order: [String] = []
        var byFolder: [String: [KMLDocument.Placemark]] = [:]
        for f in features {
            let folder = f.folder ?? name
            if byFolder[folder] == nil { order.append(folder) }
            byFolder[folder, default: []].append(
                KMLDocument.Placemark(
                    name: f.name ?? f.id, description: f.description, styleID: f.style,
                    time: f.time,
                    data: properties(f).map { ($0.0, $0.1.plain) }, geometry: f.geometry))
        }
        doc.folders = order.map { KMLDocument.Folder(name: $0, placemarks: byFolder[$0] ?? []) }
        return doc.text
    }

    // MARK: CSV

    /// CSV: `id,name,latitude,longitude,wkt` (the point, or a line's or polygon's centre, and the
    /// whole geometry as WKT for QGIS), then every property seen, in first-seen order.
    public func csv() -> String {
        var keys: [String] = []
        var seen = Set<String>()
        for f in features {
            for (k, _) in properties(f) where !seen.contains(k) {
                seen.insert(k)
                keys.append(k)
            }
        }
        var out = CSVWriter.record(["id", "name", "latitude", "longitude", "wkt"] + keys)
        for f in features {
            let values = Dictionary(
                properties(f).map { ($0.0, $0.1.plain) }, uniquingKeysWith: { a, _ in a })
            let anchor = f.geometry.anchor
            out += CSVWriter.record(
                [
                    f.id ?? "", f.name ?? "", anchor.map { JSONText.number($0.latitude) } ?? "",
                    anchor.map { JSONText.number($0.longitude) } ?? "",
                    WKT.text(f.geometry.normalised),
                ]
                    + keys.map { values[$0] ?? "" })
        }
        return out
    }
}
