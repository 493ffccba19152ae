import Foundation

/// Points sorted into a dense grid of rectangular buckets, for neighbourhood searches without an
/// O(n²) pass (a "cell list", as molecular dynamics codes use).
///
/// Coordinates are any plane (projected metres, or longitude/latitude degrees for DBSCAN's
/// haversine search); bucket width and height are chosen by the caller so that every neighbour
/// within the search radius lies in the 3×3 buckets around a point.
struct PointBuckets: Sendable {
    let minX: Double, minY: Double
    let width: Double, height: Double
    let nx: Int, ny: Int
    /// Point indices grouped by bucket (CSR): bucket b holds `order[start[b]..<start[b+1]]`.
    let order: [Int32]
    let start: [Int32]

    /// - Complexity: O(n + buckets).
    init(xs: [Double], ys: [Double], width: Double, height: Double) {
        precondition(xs.count == ys.count && width > 0 && height > 0)
        var w = width
        var h = height
        let minX = xs.min() ?? 0
        let maxX = xs.max() ?? 0
        let minY = ys.min() ?? 0
        let maxY = ys.max() ?? 0
        // Keep the table to at most 32 M buckets by widening them (still correct, more candidates).
        while ((maxX - minX) / w + 1) * ((maxY - minY) / h + 1) > 32_000_000 {
            w *= 1.5
            h *= 1.5
        }
        self.minX = minX
        self.minY = minY
        self.width = w
        self.height = h
        nx = Int((maxX - minX) / w) + 1
        ny = Int((maxY - minY) / h) + 1
        var counts = [Int32](repeating: 0, count: nx * ny + 1)
        var bucketOf = [Int32](repeating: 0, count: xs.count)
        for i in xs.indices {
            let b = Int((ys[i] - minY) / h) * nx + Int((xs[i] - minX) / w)
            bucketOf[i] = Int32(b)
            counts[b + 1] += 1
        }
        for b in 0..<(nx * ny) { counts[b + 1] += counts[b] }
        var fill = counts
        var order = [Int32](repeating: 0, count: xs.count)
        for i in xs.indices {
            let b = Int(bucketOf[i])
            order[Int(fill[b])] = Int32(i)
            fill[b] += 1
        }
        self.order = order
        self.start = counts
    }

    /// Bucket column and row of a point.
    func bucket(x: Double, y: Double) -> (ix: Int, iy: Int) {
        (Int(((x - minX) / width).rounded(.down)), Int(((y - minY) / height).rounded(.down)))
    }

    /// Points in the ring of buckets exactly `ring` steps (Chebyshev) from (ix, iy).
    func forEachInRing(ix: Int, iy: Int, ring: Int, _ body: (Int) -> Void) {
        for row in (iy - ring)...(iy + ring) where row >= 0 && row < ny {
            let full = row == iy - ring || row == iy + ring
            // Whole top and bottom rows; only the two ends of the rows between.
            for col in stride(from: ix - ring, through: ix + ring, by: full ? 1 : max(1, 2 * ring))
            where col >= 0 && col < nx {
                let b = row * nx + col
                for k in Int(start[b])..<Int(start[b + 1]) { body(Int(order[k])) }
            }
        }
    }
}
