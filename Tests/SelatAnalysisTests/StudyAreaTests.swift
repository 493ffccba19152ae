import Foundation
import SelatGeo
import SelatModel
import SelatTestSupport
import Testing

@testable import SelatAnalysis

@Suite("Study area and cell size")
struct StudyAreaTests {
    static let tm = TransverseMercator(centralMeridian: 104, originLatitude: 1)

    /// `n` seeded positions spread evenly over a box north-east of 1°N 104°E.
    static func uniformSample(_ n: Int, seed: UInt64, latitudeSpan: Double, longitudeSpan: Double)
        -> SightingSample
    {
        var s = SightingSample()
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<n {
            s.append(
                latitude: 1 + rng.unit() * latitudeSpan,
                longitude: 104 + rng.unit() * longitudeSpan, time: 0,
                vesselType: .pompong, activity: .unknown)
        }
        return s
    }

    /// Adds every position of `patch`, moved by the given degrees of latitude and longitude.
    static func append(
        _ patch: SightingSample, shiftedBy dLat: Double, _ dLon: Double, to s: inout SightingSample
    ) {
        for i in 0..<patch.count {
            s.append(
                latitude: patch.latitudes[i] + dLat, longitude: patch.longitudes[i] + dLon, time: 0,
                vesselType: .pompong, activity: .unknown)
        }
    }

    /// "Land": a disc of 2 km radius around a position.
    static func landDisc(latitude: Double, longitude: Double) -> @Sendable (Coordinate) -> Bool {
        let centre = tm.project(latitude: latitude, longitude: longitude)
        return { c in
            let p = tm.project(c)
            return (p.x - centre.x) * (p.x - centre.x) + (p.y - centre.y) * (p.y - centre.y) < 2000
                * 2000
        }
    }

