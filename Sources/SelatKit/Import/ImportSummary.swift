import Foundation

/// The end-of-import summary, as printed by `selat sighting import`.
public enum ImportSummary {
    public static func text(_ r: ImportReport, show: Int) -> String {
        let zoneName = TimeZoneName.name(r.defaultOffsetMinutes)
        var out = ""
        let c = r.counts
        if r.abortedByStrict {
            out += "Nothing imported (--strict): \(c.rejected) of \(c.read) rows are bad.\n"
        } else {
            out += "Imported \(r.file): \(c.read) read, \(c.added) added, \(c.duplicate) already present, "
                + "\(c.conflict) in conflict, \(c.rejected) rejected"
                + String(format: " (%.1f s).\n", r.seconds)
        }
        if r.rowsUsingDefaultOffset > 0 {
            out += "Note: \(r.rowsUsingDefaultOffset) row\(r.rowsUsingDefaultOffset == 1 ? "" : "s") had times without "
                + "a UTC offset; they were read as \(zoneName). Use --timezone if that is wrong.\n"
        }
        if !r.ignoredColumns.isEmpty {
            out += "Warning: the column\(r.ignoredColumns.count == 1 ? "" : "s") "
                + r.ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
                + (r.ignoredColumns.count == 1 ? " is not a Selat column and " : " are not Selat columns and ")
                + "\(r.ignoredColumns.count == 1 ? "was" : "were") not imported.\n"
        }
        if !r.problems.isEmpty {
            out += "Problems:\n"
            let name = (r.file as NSString).lastPathComponent
            for p in r.problems.prefix(show) { out += "  \(name), " + p.description + "\n" }
            if r.problems.count > show { out += "  … and \(r.problems.count - show) more.\n" }
        }
        if let rejects = r.rejectsFile {
            out += "The rows not imported are in \(rejects) with a reason column; fix them there and import that file.\n"
        }
        return out
    }
}
