import Foundation
import SelatGeo
import Testing

@testable import SelatModel

@Suite("Audit entries keep what was sent, control characters made visible")
struct AuditEntryTests {
    @Test(
        "the control test is Unicode's general category Cc (less newline and tab) for every scalar")
    func controlIsUnicodeCc() {
        var checked = 0
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }  // surrogates
            let unicode =
                scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
            #expect(AuditEntry.isControl(scalar) == unicode, "U+\(String(v, radix: 16))")
            checked += 1
        }
        #expect(checked == 0x110000 - 0x800)
    }

    @Test("text with control characters is written with them spelled out; other text is unchanged")
    func storable() {
        let cases: [(String, String)] = [
            ("plain ASCII", "plain ASCII"),
            ("tab\tand\nnewline", "tab\tand\nnewline"),
            ("nul\u{0}bell\u{7}del\u{7F}", "nul\\u{0}bell\\u{7}del\\u{7f}"),
            ("c1 \u{85} next line, \u{9F} last", "c1 \\u{85} next line, \\u{9f} last"),
            // Letters whose UTF-8 starts with the byte 0xC2 but are not controls.
            ("pound £, nbsp \u{A0}, section §", "pound £, nbsp \u{A0}, section §"),
            ("Bahasa: kapal cepat ⛵ 🚤", "Bahasa: kapal cepat ⛵ 🚤"),
        ]
        for (sent, kept) in cases {
            #expect(AuditEntry.storable(sent) == kept, "\(sent.debugDescription)")
        }
    }
}
