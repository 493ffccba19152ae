import SelatTestSupport
import Testing

@testable import SelatGeo

@Suite("Packed R-tree against brute force")
struct PackedRTreeTests {
    static func randomRects(_ n: Int, _ rng: inout SeededGenerator, maxSize: Double) -> [Rect] {
        (0..<n).map { _ in
            let x = Double.random(in: 103...109.8, using: &rng)
            let y = Double.random(in: -1.6...5.4, using: &rng)
            return Rect(
                minX: x, minY: y, maxX: x + .random(in: 0...maxSize, using: &rng),
                maxY: y + .random(in: 0...maxSize, using: &rng))
        }
    }

    @Test(
        "box search finds exactly the intersecting items",
        arguments: [0, 1, 2, 15, 16, 17, 255, 5000])
    func boxSearch(n: Int) {
        var rng = SeededGenerator(seed: UInt64(n) + 1)
        let items = Self.randomRects(n, &rng, maxSize: 0.2)
        let tree = PackedRTree(items, nodeSize: 16)
        for _ in 0..<100 {
            let q = Self.randomRects(1, &rng, maxSize: 1.5)[0]
            let expected = Set(items.indices.filter { items[$0].intersects(q) })
            #expect(Set(tree.search(q)) == expected, "n \(n), query \(q)")
        }
    }

    @Test("k nearest and radius queries match sorting every item", arguments: [1, 3, 40, 3000])
    func nearest(n: Int) {
        var rng = SeededGenerator(seed: 99 + UInt64(n))
        let items = Self.randomRects(n, &rng, maxSize: 0.05)
        let tree = PackedRTree(items, nodeSize: 8)
        for _ in 0..<60 {
            let x = Double.random(in: 103...109.8, using: &rng)
            let y = Double.random(in: -1.6...5.4, using: &rng)
            let scale = 0.99
            let dist = { (i: Int) -> Double? in
                items[i].distanceSquared(x: x, y: y, xScale: scale).squareRoot()
            }
            let all = items.indices.map { ($0, dist($0)!) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            let k = min(5, n)
            let got = tree.nearest(x: x, y: y, xScale: scale, k: k, itemDistance: dist)
            #expect(got.map(\.distance) == all.prefix(k).map(\.1))
            let radius = 0.3
            let within = tree.within(x: x, y: y, xScale: scale, radius: radius, itemDistance: dist)
            #expect(Set(within.map(\.index)) == Set(all.filter { $0.1 <= radius }.map(\.0)))
            #expect(within.map(\.distance) == within.map(\.distance).sorted())
        }
    }
}
