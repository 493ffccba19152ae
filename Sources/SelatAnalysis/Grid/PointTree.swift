import Foundation
import SelatGeo

/// Points on a plane in a static 2-d tree (Bentley 1975, "Multidimensional binary search trees
/// used for associative searching", CACM 18:509–517), for nearest-neighbour questions whose cost
/// does not grow with how unevenly the points are spread: a hot spot of a hundred thousand
/// reports costs a query a few dozen comparisons, where a grid of fixed buckets would scan them.
///
/// The tree is implicit: the points are reordered so that the middle of every range is its
/// node, split on the wider of the two axes of that range.
struct PointTree: Sendable {
    private var points: [SIMD2<Double>]
    /// Split axis of the node at each middle index (0: x, 1: y).
    private var axis: [UInt8]
    /// Ranges at most this long are scanned, not split.
    static let leafSize = 8

    /// - Complexity: O(n log n); the two halves below the root are built concurrently.
    init(_ points: [SIMD2<Double>]) {
        self.points = points
        self.axis = [UInt8](repeating: 0, count: points.count)
        let n = points.count
        self.points.withUnsafeMutableBufferPointer { p in
            axis.withUnsafeMutableBufferPointer { a in
                nonisolated(unsafe) let p = p
                nonisolated(unsafe) let a = a
                guard n > Self.leafSize else { return }
                let mid = Self.split(p, a, 0, n)
                let halves = [(0, mid), (mid + 1, n)]
                Parallel.forEachChunk(count: 2, minimumChunk: 1) { range in
                    for h in range { Self.build(p, a, halves[h].0, halves[h].1) }
                }
            }
        }
    }

    var count: Int { points.count }

    /// Splits `lo..<hi` at its middle on its wider axis; returns the middle.
    private static func split(
        _ p: UnsafeMutableBufferPointer<SIMD2<Double>>, _ a: UnsafeMutableBufferPointer<UInt8>,
        _ lo: Int, _ hi: Int
    ) -> Int {
        var low = p[lo]
        var high = p[lo]
        for i in lo..<hi {
            low = pointwiseMin(low, p[i])
            high = pointwiseMax(high, p[i])
        }
        let spread = high - low
        let k = spread.x >= spread.y ? 0 : 1
        let mid = (lo + hi) / 2
        select(p, mid, lo, hi, k)
        a[mid] = UInt8(k)
        return mid
    }

    /// Builds the tree over `lo..<hi`.
    private static func build(
        _ p: UnsafeMutableBufferPointer<SIMD2<Double>>, _ a: UnsafeMutableBufferPointer<UInt8>,
        _ lo: Int, _ hi: Int
    ) {
        var ranges = [(lo, hi)]
        while let (lo, hi) = ranges.popLast() {
            guard hi - lo > leafSize else { continue }
            let mid = split(p, a, lo, hi)
            ranges.append((lo, mid))
            ranges.append((mid + 1, hi))
        }
    }

    /// Reorders `lo..<hi` so that index `k` holds the point it would hold if the range were
    /// sorted on coordinate `c`, with no larger key before it and no smaller one after (Hoare's
    /// FIND, median-of-three pivot).
    private static func select(
        _ p: UnsafeMutableBufferPointer<SIMD2<Double>>, _ k: Int, _ lo: Int, _ hi: Int, _ c: Int
    ) {
        var lo = lo
        var hi = hi - 1
        while hi > lo {
            let m = (lo + hi) / 2
            if p[m][c] < p[lo][c] { p.swapAt(m, lo) }
            if p[hi][c] < p[lo][c] { p.swapAt(hi, lo) }
            if p[hi][c] < p[m][c] { p.swapAt(hi, m) }
            let pivot = p[m][c]
            var i = lo
            var j = hi
            while i <= j {
                while p[i][c] < pivot { i += 1 }
                while p[j][c] > pivot { j -= 1 }
                if i <= j {
                    p.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
    }

    /// The squared distance from `q` to the nearest point at a different position, or infinity
    /// if every point is at `q`.
    func nearestSquaredDistance(to q: SIMD2<Double>) -> Double {
        var best = Double.infinity
        var pending: [(lo: Int, hi: Int, gap: Double)] = [(0, count, 0)]
        while let (lo, hi, gap) = pending.popLast() {
            // `gap` is the squared distance from `q` to the half-plane the range lies in.
            guard gap < best else { continue }
            if hi - lo <= Self.leafSize {
                for i in lo..<hi {
                    let d = points[i] - q
                    let d2 = (d * d).sum()
                    if d2 > 0 && d2 < best { best = d2 }
                }
                continue
            }
            let mid = (lo + hi) / 2
            let d = points[mid] - q
            let d2 = (d * d).sum()
            if d2 > 0 && d2 < best { best = d2 }
            let offset = -d[Int(axis[mid])]
            let far = offset * offset
            // The near side is pushed last, so it is searched first.
            if offset < 0 {
                pending.append((mid + 1, hi, far))
                pending.append((lo, mid, 0))
            } else {
                pending.append((lo, mid, far))
                pending.append((mid + 1, hi, 0))
            }
        }
        return best
    }
}
