import Foundation
import SelatFormats
import SelatModel
import SelatWords

/// One row of an input file, whatever its format.
struct SourceRow: Sendable {
    enum Origin: Sendable {
        case line(Int)
        case feature(number: Int, path: String)

        /// Where the row is, in `words`' language (`line 17`, `baris 17`): worded only when a
        /// message needs it, never for every row read.
        func location(_ words: Words) -> String {
            switch self {
            case .line(let n): words("import.location.line", ["line": "\(n)"])
            case .feature(let n, let path):
                words("import.location.feature", ["number": "\(n)", "path": path])
            }
        }
    }

    let origin: Origin
    /// Values by ``SightingColumn/ordinal`` (nil: column absent).
    let fields: [String]
    let columnIndex: [Int?]
    /// A problem found while reading (bad bytes, wrong field count, not a Point).
    let problem: ImportProblem?
    /// What to write to the rejects file: the original CSV bytes, or CSV fields.
    let rejectsRecord: ArraySlice<UInt8>

    /// Where the row is, in `words`' language.
    func location(_ words: Words) -> String { origin.location(words) }

    func value(_ column: SightingColumn) -> String? {
        guard let index = columnIndex[column.ordinal], index < fields.count else { return nil }
        return fields[index]
    }
}

/// A stream of rows from a file.
protocol RowSource: Sendable {
    /// Columns present in the file that Selat does not use.
    var ignoredColumns: [String] { get }
    /// The header line of the rejects file (without `reason`).
    var rejectsHeader: [UInt8] { get }
    /// How the rejects file is written: CSV with a `reason` column, or a GeoJSON FeatureCollection.
    var rejectsKind: RejectsWriter.Kind { get }
    /// How much of the file has been read, 0…1.
    var fraction: Double { get }
    mutating func next() -> SourceRow?
}

/// Rows of a CSV file with a header line.
struct CSVRowSource: RowSource {
    private var reader: CSVReader
    private let columnIndex: [Int?]
    private let headerNames: [String]
    private let fileName: String
    let ignoredColumns: [String]
    let rejectsHeader: [UInt8]
    let rejectsKind = RejectsWriter.Kind.csv

    /// The language of the problems it finds.
    let words: Words

    init(path: String, words: Words = Words(.en)) throws(KitError) {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .format(error) }
        try self.init(
            reader: reader, fileName: (path as NSString).lastPathComponent, words: words)
    }

    init(reader: CSVReader, fileName: String, words: Words = Words(.en)) throws(KitError) {
        self.reader = reader
        self.fileName = fileName
        self.words = words
        guard let header = self.reader.next() else {
            throw .unusableFile(
                file: fileName,
                reason: words(
                    "import.file.empty",
                    ["header": SightingColumn.allCases.map(\.rawValue).joined(separator: ",")]))
        }
        guard header.invalidUTF8Fields.isEmpty else {
            throw .unusableFile(
                file: fileName, reason: words("import.file.header_not_utf8"))
        }
        if let layout = Self.foreignLayout(header.raw, fields: header.fields, words) {
            throw .unusableFile(file: fileName, reason: layout)
        }
        rejectsHeader = Array(header.raw)
        headerNames = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index = [Int?](repeating: nil, count: SightingColumn.allCases.count)
        var ignored: [String] = []
        for (i, name) in headerNames.enumerated() {
            guard let column = SightingColumn(rawValue: name) else {
                // The reason column of Selat's own rejects file is not data: importing a fixed
                // rejects file drops it without a warning.
                if !RejectsWriter.derivedColumns.contains(name) { ignored.append(header.fields[i]) }
                continue
            }
            if index[column.ordinal] != nil {
                throw .unusableFile(
                    file: fileName, reason: words("import.file.column_twice", ["column": name]))
            }
            index[column.ordinal] = i
        }
        let missing = SightingColumn.required.filter { index[$0.ordinal] == nil }
        if !missing.isEmpty {
            throw .unusableFile(
                file: fileName,
                reason: words(
                    missing.count == 1
                        ? "import.file.missing_column" : "import.file.missing_columns",
                    [
                        "columns": missing.map(\.rawValue).joined(separator: ", "),
                        "all": SightingColumn.allCases.map(\.rawValue).joined(separator: ","),
                    ]))
        }
        columnIndex = index
        ignoredColumns = ignored
    }

    /// A header that shows the file is not comma-separated with line breaks Selat reads: the
    /// separator or line ending it seems to use, and what to do. Nil for an ordinary header.
    static func foreignLayout(_ raw: ArraySlice<UInt8>, fields: [String], _ words: Words) -> String?
    {
        let bytes = Array(raw)
        // A CR not followed by LF ends lines only in files saved as "Macintosh" text.
        for (k, b) in bytes.enumerated()
        where b == 0x0D && (k + 1 == bytes.count ? false : bytes[k + 1] != 0x0A) {
            return words("import.file.cr_only")
        }
        guard fields.count == 1, let only = fields.first else { return nil }
        for (separator, name) in [
            (";", words("import.file.semicolons")), ("\t", words("import.file.tabs")),
            ("|", words("import.file.bars")),
        ] where only.contains(separator) {
            let parts = only.split(separator: Character(separator)).count
            guard parts >= 3 else { continue }
            return words("import.file.separator", ["separator": name, "parts": "\(parts)"])
        }
        return nil
    }

    var fraction: Double {
        reader.byteCount == 0 ? 1 : Double(reader.bytesRead) / Double(reader.byteCount)
    }

    mutating func next() -> SourceRow? {
        guard let record = reader.next() else { return nil }
        var problem: ImportProblem?
        if record.unterminatedQuote {
            problem = ImportProblem(
                location: SourceRow.Origin.line(record.line).location(words), field: nil,
                value: nil, reason: words("import.row.unclosed_quote"), isConflict: false)
        } else if record.fields.count != headerNames.count {
            problem = ImportProblem(
                location: SourceRow.Origin.line(record.line).location(words), field: nil,
                value: nil,
                reason: words(
                    "import.row.field_count",
                    ["fields": "\(record.fields.count)", "header": "\(headerNames.count)"]),
                isConflict: false)
        } else if let bad = record.invalidUTF8Fields.first {
            problem = ImportProblem(
                location: SourceRow.Origin.line(record.line).location(words),
                field: headerNames[bad], value: nil, reason: words("import.row.not_utf8"),
                isConflict: false)
        }
        return SourceRow(
            origin: .line(record.line), fields: record.fields, columnIndex: columnIndex,
            problem: problem, rejectsRecord: record.raw)
    }
}

