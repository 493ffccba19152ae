import Foundation
import SelatGeo
import Testing

@testable import SelatFormats

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("The map: layers, legend, scale bar in nm, north arrow; an offline page around it")
struct MapSVGTests {
    static func map() throws -> MapDocument {
        let c = try Coordinate(latitude: 1.15, longitude: 104.0)
        let ring = [
            try Coordinate(latitude: 1.1, longitude: 103.95),
            try Coordinate(latitude: 1.1, longitude: 104.05),
            try Coordinate(latitude: 1.2, longitude: 104.05),
            try Coordinate(latitude: 1.2, longitude: 103.95),
            try Coordinate(latitude: 1.1, longitude: 103.95),
        ]
        let hot = MapDocument.Style(fill: "#d73027", fillOpacity: 0.7)
        return MapDocument(
            title: "Test <map>", subtitle: "1–2 Nov", attribution: "GSHHG", warning: "SYNTHETIC",
            extent: [103.9, 1.0, 104.1, 1.3],
            layers: [
                .init(
                    id: "cells", title: "Cells",
                    items: [
                        .init(
                            geometry: .polygon([ring]), style: hot, title: "hot cell",
                            details: [("bin", "3")])
                    ],
                    legend: [.init(style: hot, text: "Hot spot, 99% confidence")]),
                .init(
                    id: "sightings", title: "Sightings", visible: false,
                    items: [
                        .init(
                            geometry: .point(c), style: .init(fill: "#d7191c", radius: 3),
                            title: "trafficking", label: "S1")
                    ]),
            ])
    }

    @Test(
        "the SVG is well-formed XML with a group per layer, hidden layers hidden, a legend and details"
    )
    func svg() throws {
        let text = MapSVG(try Self.map()).text
        let doc = try XMLDocument(data: Data(text.utf8))
        #expect(doc.rootElement()?.name == "svg")
        #expect(text.contains("<g id=\"layer-cells\" class=\"layer\" data-title=\"Cells\">"))
        #expect(
            text.contains(
                "<g id=\"layer-sightings\" class=\"layer\" data-title=\"Sightings\" style=\"display:none\">"
            ))
        #expect(
            text.contains("Hot spot, 99% confidence") && text.contains("id=\"north-arrow\"")
                && text.contains("Test &lt;map&gt;"))
        #expect(
            text.contains("data-d=\"[[&quot;bin&quot;,&quot;3&quot;]]\"")
                && text.contains(">S1</text>"))
    }

    @Test("the scale bar is a round number of nautical miles at the map's scale")
    func scaleBar() throws {
        let m = try Self.map()
        let p = MapSVG(m).projection
        // The extent is 0.3° of latitude tall (18 nm): the frame's height in pixels covers at least that.
        #expect(p.nauticalMilesPerPixel <= 18 / MapSVG(m).frame.height + 1e-12)
        let bar = MapSVG.scaleBar(nauticalMilesPerPixel: p.nauticalMilesPerPixel)
        #expect([0.5, 1, 2, 5].contains(bar.nm) && bar.pixels <= 140 && bar.pixels > 50)
        #expect(abs(bar.pixels * p.nauticalMilesPerPixel - bar.nm) < 1e-9)
        #expect(
            MapSVG(m).text.contains("id=\"scale-text\"")
                && MapSVG(m).text.contains(
                    "\(bar.nm == bar.nm.rounded() ? String(Int(bar.nm)) : String(bar.nm)) nm")
        )
    }

    @Test("positions closer than the tolerance are not drawn twice")
    func decimation() throws {
        let m = try Self.map()
        let svg = MapSVG(m)
        let a = try Coordinate(latitude: 1.15, longitude: 104.0)
        let near = try Coordinate(latitude: 1.1500001, longitude: 104.0000001)
        let far = try Coordinate(latitude: 1.2, longitude: 104.05)
        let d = svg.path([[a, near, near, far]], svg.projection, closed: false)
        #expect(d.components(separatedBy: "L").count == 2)
    }

    @Test("the page is self-contained: inline map and script, nothing fetched from the network")
    func page() throws {
        let text = MapPage(try Self.map()).text
        #expect(
            text.hasPrefix("<!DOCTYPE html>") && text.contains("<svg") && text.contains("<script>"))
        #expect(
            !text.contains("src=\"http") && !text.contains("href=\"http")
                && !text.contains("@import"))
        #expect(text.contains("@page { size: A4 landscape"))
    }
}
