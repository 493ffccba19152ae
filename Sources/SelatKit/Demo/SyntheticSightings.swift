import Foundation
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel

/// Seeded synthetic sightings along the publicly reported crossing corridors between the Riau
/// Islands and Johor (see `shared/reference/corridors.md`), for the demo, tests and benchmarks.
///
/// Every record is marked synthetic: its unit reads `SYNTHETIC` and its notes say so, so it can
/// never be mistaken for a real report. Corridor ends are the reference positions of the named
/// ports (`ports.csv`); the lines between them are drawn by hand through open water and are
/// illustrations, not intelligence.
public struct SyntheticSightings: Sendable {
    /// A corridor: a polyline, the share of records on it, and what is typically seen there.
    struct Corridor {
        let name: String
        let points: [(Double, Double)]
        let weight: Double
    }

    static let corridors: [Corridor] = [
        Corridor(
            name: "Batam Centre to Tanjung Pengelih",
            points: [(1.145, 104.055), (1.24, 104.075), (1.355, 104.09)], weight: 3),
        Corridor(
            name: "Harbour Bay to Stulang Laut",
            points: [(1.17, 103.99), (1.24, 104.04), (1.36, 104.03), (1.43, 103.93)], weight: 2),
        Corridor(
            name: "Tanjung Uncang to Kukup",
            points: [(1.05, 103.88), (1.12, 103.70), (1.22, 103.55), (1.31, 103.46)], weight: 2),
        Corridor(
            name: "Tanjung Uban to Tanjung Balau",
            points: [(1.09, 104.22), (1.30, 104.26), (1.55, 104.27)], weight: 3),
        Corridor(
            name: "Karimun to Kukup", points: [(1.00, 103.43), (1.12, 103.44), (1.30, 103.44)],
            weight: 2),
    ]

    /// Where the records fall.
    public enum Spread: String, Sendable, CaseIterable {
        /// 80 % on the five corridors, the rest around Batam–Bintan–Karimun (the demo).
        case corridors
        /// 25 % on the corridors, 75 % anywhere in the province box (lon 103.0–109.8 E,
        /// lat 1.6 S–5.4 N), as a year of patrol, radar and AIS reports might be.
        case province
        /// Dense hot spots (``hotSpots``: chosen density, anisotropy and trend), the rest spread as
        /// `province` (background noise): real sightings are not spread evenly.
        case clustered
    }

    /// The hot spots of `clustered` data (``SyntheticHotSpot/defaults`` unless set).
    public var hotSpots: [SyntheticHotSpot] = SyntheticHotSpot.defaults

    public let seed: UInt64
    /// First day (UTC midnight) of the period.
    public let start: Timestamp
    public let days: Int
    public let spread: Spread
    /// Where boats cannot be: positions on land are drawn again.
    public let coastline: Coastline?

    public init(
        seed: UInt64, start: Timestamp, days: Int, spread: Spread = .corridors,
        coastline: Coastline? = nil
    ) {
        self.seed = seed
        self.start = start
        self.days = days
        self.spread = spread
        self.coastline = coastline
    }

    /// The CSV header the generator writes (the import columns).
    public static let header = SightingColumn.allCases.map(\.rawValue)

    /// Writes `count` rows of CSV to `path`, streaming (constant memory).
    /// - Throws: ``KitError/output(_:)`` if the file is refused or cannot be written.
    public func writeCSV(
        count: Int, to path: String, purpose: OutputPurpose = .export, force: Bool = false
    ) throws(KitError) {
        try KitError.output { () throws(OutputError) in
            let file = try OutputFile(path: path, purpose: purpose, force: force)
            var chunk = CSVWriter.record(Self.header)
            var rng = SeededGenerator(seed: seed)
            for i in 0..<count {
                chunk += CSVWriter.record(row(index: i, rng: &rng))
                if chunk.utf8.count > 1 << 20 {
                    try file.write(chunk)
                    chunk = ""
                }
            }
            try file.write(chunk)
            try file.commit()
        }
    }

