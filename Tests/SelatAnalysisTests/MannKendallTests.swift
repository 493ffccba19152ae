import Foundation
import SelatTestSupport
import Testing

@testable import SelatAnalysis

@Suite("Mann-Kendall trend test")
struct MannKendallTests {
    @Test("a published worked example: 14 values, one tie, S = 54, Z = 2.9058")
    func workedExample() {
        // D. Little, "A Mann-Kendall Example (By Hand)", College of the Holy Cross,
        // mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt
        let x = [
            12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7,
        ]
        let mk = MannKendall(x)
        #expect(mk.s == 54)
        #expect(abs(mk.variance - (14.0 * 13 * 33 / 18 - 2.0 * 1 * 9 / 18)) < 1e-9)
        #expect(abs(mk.z - 2.9058) < 5e-5)
        #expect(abs(mk.p / 2 - 0.0018) < 5e-5)  // the example quotes the one-sided probability
        #expect(mk.direction(alpha: 0.05) == 1)
    }

    @Test("Gilbert's small example: 10, 15, 14, 20 gives S = 4")
    func gilbertSmall() {
        #expect(MannKendall([10, 15, 14, 20]).s == 4)
    }

    @Test("S, variance, Z, p, tau and Sen's slope match pymannkendall")
    func matchesPymannkendall() throws {
        let rows = try readFixtureCSV(
            Bundle.module.url(
                forResource: "mann_kendall", withExtension: "csv", subdirectory: "Fixtures")!)
        #expect(rows.count == 6)
        for row in rows {
            let x = row["series"]!.split(separator: " ").map { Double($0)! }
            let mk = MannKendall(x)
            #expect(mk.s == Int(row["s"]!)!)
            #expect(abs(mk.variance - Double(row["var_s"]!)!) < 1e-9)
            #expect(abs(mk.z - Double(row["z"]!)!) < 1e-12)
            #expect(abs(mk.p - Double(row["p"]!)!) < 1e-12)
            #expect(abs(mk.tau - Double(row["tau"]!)!) < 1e-12)
            #expect(abs(mk.slope - Double(row["slope"]!)!) < 1e-12)
        }
    }
}
