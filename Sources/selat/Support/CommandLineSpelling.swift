import Foundation
import SelatKit

/// How the command line writes the commands that reproduce a run or a plan: stored with each
/// run and plan, printed by the report and the demo.
extension CommandSpelling {
    static let commandLine = CommandSpelling(
        names: .commandLine,
        hotspots: { request, database, out in
            var words = ["selat", "hotspots"] + CommandLineWords.db(database)
            let q = request.query
            if request.method != .gistar { words += ["--method", request.method.rawValue] }
            if let s = q.since { words += ["--since", s.iso8601(offsetMinutes: 420)] }
            if let u = q.until { words += ["--until", u.iso8601(offsetMinutes: 420)] }
            for a in q.activities.map(\.rawValue).sorted() { words += ["--activity", a] }
            for v in q.vesselTypes.map(\.rawValue).sorted() { words += ["--vessel-type", v] }
            if request.nightOnly { words.append("--night") }
            if let cell = request.cell { words += ["--cell", cell.metricText] }
            switch request.method {
            case .gistar, .emerging:
                if let band = request.band { words += ["--band", band.metricText] }
                if request.studyArea != .data {
                    words += ["--study-area", request.studyArea.rawValue]
                }
                if !request.fdr { words.append("--no-fdr") }
                if request.method == .gistar, request.permutations > 0 {
                    words += [
                        "--permutations", "\(request.permutations)", "--seed", "\(request.seed)",
                    ]
                }
                if request.method == .emerging {
                    words += ["--step", request.step.rawValue]
                    if request.timeWindow != 1 {
                        words += ["--time-window", "\(request.timeWindow)"]
                    }
                    if request.alpha != 0.05 { words += ["--alpha", "\(request.alpha)"] }
                }
            case .dbscan:
                if request.eps.metres != 500 { words += ["--eps", request.eps.metricText] }
                if request.minPoints != 10 { words += ["--min-points", "\(request.minPoints)"] }
            case .kde:
                if let b = request.bandwidth { words += ["--bandwidth", b.metricText] }
                if request.levels != [50, 75, 90] {
                    words += [
                        "--levels",
                        request.levels.map { CommandLineWords.number($0) }.joined(separator: ","),
                    ]
                }
            }
            if request.significantOnly { words.append("--significant-only") }
            if request.top != 10 { words += ["--top", "\(request.top)"] }
            if let out { words += ["--out", out] }
            return CommandLineWords.join(words)
        },
        showHotspotRun: { run, database in
            CommandLineWords.join(
                ["selat", "hotspots", "show", run] + CommandLineWords.db(database))
        },
        plan: { request, database in
            var words = ["selat", "plan"] + CommandLineWords.db(database)
            words += ["--start", request.start.iso8601(offsetMinutes: 420)]
            words += ["--hours", CommandLineWords.number(request.hours)]
            if !request.boats.isEmpty {
                words += ["--boats", request.boats.joined(separator: ",")]
            }
            if let run = request.hotspotRun { words += ["--hotspots", "\(run)"] }
            if !request.useHotspots { words += ["--hotspots", "none"] }
            for t in request.targets {
                words += [
                    "--target",
                    "\(t.place)=\(CommandLineWords.number(t.priority))"
                        + (t.dwell.map { "/\(Int($0 / 60))m" } ?? ""),
                ]
            }
            if request.coordinated { words.append("--coordinated") }
            if let r = request.rendezvous { words += ["--rendezvous", r] }
            if request.joint { words.append("--joint") }
            if request.nights != 1 { words += ["--nights", "\(request.nights)"] }
            if let history = request.coverageHistory {
                words += [
                    "--coverage-from", history.rawValue, "--history-days", "\(request.historyDays)",
                ]
            }
            words += ["--seed", "\(request.seed)"]
            return CommandLineWords.join(words)
        },
        showPlan: { plan, database in
            CommandLineWords.join(
                ["selat", "plan", "show", "\(plan)"] + CommandLineWords.db(database))
        },
        sightingsNear: { place, within, since, database in
            CommandLineWords.join(
                ["selat", "sighting", "list"] + CommandLineWords.db(database)
                    + [
                        "--near", place, "--within",
                        CommandLineWords.number(within.nauticalMiles) + "nm", "--since",
                        since.iso8601(offsetMinutes: 420),
                    ])
        },
        seaRoute: { from, to, speed in
            CommandLineWords.join(
                [
                    "selat", "route", "sea", "--from", from, "--to", to, "--speed",
                    CommandLineWords.number(speed.knots) + "kn",
                ])
        })
}

/// Pieces of command lines.
enum CommandLineWords {
    /// `--db PATH`, or nothing for the default database.
    static func db(_ path: String?) -> [String] { path.map { ["--db", $0] } ?? [] }

    /// A number without a needless fraction: 8, 2.5.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// The words as one line, quoting those with spaces or shell characters.
    static func join(_ words: [String]) -> String {
        words.map { w in
            w.isEmpty || w.contains(where: { " \"'$`\\;&|<>()*?#~".contains($0) })
                ? "\"" + w.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : w
        }.joined(separator: " ")
    }
}
