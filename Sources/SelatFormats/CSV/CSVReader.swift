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
    public let raw: ArraySlice<UInt8>
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
            let reason =
                FileManager.default.fileExists(atPath: path)
                ? "permission denied or not a file" : "no such file"
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
        while index < bytes.count,
            bytes[index] == 0x0A
                || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
        {
            index += bytes[index] == 0x0D ? 2 : 1
            line += 1
        }
        guard index < bytes.count else { return nil }
        let scan = bytes.withUnsafeBufferPointer { Self.scan($0, from: index, line: line) }
        // Cells Selat wrote spreadsheet-safe (CSVFormula) read back as the values they hold.
        var fields = scan.fields
        for k in fields.indices where fields[k].utf8.first == CSVFormula.apostrophe {
            fields[k] = CSVFormula.unescape(fields[k])
        }
        let record = CSVRecord(
            line: line, fields: fields, invalidUTF8Fields: scan.invalid,
            raw: bytes[index..<scan.rawEnd], unterminatedQuote: scan.unterminated)
        index = scan.next
        line = scan.nextLine
        return record
    }

    private struct Scan {
        var fields: [String] = []
        var invalid: [Int] = []
        var rawEnd = 0
        var next = 0
        var nextLine = 0
        var unterminated = false
    }

    /// Reads one record starting at `start`. All state is local: no captured variables, so the
    /// loop runs without runtime exclusivity checks.
    private static func scan(
        _ buf: UnsafeBufferPointer<UInt8>, from start: Int, line startLine: Int
    ) -> Scan {
        var out = Scan()
        out.fields.reserveCapacity(16)
        var i = start
        var line = startLine
        let count = buf.count
        var scratch: [UInt8] = []
        while true {
            // One field.
            if i < count && buf[i] == 0x22 {
                // Quoted: collect into scratch, unescaping doubled quotes.
                scratch.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < count {
                    let b = buf[i]
                    if b == 0x22 {
                        if i + 1 < count && buf[i + 1] == 0x22 {
                            scratch.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { line += 1 }
                    scratch.append(b)
                    i += 1
                }
                if !closed { out.unterminated = true }
                // Anything after the closing quote up to the delimiter is kept as written; the
                // CR of a CRLF line end is dropped from it, never a CR inside the quotes.
                let quotedCount = scratch.count
                while i < count && buf[i] != 0x2C && buf[i] != 0x0A {
                    scratch.append(buf[i])
                    i += 1
                }
                if i >= count || buf[i] == 0x0A, scratch.count > quotedCount, scratch.last == 0x0D {
                    scratch.removeLast()
                }
                let value = scratch.withUnsafeBufferPointer { decode($0) }
                if value == nil { out.invalid.append(out.fields.count) }
                out.fields.append(value ?? "")
            } else {
                // Unquoted: a slice of the buffer up to the delimiter.
                let fieldStart = i
                while i < count && buf[i] != 0x2C && buf[i] != 0x0A { i += 1 }
                var fieldEnd = i
                if i >= count || buf[i] == 0x0A, fieldEnd > fieldStart, buf[fieldEnd - 1] == 0x0D {
                    fieldEnd -= 1
                }
                let value = decode(UnsafeBufferPointer(rebasing: buf[fieldStart..<fieldEnd]))
                if value == nil { out.invalid.append(out.fields.count) }
                out.fields.append(value ?? "")
            }
            // The delimiter.
            if i < count && buf[i] == 0x2C {
                i += 1
                continue
            }
            var rawEnd = i
            if rawEnd > start && rawEnd <= count && buf[rawEnd - 1] == 0x0D { rawEnd -= 1 }
            out.rawEnd = max(start, rawEnd)
            if i < count {  // a line feed
                i += 1
                line += 1
            }
            out.next = i
            out.nextLine = line
            return out
        }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII (nearly every field) needs no validation beyond the byte check.
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}
