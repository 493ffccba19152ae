import Foundation
import SelatTestSupport
import Testing

@testable import SelatAnalysis

@Suite("DBSCAN against scikit-learn")
struct DBSCANTests {
    @Test(
        "labels equal scikit-learn's DBSCAN(metric='haversine') point for point",
        arguments: [("dbscan_500_10", 500.0, 10), ("dbscan_300_5", 300.0, 5)])
    func matchesScikitLearn(fixture: String, eps: Double, minPoints: Int) throws {
        let rows = try readFixtureCSV(
            Bundle.module.url(forResource: fixture, withExtension: "csv", subdirectory: "Fixtures")!
        )
        let lat = rows.map { Double($0["lat"]!)! }
        let lon = rows.map { Double($0["lon"]!)! }
        let d = try DBSCAN(latitudes: lat, longitudes: lon, eps: eps, minPoints: minPoints)
        var cores = 0
        for (i, row) in rows.enumerated() {
            #expect(d.isCore[i] == (row["core"] == "1"), "point \(i)")
            #expect(d.labels[i] == Int32(row["label"]!)!, "point \(i)")
            if d.isCore[i] { cores += 1 }
        }
        #expect(cores > 100 && d.clusterCount >= 3)
    }

    @Test("brute force agrees on random data, including border points shared by two clusters")
    func bruteForce() throws {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<5 {
            let n = 600
            let lat = (0..<n).map { _ in 1.0 + Double.random(in: 0...0.05, using: &rng) }
            let lon = (0..<n).map { _ in 104.0 + Double.random(in: 0...0.05, using: &rng) }
            let eps = 300.0
            let minPoints = 4
            let d = try DBSCAN(latitudes: lat, longitudes: lon, eps: eps, minPoints: minPoints)
            // Reference: all pairs, then sklearn's expansion order.
            let r = DBSCAN.earthRadius
            func dist(_ i: Int, _ j: Int) -> Double {
                let p1 = lat[i] * .pi / 180
                let p2 = lat[j] * .pi / 180
                let dl = (lon[j] - lon[i]) * .pi / 180
                let h = pow(sin((p2 - p1) / 2), 2) + cos(p1) * cos(p2) * pow(sin(dl / 2), 2)
                return 2 * r * asin(h.squareRoot())
            }
            let neighbours = (0..<n).map { i in (0..<n).filter { dist(i, $0) <= eps } }
            let core = neighbours.map { $0.count >= minPoints }
            var labels = [Int32](repeating: -1, count: n)
            var next: Int32 = 0
            for i in 0..<n where labels[i] == -1 && core[i] {
                var stack = [i]
                while let v = stack.popLast() {
                    if labels[v] != -1 { continue }
                    labels[v] = next
                    if core[v] { stack += neighbours[v].filter { labels[$0] == -1 } }
                }
                next += 1
            }
            #expect(d.isCore == core, "trial \(trial)")
            #expect(d.labels == labels, "trial \(trial)")
        }
    }

    @Test("bad parameters are refused with the fix")
    func badParameters() {
        #expect(throws: AnalysisError.self) {
            try DBSCAN(latitudes: [1], longitudes: [104], eps: 0, minPoints: 5)
        }
        #expect(throws: AnalysisError.self) {
            try DBSCAN(latitudes: [1], longitudes: [104], eps: 500, minPoints: 0)
        }
    }
}
