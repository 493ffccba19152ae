import Dispatch
import Foundation

/// Splitting loops over the available cores.
public enum Parallel {
    /// Number of worker chunks: one per active core.
    public static var workers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` with contiguous ranges covering `0..<count`, concurrently. Small counts run
    /// inline; `minimumChunk` is the smallest range worth a thread.
    public static func forEachChunk(
        count: Int, minimumChunk: Int = 4096, _ body: @Sendable (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let chunks = min(workers * 4, max(1, count / minimumChunk))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let a = c * size
            let b = min(count, a + size)
            if a < b { body(a..<b) }
        }
    }

    /// `transform` of each index in `0..<count`, computed concurrently in chunks, in index order.
    public static func map<T: Sendable>(
        count: Int, minimumChunk: Int = 4096, _ transform: @Sendable (Int) -> T
    ) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            forEachChunk(count: count, minimumChunk: minimumChunk) { range in
                for i in range { (buffer.baseAddress! + i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }
}
