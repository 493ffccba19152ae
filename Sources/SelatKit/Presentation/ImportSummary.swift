import Foundation

/// The end-of-import summary, as printed by `selat sighting import`.
public enum ImportSummary {
    public static func text(_ r: ImportReport, show: Int, names: ControlNames) -> String {
        let zoneName = TimeZoneName.name(r.defaultOffsetMinutes)
        var out = ""
        let c = r.counts
        if r.abortedByStrict {
            out +=
                "Nothing imported (\(names(.strict))): \(c.rejected) of \(c.read) rows are bad.\n"
        } else if let stop = r.stopped {
            let why: String
            switch stop.cause {
            case .interrupted: why = "interrupted"
            case .database(let e):
                why =
                    "the database refused the batch of rows "
                    + [stop.firstLocation, stop.lastLocation].compactMap { $0 }.joined(
                        separator: " to ") + " (\(e.description))"
            }
            out += "Import of \(r.file) STOPPED: \(why).\n"
            out +=
                "Kept: \(c.added) rows added and \(c.duplicate) already present, from the first \(c.read) rows read; "
                + "\(c.conflict) in conflict, \(c.rejected) rejected. Nothing after that was imported.\n"
            out +=
                "To resume, run the same command again: rows already imported are recognised and skipped, "
                + "so exactly the rest is added.\n"
        } else {
            out +=
                "Imported \(r.file): \(c.read) read, \(c.added) added, \(c.duplicate) already present, "
                + "\(c.conflict) in conflict, \(c.rejected) rejected"
                + String(format: " (%.1f s).\n", r.seconds)
        }
        if r.rowsUsingDefaultOffset > 0 {
            out +=
                "Note: \(r.rowsUsingDefaultOffset) row\(r.rowsUsingDefaultOffset == 1 ? "" : "s") had times without "
                + "a UTC offset; they were read as \(zoneName). Use \(names(.timezone)) if that is wrong.\n"
        }
        if !r.ignoredColumns.isEmpty {
            // One line, however many columns: the first few by name, then how many more.
            let n = r.ignoredColumns.count
            let shown =
                r.ignoredColumns.prefix(5).map {
                    "\"\(TerminalText.escaped(ModelError.clip($0)))\""
                }.joined(separator: ", ")
                + (n > 5 ? " and \(n - 5) more" : "")
            out +=
                "Warning: \(n) column\(n == 1 ? " is" : "s are") not Selat's and \(n == 1 ? "was" : "were") not imported: \(shown).\n"
        }
        if !r.problems.isEmpty {
            out += "Problems:\n"
            let name = (r.file as NSString).lastPathComponent
            for p in r.problems.prefix(show) { out += "  \(name), " + p.description + "\n" }
            if r.problems.count > show { out += "  … and \(r.problems.count - show) more.\n" }
        }
        let f = r.flagged
        let flagNotes = [
            (f.onLand, "on land (on_land)"),
            (f.outsideRegion, "outside the study region (outside_region)"),
            (f.inlandWater, "in inland water, a lake or lagoon (inland_water)"),
        ].filter { $0.0 > 0 }
        if !flagNotes.isEmpty {
            out += "Flagged: " + flagNotes.map { "\($0.0) \($0.1)" }.joined(separator: "; ") + ".\n"
        }
        if let removed = r.removedRejectsFile {
            out += "Removed \(removed), left by an earlier run: no row is rejected now.\n"
        }
        if let rejects = r.rejectsFile {
            out +=
                "The rows not imported are in \(rejects) with a reason column; fix them there and import that file.\n"
        }
        return out
    }
}
