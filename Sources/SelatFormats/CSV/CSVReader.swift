import Foundation

/// One record of a CSV file.
public struct CSVRecord: Sendable {
    /// The line the record starts on (the header is line 1).
    public let line: Int
    /// The fields, unquoted. A field that is not valid UTF-8 is empty here and listed in
    /// ``invalidUTF8Fields``.
    public let fields: [String]
    /// Indices of fields whose bytes are not valid UTF-8.
    public let invalidUTF8Fields: [Int]
    /// The record exactly as it stands in the file (without its line break), to write to a
    /// rejects file unchanged.
    public let raw: [UInt8]
    /// Set when a quoted field is never closed before the end of the file.
    public let unterminatedQuote: Bool
}

/// Reads CSV as RFC 4180 describes it, and as spreadsheets write it.
///
/// - UTF-8, with or without a byte-order mark; each field is checked, so one bad byte rejects one
///   row, not the file, and is never replaced silently.
/// - Records end with LF or CRLF; quoted fields may hold commas, quotes (doubled) and line breaks.
/// - A quote inside an unquoted field is kept as a character (`5" gun`).
/// - Wholly empty lines are skipped.
///
/// - Complexity: O(n) in the file's bytes, one pass.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]
    private var index: Int
    private var line = 1

    /// Reads a whole file into memory.
    /// - Throws: ``FormatError/unreadableFile(path:reason:)``.
    public init(path: String) throws(FormatError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw .unreadableFile(path: path, reason: reason)
        }
        self.init(bytes: [UInt8](data))
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The total size, for progress.
    public var byteCount: Int { bytes.count }
    /// How far reading has got, in bytes.
    public var bytesRead: Int { index }

    /// The next record, or `nil` at the end.
    public mutating func next() -> CSVRecord? {
        // Skip empty lines.
        while index < bytes.count, bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            index += bytes[index] == 0x0D ? 2 : 1
            line += 1
        }
        guard index < bytes.count else { return nil }
        let startLine = line
        let start = index
        var fields: [String] = []
        var invalid: [Int] = []
        var field: [UInt8] = []
        var unterminated = false
        var end = bytes.count

        return bytes.withUnsafeBufferPointer { buf -> CSVRecord in
            var i = index
            var atFieldStart = true
            var inQuotes = false
            func finishField() {
                if let text = Self.decode(field) {
                    fields.append(text)
                } else {
                    invalid.append(fields.count)
                    fields.append("")
                }
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
            }
            scan: while i < buf.count {
                let b = buf[i]
                if inQuotes {
                    if b == 0x22 {
                        if i + 1 < buf.count && buf[i + 1] == 0x22 {
                            field.append(0x22)
                            i += 2
                            continue
                        }
                        inQuotes = false
                        i += 1
                        continue
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    i += 1
                    continue
                }
                switch b {
                case 0x2C:  // ,
                    finishField()
                    i += 1
                case 0x0A:
                    end = i > start && buf[i - 1] == 0x0D ? i - 1 : i
                    if end < i { field.removeLast() }
                    i += 1
                    line += 1
                    break scan
                case 0x22 where atFieldStart && field.isEmpty:
                    inQuotes = true
                    atFieldStart = false
                    i += 1
                default:
                    field.append(b)
                    atFieldStart = false
                    i += 1
                }
            }
            if i >= buf.count {
                if inQuotes { unterminated = true }
                if end == buf.count, end > start, buf[end - 1] == 0x0D {
                    end -= 1
                    if field.last == 0x0D { field.removeLast() }
                }
            }
            finishField()
            index = i
            return CSVRecord(line: startLine, fields: fields, invalidUTF8Fields: invalid,
                             raw: Array(buf[start..<max(start, end)]), unterminatedQuote: unterminated)
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}
