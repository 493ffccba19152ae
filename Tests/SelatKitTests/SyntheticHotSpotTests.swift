import Foundation
import SelatGeo
import SelatKit
import SelatTestSupport
import Testing

@Suite(
    "Clustered benchmark data: hot spots of chosen density, anisotropy and trend over background")
struct SyntheticHotSpotTests {
    /// The rows of a generated CSV: (lat, lon, day index from the start).
    static func rows(_ generator: SyntheticSightings, count: Int) throws -> [(Double, Double, Int)]
    {
        let dir = TemporaryDirectory("hot")
        let path = dir.file("s.csv")
        try generator.writeCSV(count: count, to: path)
        let table = try readFixtureCSV(URL(fileURLWithPath: path))
        return try table.map { row in
            let time = try Timestamp.parse(row["observed_at"] ?? "", defaultOffsetMinutes: 420)
                .timestamp
            let day = Int(
                (time.millisecondsSince1970 - generator.start.millisecondsSince1970) / 86_400_000)
            return (Double(row["lat"] ?? "") ?? .nan, Double(row["lon"] ?? "") ?? .nan, day)
        }
    }

    @Test("a hot spot holds its share, its spread along and across its bearing, and its trend")
    func shape() throws {
        let spot = try #require(SyntheticHotSpot(parsing: "2.0,105.5,0.5,2,0.5,90,rising"))
        #expect(spot.majorKm == 2 && spot.minorKm == 0.5 && spot.trend == .rising)
        var generator = SyntheticSightings(
            seed: 3, start: Timestamp(millisecondsSince1970: 1_761_955_200_000), days: 100,
            spread: .clustered)
        generator.hotSpots = [spot]
        let rows = try Self.rows(generator, count: 20_000)
        // Within 5 σ of the centre (km east and north of it), in open sea far from the corridors:
        // the hot spot's records (and a record or two of the background).
        let near = rows.compactMap { lat, lon, day -> (Double, Double, Int)? in
            let north = (lat - 2.0) * 111.32
            let east = (lon - 105.5) * 111.32 * cos(2.0 * .pi / 180)
            return abs(east) < 10 && abs(north) < 2.5 ? (east, north, day) : nil
        }
        let share = Double(near.count) / Double(rows.count)
        #expect(abs(share - 0.5) < 0.02, "share \(share)")
        func sd(_ xs: [Double]) -> Double {
            let m = xs.reduce(0, +) / Double(xs.count)
            return (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count)).squareRoot()
        }
        // Bearing 90°: the major axis runs east–west.
        #expect(abs(sd(near.map(\.0)) - 2) < 0.1, "east–west spread \(sd(near.map(\.0)))")
        #expect(abs(sd(near.map(\.1)) - 0.5) < 0.05, "north–south spread")
        // Rising: a density growing linearly puts three quarters in the second half.
        let late = Double(near.filter { $0.2 >= 50 }.count) / Double(near.count)
        #expect(abs(late - 0.75) < 0.03, "late share \(late)")
        #expect(SyntheticHotSpot(parsing: "1.2,104") == nil)
        #expect(SyntheticHotSpot(parsing: "1.2,104,1.5,2") == nil)
        #expect(SyntheticHotSpot(parsing: "1.2,104,0.2,2,1,0,sideways") == nil)
    }

    @Test(
        "the default clustered year puts a fifth of the records within a few km of one crossing point"
    )
    func defaults() throws {
        let generator = SyntheticSightings(
            seed: 5, start: Timestamp(millisecondsSince1970: 1_761_955_200_000), days: 365,
            spread: .clustered)
        let rows = try Self.rows(generator, count: 10_000)
        let core = rows.filter { lat, lon, _ in
            let north = (lat - 1.215) * 111.32
            let east = (lon - 104.06) * 111.32 * cos(1.215 * .pi / 180)
            return (north * north + east * east).squareRoot() < 5
        }
        let share = Double(core.count) / Double(rows.count)
        #expect(share > 0.19 && share < 0.25, "\(share)")
        // The new hot spot appears in the last fifth of the year (before it, only the Karimun
        // corridor's records pass there).
        let new = rows.filter { lat, lon, _ in abs(lat - 1.05) < 0.03 && abs(lon - 103.43) < 0.03 }
        let late = new.filter { $0.2 >= 292 }.count
        #expect(late > 300 && late > 4 * (new.count - late), "\(late) of \(new.count)")
    }
}
