import Foundation
import SelatTestSupport
import Testing

/// Tools/kill-test.sh and Tools/concurrency-test.sh, at a size that suits every test run; with
/// SELAT_STRESS=1 in the environment, at the full size (200,000 rows and 20 kills;
/// 4 loggers × 2,000 adds and a 100,000-row import).
@Suite("Crash safety and concurrent loggers", .serialized)
struct CrashSafetyCLITests {
    static let stress = ProcessInfo.processInfo.environment["SELAT_STRESS"] == "1"

    @Test(
        "kill -9 at random moments of an import: integrity ok, whole batches kept, the re-run ends with every row, the chain verifies"
    )
    func killTest() throws {
        let args =
            Self.stress
            ? ["--rows", "200000", "--kills", "20"]
            : ["--rows", "20000", "--kills", "10", "--batch-size", "2000"]
        let r = try runProcess(
            "/bin/bash",
            [
                EvidenceCLITests.repo.appendingPathComponent("Tools/kill-test.sh").path, "--selat",
                CLI.binary,
            ] + args)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(
            r.out.contains(Self.stress ? "20 passed, 0 failed" : "10 passed, 0 failed"), "\(r.out)")
    }

    @Test(
        "four processes logging while an import runs and verify loops beside them: every row kept, no error shown, no false alarm, a real edit named"
    )
    func concurrencyTest() throws {
        let args =
            Self.stress
            ? ["--adds", "2000", "--import-rows", "100000"]
            : ["--adds", "60", "--import-rows", "20000"]
        let r = try runProcess(
            "/bin/bash",
            [
                EvidenceCLITests.repo.appendingPathComponent("Tools/concurrency-test.sh").path,
                "--selat", CLI.binary,
            ] + args)
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(
            r.out.contains("concurrency test: passed")
                && r.out.contains("(\"locked\"/\"busy\": 0)"), "\(r.out)")
        #expect(r.out.contains(" 0 false alarms;") && r.out.contains(" 0 did not"), "\(r.out)")
    }
}
