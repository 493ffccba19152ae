import Foundation
import SelatKit

#if canImport(Glibc)
    import Glibc
#endif

/// Every `print` of the command line comes here (this shadows the standard library's within the
/// module). On a terminal, control characters in stored text (ESC sequences, bare CRs) and
/// direction overrides are shown escaped, so an imported value cannot recolour the screen,
/// hide a line or disguise itself. Piped or redirected output (`--out -` into a file) is left
/// byte for byte as stored.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator) + terminator
    let shown = standardOutputIsTerminal ? TerminalText.escaped(text) : text
    do { try FileHandle.standardOutput.write(contentsOf: Data(shown.utf8)) } catch {
        // The reader went away (`selat patrol start … | head -1`): stop as any Unix tool does
        // when its pipe closes, by SIGPIPE, instead of crashing. What was done is done.
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
    }
}

let standardOutputIsTerminal = isatty(STDOUT_FILENO) != 0

extension String {
    /// The text right-aligned in `width` columns (as `%10@` would, which Linux Foundation does
    /// not pad).
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}

/// Standard output gathered into large writes (a streamed answer of 200,000 rows is not
/// 200,000 system calls), through ``print(_:separator:terminator:)``: escaped on a terminal,
/// SIGPIPE when the reader goes away.
struct BufferedOutput {
    private var pending = ""
    private let capacity = 1 << 18

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= capacity { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        print(pending, terminator: "")
        pending = ""
    }
}
