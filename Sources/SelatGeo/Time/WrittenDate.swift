import Foundation
import SelatWords

/// Dates written day first, as Indonesian officers write them, read by ``Timestamp/parse(_:defaultOffsetMinutes:)``
/// when the text does not start with an ISO 8601 year:
///
/// - `20-11-2026 21.40 WIB`, `20/11/2026 21:40`, `20-11-2026 pukul 21.40.05 WITA`
/// - `20 Nov 2026 21:40`, `20 November 2026 21.40 WIB`, `20-Agu-2026 06.15`
/// - with a day name, checked against the date: `Jumat, 20 November 2026 pukul 21.40 WIB`
///
/// Month names in Indonesian (*Januari … Desember*, *Agu*, *Agt*, *Okt*, *Des*, *Mei*) or English.
/// The day always comes first; the year has four digits; the time uses `.` or `:` (the same one
/// throughout). Anything else is refused with the forms that are read.
enum WrittenDate {
    /// Month numbers by lower-case name or abbreviation (Indonesian and English).
    static let months: [String: Int64] = {
        let names: [[String]] = [
            ["januari", "january", "jan"],
            ["februari", "february", "pebruari", "feb", "peb"],
            ["maret", "march", "mar"],
            ["april", "apr"],
            ["mei", "may"],
            ["juni", "june", "jun"],
            ["juli", "july", "jul"],
            ["agustus", "august", "agu", "agt", "ags", "aug"],
            ["september", "sep", "sept"],
            ["oktober", "october", "okt", "oct"],
            ["november", "nopember", "nov", "nop"],
            ["desember", "december", "des", "dec"],
        ]
        var map: [String: Int64] = [:]
        for (k, list) in names.enumerated() { for name in list { map[name] = Int64(k + 1) } }
        return map
    }()

    /// Day of the week (0 Sunday … 6 Saturday) by lower-case name (Indonesian and English).
    static let weekdays: [String: Int] = {
        let names: [[String]] = [
            ["minggu", "ahad", "sunday", "sun"], ["senin", "monday", "mon"],
            ["selasa", "tuesday", "tue"], ["rabu", "wednesday", "wed"],
            ["kamis", "thursday", "thu"], ["jumat", "jum'at", "friday", "fri"],
            ["sabtu", "saturday", "sat"],
        ]
        var map: [String: Int] = [:]
        for (k, list) in names.enumerated() { for name in list { map[name] = k } }
        return map
    }()

