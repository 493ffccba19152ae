import Foundation
import SelatGeo

extension PatrolProblem {
    /// A distance table in metres from a sea-distance matrix, with every pair the matrix flagged
    /// (its route leaves the allowed waters) closed in both directions when `closingFlagged`.
    /// - Returns: the table (row-major, `.infinity` where no water joins two points) and how
    ///   many pairs were closed.
    public static func metres(from matrix: DistanceMatrix, closingFlagged: Bool) -> (
        metres: [Double], closed: Int
    ) {
        var metres = metres(from: matrix)
        let n = matrix.points.count
        var closed = 0
        guard closingFlagged, !matrix.flagged.isEmpty else { return (metres, 0) }
        for a in 0..<n {
            for b in (a + 1)..<n where matrix.flagged[a][b] {
                metres[a * n + b] = .infinity
                metres[b * n + a] = .infinity
                closed += 1
            }
        }
        return (metres, closed)
    }

    /// For a joint patrol: the earliest meeting, on a quarter hour, of two vehicles of different
    /// agencies at one of the ten highest-weight targets that both may enter, reach, stay at for
    /// `dwell` seconds and still get back to a base within their endurance. Ties go to the
    /// heavier target.
    /// - Returns: the target, the two vehicles and the meeting time (seconds from the start),
    ///   or nil when no pair can meet.
    public func earliestJointMeeting(dwell: Double) -> (
        target: Int, a: Int, b: Int, time: Double
    )? {
        let order = targets.indices.sorted { targets[$0].weight > targets[$1].weight }.prefix(10)
        var best: (time: Double, weight: Double, target: Int, a: Int, b: Int)?
        for c in order {
            for a in vehicles.indices {
                for b in vehicles.indices where b > a && vehicles[a].agency != vehicles[b].agency {
                    let va = vehicles[a]
                    let vb = vehicles[b]
                    guard !va.excluded.contains(c), !vb.excluded.contains(c) else { continue }
                    let ta = distance(va.start, c) / va.speed
                    let tb = distance(vb.start, c) / vb.speed
                    guard ta.isFinite, tb.isFinite else { continue }
                    let time = (max(ta, tb) / 900).rounded(.up) * 900
                    let fits = [va, vb].allSatisfy { v in
                        time + dwell + v.ends.map { distance(c, $0) }.min()! / v.speed
                            <= v.maxDuration
                    }
                    guard fits else { continue }
                    let weight = targets[c].weight
                    if best == nil || time < best!.time
                        || (time == best!.time && weight > best!.weight)
                    {
                        best = (time, weight, c, a, b)
                    }
                }
            }
        }
        return best.map { ($0.target, $0.a, $0.b, $0.time) }
    }

    /// The problem with one more node, a copy of node `source` (its position and distances),
    /// and a meeting there: planning the copy keeps the target itself open.
    public func addingMeeting(_ meeting: Meeting, copying source: Int) -> PatrolProblem {
        let n = nodeCount
        var table = [Double](repeating: 0, count: (n + 1) * (n + 1))
        for a in 0...n {
            for b in 0...n {
                let sa = a == n ? source : a
                let sb = b == n ? source : b
                table[a * (n + 1) + b] = a == b ? 0 : distance(sa, sb)
            }
        }
        return PatrolProblem(
            targets: targets, positions: positions + [positions[source]], metres: table,
            vehicles: vehicles, meetings: meetings + [meeting], startSecondOfDay: startSecondOfDay)
    }
}
