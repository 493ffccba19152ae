import Foundation
import SelatGeo
import SelatKit

/// A team-orienteering instance in the documented file format (`Benchmarks/PlanInstances.md`):
/// depots, boats that leave from and return to depots within a time limit, targets with prizes
/// and dwell times, and either positions or the distances between them. `selat-bench plan
/// --instance FILE` plans it with Selat's solver, so it can be compared with any other solver on
/// instances Selat has never seen.
struct PlanInstance: Decodable {
    struct Place: Decodable {
        let name: String?
        let lat: Double?
        let lon: Double?
        /// Planar metres (when there is no latitude and longitude).
        let x: Double?
        let y: Double?
    }

    struct Target: Decodable {
        let name: String?
        let lat: Double?
        let lon: Double?
        let x: Double?
        let y: Double?
        let prize: Double
        let dwellS: Double?

        enum CodingKeys: String, CodingKey {
            case name, lat, lon, x, y, prize
            case dwellS = "dwell_s"
        }
    }

    struct Boat: Decodable {
        let name: String?
        /// Index into `depots`.
        let depot: Int
        let endDepot: Int?
        let speedMS: Double
        let maxDurationS: Double

        enum CodingKeys: String, CodingKey {
            case name, depot
            case endDepot = "end_depot"
            case speedMS = "speed_m_s"
            case maxDurationS = "max_duration_s"
        }
    }

    let name: String?
    let depots: [Place]
    let targets: [Target]
    let boats: [Boat]
    /// Metres between nodes, targets first then depots; negative: no passage.
    let distancesM: [[Double]]?
    let timeLimitS: Double?

    enum CodingKeys: String, CodingKey {
        case name, depots, targets, boats
        case distancesM = "distances_m"
        case timeLimitS = "time_limit_s"
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// A node's position: degrees as given, or planar metres placed on the equator (the solver
    /// only uses positions to pick nearby targets; distances come from the metres).
    static func coordinate(lat: Double?, lon: Double?, x: Double?, y: Double?, what: String)
        throws -> (Coordinate, planar: Bool)
    {
        if let lat, let lon {
            guard let c = try? Coordinate(latitude: lat, longitude: lon) else {
                throw Invalid(description: "\(what): lat \(lat), lon \(lon) out of range")
            }
            return (c, false)
        }
        if let x, let y {
            return (try Coordinate(latitude: y / 111_320, longitude: x / 111_320), true)
        }
        throw Invalid(description: "\(what): give lat and lon, or x and y")
    }

    /// The planning problem: targets first, then depots.
    func problem() throws -> PatrolProblem {
        var positions: [Coordinate] = []
        var planar: [Bool] = []
        var xy: [(Double, Double)] = []
        for (i, t) in targets.enumerated() {
            let (c, p) = try Self.coordinate(
                lat: t.lat, lon: t.lon, x: t.x, y: t.y, what: "targets[\(i)]")
            positions.append(c)
            planar.append(p)
            xy.append((t.x ?? 0, t.y ?? 0))
            guard t.prize >= 0, t.prize.isFinite else {
                throw Invalid(description: "targets[\(i)].prize \(t.prize): a number from 0")
            }
        }
        for (i, d) in depots.enumerated() {
            let (c, p) = try Self.coordinate(
                lat: d.lat, lon: d.lon, x: d.x, y: d.y, what: "depots[\(i)]")
            positions.append(c)
            planar.append(p)
            xy.append((d.x ?? 0, d.y ?? 0))
        }
        let n = positions.count
        var metres = [Double](repeating: 0, count: n * n)
        if let given = distancesM {
            guard given.count == n, given.allSatisfy({ $0.count == n }) else {
                throw Invalid(
                    description: "distances_m: \(n) rows of \(n) (targets, then depots) expected")
            }
            for a in 0..<n {
                for b in 0..<n { metres[a * n + b] = given[a][b] < 0 ? .infinity : given[a][b] }
            }
        } else {
            for a in 0..<n {
                for b in 0..<n {
                    metres[a * n + b] =
                        planar[a] && planar[b]
                        ? ((xy[a].0 - xy[b].0) * (xy[a].0 - xy[b].0)
                            + (xy[a].1 - xy[b].1) * (xy[a].1 - xy[b].1)).squareRoot()
                        : positions[a].haversineDistance(to: positions[b]).metres
                }
            }
        }
        let count = targets.count
        let vehicles = try boats.enumerated().map { i, b -> PatrolProblem.Vehicle in
            guard depots.indices.contains(b.depot), depots.indices.contains(b.endDepot ?? b.depot)
            else { throw Invalid(description: "boats[\(i)].depot: an index into depots") }
            guard b.speedMS > 0, b.maxDurationS > 0 else {
                throw Invalid(description: "boats[\(i)]: speed_m_s and max_duration_s above 0")
            }
            return PatrolProblem.Vehicle(
                name: b.name ?? "boat \(i + 1)", agency: "-", start: count + b.depot,
                ends: [count + (b.endDepot ?? b.depot)], speed: b.speedMS,
                maxDuration: b.maxDurationS)
        }
        return PatrolProblem(
            targets: targets.enumerated().map { i, t in
                PatrolProblem.Target(
                    name: t.name ?? "t\(i + 1)", position: positions[i], weight: t.prize,
                    dwell: t.dwellS ?? 0)
            }, positions: positions, metres: metres, vehicles: vehicles)
    }
}