    /// One synthetic row as CSV fields.
    func row(index: Int, rng: inout SeededGenerator) -> [String] {
        // Boats are at sea: draw again while the position is on land.
        for _ in 0..<50 {
            let candidate = draw(index: index, rng: &rng)
            guard let coastline, let lat = Double(candidate[2]), let lon = Double(candidate[3]),
                let c = try? Coordinate(latitude: lat, longitude: lon), coastline.isLand(c)
            else { return candidate }
        }
        return draw(index: index, rng: &rng)
    }

    private func draw(index: Int, rng: inout SeededGenerator) -> [String] {
        // Clustered data: a hot spot by its share, else the background.
        var hot: SyntheticHotSpot?
        if spread == .clustered {
            var pick = rng.unit()
            for h in hotSpots {
                pick -= h.share
                if pick < 0 {
                    hot = h
                    break
                }
            }
        }
        let onCorridor = hot == nil && rng.unit() < (spread == .corridors ? 0.8 : 0.25)
        var lat: Double
        var lon: Double
        var vessel: String
        var activity: String
        if let hot {
            (lat, lon) = hot.position(&rng)
            vessel = rng.unit() < 0.7 ? "speedboat" : "pompong"
            activity =
                rng.unit() < 0.6 ? "trafficking" : (rng.unit() < 0.7 ? "smuggling" : "unknown")
        } else if onCorridor {
            let total = Self.corridors.reduce(0) { $0 + $1.weight }
            var pick = rng.unit() * total
            var corridor = Self.corridors[0]
            for c in Self.corridors {
                pick -= c.weight
                if pick <= 0 {
                    corridor = c
                    break
                }
            }
            let t = rng.unit() * Double(corridor.points.count - 1)
            let seg = min(Int(t), corridor.points.count - 2)
            let f = t - Double(seg)
            let a = corridor.points[seg]
            let b = corridor.points[seg + 1]
            lat = a.0 + (b.0 - a.0) * f + rng.normal() * 0.008
            lon = a.1 + (b.1 - a.1) * f + rng.normal() * 0.008
            vessel = rng.unit() < 0.7 ? "speedboat" : "pompong"
            activity =
                rng.unit() < 0.6 ? "trafficking" : (rng.unit() < 0.7 ? "smuggling" : "unknown")
        } else {
            if spread == .corridors {
                lat = 0.8 + rng.unit() * 0.8
                lon = 103.3 + rng.unit() * 1.2
            } else {
                lat = -1.6 + rng.unit() * 7.0
                lon = 103.0 + rng.unit() * 6.8
            }
            let kinds = ["fishing", "ferry", "cargo", "tanker", "tug", "unknown"]
            vessel = kinds[Int(rng.unit() * Double(kinds.count)) % kinds.count]
            activity =
                vessel == "fishing" && rng.unit() < 0.3
                ? "illegal_fishing" : (rng.unit() < 0.8 ? "none" : "unknown")
        }
        // Crossings happen mostly at night (18:00–06:00 WIB); a hot spot's days follow its trend.
        let moment = hot.map { $0.moment(&rng) } ?? rng.unit()
        let day = min(Int64(days - 1), Int64(moment * Double(days)))
        let nightHour = (18 + rng.unit() * 12).truncatingRemainder(dividingBy: 24)
        let hourWIB =
            (onCorridor || hot != nil) && rng.unit() < 0.85 ? nightHour : rng.unit() * 24
        let ms = start.millisecondsSince1970 + day * 86_400_000 + Int64((hourWIB - 7) * 3_600_000)
        let time = Timestamp(millisecondsSince1970: ms, offsetMinutes: 420)
        let persons =
            vessel == "speedboat" || vessel == "pompong" ? String(1 + Int(rng.unit() * 30)) : ""
        let id = String(format: "SYN-%llx-%08d", seed, index)
        return [
            id, time.asWritten, String(format: "%.6f", lat), String(format: "%.6f", lon), vessel,
            activity, persons,
            String(format: "%.0f", rng.unit() * 359), String(format: "%.1f", 5 + rng.unit() * 30),
            ["patrol", "radar", "report", "aerial"][Int(rng.unit() * 4) % 4], "SYNTHETIC",
            ["low", "medium", "high", "0.9"][Int(rng.unit() * 4) % 4],
            "synthetic demo record, not a real sighting",
        ]
    }
}
