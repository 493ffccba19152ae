import Foundation
import SelatKit

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to the terminal: messages to standard error, progress only when it is a terminal.
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes a line to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
    }

    /// Draws a progress bar on standard error (terminals only).
    static func progress(_ fraction: Double, _ label: String) {
        guard standardErrorIsTerminal else { return }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar =
            String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(
            Data(String(format: "\r[%@] %3d%% %@", bar, Int(fraction * 100), label).utf8))
    }

    static func endProgress() {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