/// Features of a GeoJSON FeatureCollection.
struct GeoJSONRowSource: RowSource {
    private var features: [SightingGeoJSON.Feature]
    private var position = 0
    private static let columns = SightingColumn.allCases
    let ignoredColumns: [String]
    let rejectsHeader: [UInt8] = []
    let rejectsKind = RejectsWriter.Kind.geojson

    /// The language of the problems it finds.
    let words: Words

    init(path: String, words: Words = Words(.en)) throws(KitError) {
        let features: [SightingGeoJSON.Feature]
        do { features = try SightingGeoJSON.read(path: path) } catch { throw .format(error) }
        self.init(features: features, words: words)
    }

    init(features: [SightingGeoJSON.Feature], words: Words = Words(.en)) {
        self.features = features
        self.words = words
        let known = Set(Self.columns.map(\.rawValue))
        ignoredColumns = Set(features.flatMap(\.values.keys)).subtracting(known).subtracting(
            RejectsWriter.derivedColumns
        ).sorted()
    }

    var fraction: Double { features.isEmpty ? 1 : Double(position) / Double(features.count) }

    mutating func next() -> SourceRow? {
        guard position < features.count else { return nil }
        let f = features[position]
        position += 1
        let fields = Self.columns.map { f.values[$0.rawValue] ?? "" }
        let index: [Int?] = Self.columns.enumerated().map { i, c in
            f.values[c.rawValue] == nil ? nil : i
        }
        let problem = f.problem.map {
            ImportProblem(
                location: SourceRow.Origin.feature(number: f.number, path: f.path).location(words),
                field: nil, value: nil, reason: $0,
                isConflict: false)
        }
        let record = ArraySlice(f.json.utf8)
        return SourceRow(
            origin: .feature(number: f.number, path: f.path), fields: fields, columnIndex: index,
            problem: problem, rejectsRecord: record)
    }
}

/// Writes refused rows, unchanged, with the reason: a CSV file with a `reason` column, or a
/// GeoJSON FeatureCollection of the original features, each with a `reason` property. Either
/// imports again once fixed (the reason is not data and is dropped without a warning).
/// Written through ``OutputFile``: mode 0600 (rows hold names and notes), atomic.
struct RejectsWriter {
    enum Kind: Sendable { case csv, geojson }

    /// The column (CSV) or property (GeoJSON) that carries the reason.
    static let reasonColumn = "reason"
    /// Columns Selat's own files carry that are not data: the reject reason, and the flags of an
    /// export (recomputed from the position on import). Read past without a warning.
    static let derivedColumns: Set<String> = [
        reasonColumn, "flags", "on_land", "outside_region", "inland_water",
    ]

    let path: String
    let header: [UInt8]
    let kind: Kind
    private var buffer: [UInt8] = []
    private var count = 0

    init(path: String, header: [UInt8], kind: Kind) {
        self.path = path
        self.header = header
        self.kind = kind
    }

    /// The default rejects file of an input.
    static func defaultPath(for input: String, kind: Kind) -> String {
        switch kind {
        case .csv: input + ".rejects.csv"
        case .geojson: ((input as NSString).deletingPathExtension) + ".rejects.geojson"
        }
    }

