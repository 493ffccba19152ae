import Foundation
import SelatWords

extension Timestamp {
    /// Reads an ISO 8601 date and time, as typed or as found in a spreadsheet export.
    ///
    /// Accepted: `2026-11-20T21:40+07:00`, `2026-11-20T14:40:00Z`, `2026-11-20 21:40:05.250+0700`,
    /// `2026-11-20T21:40:05+07`. The `T` may be a space; seconds and fractions are optional.
    /// Dates written day first, with Indonesian or English month names, are read too:
    /// `20-11-2026 21.40 WIB`, `20 Nov 2026 21:40`, `Jumat, 20 November 2026 pukul 21.40 WIB`
    /// (see ``WrittenDate``).
    /// A time with no offset is taken in `defaultOffsetMinutes` (the caller says which; Selat's
    /// default is WIB, UTC+7) and the returned flag says that happened, so it can be reported.
    /// A date alone (no time) is refused: a sighting needs a time of day.
    ///
    /// - Parameters:
    ///   - text: The text to read.
    ///   - defaultOffsetMinutes: The offset for times written without one.
    /// - Returns: The instant and whether the default offset was applied.
    /// - Throws: ``GeoError/unreadableTime(text:reason:)`` naming the part that is wrong.
    public static func parse(_ text: String, defaultOffsetMinutes: Int) throws(GeoError)
        -> (timestamp: Timestamp, usedDefaultOffset: Bool)
    {
        var reader = TimeReader(bytes: Array(text.utf8), text: text)
        return try reader.read(defaultOffsetMinutes: defaultOffsetMinutes)
    }

    /// Reads a UTC offset such as `+07:00`, `+0700`, `+7`, `UTC+7`, `WIB`, `WITA`, `WIT`, `Z`.
    /// - Throws: ``GeoError/unreadableTime(text:reason:)``.
    public static func parseOffset(_ text: String) throws(GeoError) -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        switch t {
        case "Z", "UTC", "GMT": return 0
        case "WIB": return 420
        case "WITA": return 480
        case "WIT": return 540
        default: break
        }
        var body = Substring(t)
        if body.hasPrefix("UTC") { body = body.dropFirst(3) }
        guard let sign = body.first, sign == "+" || sign == "-" else {
            throw .unreadableTime(
                text: text,
                reason: Phrase("geo.time.zone"))
        }
        let digits = body.dropFirst().replacingOccurrences(of: ":", with: "")
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), digits.count <= 4,
            let value = Int(digits)
        else {
            throw .unreadableTime(
                text: text,
                reason: Phrase("geo.time.zone"))
        }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        let total = (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
        guard minutes < 60, Timestamp.offsetRange.contains(total) else {
            throw .unreadableTime(text: text, reason: Phrase("geo.time.offset_range"))
        }
        return total
    }
}

/// A byte-level reader for ISO 8601 timestamps (fast enough for million-row imports).
struct TimeReader {
    let bytes: [UInt8]
    let text: String
    var i = 0

    init(bytes: [UInt8], text: String) {
        self.bytes = bytes
        self.text = text
    }

    private func fail(_ reason: Phrase) -> GeoError { .unreadableTime(text: text, reason: reason) }

