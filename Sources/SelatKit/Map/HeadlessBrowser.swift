import Foundation

/// A headless Chromium (or Chrome) on this machine, used to turn a map into a PNG. Optional:
/// without one, `selat map --png` says how to install it and the HTML and SVG are still written.
public struct HeadlessBrowser: Sendable {
    public let executable: String

    /// The first of `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable` on
    /// `PATH` (or `$SELAT_CHROMIUM`), or nil.
    public static func find() -> HeadlessBrowser? {
        let env = ProcessInfo.processInfo.environment
        if let given = env["SELAT_CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) {
            return HeadlessBrowser(executable: given)
        }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs {
                let path = (dir as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: path) {
                    return HeadlessBrowser(executable: path)
                }
            }
        }
        return nil
    }

    public static let installHint =
        "install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set SELAT_CHROMIUM to its path"

    /// Renders a local page or SVG to a PNG of `width` × `height` CSS pixels.
    /// - Throws: ``KitError/other(_:)`` with Chromium's own message when it fails.
    public func screenshot(
        of file: String, to png: String, width: Int, height: Int, scale: Double = 1
    ) throws(KitError) {
        let url = URL(fileURLWithPath: file).absoluteString
        let profile = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "selat-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        // The caller gives a temporary file of its own (OutputFile), which Chromium fills.
        let target = URL(fileURLWithPath: png).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-extensions", "--user-data-dir=\(profile)",
            "--force-device-scale-factor=\(scale)",
            "--window-size=\(width),\(height)", "--screenshot=\(target)", url,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .browser(
                .cannotStart(
                    executable: executable, reason: error.localizedDescription,
                    installHint: Self.installHint))
        }
        let message = String(
            decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            let last = message.split(separator: "\n").suffix(3).joined(separator: " ")
            throw .browser(
                .failed(file: file, png: png, status: process.terminationStatus, message: last))
        }
    }
}
