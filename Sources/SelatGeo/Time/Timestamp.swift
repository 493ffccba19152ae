import Foundation

/// An instant in UTC with millisecond resolution, plus the UTC offset it was written in.
///
/// Sightings are evidence: the instant is what is compared and stored, and the offset the
/// officer typed (`+07:00` for WIB) is kept beside it so the record can be shown as entered.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSince1970: Int64
    /// The offset from UTC the time was written in, in minutes (WIB = +420).
    public let offsetMinutes: Int

    /// The UTC offsets in use anywhere: −12:00 to +14:00, in minutes. The database enforces the
    /// same range, so every offset a parser accepts can be stored.
    public static let offsetRange = -720...840

    /// Creates a timestamp from milliseconds since the epoch and an offset in minutes.
    public init(millisecondsSince1970: Int64, offsetMinutes: Int = 0) {
        self.millisecondsSince1970 = millisecondsSince1970
        self.offsetMinutes = offsetMinutes
    }

    /// Creates a timestamp from a `Date` (truncated to the millisecond), in UTC.
    public init(_ date: Date) {
        self.init(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// Orders by instant; the offset does not matter.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// Equal instants are equal whatever offset they were written in.
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 == rhs.millisecondsSince1970
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(millisecondsSince1970) }

    /// ISO 8601 in UTC, e.g. `2026-11-20T14:40:00Z` (milliseconds only when not zero).
    public var description: String { iso8601() }

    /// ISO 8601 at `offsetMinutes` (default UTC, written `Z`).
    public func iso8601(offsetMinutes offset: Int = 0) -> String {
        let local = millisecondsSince1970 + Int64(offset) * 60_000
        let (days, msOfDay) = local.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilDate.civil(fromDays: days)
        let seconds = msOfDay / 1000
        let ms = msOfDay % 1000
        // Digits written by hand into one buffer: Foundation's String(format:) costs
        // microseconds a call, and a streamed answer writes three times for every row.
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var n = 0
            func put(_ byte: UInt8) {
                buffer[n] = byte
                n += 1
            }
            func digits(_ value: Int64, _ width: Int) {
                let count = DecimalDigits.count(UInt64(value), width: width)
                DecimalDigits.write(UInt64(value), count: count, into: buffer, at: n)
                n += count
            }
            if y < 0 { put(UInt8(ascii: "-")) }
            digits(abs(y), 4)
            put(UInt8(ascii: "-"))
            digits(m, 2)
            put(UInt8(ascii: "-"))
            digits(d, 2)
            put(UInt8(ascii: "T"))
            digits(seconds / 3600, 2)
            put(UInt8(ascii: ":"))
            digits(seconds / 60 % 60, 2)
            put(UInt8(ascii: ":"))
            digits(seconds % 60, 2)
            if ms != 0 {
                put(UInt8(ascii: "."))
                digits(ms, 3)
            }
            if offset == 0 {
                put(UInt8(ascii: "Z"))
            } else {
                put(UInt8(ascii: offset < 0 ? "-" : "+"))
                digits(Int64(abs(offset) / 60), 2)
                put(UInt8(ascii: ":"))
                digits(Int64(abs(offset) % 60), 2)
            }
            return n
        }
    }

    /// An offset as text: `+07:00`, `-03:30`, `+00:00`.
    public static func offsetText(_ minutes: Int) -> String {
        var text = minutes < 0 ? "-" : "+"
        pad(Int64(abs(minutes) / 60), 2, &text)
        text += ":"
        pad(Int64(abs(minutes) % 60), 2, &text)
        return text
    }

    /// Appends `value` (not negative) with at least `width` digits, zeros in front.
    static func pad(_ value: Int64, _ width: Int, _ text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }

    /// The time as written, in the offset it was written in.
    public var asWritten: String { iso8601(offsetMinutes: offsetMinutes) }
}

extension Timestamp {
    /// Months since January 1970 of this instant's calendar date at `offsetMinutes` from UTC
    /// (0 = January 1970): the time step of monthly analyses.
    public func monthsSince1970(offsetMinutes: Int) -> Int {
        let local = millisecondsSince1970 + Int64(offsetMinutes) * 60_000
        let (days, _) = local.floorDivided(by: 86_400_000)
        let (y, m, _) = CivilDate.civil(fromDays: days)
        return Int((y - 1970) * 12 + m - 1)
    }

    /// Weeks since the week of 5 January 1970 (a Monday) of this instant's date at
    /// `offsetMinutes` from UTC: weeks run Monday 00:00 to Sunday 24:00 local time.
    public func weeksSince1970(offsetMinutes: Int) -> Int {
        let local = millisecondsSince1970 + Int64(offsetMinutes) * 60_000
        let (days, _) = local.floorDivided(by: 86_400_000)
        return Int((days - 4).floorDivided(by: 7).0)
    }
}

extension Int64 {
    /// Floor division and the non-negative remainder.
    func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        var q = self / divisor
        var r = self % divisor
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}

/// Proleptic Gregorian calendar arithmetic (days from 1970-01-01), after Howard Hinnant's
/// `days_from_civil` / `civil_from_days` algorithms (http://howardhinnant.github.io/date_algorithms.html).
enum CivilDate {
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
