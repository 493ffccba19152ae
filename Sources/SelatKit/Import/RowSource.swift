import Foundation
import SelatFormats
import SelatModel

/// One row of an input file, whatever its format.
struct SourceRow: Sendable {
    enum Origin: Sendable {
        case line(Int)
        case feature(number: Int, path: String)
    }

    let origin: Origin
    /// Values by ``SightingColumn/ordinal`` (nil: column absent).
    let fields: [String]
    let columnIndex: [Int?]
    /// A problem found while reading (bad bytes, wrong field count, not a Point).
    let problem: ImportProblem?
    /// What to write to the rejects file: the original CSV bytes, or CSV fields.
    let rejectsRecord: ArraySlice<UInt8>

    var location: String {
        switch origin {
        case .line(let n): "line \(n)"
        case .feature(let n, let path): "feature \(n) (\(path))"
        }
    }

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

    init(path: String) throws {
        try self.init(reader: CSVReader(path: path), fileName: (path as NSString).lastPathComponent)
    }

    init(reader: CSVReader, fileName: String) throws {
        self.reader = reader
        self.fileName = fileName
        guard let header = self.reader.next() else {
            throw KitError.unusableFile(file: fileName, reason: "the file is empty; the first line must be a header such as "
                                        + SightingColumn.allCases.map(\.rawValue).joined(separator: ","))
        }
        guard header.invalidUTF8Fields.isEmpty else {
            throw KitError.unusableFile(file: fileName, reason: "line 1 (the header) is not UTF-8 text; save the file as UTF-8 CSV")
        }
        rejectsHeader = Array(header.raw)
        headerNames = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index = [Int?](repeating: nil, count: SightingColumn.allCases.count)
        var ignored: [String] = []
        for (i, name) in headerNames.enumerated() {
            guard let column = SightingColumn(rawValue: name) else {
                ignored.append(header.fields[i])
                continue
            }
            if index[column.ordinal] != nil {
                throw KitError.unusableFile(file: fileName, reason: "line 1: the column \"\(name)\" appears twice; keep one")
            }
            index[column.ordinal] = i
        }
        let missing = SightingColumn.required.filter { index[$0.ordinal] == nil }
        if !missing.isEmpty {
            throw KitError.unusableFile(
                file: fileName,
                reason: "line 1: required column\(missing.count > 1 ? "s" : "") "
                    + missing.map(\.rawValue).joined(separator: ", ") + " missing. The header must name at least "
                    + "observed_at, lat, lon; the full set is " + SightingColumn.allCases.map(\.rawValue).joined(separator: ","))
        }
        columnIndex = index
        ignoredColumns = ignored
    }

    var fraction: Double { reader.byteCount == 0 ? 1 : Double(reader.bytesRead) / Double(reader.byteCount) }

    mutating func next() -> SourceRow? {
        guard let record = reader.next() else { return nil }
        var problem: ImportProblem?
        if record.unterminatedQuote {
            problem = ImportProblem(location: "line \(record.line)", field: nil, value: nil,
                                    reason: "a quoted field opened on this line is never closed; add the closing \"",
                                    isConflict: false)
        } else if record.fields.count != headerNames.count {
            problem = ImportProblem(
                location: "line \(record.line)", field: nil, value: nil,
                reason: "has \(record.fields.count) fields but the header has \(headerNames.count); "
                    + "quote fields that contain commas (\"like, this\")", isConflict: false)
        } else if let bad = record.invalidUTF8Fields.first {
            problem = ImportProblem(location: "line \(record.line)", field: headerNames[bad], value: nil,
                                    reason: "is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)",
                                    isConflict: false)
        }
        return SourceRow(origin: .line(record.line), fields: record.fields, columnIndex: columnIndex,
                         problem: problem, rejectsRecord: record.raw)
    }
}

/// Features of a GeoJSON FeatureCollection.
struct GeoJSONRowSource: RowSource {
    private var features: [SightingGeoJSON.Feature]
    private var position = 0
    private static let columns = SightingColumn.allCases
    let ignoredColumns: [String]
    let rejectsHeader: [UInt8] = Array("feature,json".utf8)

    init(path: String) throws {
        try self.init(features: SightingGeoJSON.read(path: path))
    }

    init(features: [SightingGeoJSON.Feature]) {
        self.features = features
        let known = Set(Self.columns.map(\.rawValue))
        ignoredColumns = Set(features.flatMap(\.values.keys)).subtracting(known).sorted()
    }

    var fraction: Double { features.isEmpty ? 1 : Double(position) / Double(features.count) }

    mutating func next() -> SourceRow? {
        guard position < features.count else { return nil }
        let f = features[position]
        position += 1
        let fields = Self.columns.map { f.values[$0.rawValue] ?? "" }
        let index: [Int?] = Self.columns.enumerated().map { i, c in f.values[c.rawValue] == nil ? nil : i }
        let problem = f.problem.map {
            ImportProblem(location: "feature \(f.number) (\(f.path))", field: nil, value: nil, reason: $0, isConflict: false)
        }
        let record = ArraySlice((String(f.number) + "," + CSVWriter.field(f.json)).utf8)
        return SourceRow(origin: .feature(number: f.number, path: f.path), fields: fields, columnIndex: index,
                         problem: problem, rejectsRecord: record)
    }
}

/// Writes refused rows, unchanged, with a `reason` column.
struct RejectsWriter {
    let path: String
    let header: [UInt8]
    private var buffer: [UInt8] = []
    private var count = 0

    init(path: String, header: [UInt8]) {
        self.path = path
        self.header = header
    }

    mutating func add(_ record: ArraySlice<UInt8>, reason: String) {
        buffer += record
        buffer += Array(("," + CSVWriter.field(reason) + "\n").utf8)
        count += 1
    }

    /// Writes the file if any row was refused; returns its path.
    func finish() throws(KitError) -> String? {
        guard count > 0 else { return nil }
        let data = Data(header + Array(",reason\n".utf8) + buffer)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw .other("cannot write the rejected rows to \(path); check that the folder is writable, "
                         + "or give another place with --rejects")
        }
        return path
    }
}