    @Test("empty sea cells are in, land cells are out, and every sighting is counted or reported")
    func layout() {
        let s = Self.uniformSample(2000, seed: 2, latitudeSpan: 0.1, longitudeSpan: 0.1)
        // "Land": a disc of 2 km radius in the middle of the data.
        let isLand = Self.landDisc(latitude: 1.05, longitude: 104.05)
        let grid = HexGrid(projection: Self.tm, spacing: 500)
        let points = ProjectedPoints(s, projection: Self.tm)
        let area = StudyArea(points: points, grid: grid, margin: 500, isLand: isLand)
        #expect(area.counts.reduce(0, +) + area.excluded == 2000)
        #expect(area.counts.contains(0))
        for c in area.cells { #expect(!isLand(grid.centreCoordinate(of: c))) }
        #expect(area.excluded > 0)  // sightings deep inside the disc
        #expect(area.movedOffLand > 0)  // sightings in coastal land cells
        for i in 0..<points.count where area.assignment[i] >= 0 {
            let own = grid.cell(x: points.xs[i], y: points.ys[i])
            #expect(own.steps(to: area.cells[Int(area.assignment[i])]) <= StudyArea.reach)
        }
        #expect(StudyArea.ringOffsets.map(\.count) == [6, 12, 18])
        // Cell ids are stable: the same parameters give the same cells.
        let again = StudyArea(points: points, grid: grid, margin: 500, isLand: isLand)
        #expect(again.cells == area.cells && again.counts == area.counts)
        // Weights: interior cells have themselves and six neighbours.
        let w = area.weights(.adjacent)
        let sizes = (0..<w.count).map { w.of($0).count }
        #expect(sizes.max() == 7 && sizes.min()! >= 1)
    }

    @Test(
        "around the data: exactly the sea cells with sightings and their sea neighbours, counted as in the full box",
        arguments: [Neighbourhood.adjacent, .band(1200)])
    func aroundData(neighbourhood: Neighbourhood) {
        // Two patches of sightings 20 km apart, with land (a 2 km disc) at the edge of one.
        var s = Self.uniformSample(600, seed: 4, latitudeSpan: 0.03, longitudeSpan: 0.03)
        Self.append(
            Self.uniformSample(300, seed: 5, latitudeSpan: 0.02, longitudeSpan: 0.02),
            shiftedBy: 0.18, 0.05, to: &s)
        let isLand = Self.landDisc(latitude: 1.03, longitude: 104.03)
        let grid = HexGrid(projection: Self.tm, spacing: 500)
        let points = ProjectedPoints(s, projection: Self.tm)
        // The independent answer: the full box with a margin wide enough for every neighbour and
        // every move off land, then the cells with sightings and those within the neighbourhood.
        let full = StudyArea(points: points, grid: grid, margin: 5000, isLand: isLand)
        let occupied = full.cells.indices.filter { full.counts[$0] > 0 }.map { full.cells[$0] }
        func isNeighbour(_ a: HexCell, _ b: HexCell) -> Bool {
            switch neighbourhood {
            case .adjacent: return a.steps(to: b) <= 1
            case .band(let metres):
                let p = grid.centre(of: a)
                let q = grid.centre(of: b)
                return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                    <= metres
            }
        }
        let expected = full.cells.filter { c in occupied.contains { isNeighbour($0, c) } }
        let area = StudyArea(points: points, grid: grid, around: neighbourhood, isLand: isLand)
        #expect(area.cells == expected)
        #expect(area.cells.count < full.cells.count)
        #expect(area.movedOffLand == full.movedOffLand && area.excluded == full.excluded)
        #expect(area.movedOffLand > 0)
        for (k, c) in area.cells.enumerated() {
            #expect(area.counts[k] == full.counts[full.index(of: c)!])
        }
        for i in 0..<points.count {
            let a = area.assignment[i]
            let b = full.assignment[i]
            #expect((a < 0) == (b < 0))
            if a >= 0 && b >= 0 { #expect(area.cells[Int(a)] == full.cells[Int(b)]) }
        }
        // Empty water between the patches is left out; every cell with sightings keeps its
        // whole neighbourhood of sea cells.
        #expect(area.counts.contains(0))
        let w = area.weights(neighbourhood)
        let fw = full.weights(neighbourhood)
        for (k, c) in area.cells.enumerated() where area.counts[k] > 0 {
            #expect(w.of(k).count == fw.of(full.index(of: c)!).count)
        }
    }

    @Test("the cell size comes from the spacing of the data, capped by the number of cells")
    func cellSize() {
        let a = CellSizeChoice(meanNearestNeighbour: 389, extentArea: 100_000 * 60_000)
        #expect(a.spacing == 800)
        #expect(a.basis == .twiceMeanNeighbour(389))
        let b = CellSizeChoice(meanNearestNeighbour: 20, extentArea: 700_000 * 700_000)
        #expect(b.spacing >= 1500)
        guard case .raisedForCap(meanNeighbour: 20, let cells) = b.basis else {
            Issue.record("expected the spacing raised for the cap, got \(b.basis)")
            return
        }
        // 100 m hexagons (the smallest, above twice 20 m) over 700 km × 700 km.
        let hexagon: Double = 3.0.squareRoot() / 2 * 100 * 100
        let area: Double = 700_000 * 700_000
        #expect(cells == Int(area / hexagon))
        #expect(
            3.0.squareRoot() / 2 * b.spacing * b.spacing * Double(CellSizeChoice.maximumCells)
                >= 700_000 * 700_000 * 0.99)
    }

    @Test("mean nearest-neighbour distance matches brute force")
    func nearestNeighbour() {
        let s = Self.uniformSample(800, seed: 5, latitudeSpan: 0.2, longitudeSpan: 0.3)
        let p = ProjectedPoints(s, projection: Self.tm)
        var total = 0.0
        for i in 0..<p.count {
            var best = Double.infinity
            for j in 0..<p.count where j != i {
                let d =
                    ((p.xs[i] - p.xs[j]) * (p.xs[i] - p.xs[j]) + (p.ys[i] - p.ys[j])
                        * (p.ys[i] - p.ys[j]))
                    .squareRoot()
                if d > 0 { best = min(best, d) }
            }
            total += best
        }
        #expect(abs(p.meanNearestNeighbourDistance()! - total / 800) < 1e-6)
    }

    @Test("mean nearest-neighbour distance matches brute force on a dense hot spot, sampled or not")
    func nearestNeighbourClustered() {
        // A third of the reports within about 100 m, the rest over 30 km; then every report
        // (n below the sample size) and a seeded sample of 400.
        var s = Self.uniformSample(2000, seed: 8, latitudeSpan: 0.3, longitudeSpan: 0.3)
        Self.append(
            Self.uniformSample(1000, seed: 9, latitudeSpan: 0.001, longitudeSpan: 0.001),
            shiftedBy: 0.1, 0.1, to: &s)
        let p = ProjectedPoints(s, projection: Self.tm)
        func nearest(_ i: Int) -> Double {
            var best = Double.infinity
            for j in 0..<p.count {
                let dx = p.xs[i] - p.xs[j]
                let dy = p.ys[i] - p.ys[j]
                let d = (dx * dx + dy * dy).squareRoot()
                if d > 0 { best = min(best, d) }
            }
            return best
        }
        let all = (0..<p.count).reduce(0.0) { $0 + nearest($1) } / Double(p.count)
        #expect(abs(p.meanNearestNeighbourDistance()! - all) < 1e-6)
        var rng = SeededGenerator(seed: 3)
        let picks = (0..<400).map { _ in Int(rng.next() % UInt64(p.count)) }
        let sampled = picks.reduce(0.0) { $0 + nearest($1) } / 400
        #expect(abs(p.meanNearestNeighbourDistance(sampleSize: 400, seed: 3)! - sampled) < 1e-6)
        #expect(sampled != all)
    }

    @Test("nearest-neighbour distance skips reports at the same position, weighting every sighting")
    func nearestNeighbourWithRepeats() {
        // 300 positions reported three times each, and 2,000 reports from one spot.
        let base = Self.uniformSample(300, seed: 6, latitudeSpan: 0.2, longitudeSpan: 0.3)
        var s = SightingSample()
        for _ in 0..<3 {
            for i in 0..<base.count {
                s.append(
                    latitude: base.latitudes[i], longitude: base.longitudes[i], time: 0,
                    vesselType: .pompong, activity: .unknown)
            }
        }
        for _ in 0..<2000 {
            s.append(
                latitude: 1.05, longitude: 104.05, time: 0, vesselType: .pompong, activity: .unknown
            )
        }
        let p = ProjectedPoints(s, projection: Self.tm)
        var total = 0.0
        for i in 0..<p.count {
            var best = Double.infinity
            for j in 0..<p.count {
                let d =
                    ((p.xs[i] - p.xs[j]) * (p.xs[i] - p.xs[j]) + (p.ys[i] - p.ys[j])
                        * (p.ys[i] - p.ys[j]))
                    .squareRoot()
                if d > 0 { best = min(best, d) }
            }
            total += best
        }
        #expect(abs(p.meanNearestNeighbourDistance()! - total / Double(p.count)) < 1e-6)
        // Every report at one position: no spacing to measure.
        let one = Self.uniformSample(1, seed: 1, latitudeSpan: 0, longitudeSpan: 0)
        var same = SightingSample()
        for _ in 0..<10 {
            same.append(
                latitude: one.latitudes[0], longitude: one.longitudes[0], time: 0,
                vesselType: .pompong, activity: .unknown)
        }
        #expect(ProjectedPoints(same, projection: Self.tm).meanNearestNeighbourDistance() == nil)
    }

    @Test("the hull holds every point and runs anticlockwise")
    func hull() {
        var rng = SeededGenerator(seed: 8)
        let pts = (0..<300).map { _ in (x: rng.normal() * 100, y: rng.normal() * 50) }
        let h = ConvexHull.of(pts)
        var area = 0.0
        for k in h.indices {
            area += h[k].x * h[(k + 1) % h.count].y - h[(k + 1) % h.count].x * h[k].y
        }
        #expect(area > 0)
        for p in pts {
            for k in h.indices {
                let a = h[k]
                let b = h[(k + 1) % h.count]
                #expect((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= -1e-9)
            }
        }
        // Points on one line still give a polygon when widened.
        let line = (0..<10).map { (x: Double($0) * 10, y: 0.0) }
        #expect(ConvexHull.widened(line, margin: 5).count >= 8)
    }
}
