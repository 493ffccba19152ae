import Foundation
import SelatGeo
import SelatTestSupport
import Testing

@testable import SelatFormats

@Suite("GPX 1.1 documents")
struct GPXDocumentTests {
    @Test("special characters are escaped and forbidden controls replaced")
    func escaping() {
        #expect(GPXDocument.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(GPXDocument.escape("x\u{1}y\tz") == "x\u{FFFD}y\tz")
    }

    @Test("points carry time, name, cmt, desc, sym, type in schema order; times are UTC")
    func pointOrder() throws {
        var doc = GPXDocument(name: "t", time: Timestamp(millisecondsSince1970: 0))
        doc.addWaypoint(
            .init(
                position: try Coordinate(latitude: 1.1753, longitude: 104.0383),
                time: Timestamp(millisecondsSince1970: 1_763_649_600_000), name: "A", comment: "c",
                description: "d", symbol: "s", type: "y"))
        let text = doc.text
        let order = [
            "<time>2025-11-20T14:40:00Z</time>", "<name>A</name>", "<cmt>c</cmt>", "<desc>d</desc>",
            "<sym>s</sym>", "<type>y</type>",
        ]
        let positions = order.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains(#"<wpt lat="1.1753" lon="104.0383">"#))
        #expect(
            text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Selat\""
            ))
    }
}
