import Foundation
import Testing

@testable import SelatGeo

@Suite("Reading and writing dates the Indonesian way")
struct WrittenDateTests {
    static let wib = 420

    // Expected instants worked out by hand: WIB is UTC+7, WITA UTC+8, WIT UTC+9.
    @Test(
        "reads dates written day first, with Indonesian or English month names",
        arguments: [
            ("20-11-2026 21.40 WIB", "2026-11-20T14:40:00Z", false),
            ("20/11/2026 21:40", "2026-11-20T14:40:00Z", true),
            ("20 Nov 2026 21:40", "2026-11-20T14:40:00Z", true),
            ("20 November 2026 pukul 21.40 WIB", "2026-11-20T14:40:00Z", false),
            ("Jumat, 20 November 2026 pukul 21.40 WIB", "2026-11-20T14:40:00Z", false),
            ("jumat 20 nov. 2026 jam 21.40", "2026-11-20T14:40:00Z", true),
            ("20 Nopember 2026 pukul 21.45", "2026-11-20T14:45:00Z", true),
            ("1 Agu 2026 06.15 WITA", "2026-07-31T22:15:00Z", false),
            ("1 Agt 2026 06.15 WITA", "2026-07-31T22:15:00Z", false),
            ("20-Des-2026 23.59.30 WIT", "2026-12-20T14:59:30Z", false),
            ("5 Mei 2026 9.05", "2026-05-05T02:05:00Z", true),
            ("31 Okt 2026 00:00 UTC", "2026-10-31T00:00:00Z", false),
            ("29 Februari 2024 12.00 +07:00", "2024-02-29T05:00:00Z", false),
            ("  3 Januari 2027 01:02:03 Z ", "2027-01-03T01:02:03Z", false),
            ("Saturday, 5 December 2026 10:00 WIB", "2026-12-05T03:00:00Z", false),
        ])
    func reads(_ text: String, _ utc: String, _ usedDefault: Bool) throws {
        let (t, defaulted) = try Timestamp.parse(text, defaultOffsetMinutes: Self.wib)
        #expect(t.description == utc, "\(text)")
        #expect(defaulted == usedDefault, "\(text)")
    }

    @Test(
        "refuses what is ambiguous or does not exist, showing the forms it reads",
        arguments: [
            ("20-11-26 21.40", "four digits"),
            ("11/20/2026 21:40", "month 20 does not exist (the day comes first"),
            ("31 November 2026 10.00", "day 31 does not exist in November 2026"),
            ("Senin, 20 November 2026 21.40", "is a Jumat, but the day named was Senin"),
            ("20 Foo 2026 21.40", "\"Foo\" is not a month"),
            ("20-11-2026", "a date alone is not enough"),
            ("20-11-2026 21.40:05", "is not a time of day"),
            ("20-11-2026 2140", "is not a time of day"),
            ("20-11-2026 24.00", "hour 24 does not exist"),
            ("20-11-2026 21.60", "minute 60 does not exist"),
            ("20-11-2026 21.40 WIB kemarin", "is not a time zone"),
            ("20-11-2026 21.40 XYZ", "a time zone is"),
            ("20-11 21.40", "is not a date of day, month and year"),
            ("120 Nov 2026 21.40", "is not a day of the month"),
            ("20 Nov 1850 21.40", "outside 1900"),
        ])
    func refuses(_ text: String, _ expected: String) {
        #expect { try Timestamp.parse(text, defaultOffsetMinutes: Self.wib) } throws: {
            let words = ($0 as? GeoError)?.description ?? ""
            return words.contains(expected) && words.contains("20-11-2026 21.40 WIB")
        }
    }

    @Test("writes times in Indonesian, in WIB unless told, and reads them back")
    func writes() throws {
        let (t, _) = try Timestamp.parse("2026-11-20T14:40:05Z", defaultOffsetMinutes: 0)
        #expect(t.indonesianText() == "Jumat, 20 November 2026 pukul 21.40 WIB")
        #expect(t.indonesianText(offsetMinutes: 480) == "Jumat, 20 November 2026 pukul 22.40 WITA")
        #expect(
            t.indonesianText(offsetMinutes: 540, seconds: true)
                == "Jumat, 20 November 2026 pukul 23.40.05 WIT")
        #expect(t.indonesianText(offsetMinutes: 0) == "Jumat, 20 November 2026 pukul 14.40 UTC")
        #expect(
            t.indonesianText(offsetMinutes: -330) == "Jumat, 20 November 2026 pukul 09.10 UTC-05:30"
        )
        // Midnight WIB is still the previous day in UTC.
        let (early, _) = try Timestamp.parse("2026-12-31T17:30:00Z", defaultOffsetMinutes: 0)
        #expect(early.indonesianText() == "Jumat, 1 Januari 2027 pukul 00.30 WIB")
        for offset in [420, 480, 540, 0, -330, 345] {
            let text = t.indonesianText(offsetMinutes: offset, seconds: true)
            let (back, defaulted) = try Timestamp.parse(text, defaultOffsetMinutes: 0)
            #expect(!defaulted)
            #expect(back.millisecondsSince1970 == t.millisecondsSince1970, "\(text)")
        }
    }

    @Test("the day names agree with Foundation's Gregorian calendar for every day of 2026–2027")
    func weekdays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = try #require(calendar.date(from: DateComponents(year: 2026, month: 1, day: 1)))
        for k in 0..<730 {
            let date = calendar.date(byAdding: .day, value: k, to: start)!
            let days = Int64(date.timeIntervalSince1970 / 86_400)
            #expect(WrittenDate.weekday(days: days) == calendar.component(.weekday, from: date) - 1)
        }
    }
}
