import SelatGeo
import Testing

@Suite("Lengths of time as typed")
struct TimeSpanTests {
    @Test(
        "minutes and hours with any of their spellings; a bare number takes the option's unit",
        arguments: [
            ("20m", 60.0, 1200.0), ("20 min", 60, 1200), ("90 minutes", 60, 5400),
            ("1.5h", 60, 5400),
            ("2 hours", 60, 7200), ("8", 3600, 28_800), ("15", 60, 900),
        ])
    func reads(text: String, bare: Double, seconds: Double) throws {
        #expect(try TimeSpan.seconds(parsing: text, bareNumberUnit: bare) == seconds)
    }

    @Test(
        "words, unknown units and negative times are refused with what to write",
        arguments: ["soon", "20s", "-5m", "m", ""])
    func refuses(text: String) {
        #expect { try TimeSpan.seconds(parsing: text, bareNumberUnit: 60) } throws: { error in
            "\(error)".contains("write e.g.") || "\(error)".contains("cannot be negative")
        }
    }
}
