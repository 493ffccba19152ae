import Foundation
import SelatGeo

/// One night's patrol planning problem, in numbers: where the targets and bases are, how far
/// apart by sea, what each target is worth at each hour, and what each boat can do.
///
/// Times are seconds after the start of the window. Node indices: targets first
/// (`0..<targets.count`), then bases and meeting points.
public struct PatrolProblem: Sendable {
    /// Somewhere worth patrolling.
    public struct Target: Sendable, Hashable {
        public let name: String
        public let position: Coordinate
        /// The risk score: what covering it is worth at an average hour.
        public let weight: Double
        /// 24 factors by hour of day in WIB, averaging 1 (empty: the same every hour).
        public let hourly: [Double]
        /// How long a boat stays once there, in seconds.
        public let dwell: Double

        public init(
            name: String, position: Coordinate, weight: Double, hourly: [Double] = [], dwell: Double
        ) {
            self.name = name
            self.position = position
            self.weight = weight
            self.hourly = hourly.count == 24 ? hourly : []
            self.dwell = dwell
        }
    }

    /// A boat as the planner sees it.
    public struct Vehicle: Sendable, Hashable {
        public let name: String
        public let agency: String
        /// Node it leaves from.
        public let start: Int
        /// Nodes it may finish at (its home base first, then other bases of its agency).
        public let ends: [Int]
        /// Cruising speed, metres per second.
        public let speed: Double
        /// Seconds from leaving to being back: the smaller of endurance and the window.
        public let maxDuration: Double
        /// Targets it may not visit (outside the waters it may enter, or no water reaches them).
        public let excluded: Set<Int>

        public init(
            name: String, agency: String, start: Int, ends: [Int], speed: Double,
            maxDuration: Double,
            excluded: Set<Int> = []
        ) {
            self.name = name
            self.agency = agency
            self.start = start
            self.ends = ends
            self.speed = speed
            self.maxDuration = maxDuration
            self.excluded = excluded
        }
    }

    /// Boats that must be at one place at one time (a joint-patrol rendezvous).
    public struct Meeting: Sendable, Hashable {
        /// For messages: "the rendezvous at …".
        public let name: String
        public let node: Int
        /// Seconds after the window starts; boats arriving early wait.
        public let time: Double
        /// How long they stay together, seconds.
        public let dwell: Double
        public let vehicles: [Int]

        public init(
            name: String = "the meeting point", node: Int, time: Double, dwell: Double,
            vehicles: [Int]
        ) {
            self.name = name
            self.node = node
            self.time = time
            self.dwell = dwell
            self.vehicles = vehicles
        }
    }

    public let targets: [Target]
    /// Every node's position (targets first).
    public let positions: [Coordinate]
    /// Sea distance in metres between nodes, row-major, `.infinity` where no allowed water joins them.
    public private(set) var metres: [Double]
    public let vehicles: [Vehicle]
    public let meetings: [Meeting]
    /// Seconds since midnight WIB at the start of the window, for the hourly factors.
    public let startSecondOfDay: Double
    /// For each node, the index of the meeting held there, or -1.
    public let meetingIndex: [Int]

    public var nodeCount: Int { positions.count }

    public init(
        targets: [Target], positions: [Coordinate], metres: [Double], vehicles: [Vehicle],
        meetings: [Meeting] = [], startSecondOfDay: Double = 0
    ) {
        precondition(
            positions.count >= targets.count && metres.count == positions.count * positions.count)
        self.targets = targets
        self.positions = positions
        self.metres = metres
        self.vehicles = vehicles
        self.meetings = meetings
        self.startSecondOfDay = startSecondOfDay
        var index = [Int](repeating: -1, count: positions.count)
        for (k, m) in meetings.enumerated() { index[m.node] = k }
        meetingIndex = index
    }

    /// A distance table in metres, row-major, from a sea-distance matrix (`.infinity` where no water joins two points).
    public static func metres(from matrix: DistanceMatrix) -> [Double] {
        let n = matrix.points.count
        var metres = [Double](repeating: .infinity, count: n * n)
        for a in 0..<n {
            for b in 0..<n {
                if let nm = matrix.nauticalMiles[a][b] {
                    metres[a * n + b] = nm * Distance.metresPerNauticalMile
                }
            }
        }
        return metres
    }

    @inline(__always) public func distance(_ a: Int, _ b: Int) -> Double {
        metres[a * positions.count + b]
    }

    /// Forbids travel between two nodes (both directions), e.g. because the sea route leaves the allowed waters.
    public mutating func forbid(_ a: Int, _ b: Int) {
        metres[a * positions.count + b] = .infinity
        metres[b * positions.count + a] = .infinity
    }

    /// For each target: can some boat go there and get back within its limits (and is allowed to)?
    public var servable: [Bool] {
        targets.indices.map { i in
            vehicles.contains { v in
                guard !v.excluded.contains(i), let home = nearestEnd(from: i, vehicle: v) else {
                    return false
                }
                return (distance(v.start, i) + home.1) / v.speed + targets[i].dwell <= v.maxDuration
            }
        }
    }

    /// Sets the sea distance between two nodes (both directions), e.g. to the length of the route actually sailed.
    public mutating func setDistance(_ a: Int, _ b: Int, metres value: Double) {
        metres[a * positions.count + b] = value
        metres[b * positions.count + a] = value
    }

    /// What covering target `i` is worth when a boat arrives `t` seconds into the window.
    @inline(__always) public func value(_ i: Int, at t: Double) -> Double {
        let target = targets[i]
        if target.hourly.isEmpty { return target.weight }
        let hour = Int(((startSecondOfDay + t) / 3600).rounded(.down)) % 24
        return target.weight * target.hourly[(hour + 24) % 24]
    }

    /// The hourly factors (mean 1) for an hour-of-day count profile, smoothed by adding one
    /// sighting to every hour so an hour never seen is unlikely rather than impossible.
    public static func hourlyFactors(counts: [Int]) -> [Double] {
        guard counts.count == 24, counts.contains(where: { $0 > 0 }) else { return [] }
        let smoothed = counts.map { Double($0) + 1 }
        let mean = smoothed.reduce(0, +) / 24
        return smoothed.map { $0 / mean }
    }
}
