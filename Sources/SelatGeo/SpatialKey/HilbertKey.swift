import Foundation

/// A position's cell on a Hilbert curve over the whole globe: an integer that a plain B-tree
/// index can order so that nearby positions get nearby keys.
///
/// The globe is cut into 2²⁰ × 2²⁰ cells of equal latitude/longitude (about 19 m × 38 m at the
/// equator), numbered along the Hilbert curve (Hilbert 1891; the `xy2d` mapping in Hamilton &
/// Rau-Chaplin 2008, "Compact Hilbert indices"). Every quadtree square of the grid is one
/// contiguous run of keys, so an area query becomes a few `key BETWEEN lo AND hi` index scans;
/// the candidates are then filtered by exact distance.
///
/// Chosen over SQLite's R*Tree because filling an R*Tree costs several times the import itself,
/// while an indexed integer costs little more than the row (see `Benchmarks/README.md`).
public enum HilbertKey {
    /// Bits per axis.
    public static let order = 20
    static let side = 1 << order

    /// The key of the cell holding `coordinate`, in `0 ..< 2⁴⁰`.
    /// - Complexity: O(order).
    public static func key(for coordinate: Coordinate) -> Int64 {
        let (x, y) = cell(latitude: coordinate.latitude, longitude: coordinate.longitude)
        return xy2d(order: order, x: x, y: y)
    }

    static func cell(latitude: Double, longitude: Double) -> (Int, Int) {
        let x = Int(((longitude + 180) / 360 * Double(side)).rounded(.down))
        let y = Int(((latitude + 90) / 180 * Double(side)).rounded(.down))
        return (min(side - 1, max(0, x)), min(side - 1, max(0, y)))
    }

    /// The Hilbert index of cell `(x, y)` on a `2^order` grid.
    static func xy2d(order: Int, x: Int, y: Int) -> Int64 {
        var x = x
        var y = y
        var d: Int64 = 0
        var s = 1 << (order - 1)
        let n = 1 << order
        while s > 0 {
            let rx = (x & s) > 0 ? 1 : 0
            let ry = (y & s) > 0 ? 1 : 0
            d += Int64(s) * Int64(s) * Int64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = n - 1 - x
                    y = n - 1 - y
                }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }

    /// Key ranges whose union contains the key of every position in `box`.
    ///
    /// The box is covered by quadtree squares no smaller than about an eighth of its larger side;
    /// adjacent runs are merged, and the smallest gaps are closed until at most `maxRanges` remain.
    /// The ranges may include keys of positions just outside the box: filter the rows afterwards.
    ///
    /// - Complexity: O(r log r) for r covering squares (a few hundred at most).
    public static func ranges(covering box: BoundingBox, maxRanges: Int = 32) -> [ClosedRange<
        Int64
    >] {
        precondition(maxRanges >= 1)
        let (x0, y0) = cell(latitude: box.south, longitude: box.west)
        let (x1, y1) = cell(latitude: box.north, longitude: box.east)
        let extent = max(x1 - x0, y1 - y0) + 1
        // Stop descending when squares are about 1/8 of the box's larger side.
        var finest = order
        while finest > 0 && (side >> finest) * 8 < extent { finest -= 1 }
        var raw: [ClosedRange<Int64>] = []
        collect(level: 0, nx: 0, ny: 0, finest: finest, box: (x0, y0, x1, y1), into: &raw)
        raw.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int64>] = []
        for range in raw {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        while merged.count > maxRanges {
            // Close the smallest gap.
            var best = 0
            var bestGap = Int64.max
            for i in 0..<(merged.count - 1) {
                let gap = merged[i + 1].lowerBound - merged[i].upperBound
                if gap < bestGap {
                    bestGap = gap
                    best = i
                }
            }
            merged[best] = merged[best].lowerBound...merged[best + 1].upperBound
            merged.remove(at: best + 1)
        }
        return merged
    }

    private static func collect(
        level: Int, nx: Int, ny: Int, finest: Int, box: (Int, Int, Int, Int),
        into out: inout [ClosedRange<Int64>]
    ) {
        let size = side >> level
        let left = nx * size
        let bottom = ny * size
        let right = left + size - 1
        let top = bottom + size - 1
        let (x0, y0, x1, y1) = box
        if right < x0 || left > x1 || top < y0 || bottom > y1 { return }
        let inside = left >= x0 && right <= x1 && bottom >= y0 && top <= y1
        if inside || level == finest {
            let shift = Int64(2 * (order - level))
            let prefix = level == 0 ? 0 : xy2d(order: level, x: nx, y: ny)
            out.append((prefix << shift)...(((prefix + 1) << shift) - 1))
            return
        }
        for (cx, cy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            collect(
                level: level + 1, nx: nx * 2 + cx, ny: ny * 2 + cy, finest: finest, box: box,
                into: &out)
        }
    }
}
