import Foundation
import SelatModel
import Testing

@testable import SelatAnalysis

@Suite("Hour-of-day profiles")
struct HourProfileTests {
    @Test("the busiest four hours may run past midnight, and are written as clock times")
    func peakWrapsMidnight() {
        var counts = [Int](repeating: 1, count: 24)
        counts[23] = 10
        counts[0] = 10
        counts[1] = 10
        counts[22] = 10
        let profile = HourProfile(counts: counts)
        #expect(profile.peak().start == 22)
        #expect(abs(profile.peak().share - 40.0 / 60.0) < 1e-12)
        #expect(profile.peakText() == "22:00–02:00 WIB (67%)")
        #expect(HourProfile(counts: Array(repeating: 0, count: 24)).peakText() == "-")
    }

    @Test("sightings are counted at their WIB hour")
    func wibHours() {
        var s = SightingSample()
        // 2026-11-20T14:40Z is 21:40 WIB; 17:10Z is 00:10 WIB the next day.
        for ms: Int64 in [1_763_649_600_000, 1_763_658_600_000] {
            s.append(
                latitude: 1, longitude: 104, time: ms, vesselType: .speedboat, activity: .unknown)
        }
        let p = HourProfile(s, members: [0, 1])
        #expect(p.counts[21] == 1 && p.counts[0] == 1 && p.total == 2)
    }
}
