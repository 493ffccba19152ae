import Foundation
import SelatGeo

/// Draws a ``MapDocument`` as SVG: the map frame on the left (layers in `<g id="layer-…">`
/// inside `<g id="zoom">`, which the HTML page pans and zooms), the legend on the right, title
/// above, scale bar, north arrow and attribution. Stand-alone: it opens in a browser, Inkscape or
/// a word processor, and prints on A4 landscape.
public struct MapSVG: Sendable {
    public let map: MapDocument
    /// Positions closer than this (px) to the last drawn one are skipped, so a detailed coastline
    /// stays small; zooming in 4× still shows every visible bend.
    public var tolerance = 0.25

    public init(_ map: MapDocument) { self.map = map }

    static let legendWidth = 250.0
    static let header = 62.0
    static let footer = 26.0

    /// Where the map itself is drawn.
    public var frame: (x: Double, y: Double, width: Double, height: Double) {
        (10, Self.header, map.width - Self.legendWidth - 20, map.height - Self.header - Self.footer)
    }

    public var projection: MapProjection { MapProjection(extent: map.extent, frame: frame) }

    /// The SVG text.
    public var text: String {
        let p = projection
        let f = frame
        let e = GPXDocument.escape
        var out = String(
            format:
                "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"selat-map\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" ",
            map.width, map.height, map.width, map.height)
        out += String(
            format:
                "data-fx=\"%.2f\" data-fy=\"%.2f\" data-fw=\"%.2f\" data-fh=\"%.2f\" data-nmpp=\"%.8f\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n",
            f.x, f.y, f.width, f.height, p.nauticalMilesPerPixel)
        out += "<title>\(e(map.title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += String(
            format:
                "<clipPath id=\"frame\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/></clipPath>\n",
            f.x, f.y, f.width, f.height)
        out += String(
            format:
                "<rect id=\"sea\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#d8ebf7\"/>\n",
            f.x, f.y, f.width, f.height)
        out += "<g id=\"viewport\" clip-path=\"url(#frame)\"><g id=\"zoom\">\n"
        for layer in map.layers {
            out +=
                "<g id=\"layer-\(e(layer.id))\" class=\"layer\" data-title=\"\(e(layer.title))\""
                + (layer.visible ? "" : " style=\"display:none\"") + ">\n"
            var labels = ""
            for item in layer.items {
                out += element(item, p)
                if let label = item.label, let at = item.geometry.anchor {
                    let (x, y) = p.point(at)
                    labels += String(
                        format:
                            "<text class=\"label\" x=\"%.2f\" y=\"%.2f\" data-fs=\"10\" font-size=\"10\" fill=\"#1a1a1a\" stroke=\"white\" stroke-width=\"2.5\" paint-order=\"stroke\">%@</text>\n",
                        x + item.style.radius + 3, y - item.style.radius - 1, e(label))
                }
            }
            out += labels + "</g>\n"
        }
        out += "</g></g>\n"
        out += String(
            format:
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>\n",
            f.x, f.y, f.width, f.height)
        out += chrome(p)
        return out + "</svg>\n"
    }

    // MARK: Features

    private func attributes(_ s: MapDocument.Style, area: Bool) -> String {
        var a = " fill=\"\(area ? (s.fill ?? "none") : "none")\""
        if area, s.fill != nil, s.fillOpacity < 1 {
            a += " fill-opacity=\"\(JSONText.number(s.fillOpacity, decimals: 2))\""
        }
        if let stroke = s.stroke {
            a +=
                " stroke=\"\(stroke)\" stroke-width=\"\(JSONText.number(s.strokeWidth, decimals: 2))\" vector-effect=\"non-scaling-stroke\""
            if let d = s.dash { a += " stroke-dasharray=\"\(d)\"" }
        }
        return a
    }

    private func hover(_ item: MapDocument.Item) -> (attributes: String, title: String) {
        let e = GPXDocument.escape
        var a = ""
        if !item.details.isEmpty {
            a =
                " data-d=\""
                + e(
                    "["
                        + item.details.map {
                            "[" + JSONText.string($0.0) + "," + JSONText.string($0.1) + "]"
                        }.joined(separator: ",") + "]") + "\""
        }
        return (a, item.title.map { "<title>\(e($0))</title>" } ?? "")
    }

    private func element(_ item: MapDocument.Item, _ p: MapProjection) -> String {
        let (data, title) = hover(item)
        let cls =
            (item.title != nil || !item.details.isEmpty ? " class=\"item\"" : "")
            + (item.elementID.map { " id=\"\(GPXDocument.escape($0))\"" } ?? "")
        switch item.geometry {
        case .point(let c):
            return point(c, item, p, cls + data, title)
        case .multiPoint(let cs):
            return cs.map { point($0, item, p, cls + data, title) }.joined()
        case .lineString(let cs):
            let d = path([cs], p, closed: false)
            return d.isEmpty
                ? ""
                : "<path\(cls) d=\"\(d)\"\(attributes(item.style, area: false))\(data)>\(title)</path>\n"
        case .multiLineString(let ls):
            let d = path(ls, p, closed: false)
            return d.isEmpty
                ? ""
                : "<path\(cls) d=\"\(d)\"\(attributes(item.style, area: false))\(data)>\(title)</path>\n"
        case .polygon(let rings):
            let d = path(rings, p, closed: true)
            return d.isEmpty
                ? ""
                : "<path\(cls) d=\"\(d)\" fill-rule=\"evenodd\"\(attributes(item.style, area: true))\(data)>\(title)</path>\n"
        case .multiPolygon(let polygons):
            let d = path(polygons.flatMap { $0 }, p, closed: true)
            return d.isEmpty
                ? ""
                : "<path\(cls) d=\"\(d)\" fill-rule=\"evenodd\"\(attributes(item.style, area: true))\(data)>\(title)</path>\n"
        }
    }

    private func point(
        _ c: Coordinate, _ item: MapDocument.Item, _ p: MapProjection, _ extra: String,
        _ title: String
    ) -> String {
        let (x, y) = p.point(c)
        let s = item.style
        var a = String(
            format: "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%@\" data-r=\"%@\" fill=\"%@\"", x, y,
            JSONText.number(s.radius, decimals: 2), JSONText.number(s.radius, decimals: 2),
            s.fill ?? "none")
        if s.fillOpacity < 1 {
            a += " fill-opacity=\"\(JSONText.number(s.fillOpacity, decimals: 2))\""
        }
        if let stroke = s.stroke {
            a +=
                " stroke=\"\(stroke)\" stroke-width=\"\(JSONText.number(s.strokeWidth, decimals: 2))\" vector-effect=\"non-scaling-stroke\""
        }
        return a + extra + ">" + title + "</circle>\n"
    }

    /// Path data for rings or lines, skipping those wholly outside the frame or under half a
    /// pixel, and positions within ``tolerance`` of the last.
    func path(_ parts: [[Coordinate]], _ p: MapProjection, closed: Bool) -> String {
        let v = p.visible
        let marginLon = (v[2] - v[0]) * 0.02
        let marginLat = (v[3] - v[1]) * 0.02
        var d = ""
        for part in parts where part.count >= 2 {
            var w = part[0].longitude
            var s = part[0].latitude
            var east = w
            var n = s
            for c in part {
                w = min(w, c.longitude)
                east = max(east, c.longitude)
                s = min(s, c.latitude)
                n = max(n, c.latitude)
            }
            guard east >= v[0] - marginLon, w <= v[2] + marginLon, n >= v[1] - marginLat,
                s <= v[3] + marginLat
            else { continue }
            if closed, (east - w) * p.k * p.scale < 0.5, (n - s) * p.scale < 0.5 { continue }
            var last = (x: -1e12, y: -1e12)
            var count = 0
            for (i, c) in part.enumerated() {
                let (x, y) = p.point(c)
                if i > 0, i < part.count - 1, abs(x - last.x) + abs(y - last.y) < tolerance {
                    continue
                }
                d += (count == 0 ? "M" : "L") + Self.n(x) + " " + Self.n(y)
                last = (x, y)
                count += 1
            }
            if closed { d += "Z" }
        }
        return d
    }

    static func n(_ v: Double) -> String { JSONText.number(v, decimals: 2) }

    // MARK: Title, legend, scale, north arrow

    /// A round length in nm whose bar is at most `maxPixels` long.
    public static func scaleBar(nauticalMilesPerPixel: Double, maxPixels: Double = 140) -> (
        nm: Double, pixels: Double
    ) {
        let steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]
        let nm = steps.last { $0 / nauticalMilesPerPixel <= maxPixels } ?? steps[0]
        return (nm, nm / nauticalMilesPerPixel)
    }

    private func chrome(_ p: MapProjection) -> String {
        let e = GPXDocument.escape
        let f = frame
        var out = "<g id=\"chrome\">\n"
        out +=
            "<text id=\"map-title\" x=\"10\" y=\"26\" font-size=\"19\" font-weight=\"bold\" fill=\"#111\">\(e(map.title))</text>\n"
        if let sub = map.subtitle {
            out +=
                "<text id=\"map-subtitle\" x=\"10\" y=\"48\" font-size=\"12.5\" fill=\"#333\">\(e(sub))</text>\n"
        }
        if let warning = map.warning {
            out += String(
                format:
                    "<g id=\"warning\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"22\" fill=\"#b00020\" fill-opacity=\"0.85\"/>",
                f.x + 1, f.y + 1, f.width - 2)
            out += String(
                format:
                    "<text x=\"%.2f\" y=\"%.2f\" font-size=\"13\" font-weight=\"bold\" fill=\"white\" text-anchor=\"middle\">%@</text></g>\n",
                f.x + f.width / 2, f.y + 16, e(warning))
        }
        // Scale bar (bottom left of the frame) and north arrow (top right).
        let bar = Self.scaleBar(nauticalMilesPerPixel: p.nauticalMilesPerPixel)
        let sx = f.x + 14
        let sy = f.y + f.height - 18
        out += String(
            format:
                "<g id=\"scale\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"24\" fill=\"white\" fill-opacity=\"0.8\"/>",
            sx - 6, sy - 16, 170.0)
        out += String(
            format:
                "<rect id=\"scale-bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"5\" fill=\"#111\"/>",
            sx, sy, bar.pixels)
        out += String(
            format:
                "<text id=\"scale-text\" x=\"%.2f\" y=\"%.2f\" font-size=\"11\" fill=\"#111\" data-unit=\"%@\" data-comma=\"%@\">%@ %@</text></g>\n",
            sx, sy - 4, e(map.scaleUnit), map.decimalComma ? "yes" : "",
            map.decimalComma
                ? JSONText.number(bar.nm, decimals: 1).replacingOccurrences(of: ".", with: ",")
                : JSONText.number(bar.nm, decimals: 1), e(map.scaleUnit))
        let nx = f.x + f.width - 28
        let ny = f.y + (map.warning == nil ? 14 : 36)
        out += String(
            format:
                "<g id=\"north-arrow\"><circle cx=\"%.2f\" cy=\"%.2f\" r=\"17\" fill=\"white\" fill-opacity=\"0.8\"/>",
            nx, ny + 18)
        out += String(
            format: "<path d=\"M%.2f %.2f L%.2f %.2f L%.2f %.2f L%.2f %.2f Z\" fill=\"#111\"/>", nx,
            ny + 6, nx - 8, ny + 30, nx, ny + 24, nx + 8, ny + 30)
        out += String(
            format:
                "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\">%@</text></g>\n",
            nx, ny + 4, e(map.northLetter))
        // Legend.
        let lx = f.x + f.width + 14
        var ly = f.y + 4
        out += "<g id=\"legend\">\n"
        out += String(
            format:
                "<text x=\"%.2f\" y=\"%.2f\" font-size=\"13\" font-weight=\"bold\">%@</text>\n",
            lx, ly + 10, e(map.legendTitle))
        ly += 24
        for layer in map.layers where !layer.legend.isEmpty {
            guard ly < f.y + f.height - 20 else { break }
            out += String(
                format:
                    "<text x=\"%.2f\" y=\"%.2f\" font-size=\"11.5\" font-weight=\"bold\" fill=\"#222\">%@</text>\n",
                lx, ly + 9, e(layer.title))
            ly += 15
            for entry in layer.legend {
                guard ly < f.y + f.height - 14 else { break }
                let s = entry.style
                if entry.point {
                    out += String(
                        format: "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%@\"%@/>",
                        lx + 8, ly + 5, min(6, s.radius + 1), s.fill ?? "none",
                        s.stroke.map {
                            " stroke=\"\($0)\" stroke-width=\"\(JSONText.number(s.strokeWidth, decimals: 2))\""
                        } ?? "")
                } else if s.fill != nil {
                    out += String(
                        format:
                            "<rect x=\"%.2f\" y=\"%.2f\" width=\"16\" height=\"10\" fill=\"%@\" fill-opacity=\"%@\"%@/>",
                        lx, ly, s.fill!,
                        JSONText.number(s.fillOpacity, decimals: 2),
                        s.stroke.map {
                            " stroke=\"\($0)\" stroke-width=\"\(JSONText.number(min(2, s.strokeWidth), decimals: 2))\""
                        } ?? "")
                } else {
                    out += String(
                        format:
                            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%@\" stroke-width=\"%@\"%@/>",
                        lx, ly + 5, lx + 16, ly + 5,
                        s.stroke ?? "#000", JSONText.number(min(3, s.strokeWidth), decimals: 2),
                        s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                }
                out += String(
                    format:
                        "<text x=\"%.2f\" y=\"%.2f\" font-size=\"10.5\" fill=\"#222\">%@</text>\n",
                    lx + 22, ly + 9, e(String(entry.text.prefix(38))))
                ly += 14
            }
            ly += 6
        }
        out += "</g>\n"
        // Small enough to fit the width (about 0.56 em per character).
        let size = min(9.5, (map.width - 20) / (0.56 * Double(max(1, map.attribution.count))))
        out += String(
            format:
                "<text id=\"attribution\" x=\"10\" y=\"%.2f\" font-size=\"%.2f\" fill=\"#444\">%@</text>\n",
            map.height - 9, size, e(map.attribution))
        return out + "</g>\n"
    }
}
