import Foundation
import SelatGeo
import SelatModel
import Testing

@testable import SelatFormats

/// NMEA 0183 logs from a boat's GPS: the sentences are the specification's widely published
/// examples (their checksums as published), the expected values worked out by hand.
@Suite("NMEA 0183 track logs")
struct NMEAReaderTests {
    static let rmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A"
    static let gga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"

    @Test("RMC and GGA of the same second are one point with time, position, speed and course")
    func published() throws {
        let r = NMEAReader().read(Self.rmc + "\n" + Self.gga + "\n$GPGSV,1,1,00*79\n")
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.points.count == 1)
        #expect(r.otherSentences == 1 && r.pairedSentences == 1)
        let p = try #require(r.points.first)
        // 23 March 1994 12:35:19 UTC = 764,426,119 s since 1970.
        #expect(p.time.millisecondsSince1970 == 764_426_119_000)
        #expect(abs(p.position.latitude - (48 + 7.038 / 60)) < 1e-12)
        #expect(abs(p.position.longitude - (11 + 31.0 / 60)) < 1e-12)
        #expect(p.speed?.knots == 22.4)
        #expect(p.courseDegrees == 84.4)
        #expect(p.line == 1)
    }

    @Test("a bad checksum, a missing one, no fix and a GGA without a date are refused by line")
    func refusals() {
        let damaged = Self.rmc.replacingOccurrences(of: "4807.038", with: "4807.039")
        let noSum = String(Self.rmc.prefix(while: { $0 != "*" }))
        let void = Self.sentence("GPRMC,123520,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W")
        let text = [Self.gga, damaged, noSum, void, "hello"].joined(separator: "\r\n")
        let r = NMEAReader().read(text)
        #expect(r.points.isEmpty)
        let byLine = Dictionary(uniqueKeysWithValues: r.problems.map { ($0.line, $0) })
        #expect(byLine[1]?.reason.key == "format.nmea.gga_without_date")
        #expect(
            byLine[2]?.field == "checksum" && byLine[2]?.reason.key == "format.nmea.checksum_wrong")
        #expect(byLine[3]?.reason.key == "format.nmea.no_checksum")
        #expect(byLine[4]?.field == "status" && byLine[4]?.reason.key == "format.nmea.no_fix")
        #expect(byLine[5]?.reason.key == "format.nmea.not_sentence")
        #expect(r.problems.count == 5)
    }

    /// A sentence with its checksum computed here (XOR of the bytes between `$` and `*`).
    static func sentence(_ body: String) -> String {
        let sum = body.utf8.reduce(UInt8(0)) { $0 ^ $1 }
        return "$" + body + "*" + String(format: "%02X", sum)
    }

    @Test("southern and western hemispheres, and a day change between sentences")
    func hemispheres() throws {
        let text = [
            Self.sentence("GNRMC,235959.50,A,0054.600,S,10424.000,E,5.0,180.0,311226,,"),
            Self.sentence("GNRMC,000000.00,A,0100.000,N,10400.000,W,0.0,,010127,,"),
        ].joined(separator: "\n")
        let r = NMEAReader().read(text)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.points.count == 2)
        #expect(abs(r.points[0].position.latitude + 0.91) < 1e-12)
        #expect(abs(r.points[1].position.longitude + 104) < 1e-12)
        #expect(
            r.points[1].time.millisecondsSince1970 - r.points[0].time.millisecondsSince1970 == 500)
    }

    @Test("the same second again later in the log is a point of its own, never merged away")
    func repeatedTimeIsKept() {
        let moved = Self.sentence(
            "GPRMC,123519,A,4807.500,N,01131.000,E,022.4,084.4,230394,003.1,W")
        let r = NMEAReader().read([Self.rmc, Self.gga, moved].joined(separator: "\n"))
        #expect(r.problems.isEmpty && r.points.count == 2 && r.pairedSentences == 1)
        #expect(r.points.map(\.line) == [1, 3])
        #expect(r.points[0].time == r.points[1].time)
    }
}
