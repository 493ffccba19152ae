import Foundation
import SelatGeo

/// A GPX 1.1 document (https://www.topografix.com/GPX/1/1/): waypoints, routes and tracks, as
/// chartplotters, handheld GPS units, OpenCPN, QGIS and Google Earth read them.
///
/// Elements are written in the order the GPX 1.1 schema requires (`time`, `name`, `cmt`, `desc`,
/// `sym`, `type` inside a point); times are UTC (`Z`); positions are WGS84 degrees with 7
/// decimals (about 1 cm).
public struct GPXDocument: Sendable {
    /// One point: a waypoint, or a point of a route.
    public struct Point: Sendable {
        public var position: Coordinate
        public var time: Timestamp?
        public var name: String?
        /// A comment (GPX `cmt`: shown by some units on the device).
        public var comment: String?
        public var description: String?
        public var symbol: String?
        public var type: String?

        public init(
            position: Coordinate, time: Timestamp? = nil, name: String? = nil,
            comment: String? = nil,
            description: String? = nil, symbol: String? = nil, type: String? = nil
        ) {
            self.position = position
            self.time = time
            self.name = name
            self.comment = comment
            self.description = description
            self.symbol = symbol
            self.type = type
        }
    }

    public var name: String
    public var description: String?
    public var time: Timestamp
    public private(set) var waypoints: [Point] = []
    public private(set) var routes: [(name: String, description: String?, points: [Point])] = []

    public init(name: String, description: String? = nil, time: Timestamp) {
        self.name = name
        self.description = description
        self.time = time
    }

    /// Tracks: each with its segments (`trkseg`), a segment being a stretch recorded without a break.
    public private(set) var tracks: [(name: String, description: String?, segments: [[Point]])] = []

    public mutating func addWaypoint(_ p: Point) { waypoints.append(p) }

    /// A track as recorded; each segment is drawn as a line, with no line between segments.
    public mutating func addTrack(name: String, description: String? = nil, segments: [[Point]]) {
        tracks.append((name, description, segments))
    }

    public mutating func addRoute(name: String, description: String? = nil, points: [Point]) {
        routes.append((name, description, points))
    }

    /// The document as XML text (UTF-8).
    public var text: String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="Selat" xmlns="http://www.topografix.com/GPX/1/1" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">

            """
        out += "  <metadata>\n"
        out += "    <name>\(Self.escape(name))</name>\n"
        if let description { out += "    <desc>\(Self.escape(description))</desc>\n" }
        out += "    <time>\(time.iso8601())</time>\n"
        out += "  </metadata>\n"
        for w in waypoints { out += Self.point("wpt", w, indent: "  ") }
        for r in routes {
            out += "  <rte>\n    <name>\(Self.escape(r.name))</name>\n"
            if let d = r.description { out += "    <desc>\(Self.escape(d))</desc>\n" }
            for p in r.points { out += Self.point("rtept", p, indent: "    ") }
            out += "  </rte>\n"
        }
        for t in tracks {
            out += "  <trk>\n    <name>\(Self.escape(t.name))</name>\n"
            if let d = t.description { out += "    <desc>\(Self.escape(d))</desc>\n" }
            for segment in t.segments {
                out += "    <trkseg>\n"
                for p in segment { out += Self.point("trkpt", p, indent: "      ") }
                out += "    </trkseg>\n"
            }
            out += "  </trk>\n"
        }
        return out + "</gpx>\n"
    }

    private static func point(_ tag: String, _ p: Point, indent: String) -> String {
        var out =
            "\(indent)<\(tag) lat=\"\(JSONText.number(p.position.latitude))\" lon=\"\(JSONText.number(p.position.longitude))\">\n"
        if let t = p.time { out += "\(indent)  <time>\(t.iso8601())</time>\n" }
        for (element, value) in [
            ("name", p.name), ("cmt", p.comment), ("desc", p.description), ("sym", p.symbol),
            ("type", p.type),
        ] {
            if let value { out += "\(indent)  <\(element)>\(escape(value))</\(element)>\n" }
        }
        return out + "\(indent)</\(tag)>\n"
    }

    /// XML character data: the five special characters escaped, and characters XML 1.0 forbids
    /// (controls other than tab, newline, return) replaced by U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
