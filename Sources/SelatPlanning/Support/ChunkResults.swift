import Foundation

/// One slot per worker for results computed concurrently (`DispatchQueue.concurrentPerform`),
/// read once every worker has finished.
final class ChunkResults<T: Sendable>: @unchecked Sendable {
    private var slots: [T]
    private let lock = NSLock()

    init(count: Int, empty: T) { slots = Array(repeating: empty, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot, in order.
    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
