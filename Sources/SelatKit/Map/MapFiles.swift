import Foundation
import SelatFormats

/// Writes a map as the files people open: the interactive HTML page, the SVG (Inkscape, Word,
/// a browser) and, where Chromium is installed, a PNG.
public enum MapFiles {
    /// Writes the files asked for; returns what was written, each with how to open it.
    /// - Throws: ``KitError`` when a file cannot be written or the PNG cannot be rendered.
    /// - Parameters:
    ///   - personal: The map shows personal data (names, notes): files are created mode 0600.
    ///   - force: Replace existing files even if Selat did not write them as maps.
    public static func write(
        _ map: MapDocument, html: String?, svg: String?, png: String?,
        purpose: OutputPurpose = .map,
        personal: Bool = false, force: Bool = false
    ) throws(KitError) -> [(path: String, how: String)] {
        var written: [(String, String)] = []
        // Every destination is checked before anything is written.
        for path in [html, svg, png].compactMap({ $0 }) {
            try KitError.output { () throws(OutputError) in
                try OutputFile.check(path, purpose: purpose, force: force)
            }
        }
        let svgText = MapSVG(map).text
        if let html {
            try Exporter.write(
                MapPage(map).text, to: html, purpose: purpose, personal: personal, force: force)
            written.append((html, "open in any browser, offline; print on A4 landscape"))
        }
        if let svg {
            try Exporter.write(svgText, to: svg, purpose: purpose, personal: personal, force: force)
            written.append((svg, "a picture for reports: browser, Inkscape, LibreOffice"))
        }
        if let png {
            guard let browser = HeadlessBrowser.find() else {
                throw .browser(.missing(installHint: HeadlessBrowser.installHint))
            }
            let source: String
            var temporary: String?
            if let svg {
                source = svg
            } else {
                let t = (NSTemporaryDirectory() as NSString).appendingPathComponent(
                    "selat-map-\(UUID().uuidString).svg")
                try Exporter.write(svgText, to: t, purpose: purpose, personal: personal)
                source = t
                temporary = t
            }
            defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
            let file = try KitError.output { () throws(OutputError) in
                try OutputFile(path: png, purpose: purpose, personal: personal, force: force)
            }
            try browser.screenshot(
                of: source, to: file.temporaryPath, width: Int(map.width), height: Int(map.height))
            try KitError.output { () throws(OutputError) in try file.commit() }
            written.append((png, "an image (\(Int(map.width))×\(Int(map.height)) px)"))
        }
        return written
    }
}
