import Foundation

/// An axis-aligned rectangle in the plane (for geographic use: x = longitude, y = latitude).
public struct Rect: Sendable, Hashable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The rectangle of a single point.
    public init(x: Double, y: Double) { self.init(minX: x, minY: y, maxX: x, maxY: y) }

    public func intersects(_ o: Rect) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    /// Squared distance from a point to the rectangle, with x differences scaled by `xScale`
    /// (cos(latitude) makes degrees of longitude and latitude comparable).
    public func distanceSquared(x: Double, y: Double, xScale: Double = 1) -> Double {
        let dx = x < minX ? minX - x : (x > maxX ? x - maxX : 0)
        let dy = y < minY ? minY - y : (y > maxY ? y - maxY : 0)
        return dx * dx * xScale * xScale + dy * dy
    }
}

/// A static R-tree packed bottom-up along a Hilbert curve: build once from all items, then query.
///
/// Items are sorted by the Hilbert index of their rectangle's centre and grouped `nodeSize` at a
/// time into leaves, then the same again level by level (the packing of Kamel & Faloutsos 1993,
/// "On packing R-trees", as V. Agafonkin's flatbush does it). Nodes are stored level after level in
/// flat arrays, so the tree is a few contiguous buffers.
///
/// - Complexity: build O(n log n); box search O(log n + k) for well-behaved data; nearest
///   neighbours best-first (Hjaltason & Samet 1999).
public struct PackedRTree: Sendable {
    public let count: Int
    public let nodeSize: Int
    private var rects: [Rect] = []
    /// For leaf entries, the item index; for internal entries, the position of the first child.
    private var links: [Int] = []
    private var levelEnds: [Int] = []
    /// The rectangle around every item.
    public private(set) var bounds: Rect

    /// Builds the tree over `items`' rectangles; item `i` is reported as index `i`.
    public init(_ items: [Rect], nodeSize: Int = 16) {
        precondition(nodeSize >= 2, "nodeSize must be at least 2")
        count = items.count
        self.nodeSize = nodeSize
        bounds = Rect(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        for r in items {
            bounds.minX = min(bounds.minX, r.minX)
            bounds.minY = min(bounds.minY, r.minY)
            bounds.maxX = max(bounds.maxX, r.maxX)
            bounds.maxY = max(bounds.maxY, r.maxY)
        }
        guard !items.isEmpty else { return }
        // Sort by the Hilbert index of the centres on a 2^16 grid over the bounds.
        let w = max(bounds.maxX - bounds.minX, .leastNonzeroMagnitude)
        let h = max(bounds.maxY - bounds.minY, .leastNonzeroMagnitude)
        let side = Double((1 << 16) - 1)
        let keys = items.map { r -> Int64 in
            let cx = Int(((r.minX + r.maxX) / 2 - bounds.minX) / w * side)
            let cy = Int(((r.minY + r.maxY) / 2 - bounds.minY) / h * side)
            return HilbertKey.xy2d(order: 16, x: cx, y: cy)
        }
        let order = items.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        rects = order.map { items[$0] }
        links = order
        // Level 0 is the items; each further level packs the one below, up to a single root.
        levelEnds = [rects.count]
        var levelStart = 0
        repeat {
            let levelEnd = rects.count
            var i = levelStart
            while i < levelEnd {
                let end = min(i + nodeSize, levelEnd)
                var r = rects[i]
                for j in (i + 1)..<end {
                    r.minX = min(r.minX, rects[j].minX)
                    r.minY = min(r.minY, rects[j].minY)
                    r.maxX = max(r.maxX, rects[j].maxX)
                    r.maxY = max(r.maxY, rects[j].maxY)
                }
                rects.append(r)
                links.append(i)
                i = end
            }
            levelStart = levelEnd
            levelEnds.append(rects.count)
        } while rects.count - levelStart > 1
    }

    /// Calls `visit` with every item whose rectangle intersects `query`; stop by returning false.
    public func search(_ query: Rect, _ visit: (Int) -> Bool) {
        guard count > 0 else { return }
        var stack = [(rects.count - 1, levelEnds.count - 1)]
        while let (node, lvl) = stack.popLast() {
            let start = links[node]
            let end = min(start + nodeSize, levelEnds[lvl - 1])
            for pos in start..<end where query.intersects(rects[pos]) {
                if lvl - 1 == 0 {
                    if !visit(links[pos]) { return }
                } else {
                    stack.append((pos, lvl - 1))
                }
            }
        }
    }

    /// The items whose rectangles intersect `query`.
    public func search(_ query: Rect) -> [Int] {
        var out: [Int] = []
        search(query) {
            out.append($0)
            return true
        }
        return out
    }

    /// Items nearest to a point, closest first, by an exact item distance.
    ///
    /// - Parameters:
    ///   - x, y: The point.
    ///   - xScale: Scale applied to x differences in the rectangle bound (use cos(latitude) for
    ///     longitude/latitude); `itemDistance` must use the same metric and never be less than the
    ///     scaled distance to the item's rectangle.
    ///   - k: At most this many.
    ///   - maxDistance: Only items within this distance (in the same metric).
    ///   - itemDistance: The exact distance to an item, or nil to skip it.
    /// - Returns: Pairs of item index and distance, nearest first.
    public func nearest(
        x: Double, y: Double, xScale: Double = 1, k: Int, maxDistance: Double = .infinity,
        itemDistance: (Int) -> Double?
    ) -> [(index: Int, distance: Double)] {
        guard count > 0, k > 0 else { return [] }
        // Min-heap of (distance, isItem, position/item, level).
        var heap = MinHeap<(Double, Int, Int)>(lessThan: { $0.0 < $1.0 })
        heap.push((0, rects.count - 1, levelEnds.count - 1))
        var results: [(Int, Double)] = []
        let maxSquared = maxDistance == .infinity ? Double.infinity : maxDistance * maxDistance
        while let (d, ref, lvl) = heap.pop() {
            if lvl < 0 {
                // An item with its exact distance.
                if d > maxDistance { break }
                results.append((ref, d))
                if results.count == k { break }
                continue
            }
            let start = links[ref]
            let end = min(start + nodeSize, levelEnds[lvl - 1])
            for pos in start..<end {
                let bound = rects[pos].distanceSquared(x: x, y: y, xScale: xScale)
                if bound > maxSquared { continue }
                if lvl - 1 == 0 {
                    if let exact = itemDistance(links[pos]), exact <= maxDistance {
                        heap.push((exact, links[pos], -1))
                    }
                } else {
                    heap.push((bound.squareRoot(), pos, lvl - 1))
                }
            }
        }
        return results.map { (index: $0.0, distance: $0.1) }
    }

    /// Items within `radius` of a point (same metric as ``nearest(x:y:xScale:k:maxDistance:itemDistance:)``).
    public func within(
        x: Double, y: Double, xScale: Double = 1, radius: Double,
        itemDistance: (Int) -> Double?
    ) -> [(index: Int, distance: Double)] {
        nearest(
            x: x, y: y, xScale: xScale, k: .max, maxDistance: radius, itemDistance: itemDistance)
    }
}

/// A binary min-heap.
struct MinHeap<Element> {
    private var items: [Element] = []
    private let lessThan: (Element, Element) -> Bool

    init(lessThan: @escaping (Element, Element) -> Bool) { self.lessThan = lessThan }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !lessThan(items[i], items[parent]) { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < items.count && lessThan(items[l], items[m]) { m = l }
            if r < items.count && lessThan(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
