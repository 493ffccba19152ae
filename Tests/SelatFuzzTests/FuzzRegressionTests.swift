import Foundation
import Testing

@testable import SelatFuzz

/// Every seed and every input a fuzzer ever crashed on (kept in `Fixtures/crashers/TARGET`) is
/// run through the same property checks the fuzzers use, so a fixed bug stays fixed.
@Suite struct FuzzRegressionTests {
    static func inputs(_ kind: String, _ target: FuzzTarget) throws -> [(
        name: String, bytes: [UInt8]
    )] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
            !$0.hasPrefix(".")
        }.sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: url.appendingPathComponent($0)))) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedCorpusKeepsEveryProperty(_ target: FuzzTarget) throws {
        let seeds = try Self.inputs("corpus", target)
        #expect(seeds.count >= 5)
        for seed in seeds {
            #expect(target.check(seed.bytes) == nil, "\(target) seed \(seed.name)")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCrasherFoundStaysFixed(_ target: FuzzTarget) throws {
        for crasher in try Self.inputs("crashers", target) {
            #expect(target.check(crasher.bytes) == nil, "\(target) crasher \(crasher.name)")
        }
    }

}
