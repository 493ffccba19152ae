import Foundation

/// The end-of-import summary, as printed by `selat sighting import`.
public enum ImportSummary {
    public static func text(_ r: ImportReport, show: Int, names: ControlNames) -> String {
        let zoneName = TimeZoneName.name(r.defaultOffsetMinutes)
        var out = ""
        let c = r.counts
        if r.abortedByStrict {
            out +=
                names(
                    "import.strict",
                    ["strict": names(.strict), "rejected": "\(c.rejected)", "read": "\(c.read)"])
                + "\n"
        } else if let stop = r.stopped {
            let why: String
            switch stop.cause {
            case .interrupted: why = names("import.interrupted")
            case .database(let e):
                why = names(
                    "import.database_refused",
                    [
                        "rows": [stop.firstLocation, stop.lastLocation].compactMap { $0 }.joined(
                            separator: names("import.rows_to")),
                        "error": e.words(names),
                    ])
            }
            out += names("import.stopped", ["file": r.file, "why": why]) + "\n"
            out +=
                names(
                    "import.kept",
                    [
                        "added": "\(c.added)", "duplicate": "\(c.duplicate)", "read": "\(c.read)",
                        "conflict": "\(c.conflict)", "rejected": "\(c.rejected)",
                    ]) + "\n"
            out += names("import.resume") + "\n"
        } else {
            out +=
                names(
                    "import.done",
                    [
                        "file": r.file, "read": "\(c.read)", "added": "\(c.added)",
                        "duplicate": "\(c.duplicate)", "conflict": "\(c.conflict)",
                        "rejected": "\(c.rejected)",
                        "seconds": names.words.number(r.seconds, decimals: 1),
                    ]) + "\n"
        }
        if r.rowsUsingDefaultOffset > 0 {
            out +=
                names(
                    r.rowsUsingDefaultOffset == 1
                        ? "import.default_offset_one" : "import.default_offset",
                    [
                        "rows": "\(r.rowsUsingDefaultOffset)", "zone": zoneName,
                        "timezone": names(.timezone),
                    ])
                + "\n"
        }
        if !r.ignoredColumns.isEmpty {
            // One line, however many columns: the first few by name, then how many more.
            let n = r.ignoredColumns.count
            let shown =
                r.ignoredColumns.prefix(5).map {
                    "\"\(TerminalText.escaped(ModelError.clip($0)))\""
                }.joined(separator: ", ")
                + (n > 5 ? names("import.and_more", ["count": "\(n - 5)"]) : "")
            out +=
                names(
                    n == 1 ? "import.ignored_column" : "import.ignored_columns",
                    ["count": "\(n)", "columns": shown]) + "\n"
        }
        if !r.problems.isEmpty {
            out += names("import.problems") + "\n"
            let name = (r.file as NSString).lastPathComponent
            for p in r.problems.prefix(show) {
                out +=
                    "  \(name), "
                    + (p.field.map {
                        names(
                            "import.problem_field",
                            ["location": p.location, "field": $0, "reason": p.reason])
                    } ?? names("import.problem", ["location": p.location, "reason": p.reason]))
                    + "\n"
            }
            if r.problems.count > show {
                out +=
                    "  " + names("import.more_problems", ["count": "\(r.problems.count - show)"])
                    + "\n"
            }
        }
        let f = r.flagged
        let flagNotes = [
            (f.onLand, names("import.flag.on_land")),
            (f.outsideRegion, names("import.flag.outside_region")),
            (f.inlandWater, names("import.flag.inland_water")),
        ].filter { $0.0 > 0 }
        if !flagNotes.isEmpty {
            out +=
                names(
                    "import.flagged",
                    ["flags": flagNotes.map { "\($0.0) \($0.1)" }.joined(separator: "; ")]) + "\n"
        }
        if let removed = r.removedRejectsFile {
            out += names("import.removed_rejects", ["file": removed]) + "\n"
        }
        if let rejects = r.rejectsFile {
            out += names("import.rejects_file", ["file": rejects]) + "\n"
        }
        return out
    }
}
