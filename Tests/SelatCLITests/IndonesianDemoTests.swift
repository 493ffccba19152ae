import Foundation
import SelatTestSupport
import Testing

/// `LANG=id_ID.UTF-8 selat demo`: the documents an officer and an analyst read, in Indonesian.
@Suite("The demo in Bahasa Indonesia")
struct IndonesianDemoTests {
    @Test(
        "the report, its map and the briefings hold no English sentence of the catalogue"
    )
    func demo() throws {
        let dir = TemporaryDirectory("demo-id")
        let r = try CLI.run(
            ["demo", "--out", dir.file("demo"), "--count", "1500", "--days", "60", "--no-png"],
            in: dir,
            env: ["SELAT_CACHE_DIR": Demo.cache.path, "SELAT_LANG": "", "LANG": "id_ID.UTF-8"])
        #expect(r.status == 0, "\(r.err)")
        // What the demo says on the terminal, as well as what it writes.
        #expect(r.out.contains("Demo Selat") && r.out.contains("Selesai."), "\(r.out.prefix(300))")
        let said = englishSentencesOfTheCatalogue().filter { r.out.contains($0.text) }
        #expect(said.isEmpty, "the demo's account holds \(said)")
        let report = try String(contentsOfFile: dir.file("demo/report.html"), encoding: .utf8)
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(
                of: "&amp;", with: "&")
        let markdown = try String(contentsOfFile: dir.file("demo/report.md"), encoding: .utf8)
        for title in [
            "Ringkasan", "Menurut kegiatan", "Menurut jenis kapal", "Titik rawan teratas",
        ] {
            #expect(report.contains("<h2>\(title)</h2>") && markdown.contains("## \(title)"))
        }
        #expect(markdown.hasPrefix("# Laporan analisis Selat, "))
        #expect(markdown.contains("DATA DEMO SINTETIS"))
        #expect(
            report.contains("mil laut arah") && report.contains("' LU ") && report.contains("' BT"))
        #expect(report.contains("perdagangan orang") && report.contains("Bulan"))
        let briefings =
            (try FileManager.default.contentsOfDirectory(atPath: dir.file("demo/briefings")))
            .filter { $0.hasSuffix(".html") }
        #expect(!briefings.isEmpty)
        let map = try String(contentsOfFile: dir.file("demo/map.html"), encoding: .utf8)
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(
                of: "&amp;", with: "&")
        #expect(map.contains("Kepulauan Riau") && map.contains("Titik rawan, keyakinan 99%"))
        #expect(map.contains("<h2>Lapisan</h2>") && map.contains("Belum ada yang dipilih."))
        var pages = [("report.html", report), ("report.md", markdown), ("map.html", map)]
        // The files a chartplotter or Google Earth shows: their names and descriptions too.
        for name in ["sightings.kml", "hotspots.kml", "plan.kml", "plan.gpx", "hotspots.gpx"] {
            // KML's ExtendedData holds the properties: data (English identifiers), not labels.
            let text = try String(contentsOfFile: dir.file("demo/\(name)"), encoding: .utf8)
                .replacing(/<ExtendedData>[\s\S]*?<\/ExtendedData>/, with: "")
                .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(
                    of: "&amp;", with: "&")
            #expect(text.contains("DATA DEMO SINTETIS"), "\(name)")
            pages.append((name, text))
        }
        let kml = pages.first { $0.0 == "hotspots.kml" }?.1 ?? ""
        #expect(kml.contains("Titik rawan, keyakinan") && kml.contains("laporan kontak"))
        for name in briefings {
            pages.append(
                (
                    name,
                    try String(contentsOfFile: dir.file("demo/briefings/\(name)"), encoding: .utf8)
                        .replacingOccurrences(of: "&apos;", with: "'")
                        .replacingOccurrences(of: "&amp;", with: "&")
                ))
        }
        let english = englishSentencesOfTheCatalogue()
        for (name, text) in pages {
            for (key, sentence) in english {
                #expect(!text.contains(sentence), "\(name) holds \(key): \(sentence)")
            }
        }
    }
}
