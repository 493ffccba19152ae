import Foundation
import SelatFormats
import SelatGeo
import SelatModel
import SelatPlanning
import SelatWords

/// A patrol report (``PatrolReport``) for people (a table in their language), for programs (JSON
/// with stable fields), for GIS (GeoJSON: the track in stretches, gaps, planned stops visited or
/// missed, the planned route, flagged fixes, linked sightings) and for chartplotters (GPX: the
/// track in segments, the stops as waypoints, the planned route).
public struct PatrolReportRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, json, geojson, gpx
    }

    public let words: Words
    /// The zone times are shown in (WIB unless told).
    public let offsetMinutes: Int

    public init(words: Words, offsetMinutes: Int = 420) {
        self.words = words
        self.offsetMinutes = offsetMinutes
    }

    public func render(_ report: PatrolReport, as format: Format) -> String {
        switch format {
        case .table: table(report)
        case .json: json(report)
        case .geojson: geojson(report)
        case .gpx: gpx(report)
        }
    }

    /// `2026-12-05 21:05 WIB` (`21.05` in Indonesian).
    public func time(_ t: Timestamp) -> String {
        let iso = t.iso8601(offsetMinutes: offsetMinutes)
        let day = iso.prefix(10)
        let clock = words.clock(String(iso.dropFirst(11).prefix(5)))
        return "\(day) \(clock) \(Timestamp.zoneName(offsetMinutes))"
    }

    /// `21:05` (`21.05` in Indonesian).
    public func clock(_ t: Timestamp) -> String {
        words.clock(String(t.iso8601(offsetMinutes: offsetMinutes).dropFirst(11).prefix(5)))
    }

    /// The report as lines for people.
    public func table(_ r: PatrolReport) -> String {
        let w = words
        let p = r.patrol
        var lines: [String] = []
        var head = w("patrol.report.head", ["id": "\(p.id)", "boat": p.boat])
        if let agency = p.agency { head += " (\(agency))" }
        if let plan = p.planID {
            head +=
                " · "
                + w("patrol.report.plan_night", ["plan": "\(plan)", "night": "\(p.night ?? 0)"])
        } else {
            head += " · " + w("patrol.report.no_plan")
        }
        lines.append(head)
        if let crew = p.crew { lines.append(w("patrol.report.crew", ["crew": crew])) }
        let state = PatrolLogError.word(p.state, w)
        lines.append(
            p.endedAt.map { end in
                w(
                    "patrol.report.times",
                    ["start": time(p.startedAt), "end": time(end), "state": state])
            } ?? w("patrol.report.times_out", ["start": time(p.startedAt), "state": state]))
        lines.append(
            w(
                "patrol.report.sailed",
                [
                    "nm": w.number(r.distanceNM, decimals: 1),
                    "hours": w.number(r.hours, decimals: 1),
                    "paused": w.number(r.hoursPaused, decimals: 1),
                ]))
        switch r.trackSource {
        case nil: lines.append(w("patrol.report.no_track"))
        case "instruments"?:
            lines.append(w("patrol.report.track_instruments", ["used": "\(r.fixesUsed)"]))
        default: lines.append(w("patrol.report.track_phone", ["used": "\(r.fixesUsed)"]))
        }
        let f = r.flagged
        if f.onLand + f.tooFast + f.outOfOrder > 0 {
            lines.append(
                w(
                    "patrol.report.flagged",
                    [
                        "land": "\(f.onLand)", "fast": "\(f.tooFast)", "order": "\(f.outOfOrder)",
                    ]))
        }
        if f.outsidePatrol > 0 {
            lines.append(w("patrol.report.outside_times", ["count": "\(f.outsidePatrol)"]))
        }
        if r.gaps.isEmpty {
            lines.append(w("patrol.report.no_gaps"))
        } else {
            lines.append(
                w(
                    "patrol.report.gaps",
                    [
                        "count": "\(r.gaps.count)",
                        "minutes": w.number(r.gaps.reduce(0) { $0 + $1.minutes }, decimals: 0),
                    ]))
            for g in r.gaps {
                lines.append(
                    "  "
                        + w(
                            "patrol.report.gap",
                            [
                                "from": clock(g.from), "to": clock(g.to),
                                "minutes": w.number(g.minutes, decimals: 0),
                                "nm": w.number(g.straightNM, decimals: 1),
                            ]))
            }
        }
        if r.stops.isEmpty {
            if p.planID != nil { lines.append(w("patrol.report.no_stops")) }
        } else {
            lines.append(
                w(
                    "patrol.report.stops",
                    [
                        "planned": "\(r.stops.count)", "visited": "\(r.visited.count)",
                        "missed": "\(r.missed.count)",
                        "radius": w.number(r.options.visitRadius.nauticalMiles, decimals: 1),
                    ]))
            for s in r.stops {
                let place = Self.position(s.latitude, s.longitude)
                if let at = s.visitedAt {
                    var line = w(
                        "patrol.report.visited",
                        ["name": s.name, "place": place, "time": clock(at)])
                    if let late = s.minutesLate {
                        line +=
                            ", "
                            + (late >= 0
                                ? w(
                                    "patrol.report.late",
                                    ["minutes": w.number(late, decimals: 0)])
                                : w(
                                    "patrol.report.early",
                                    ["minutes": w.number(-late, decimals: 0)]))
                    }
                    lines.append("  ✓ " + line)
                } else {
                    lines.append(
                        "  ✗ "
                            + w(
                                "patrol.report.missed",
                                [
                                    "name": s.name, "place": place,
                                    "closest": s.closestNM.map { w.number($0, decimals: 1) }
                                        ?? "–",
                                ]))
                }
            }
        }
        lines.append(
            w(
                "patrol.report.neighbour",
                ["minutes": w.number(r.minutesInNeighbourWaters, decimals: 0)]))
        lines.append(w("patrol.report.sightings", ["count": "\(r.sightings.count)"]))
        for s in r.sightings {
            var line =
                "  \(s.id)  \(clock(s.observedAt))  \(s.vesselType), \(s.activity)"
            if let n = s.personsAboard {
                line += ", " + w("patrol.report.aboard", ["count": "\(n)"])
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1.2300°N 104.0000°E`.
    public static func position(_ lat: Double, _ lon: Double) -> String {
        String(
            format: "%.4f°%@ %.4f°%@", abs(lat), lat >= 0 ? "N" : "S", abs(lon),
            lon >= 0 ? "E" : "W")
    }

    /// The report's stable JSON.
    public func json(_ r: PatrolReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(r)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as a GeoJSON FeatureCollection.
    public func geojson(_ r: PatrolReport) -> String {
        var features: [String] = []
        func add(_ geometry: GeoJSONGeometry, _ properties: GeoJSONProperties) {
            features.append(
                #"{"type":"Feature","geometry":"# + geometry.text() + #","properties":"#
                    + properties.text + "}")
        }
        var summary = GeoJSONProperties()
        summary.add("layer", "track")
        summary.add("patrol", Int(r.patrol.id))
        summary.add("boat", r.patrol.boat)
        summary.add("distance_nm", PatrolReportRenderer.round(r.distanceNM), decimals: 3)
        summary.add("hours", PatrolReportRenderer.round(r.hours), decimals: 3)
        summary.add("stretches", r.runs.count)
        let lines = r.runs.filter { $0.count >= 2 }.map { $0.map(\.position) }
        if !lines.isEmpty { add(.multiLineString(lines), summary) }
        for g in r.gaps {
            var props = GeoJSONProperties()
            props.add("layer", "gap")
            props.add("from", g.from.iso8601())
            props.add("to", g.to.iso8601())
            props.add("minutes", g.minutes, decimals: 1)
            props.add("straight_nm", g.straightNM, decimals: 3)
            props.add("sailed", false)
            add(.lineString([g.fromPosition, g.toPosition]), props)
        }
        if r.plannedRoute.count >= 2 {
            var props = GeoJSONProperties()
            props.add("layer", "planned_route")
            props.add("plan", r.patrol.planID.map { "\($0)" })
            props.add("night", r.patrol.night ?? 0)
            add(.lineString(r.plannedRoute), props)
        }
        for s in r.stops {
            guard let c = try? Coordinate(latitude: s.latitude, longitude: s.longitude) else {
                continue
            }
            var props = GeoJSONProperties()
            props.add("layer", s.visitedAt == nil ? "missed" : "visited")
            props.add("name", s.name)
            props.add("kind", s.kind)
            props.add("planned_arrival", s.plannedArrival?.iso8601())
            props.add("visited_at", s.visitedAt?.iso8601())
            if let d = s.closestNM { props.add("closest_nm", d, decimals: 3) }
            if let m = s.minutesLate { props.add("minutes_late", m, decimals: 1) }
            add(.point(c), props)
        }
        for fix in r.flaggedFixes {
            var props = GeoJSONProperties()
            props.add("layer", "flagged")
            props.add("flag", fix.flag?.rawValue)
            props.add("time", fix.time.iso8601())
            props.add("source", fix.source.rawValue)
            props.add("file", fix.file)
            if let line = fix.line { props.add("line", line) }
            add(.point(fix.position), props)
        }
        for s in r.sightings {
            guard let c = try? Coordinate(latitude: s.latitude, longitude: s.longitude) else {
                continue
            }
            var props = GeoJSONProperties()
            props.add("layer", "sighting")
            props.add("id", s.id)
            props.add("observed_at", s.observedAt.iso8601())
            props.add("vessel_type", s.vesselType)
            props.add("activity", s.activity)
            if let n = s.personsAboard { props.add("persons_aboard", n) }
            add(.point(c), props)
        }
        return #"{"type":"FeatureCollection","features":["#
            + features.joined(separator: ",\n") + "]}\n"
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// The report as GPX 1.1: the track in segments (one per stretch without a gap or pause),
    /// the planned stops as waypoints (visited or missed), the planned route as a route.
    public func gpx(_ r: PatrolReport) -> String {
        let w = words
        let title = w("patrol.report.head", ["id": "\(r.patrol.id)", "boat": r.patrol.boat])
        var doc = GPXDocument(
            name: title,
            description: w(
                "patrol.report.sailed",
                [
                    "nm": w.number(r.distanceNM, decimals: 1),
                    "hours": w.number(r.hours, decimals: 1),
                    "paused": w.number(r.hoursPaused, decimals: 1),
                ]), time: r.patrol.startedAt)
        for s in r.stops {
            guard let c = try? Coordinate(latitude: s.latitude, longitude: s.longitude) else {
                continue
            }
            doc.addWaypoint(
                GPXDocument.Point(
                    position: c, time: s.plannedArrival, name: s.name,
                    description: s.visitedAt == nil
                        ? w(
                            "patrol.report.missed",
                            [
                                "name": s.name, "place": Self.position(s.latitude, s.longitude),
                                "closest": s.closestNM.map { w.number($0, decimals: 1) } ?? "–",
                            ])
                        : w(
                            "patrol.report.visited",
                            [
                                "name": s.name, "place": Self.position(s.latitude, s.longitude),
                                "time": s.visitedAt.map(clock) ?? "",
                            ]),
                    symbol: s.visitedAt == nil ? "Flag, Red" : "Flag, Green",
                    type: s.visitedAt == nil ? "missed" : "visited"))
        }
        if r.plannedRoute.count >= 2 {
            doc.addRoute(
                name: w("patrol.report.planned_route"),
                points: r.plannedRoute.map { GPXDocument.Point(position: $0) })
        }
        doc.addTrack(
            name: title,
            segments: r.runs.map { run in
                run.map { GPXDocument.Point(position: $0.position, time: $0.time) }
            })
        return doc.text
    }
}