    /// Indonesian names of the days (Sunday first) and months, for writing.
    static let indonesianWeekdays = [
        "Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
    ]
    static let indonesianMonths = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
        "Oktober", "November", "Desember",
    ]

    /// Day of the week of a day count since 1970-01-01 (a Thursday): 0 Sunday … 6 Saturday.
    static func weekday(days: Int64) -> Int {
        Int(((days + 4) % 7 + 7) % 7)
    }

    static func read(_ text: String, defaultOffsetMinutes: Int) throws(GeoError)
        -> (timestamp: Timestamp, usedDefaultOffset: Bool)
    {
        // (The error's description adds the forms that are read.)
        func fail(_ reason: Phrase) -> GeoError { .unreadableTime(text: text, reason: reason) }
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // "Jumat, 20 …": a comma may end the day name or the date.
        words = words.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
        var weekday: Int?
        if let first = words.first?.lowercased(), let day = weekdays[first] {
            weekday = day
            words.removeFirst()
        }
        guard !words.isEmpty else { throw fail(Phrase("geo.time.empty")) }

        // The date: one word with - or / between its parts, or three words.
        var parts: [String]
        if let separator = words[0].first(where: { $0 == "-" || $0 == "/" || $0 == "." }),
            words[0].contains(where: \.isNumber)
        {
            parts = words[0].split(separator: separator, omittingEmptySubsequences: false).map(
                String.init)
            guard parts.count == 3 else {
                throw fail(Phrase("geo.time.not_a_date", ["text": words[0]]))
            }
            words.removeFirst()
        } else {
            guard words.count >= 3 else {
                throw fail(Phrase("geo.time.not_date_time", ["text": text]))
            }
            parts = Array(words.prefix(3))
            words.removeFirst(3)
        }
        guard let day = Int64(parts[0]), (1...2).contains(parts[0].count),
            parts[0].allSatisfy(\.isASCII)
        else {
            throw fail(Phrase("geo.time.not_a_day", ["text": parts[0]]))
        }
        let monthWord = parts[1].lowercased().trimmingCharacters(
            in: CharacterSet(charactersIn: "."))
        let month: Int64
        if let named = months[monthWord] {
            month = named
        } else if let number = Int64(parts[1]), (1...2).contains(parts[1].count),
            parts[1].allSatisfy(\.isASCII)
        {
            guard (1...12).contains(number) else {
                throw fail(
                    Phrase(
                        "geo.time.no_month_day_first",
                        ["month": "\(number)", "swapped": "\(parts[1])-\(parts[0])-…"]))
            }
            month = number
        } else {
            throw fail(Phrase("geo.time.not_a_month", ["text": parts[1]]))
        }
        guard parts[2].count == 4, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int64(parts[2])
        else {
            throw fail(Phrase("geo.time.not_a_year", ["text": parts[2]]))
        }
        guard year >= 1900 && year <= 2200 else {
            throw fail(Phrase("geo.time.year_range", ["year": "\(year)"]))
        }
        guard (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            throw fail(
                Phrase(
                    "geo.time.no_day",
                    ["day": "\(day)", "month": "\(indonesianMonths[Int(month) - 1]) \(year)"]))
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        if let weekday, weekday != Self.weekday(days: days) {
            throw fail(
                Phrase(
                    "geo.time.wrong_weekday",
                    [
                        "date": "\(day) \(indonesianMonths[Int(month) - 1]) \(year)",
                        "actual": indonesianWeekdays[Self.weekday(days: days)],
                        "given": indonesianWeekdays[weekday],
                    ]))
        }

        // The time, after an optional "pukul" or "jam".
        if let word = words.first?.lowercased(), word == "pukul" || word == "jam" {
            words.removeFirst()
        }
        guard let clock = words.first else {
            throw fail(Phrase("geo.time.date_alone"))
        }
        words.removeFirst()
        let (hour, minute, second) = try readClock(clock, fail)

        var offset = defaultOffsetMinutes
        var usedDefault = true
        if !words.isEmpty {
            guard words.count == 1 else {
                throw fail(Phrase("geo.time.not_a_zone", ["text": words.joined(separator: " ")]))
            }
            offset = try Timestamp.parseOffset(words[0])
            usedDefault = false
        }
        let ms =
            ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 - Int64(offset) * 60_000
        return (Timestamp(millisecondsSince1970: ms, offsetMinutes: offset), usedDefault)
    }

    /// `21.40`, `21:40`, `9.05`, `21.40.05`, `21:40:05`.
    private static func readClock(_ word: String, _ fail: (Phrase) -> GeoError) throws(GeoError)
        -> (Int64, Int64, Int64)
    {
        guard let separator = word.first(where: { $0 == "." || $0 == ":" }) else {
            throw fail(Phrase("geo.time.not_a_clock", ["text": word]))
        }
        let fields = word.split(separator: separator, omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count),
            fields.allSatisfy({ f in !f.isEmpty && f.allSatisfy { $0.isASCII && $0.isNumber } }),
            (1...2).contains(fields[0].count), fields.dropFirst().allSatisfy({ $0.count == 2 })
        else {
            throw fail(Phrase("geo.time.not_a_clock_seconds", ["text": word]))
        }
        let values = fields.map { Int64($0)! }
        let second = values.count == 3 ? values[2] : 0
        guard values[0] <= 23 else {
            throw fail(Phrase("geo.time.no_hour", ["hour": "\(values[0])"]))
        }
        guard values[1] <= 59 else {
            throw fail(Phrase("geo.time.no_minute", ["minute": "\(values[1])"]))
        }
        guard second <= 59 else {
            throw fail(Phrase("geo.time.no_second", ["second": "\(second)"]))
        }
        return (values[0], values[1], second)
    }
}

extension Timestamp {
    /// The time as an Indonesian reader expects it, in the zone of `offsetMinutes` (WIB unless
    /// told): `Jumat, 20 November 2026 pukul 21.40 WIB`; seconds when asked. Reads back with
    /// ``parse(_:defaultOffsetMinutes:)``.
    public func indonesianText(offsetMinutes: Int = 420, seconds: Bool = false) -> String {
        let local = millisecondsSince1970 + Int64(offsetMinutes) * 60_000
        let (days, msOfDay) = local.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilDate.civil(fromDays: days)
        let s = msOfDay / 1000
        var text =
            "\(WrittenDate.indonesianWeekdays[WrittenDate.weekday(days: days)]), \(d) "
            + "\(WrittenDate.indonesianMonths[Int(m) - 1]) \(y) pukul "
        Self.pad(s / 3600, 2, &text)
        text += "."
        Self.pad(s / 60 % 60, 2, &text)
        if seconds {
            text += "."
            Self.pad(s % 60, 2, &text)
        }
        return text + " " + Self.zoneName(offsetMinutes)
    }

    /// WIB, WITA, WIT for Indonesia's three zones; UTC±hh:mm for any other offset.
    public static func zoneName(_ offsetMinutes: Int) -> String {
        switch offsetMinutes {
        case 420: return "WIB"
        case 480: return "WITA"
        case 540: return "WIT"
        case 0: return "UTC"
        default:
            let sign = offsetMinutes < 0 ? "-" : "+"
            let a = Int64(abs(offsetMinutes))
            var text = "UTC" + sign
            pad(a / 60, 2, &text)
            text += ":"
            pad(a % 60, 2, &text)
            return text
        }
    }
}
