import Testing

@testable import SelatGeo

@Suite("Hilbert spatial key")
struct HilbertKeyTests {
    @Test("a quadtree square's keys share the prefix computed at the square's level")
    func prefixProperty() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<5000 {
            let x = Int.random(in: 0..<(1 << 20), using: &rng)
            let y = Int.random(in: 0..<(1 << 20), using: &rng)
            let full = HilbertKey.xy2d(order: 20, x: x, y: y)
            for level in 1...19 {
                let shift = 20 - level
                #expect(
                    full >> Int64(2 * shift)
                        == HilbertKey.xy2d(order: level, x: x >> shift, y: y >> shift))
            }
        }
    }

    @Test("neighbouring cells along the curve are adjacent on the grid")
    func curveIsContinuous() {
        // Invert by brute force on a small order and check each step moves one cell.
        var position = [Int64: (Int, Int)]()
        for x in 0..<32 {
            for y in 0..<32 { position[HilbertKey.xy2d(order: 5, x: x, y: y)] = (x, y) }
        }
        for d in 0..<Int64(1023) {
            let a = position[d]!
            let b = position[d + 1]!
            #expect(abs(a.0 - b.0) + abs(a.1 - b.1) == 1)
        }
    }

    @Test("covering ranges contain the key of every point in the box, and are few")
    func coverIsComplete() throws {
        var rng = SeededGenerator(seed: 2)
        for trial in 0..<200 {
            let lat = Double.random(in: -1.6...5.4, using: &rng)
            let lon = Double.random(in: 103...109.8, using: &rng)
            let radius = Distance.metres(.random(in: 50...60_000, using: &rng))
            let box = BoundingBox.around(
                try Coordinate(latitude: lat, longitude: lon), radius: radius)
            let ranges = HilbertKey.ranges(covering: box)
            #expect(ranges.count <= 32)
            for _ in 0..<100 {
                let p = try Coordinate(
                    latitude: .random(in: box.south...box.north, using: &rng),
                    longitude: .random(in: box.west...box.east, using: &rng))
                let key = HilbertKey.key(for: p)
                #expect(ranges.contains { $0.contains(key) }, "trial \(trial): \(p) in \(box)")
            }
        }
    }

    @Test("a circle's box holds every point within the radius")
    func boxAroundHoldsCircle() throws {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<2000 {
            let centre = try Coordinate(
                latitude: .random(in: -70...70, using: &rng),
                longitude: .random(in: -170...170, using: &rng))
            let radius = Distance.metres(.random(in: 10...100_000, using: &rng))
            let box = BoundingBox.around(centre, radius: radius)
            let p = centre.destination(
                bearing: Bearing(degrees: .random(in: 0..<360, using: &rng)),
                distance: .metres(radius.metres * 0.9999))
            #expect(box.contains(p))
        }
    }
}
