import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C during long work: the first press asks the work to stop cleanly at its next safe
/// point (an import finishes the batch it is writing and says how to resume); a second press
/// ends the process at once (still safe: every write is a transaction).
final class Interruption: @unchecked Sendable {
    private let requested = Atomic<Bool>(false)
    private var source: (any DispatchSourceSignal)?

    init() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            if self.requested.exchange(true, ordering: .relaxed) { _exit(130) }
            FileHandle.standardError.write(
                Data("\nStopping after the current batch (Ctrl-C again to stop at once)…\n".utf8))
        }
        source.resume()
        self.source = source
    }

    var isRequested: Bool { requested.load(ordering: .relaxed) }

    deinit {
        source?.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
