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
            let (core, labels) = Self.bruteForce(lat, lon, eps: eps, minPoints: minPoints)
            #expect(d.isCore == core, "trial \(trial)")
            #expect(d.labels == labels, "trial \(trial)")
        }
    }

    @Test(
        "dense hot spots over sparse noise: the grid's all-core cells and joined cells give brute force's labels",
        arguments: [(500.0, 10), (120.0, 4), (2_000.0, 40), (60.0, 1), (25_000.0, 200)])
    func denseHotSpots(eps: Double, minPoints: Int) throws {
        var rng = SeededGenerator(seed: UInt64(eps) &+ UInt64(minPoints))
        var lat: [Double] = []
        var lon: [Double] = []
        // Spots sized in eps (degrees of latitude per eps): one far tighter than eps (every cell
        // all core), one wide with about min-points points per cell (cells near the threshold,
        // many joined by a single pair), one a thin line; a moderate and a thin background.
        let e = eps / 111_195
        let spots: [(Double, Double, Double, Double, Int)] = [
            (1.2, 104.0, 0.4 * e, 0.15 * e, 900),
            (1.2 + 4 * e, 104.0, 3 * e, 3 * e, 12 * minPoints),
            (1.2, 104.0 + 5 * e, 0.1 * e, 8 * e, 400), (1.2, 104.0, 10 * e, 10 * e, 600),
            (1.2, 104.0, 60 * e, 60 * e, 1_000),
        ]
        for (la, lo, sLat, sLon, count) in spots {
            for _ in 0..<count {
                let u = Double.random(in: -1...1, using: &rng)
                let v = Double.random(in: -1...1, using: &rng)
                lat.append(la + u * sLat)
                lon.append(lo + v * sLon)
            }
        }
        // Shuffle, so that cluster numbers depend on the input order as scikit-learn's do.
        var order = Array(lat.indices)
        order.shuffle(using: &rng)
        lat = order.map { lat[$0] }
        lon = order.map { lon[$0] }
        let d = try DBSCAN(latitudes: lat, longitudes: lon, eps: eps, minPoints: minPoints)
        let reference = Self.bruteForce(lat, lon, eps: eps, minPoints: minPoints)
        #expect(d.isCore == reference.core)
        #expect(d.labels == reference.labels)
        #expect(d.clusterCount == Int(reference.labels.max() ?? -1) + 1)
    }

    /// All pairs by the haversine formula, then scikit-learn's expansion order.
    static func bruteForce(_ lat: [Double], _ lon: [Double], eps: Double, minPoints: Int) -> (
        core: [Bool], labels: [Int32]
    ) {
        let n = lat.count
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
        return (core, labels)
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
