import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel

/// A printable briefing for one boat's night: a map of its route among the islands, its legs and
/// ETAs, the rendezvous, and how to reach the other boats of the joint patrol. Markdown (with the
/// map as an SVG file beside it) and a self-contained HTML page (map inline), A4-sized.
public struct PatrolBriefing {
    public let plan: PatrolPlan
    public let coastline: Coastline
    public let offsetMinutes: Int

    public init(plan: PatrolPlan, coastline: Coastline, offsetMinutes: Int = 420) {
        self.plan = plan
        self.coastline = coastline
        self.offsetMinutes = offsetMinutes
    }

    /// Writes `<night>-<callsign>.md`, `.html` and `.svg` for every boat and night into `directory`.
    /// Returns the files written.
    public func write(to directory: URL) throws(KitError) -> [URL] {
        var written: [URL] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for night in plan.nights {
                for boat in night.boats {
                    let stem = "briefing-night\(night.number)-\(boat.callSign)"
                    let svg = map(night: night, boat: boat)
                    let files = [(stem + ".svg", svg), (stem + ".md", markdown(night: night, boat: boat, svgFile: stem + ".svg")),
                                 (stem + ".html", html(night: night, boat: boat, svg: svg))]
                    for (name, text) in files {
                        let url = directory.appendingPathComponent(name)
                        try Data(text.utf8).write(to: url, options: .atomic)
                        written.append(url)
                    }
                }
            }
        } catch { throw .unusableFile(file: directory.path, reason: "could not write the briefings (\(error.localizedDescription))") }
        return written
    }

    var renderer: PatrolPlanRenderer { PatrolPlanRenderer(plan: plan, offsetMinutes: offsetMinutes) }

    func legRows(_ boat: PatrolPlan.BoatRoute) -> [[String]] {
        let r = renderer
        return boat.stops.enumerated().map { k, stop in
            [String(k), stop.name, stop.position.formatted(.degreesMinutes), r.clock(stop.arrival), r.clock(stop.departure),
             k == 0 ? "" : String(format: "%.1f", PatrolPlanRenderer.nauticalMiles(boat.legs[k - 1])),
             stop.risk.map { String(format: "%.1f", $0) } ?? ""]
        }
    }

    static let headers = ["#", "Stop", "Position", "Arrive", "Leave", "Leg nm", "Risk"]

    func others(_ night: PatrolPlan.Night, _ boat: PatrolPlan.BoatRoute) -> [[String]] {
        night.boats.filter { $0.callSign != boat.callSign }.map {
            [$0.callSign, $0.agency, $0.stops.first?.name ?? "-", String($0.crew), $0.contact ?? "call sign on VHF 16"]
        }
    }

    func title(_ night: PatrolPlan.Night, _ boat: PatrolPlan.BoatRoute) -> String {
        "Patrol briefing — \(boat.callSign) (\(boat.agency)) — \(renderer.day(night.start)) to \(renderer.clock(night.end))"
    }

    func markdown(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute, svgFile: String) -> String {
        var out = "# \(title(night, boat))\n\n"
        if plan.synthetic { out += "**SYNTHETIC DEMO DATA — not for operations.**\n\n" }
        out += String(format: "Plan %@, night %d. Speed %.0f kn, crew %d. %.1f nm, %.1f h, risk covered %.1f.\n\n",
                      plan.id.map { String($0) } ?? "-", night.number, boat.speedKnots, boat.crew, boat.nauticalMiles, boat.hours, boat.risk)
        out += "![Route map](\(svgFile))\n\n## Legs and ETAs (\(TimeZoneName.name(offsetMinutes)))\n\n"
        out += Self.markdownTable(Self.headers, legRows(boat))
        let meetings = plan.rendezvous.filter { $0.boats.contains(boat.callSign) }
        if !meetings.isEmpty {
            out += "\n## Rendezvous\n\n"
            for m in meetings {
                out += "- \(m.name), \(m.position.formatted(.degreesMinutes)), \(renderer.clock(m.time)) with "
                    + m.boats.filter { $0 != boat.callSign }.joined(separator: ", ") + "\n"
            }
        }
        out += "\n## Other boats in this patrol\n\n"
        out += Self.markdownTable(["Call sign", "Agency", "Base", "Crew", "Contact"], others(night, boat))
        out += "\nSea routes keep 0.1 nm off the GSHHG coastline; check charts and notices before sailing. Coastline © GSHHG (Wessel & Smith), LGPL.\n"
        return out
    }

    static func markdownTable(_ headers: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "/") }.joined(separator: " | ") + " |\n" }
        return line(headers) + line(headers.map { _ in "---" }) + rows.map(line).joined()
    }

    func html(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute, svg: String) -> String {
        let e = GPXDocument.escape
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            "<table><thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title(night, boat)))</title>
            <style>
            @page { size: A4; margin: 12mm; }
            body { font-family: sans-serif; font-size: 11pt; max-width: 186mm; margin: auto; }
            h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
            table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; }
            .warning { color: #b00; font-weight: bold; } svg { width: 100%; height: auto; border: 1px solid #666; }
            </style></head><body>
            <h1>\(e(title(night, boat)))</h1>

            """
        if plan.synthetic { out += "<p class=\"warning\">SYNTHETIC DEMO DATA — not for operations.</p>\n" }
        out += "<p>" + e(String(format: "Plan %@, night %d. Speed %.0f kn, crew %d. %.1f nm, %.1f h, risk covered %.1f.",
                                plan.id.map { String($0) } ?? "-", night.number, boat.speedKnots, boat.crew, boat.nauticalMiles,
                                boat.hours, boat.risk)) + "</p>\n"
        out += svg + "\n<h2>Legs and ETAs (\(TimeZoneName.name(offsetMinutes)))</h2>\n" + table(Self.headers, legRows(boat)) + "\n"
        let meetings = plan.rendezvous.filter { $0.boats.contains(boat.callSign) }
        if !meetings.isEmpty {
            out += "<h2>Rendezvous</h2><ul>" + meetings.map {
                "<li>" + e("\($0.name), \($0.position.formatted(.degreesMinutes)), \(renderer.clock($0.time)) with "
                           + $0.boats.filter { $0 != boat.callSign }.joined(separator: ", ")) + "</li>"
            }.joined() + "</ul>\n"
        }
        out += "<h2>Other boats in this patrol</h2>\n" + table(["Call sign", "Agency", "Base", "Crew", "Contact"], others(night, boat))
        out += "\n<p><small>Sea routes keep 0.1 nm off the GSHHG coastline; check charts and notices before sailing."
            + " Coastline © GSHHG (Wessel &amp; Smith), LGPL.</small></p>\n</body></html>\n"
        return out
    }

    // MARK: Map

    /// An SVG map of the boat's route (bold) and the others' (thin) over the coastline, with a
    /// scale bar in nm and a north arrow.
    func map(night: PatrolPlan.Night, boat: PatrolPlan.BoatRoute) -> String {
        let width = 900.0, height = 640.0
        let mine = PatrolPlanRenderer.track(boat) + boat.stops.map(\.position)
        var minLat = mine.map(\.latitude).min() ?? 0, maxLat = mine.map(\.latitude).max() ?? 0
        var minLon = mine.map(\.longitude).min() ?? 0, maxLon = mine.map(\.longitude).max() ?? 0
        let pad = max(0.05, 0.12 * max(maxLat - minLat, maxLon - minLon))
        minLat -= pad; maxLat += pad; minLon -= pad; maxLon += pad
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        // Fit the box to the page's aspect ratio.
        let spanX = (maxLon - minLon) * k, spanY = maxLat - minLat
        let scale = min(width / spanX, height / spanY)
        let cx = (minLon + maxLon) / 2, cy = (minLat + maxLat) / 2
        func x(_ lon: Double) -> Double { width / 2 + (lon - cx) * k * scale }
        func y(_ lat: Double) -> Double { height / 2 - (lat - cy) * scale }
        let lonRange = (cx - width / 2 / (k * scale))...(cx + width / 2 / (k * scale))
        let latRange = (cy - height / 2 / scale)...(cy + height / 2 / scale)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#dceefb\"/>\n<g id=\"land\" fill=\"#f3ecd6\" stroke=\"#8a7f5a\" stroke-width=\"0.6\">\n"
        for polygon in coastline.polygons.indices {
            for ring in coastline.rings(ofPolygon: polygon) {
                guard let first = ring.first else { continue }
                var lo = (first.x, first.y), hi = (first.x, first.y)
                for p in ring { lo = (min(lo.0, p.x), min(lo.1, p.y)); hi = (max(hi.0, p.x), max(hi.1, p.y)) }
                guard hi.0 >= lonRange.lowerBound, lo.0 <= lonRange.upperBound, hi.1 >= latRange.lowerBound, lo.1 <= latRange.upperBound,
                      (hi.0 - lo.0) * k * scale >= 1 || (hi.1 - lo.1) * scale >= 1 else { continue }
                var d = "", last = (-1e9, -1e9)
                for p in ring {
                    let q = (x(p.x), y(p.y))
                    if abs(q.0 - last.0) + abs(q.1 - last.1) < 0.8 { continue }
                    d += (d.isEmpty ? "M" : "L") + String(format: "%.1f %.1f", q.0, q.1)
                    last = q
                }
                if !d.isEmpty { out += "<path d=\"\(d)Z\"/>\n" }
            }
        }
        out += "</g>\n"
        let e = GPXDocument.escape
        for other in night.boats where other.callSign != boat.callSign {
            let pts = PatrolPlanRenderer.track(other).map { String(format: "%.1f,%.1f", x($0.longitude), y($0.latitude)) }
            if pts.count >= 2 {
                out += "<polyline class=\"other-route\" points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"#777\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"><title>\(e(other.callSign))</title></polyline>\n"
            }
        }
        let pts = PatrolPlanRenderer.track(boat).map { String(format: "%.1f,%.1f", x($0.longitude), y($0.latitude)) }
        if pts.count >= 2 {
            out += "<polyline id=\"route\" points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"#c00\" stroke-width=\"2.5\"/>\n"
        }
        for (n, stop) in boat.stops.enumerated() {
            let sx = x(stop.position.longitude), sy = y(stop.position.latitude)
            let colour = stop.kind == .base ? "#003f8a" : stop.kind == .rendezvous ? "#7a00a0" : "#c00"
            out += String(format: "<circle class=\"stop\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%@\" stroke=\"white\"/>", sx, sy, colour)
            let label = n == 0 ? "0 " + String(PlaceNamer.shortName(stop.name).prefix(28)) : "\(n) \(renderer.clock(stop.arrival).prefix(5))"
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#222\">%@</text>\n",
                          sx + 7, sy - 5, e(label))
        }
        // Scale bar: a round number of nautical miles about a fifth of the width.
        let nmPerPixel = 60 / scale
        let target = width / 5 * nmPerPixel
        let bar = [1.0, 2, 5, 10, 20, 50, 100].last { $0 <= target } ?? 1
        let barPixels = bar / nmPerPixel
        out += String(format: "<g id=\"scale\"><rect x=\"20\" y=\"%.0f\" width=\"%.1f\" height=\"6\" fill=\"#222\"/>", height - 30, barPixels)
        out += String(format: "<text x=\"20\" y=\"%.0f\" font-size=\"12\" font-family=\"sans-serif\">%g nm</text></g>\n", height - 36, bar)
        out += "<g id=\"north\"><path d=\"M\(Int(width) - 30) 50 L\(Int(width) - 40) 75 L\(Int(width) - 30) 68 L\(Int(width) - 20) 75 Z\" fill=\"#222\"/>"
            + "<text x=\"\(Int(width) - 35)\" y=\"44\" font-size=\"14\" font-family=\"sans-serif\">N</text></g>\n"
        out += "</svg>"
        return out
    }
}
