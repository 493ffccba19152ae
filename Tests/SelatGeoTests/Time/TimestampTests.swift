import Foundation
import Testing

@testable import SelatGeo

@Suite("Reading times")
struct TimestampTests {
    static let wib = 420

    @Test(
        "reads ISO 8601 with and without offsets",
        arguments: [
            ("2026-11-20T21:40+07:00", "2026-11-20T14:40:00Z", false),
            ("2026-11-20T14:40:00Z", "2026-11-20T14:40:00Z", false),
            ("2026-11-20 21:40:05.250+0700", "2026-11-20T14:40:05.250Z", false),
            ("2026-11-20T21:40:05+07", "2026-11-20T14:40:05Z", false),
            ("2026-11-20T21:40", "2026-11-20T14:40:00Z", true),
            ("2026-11-20 21:40:00", "2026-11-20T14:40:00Z", true),
            ("2026-11-20T21:40 WIB", "2026-11-20T14:40:00Z", false),
            ("2026-11-20T23:40 WIT", "2026-11-20T14:40:00Z", false),
            ("2026-11-20T01:00-05:30", "2026-11-20T06:30:00Z", false),
            ("2024-02-29T00:00Z", "2024-02-29T00:00:00Z", false),
            ("2026-01-01T03:00+07:00", "2025-12-31T20:00:00Z", false),
            (" 2026-11-20T14:40:00Z ", "2026-11-20T14:40:00Z", false),
            ("2026-11-20t14:40:00.123456789z", "2026-11-20T14:40:00.123Z", false),
        ])
    func reads(_ text: String, _ utc: String, _ usedDefault: Bool) throws {
        let (t, defaulted) = try Timestamp.parse(text, defaultOffsetMinutes: Self.wib)
        #expect(t.description == utc)
        #expect(defaulted == usedDefault)
    }

    @Test("agrees with Foundation's calendar over a century of instants")
    func agreesWithFoundation() throws {
        var rng = SeededGenerator(seed: 5)
        let formatter = ISO8601DateFormatter()
        for _ in 0..<2000 {
            let seconds = Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng))
            let text = formatter.string(from: Date(timeIntervalSince1970: seconds))
            let (t, _) = try Timestamp.parse(text, defaultOffsetMinutes: 0)
            #expect(t.millisecondsSince1970 == Int64(seconds) * 1000, "\(text)")
            #expect(t.description == text)
        }
    }

    @Test(
        "refuses times that do not exist or cannot be read",
        arguments: [
            ("", "empty"), ("2026-11-20", "date alone"), ("2026-13-01T00:00Z", "month 13"),
            ("2026-02-29T10:00Z", "day 29 does not exist"), ("2026-11-31T10:00Z", "day 31"),
            ("2026-11-20T24:00Z", "hour 24"), ("2026-11-20T21:60Z", "minute 60"),
            ("2026-11-20T21:40:60Z", "leap seconds"), ("20/11/26 21:40", "four digits"),
            ("2026-11-20T21:40+25:00", "offsets run"), ("2026-11-20T21:40 XYZ", "time zone"),
            ("2026-11-20T21.40", "':' between"),
            ("2026-11-20T21:40:05.", "digits after the decimal point"),
            ("1850-01-01T00:00Z", "outside 1900"), ("2026-11-20X21:40", "'T' or a space"),
            ("NaN", "is not a date"), ("2026-11-20T21:40:05.1234567890Z", "more than 9 digits"),
        ])
    func refuses(_ text: String, _ expected: String) {
        #expect { try Timestamp.parse(text, defaultOffsetMinutes: Self.wib) } throws: {
            ($0 as? GeoError)?.description.contains(expected) == true
        }
    }

    @Test("writes the time as it was entered")
    func asWritten() throws {
        let (t, _) = try Timestamp.parse("2026-11-20T21:40+07:00", defaultOffsetMinutes: 0)
        #expect(t.asWritten == "2026-11-20T21:40:00+07:00")
        #expect(t.offsetMinutes == 420)
    }

    @Test("month steps count calendar months in the given zone")
    func monthSteps() throws {
        // 2026-01-31T20:00Z is 1 February 03:00 in WIB.
        let t = try Timestamp.parse("2026-01-31T20:00Z", defaultOffsetMinutes: 0).timestamp
        #expect(t.monthsSince1970(offsetMinutes: 0) == (2026 - 1970) * 12)
        #expect(t.monthsSince1970(offsetMinutes: 420) == (2026 - 1970) * 12 + 1)
        #expect(Timestamp(millisecondsSince1970: -1).monthsSince1970(offsetMinutes: 0) == -1)
        // Weeks start on Monday 00:00 local time: Sunday 2026-11-22 23:30 WIB and Monday 00:30 WIB differ.
        let sunday = try Timestamp.parse("2026-11-22T23:30+07:00", defaultOffsetMinutes: 0)
            .timestamp
        let monday = try Timestamp.parse("2026-11-23T00:30+07:00", defaultOffsetMinutes: 0)
            .timestamp
        #expect(
            monday.weeksSince1970(offsetMinutes: 420) == sunday.weeksSince1970(offsetMinutes: 420)
                + 1)
        #expect(
            // Mon 5 Jan 1970
            Timestamp(millisecondsSince1970: 4 * 86_400_000).weeksSince1970(offsetMinutes: 0) == 0)
        #expect(
            Timestamp(millisecondsSince1970: 4 * 86_400_000 - 1).weeksSince1970(offsetMinutes: 0)
                == -1)
    }

    @Test(
        "writes ISO 8601 as Foundation's formatter does, at any offset, milliseconds when present")
    func writesLikeFoundation() {
        var rng = SystemRandomNumberGenerator()
        let formatter = ISO8601DateFormatter()
        for _ in 0..<2000 {
            // 1900 to 2100, whole seconds or with milliseconds, offsets of whole quarter hours.
            let ms = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &rng)
            let offset = Int.random(in: -48...56, using: &rng) * 15
            let t = Timestamp(millisecondsSince1970: ms, offsetMinutes: offset)
            formatter.timeZone = TimeZone(secondsFromGMT: offset * 60)
            formatter.formatOptions =
                ms % 1000 == 0
                ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            var expected = formatter.string(from: date)
            if offset == 0 { expected = expected.replacingOccurrences(of: "+00:00", with: "Z") }
            #expect(t.iso8601(offsetMinutes: offset) == expected, "\(ms) at \(offset)")
        }
        #expect(Timestamp.offsetText(-210) == "-03:30" && Timestamp.offsetText(0) == "+00:00")
    }
}