    private mutating func digits(_ count: Int, _ what: String) throws(GeoError) -> Int64 {
        var value: Int64 = 0
        for _ in 0..<count {
            guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else {
                throw fail(Phrase("geo.time.digits", ["count": "\(count)"], words: ["what": what]))
            }
            value = value * 10 + Int64(bytes[i] - 0x30)
            i += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(GeoError) {
        guard i < bytes.count, bytes[i] == byte else {
            throw fail(Phrase("geo.time.expected", words: ["what": what]))
        }
        i += 1
    }

    private var atEnd: Bool { i >= bytes.count }

    mutating func read(defaultOffsetMinutes: Int) throws(GeoError) -> (
        timestamp: Timestamp, usedDefaultOffset: Bool
    ) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let trimmed = Array(bytes[i..<end])
        var r = TimeReader(bytes: trimmed, text: text)
        return try r.readTrimmed(defaultOffsetMinutes: defaultOffsetMinutes)
    }

    private mutating func readTrimmed(defaultOffsetMinutes: Int) throws(GeoError)
        -> (timestamp: Timestamp, usedDefaultOffset: Bool)
    {
        guard !bytes.isEmpty else { throw fail(Phrase("geo.time.empty")) }
        // Not an ISO year first: a date written day first (20-11-2026 21.40 WIB, 20 Nov 2026 21:40).
        if bytes.count < 5 || !bytes[0..<4].allSatisfy({ (0x30...0x39).contains($0) })
            || bytes[4] != 0x2D
        {
            return try WrittenDate.read(
                String(decoding: bytes, as: UTF8.self), defaultOffsetMinutes: defaultOffsetMinutes)
        }
        let year = try digits(4, "geo.time.part.year")
        try expect(0x2D, "geo.time.part.dash_year")
        let month = try digits(2, "geo.time.part.month")
        try expect(0x2D, "geo.time.part.dash_month")
        let day = try digits(2, "geo.time.part.day")
        guard (1...12).contains(month) else {
            throw fail(Phrase("geo.time.no_month", ["month": "\(month)"]))
        }
        guard (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            throw fail(
                Phrase(
                    "geo.time.no_day",
                    ["day": "\(day)", "month": "\(year)-\(String(format: "%02lld", month))"]))
        }
        guard year >= 1900 && year <= 2200 else {
            throw fail(Phrase("geo.time.year_range", ["year": "\(year)"]))
        }
        guard !atEnd else {
            throw fail(Phrase("geo.time.date_alone_iso"))
        }
        guard bytes[i] == 0x54 || bytes[i] == 0x74 || bytes[i] == 0x20 else {
            throw fail(Phrase("geo.time.separator"))
        }
        i += 1
        let hour = try digits(2, "geo.time.part.hour")
        try expect(0x3A, "geo.time.part.colon")
        let minute = try digits(2, "geo.time.part.minutes")
        var second: Int64 = 0
        var millis: Int64 = 0
        if !atEnd, bytes[i] == 0x3A {
            i += 1
            second = try digits(2, "geo.time.part.seconds")
            if !atEnd, bytes[i] == 0x2E || bytes[i] == 0x2C {
                i += 1
                var scale: Int64 = 100
                var count = 0
                while !atEnd, (0x30...0x39).contains(bytes[i]) {
                    if scale > 0 { millis += Int64(bytes[i] - 0x30) * scale }
                    scale /= 10
                    count += 1
                    i += 1
                }
                guard count > 0 else {
                    throw fail(Phrase("geo.time.fraction_digits"))
                }
                guard count <= 9 else { throw fail(Phrase("geo.time.fraction_long")) }
            }
        }
        guard hour <= 23 else { throw fail(Phrase("geo.time.no_hour", ["hour": "\(hour)"])) }
        guard minute <= 59 else {
            throw fail(Phrase("geo.time.no_minute", ["minute": "\(minute)"]))
        }
        guard second <= 59 else {
            throw fail(Phrase("geo.time.no_second_leap", ["second": "\(second)"]))
        }

        var offset = defaultOffsetMinutes
        var usedDefault = true
        if !atEnd {
            // Allow a space before the zone: "2026-11-20 21:40 +07:00".
            if bytes[i] == 0x20 { i += 1 }
            if let fast = numericOffset(bytes[i...]) {
                offset = fast
            } else {
                offset = try Timestamp.parseOffset(String(decoding: bytes[i...], as: UTF8.self))
            }
            usedDefault = false
            i = bytes.count
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        let ms =
            ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis - Int64(offset)
            * 60_000
        return (Timestamp(millisecondsSince1970: ms, offsetMinutes: offset), usedDefault)
    }

    /// `Z`, `+07:00`, `+0700` or `+07` read without Foundation; `nil` for anything else (names,
    /// errors), which the general parser then handles or reports.
    private func numericOffset(_ zone: ArraySlice<UInt8>) -> Int? {
        let z = Array(zone)
        if z == [0x5A] || z == [0x7A] { return 0 }
        guard let sign = z.first, sign == 0x2B || sign == 0x2D else { return nil }
        var digits = Array(z.dropFirst())
        if digits.count == 5 && digits[2] == 0x3A { digits.remove(at: 2) }
        guard digits.count == 2 || digits.count == 4,
            digits.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        let hours = Int(digits[0] - 0x30) * 10 + Int(digits[1] - 0x30)
        let minutes = digits.count == 4 ? Int(digits[2] - 0x30) * 10 + Int(digits[3] - 0x30) : 0
        let total = (sign == 0x2D ? -1 : 1) * (hours * 60 + minutes)
        guard minutes < 60, Timestamp.offsetRange.contains(total) else { return nil }
        return total
    }
}
