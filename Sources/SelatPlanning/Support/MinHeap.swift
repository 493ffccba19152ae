/// A binary min-heap of (priority, item) pairs, for Dijkstra and A*.
struct MinHeap: Sendable {
    private var keys: [Double] = []
    private var items: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func push(_ key: Double, _ item: Int32) {
        keys.append(key)
        items.append(item)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[parent] > keys[i] else { break }
            keys.swapAt(parent, i)
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (key: Double, item: Int32)? {
        guard let top = keys.first else { return nil }
        let item = items[0]
        let lastKey = keys.removeLast()
        let lastItem = items.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            items[0] = lastItem
            var i = 0
            let n = keys.count
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < n, keys[l] < keys[m] { m = l }
                if r < n, keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(m, i)
                items.swapAt(m, i)
                i = m
            }
        }
        return (top, item)
    }
}
