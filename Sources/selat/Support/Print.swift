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
