import Foundation
import SelatGeo
import SelatModel
import SelatWords

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a boat's track from a GPX 1.1 file (`gpx/trk/trkseg/trkpt`, as chartplotters, phones
/// and `gpsbabel` write them). Each `trkpt` needs `lat` and `lon` attributes (WGS84 degrees) and
/// a `time` (xsd:dateTime, UTC unless it states an offset); a point without them, or with a value
/// that cannot be read, is refused with its line, field and value. Waypoints (`wpt`) and routes
/// (`rte`) are not tracks: they are counted, not used. A file that is not well-formed XML is
/// refused whole, with the line the parser stopped at.
public struct GPXTrackReader: Sendable {
    public struct Result: Sendable {
        public var points: [TrackPoint] = []
        public var problems: [TrackProblem] = []
        /// Waypoints and route points, not used.
        public var otherPoints = 0
        /// Track segments (`trkseg`) read.
        public var segments = 0
    }

    public init() {}

    /// - Throws: ``FormatError/malformed(file:location:reason:)`` when the file is not well-formed
    ///   XML or not GPX.
    public func read(_ data: Data, file: String) throws(FormatError) -> Result {
        let delegate = GPXDelegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let ok = parser.parse()
        if !ok || delegate.failure != nil {
            let line = delegate.failure?.line ?? parser.lineNumber
            let reason =
                delegate.failure?.reason ?? parser.parserError.map { "\($0.localizedDescription)" }
                ?? "not well-formed"
            throw FormatError.malformed(file: file, location: "line \(line)", reason: reason)
        }
        guard delegate.sawRoot else {
            throw FormatError.malformed(file: file, location: "line 1", reason: "no <gpx> element")
        }
        return delegate.result
    }
}

/// Collects track points as the parser walks the document.
private final class GPXDelegate: NSObject, XMLParserDelegate {
    var result = GPXTrackReader.Result()
    var sawRoot = false
    var failure: (line: Int, reason: String)?
    private var path: [String] = []
    private var text = ""
    private var current: (line: Int, lat: String?, lon: String?, time: String?)?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let name = Self.local(elementName)
        if path.isEmpty {
            if name != "gpx" {
                failure = (parser.lineNumber, "the root element is <\(name)>, not <gpx>")
                parser.abortParsing()
                return
            }
            sawRoot = true
        }
        path.append(name)
        text = ""
        switch name {
        case "trkseg" where path.dropLast().last == "trk":
            result.segments += 1
        case "trkpt" where path.dropLast().last == "trkseg":
            current = (parser.lineNumber, attributeDict["lat"], attributeDict["lon"], nil)
        case "wpt", "rtept":
            result.otherPoints += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        let name = Self.local(elementName)
        defer {
            if !path.isEmpty { path.removeLast() }
            text = ""
        }
        if name == "time", path.dropLast().last == "trkpt", current != nil {
            current?.time = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard name == "trkpt", let point = current else { return }
        current = nil
        finish(point)
    }

    private func finish(_ p: (line: Int, lat: String?, lon: String?, time: String?)) {
        func refuse(_ field: String, _ value: String, _ reason: Phrase) {
            result.problems.append(
                TrackProblem(line: p.line, field: field, value: value, reason: reason))
        }
        guard let latText = p.lat, let lat = Double(latText.trimmingCharacters(in: .whitespaces))
        else {
            refuse("lat", p.lat ?? "", Phrase("format.gpx.lat"))
            return
        }
        guard let lonText = p.lon, let lon = Double(lonText.trimmingCharacters(in: .whitespaces))
        else {
            refuse("lon", p.lon ?? "", Phrase("format.gpx.lon"))
            return
        }
        guard let position = try? Coordinate(latitude: lat, longitude: lon) else {
            refuse("lat/lon", "\(latText), \(lonText)", Phrase("format.gpx.range"))
            return
        }
        guard let timeText = p.time, !timeText.isEmpty else {
            refuse("time", "", Phrase("format.gpx.no_time"))
            return
        }
        guard let time = try? Timestamp.parse(timeText, defaultOffsetMinutes: 0).timestamp,
            timeText.count >= 19
        else {
            refuse("time", timeText, Phrase("format.gpx.time"))
            return
        }
        result.points.append(TrackPoint(time: time, position: position, line: p.line))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = (
                parser.lineNumber, "not well-formed XML (\(parseError.localizedDescription))"
            )
        }
    }

    /// The element's name without a namespace prefix.
    static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