    mutating func add(_ record: ArraySlice<UInt8>, reason: String) {
        switch kind {
        case .csv:
            buffer += Self.spreadsheetSafe(record)
            buffer += Array(("," + CSVWriter.field(reason) + "\n").utf8)
        case .geojson:
            if count > 0 { buffer += Array(",\n".utf8) }
            buffer += Self.withReason(Array(record), reason: reason)
        }
        count += 1
    }

    /// A CSV row with the same values, its cells written spreadsheet-safe (``CSVFormula``): a
    /// partner's `=HYPERLINK(…)` is not run when the rejects file is opened in Excel, and reads
    /// back unchanged. A row that cannot be read as fields (bad bytes, an unclosed quote) is
    /// kept byte for byte.
    static func spreadsheetSafe(_ record: ArraySlice<UInt8>) -> [UInt8] {
        var reader = CSVReader(bytes: Array(record))
        guard let row = reader.next(), reader.next() == nil, row.invalidUTF8Fields.isEmpty,
            !row.unterminatedQuote
        else {
            return Array(record)
        }
        return Array(CSVWriter.record(row.fields).utf8.dropLast())
    }

    /// The feature's JSON with `"reason"` put first in its properties; the rest of the text is
    /// kept byte for byte (numbers are not re-formatted).
    static func withReason(_ json: [UInt8], reason: String) -> [UInt8] {
        let member = Array((JSONText.string(reasonColumn) + ":" + JSONText.string(reason)).utf8)
        if let at = propertiesObjectStart(json) {
            // After the '{' of "properties": insert the member, with a comma unless the object is empty.
            var k = at + 1
            while k < json.count, [0x20, 0x09, 0x0A, 0x0D].contains(json[k]) { k += 1 }
            let empty = k < json.count && json[k] == 0x7D
            return Array(json[...at]) + member + (empty ? [] : [0x2C]) + Array(json[(at + 1)...])
        }
        if let open = json.firstIndex(of: 0x7B) {
            // No properties object (missing or null): add one.
            let joined: [UInt8] =
                Array(json[...open]) + Array("\"properties\":{".utf8) + member + [0x7D, 0x2C]
                + Array(json[(open + 1)...])
            return joined.dropLastCommaIfObjectWasEmpty()
        }
        return Array("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{".utf8) + member
            + Array(",\"original\":".utf8)
            + Array(JSONText.string(String(decoding: json, as: UTF8.self)).utf8) + Array("}}".utf8)
    }

    /// The index of the '{' that opens the top-level "properties" member of a feature object.
    private static func propertiesObjectStart(_ json: [UInt8]) -> Int? {
        var depth = 0
        var k = 0
        var inString = false
        var keyStart = -1
        while k < json.count {
            let c = json[k]
            if inString {
                if c == 0x5C {
                    k += 2
                    continue
                }
                if c == 0x22 {
                    inString = false
                    if depth == 1, keyStart >= 0,
                        String(decoding: json[keyStart..<k], as: UTF8.self) == "properties"
                    {
                        var j = k + 1
                        while j < json.count, [0x20, 0x09, 0x0A, 0x0D].contains(json[j]) { j += 1 }
                        if j < json.count, json[j] == 0x3A {
                            j += 1
                            while j < json.count, [0x20, 0x09, 0x0A, 0x0D].contains(json[j]) {
                                j += 1
                            }
                            if j < json.count, json[j] == 0x7B { return j }
                        }
                    }
                }
            } else if c == 0x22 {
                inString = true
                keyStart = k + 1
            } else if c == 0x7B || c == 0x5B {
                depth += 1
            } else if c == 0x7D || c == 0x5D {
                depth -= 1
            }
            k += 1
        }
        return nil
    }

    var isEmpty: Bool { count == 0 }

    /// Writes the file if any row was refused; returns its path.
    func finish(force: Bool) throws(KitError) -> String? {
        guard count > 0 else { return nil }
        let data: [UInt8]
        switch kind {
        case .csv: data = header + Array(",reason\n".utf8) + buffer
        case .geojson:
            data =
                Array("{\"type\":\"FeatureCollection\",\"features\":[\n".utf8) + buffer
                + Array("\n]}\n".utf8)
        }
        try KitError.output { () throws(OutputError) in
            try OutputFile.write(data, to: path, purpose: .rejects, personal: true, force: force)
        }
        return path
    }
}

extension Array where Element == UInt8 {
    /// `{"properties":{…},}` → `{"properties":{…}}` when the original object was `{}`.
    fileprivate func dropLastCommaIfObjectWasEmpty() -> [UInt8] {
        var k = count - 1
        while k >= 0, [0x20, 0x09, 0x0A, 0x0D, 0x7D].contains(self[k]) { k -= 1 }
        guard k >= 0, self[k] == 0x2C else { return self }
        var copy = self
        copy.remove(at: k)
        return copy
    }
}
