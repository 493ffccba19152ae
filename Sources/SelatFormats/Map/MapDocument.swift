import Foundation
import SelatGeo

/// A map as layers of styled features over an extent, drawn by this package alone (no tiles, no
/// CDN): as a static SVG (A4 landscape, with legend, scale bar in nm, north arrow, title and
/// attribution) or as a self-contained HTML page that adds pan/zoom, layer toggles and details on
/// hover and click. See ``MapSVG`` and ``MapPage``.
public struct MapDocument: Sendable {
    /// How a feature is drawn (SVG presentation attributes).
    public struct Style: Sendable, Hashable {
        public var fill: String?
        public var fillOpacity: Double
        public var stroke: String?
        public var strokeWidth: Double
        public var dash: String?
        /// Point radius in px.
        public var radius: Double

        public init(
            fill: String? = nil, fillOpacity: Double = 1, stroke: String? = nil,
            strokeWidth: Double = 1,
            dash: String? = nil, radius: Double = 3
        ) {
            self.fill = fill
            self.fillOpacity = fillOpacity
            self.stroke = stroke
            self.strokeWidth = strokeWidth
            self.dash = dash
            self.radius = radius
        }
    }

    /// One drawn thing: a geometry, its style, a hover title and click details.
    public struct Item: Sendable {
        public var geometry: GeoJSONGeometry
        public var style: Style
        public var title: String?
        public var details: [(String, String)]
        /// A label drawn beside a point or at a line's end.
        public var label: String?
        /// An `id` for the drawn element (for pages that refer to it).
        public var elementID: String?

        public init(
            geometry: GeoJSONGeometry, style: Style, title: String? = nil,
            details: [(String, String)] = [], label: String? = nil,
            elementID: String? = nil
        ) {
            self.geometry = geometry
            self.style = style
            self.title = title
            self.details = details
            self.label = label
            self.elementID = elementID
        }
    }

    /// A legend entry: a swatch drawn in `style` (a point when `point`), and its text.
    public struct LegendEntry: Sendable {
        public var style: Style
        public var point: Bool
        public var text: String

        public init(style: Style, point: Bool = false, text: String) {
            self.style = style
            self.point = point
            self.text = text
        }
    }

    public struct Layer: Sendable {
        /// Used in element ids: `layer-<id>`.
        public var id: String
        public var title: String
        public var visible: Bool
        public var items: [Item]
        public var legend: [LegendEntry]

        public init(
            id: String, title: String, visible: Bool = true, items: [Item] = [],
            legend: [LegendEntry] = []
        ) {
            self.id = id
            self.title = title
            self.visible = visible
            self.items = items
            self.legend = legend
        }
    }

    public var title: String
    /// Under the title: the time window, the data's origin.
    public var subtitle: String?
    /// Printed at the foot: sources and licences.
    public var attribution: String
    /// A banner across the map: synthetic data.
    public var warning: String?
    /// `[west, south, east, north]` in degrees.
    public var extent: [Double]
    /// Drawing size in px; A4 landscape at 96 dpi by default.
    public var width: Double
    public var height: Double
    /// Layers, bottom first.
    public var layers: [Layer]
    /// The words drawn on the map itself: the scale bar's unit, the legend's title, the north
    /// arrow's letter, and whether its numbers take a decimal comma (Indonesian: `ml`,
    /// `Keterangan`, `U`, `0,5`).
    public var scaleUnit = "nm"
    public var legendTitle = "Legend"
    public var northLetter = "N"
    public var decimalComma = false
    /// The words of the page around the map (its controls), in the map's language.
    public var viewer = Viewer()

    /// The words of the HTML page's controls; the front end sets them in its user's language.
    public struct Viewer: Sendable {
        /// The page's language tag (`en`, `id`).
        public var language = "en"
        public var layers = "Layers"
        public var view = "View"
        public var zoomIn = "Zoom in"
        public var zoomOut = "Zoom out"
        public var wholeMap = "Whole map"
        public var hint =
            "Drag to pan, wheel to zoom. Click a sighting, cell, stop or route for details."
        public var details = "Details"
        public var nothingSelected = "Nothing selected."

        public init() {}
    }

    public init(
        title: String, subtitle: String? = nil, attribution: String, warning: String? = nil,
        extent: [Double],
        width: Double = 1123, height: Double = 794, layers: [Layer] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.attribution = attribution
        self.warning = warning
        self.extent = extent
        self.width = width
        self.height = height
        self.layers = layers
    }

    /// The extent holding `positions`, padded by `pad` of its size (at least `minimumDegrees` across).
    public static func extent(
        of positions: [Coordinate], pad: Double = 0.08, minimumDegrees: Double = 0.1
    ) -> [Double]? {
        guard var box = GeoJSONGeometry.boundingBox(positions) else { return nil }
        let w = max(box[2] - box[0], minimumDegrees)
        let h = max(box[3] - box[1], minimumDegrees)
        let cx = (box[0] + box[2]) / 2
        let cy = (box[1] + box[3]) / 2
        box = [
            cx - w / 2 * (1 + 2 * pad), cy - h / 2 * (1 + 2 * pad), cx + w / 2 * (1 + 2 * pad),
            cy + h / 2 * (1 + 2 * pad),
        ]
        return box
    }
}

/// Maps longitude/latitude to the drawing: equirectangular with x scaled by cos(latitude) at the
/// centre (near the equator, as here, within 0.1 % of Mercator), the extent fitted into the frame.
public struct MapProjection: Sendable {
    public let frame: (x: Double, y: Double, width: Double, height: Double)
    public let centre: (lon: Double, lat: Double)
    /// Pixels per degree of latitude.
    public let scale: Double
    let k: Double

    public init(extent: [Double], frame: (x: Double, y: Double, width: Double, height: Double)) {
        self.frame = frame
        centre = ((extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2)
        k = cos(centre.lat * .pi / 180)
        scale = min(
            frame.width / max(1e-9, (extent[2] - extent[0]) * k),
            frame.height / max(1e-9, extent[3] - extent[1]))
    }

    public func x(_ lon: Double) -> Double {
        frame.x + frame.width / 2 + (lon - centre.lon) * k * scale
    }
    public func y(_ lat: Double) -> Double {
        frame.y + frame.height / 2 - (lat - centre.lat) * scale
    }
    public func point(_ c: Coordinate) -> (Double, Double) { (x(c.longitude), y(c.latitude)) }

    /// Nautical miles per pixel (1′ of latitude = 1 nm).
    public var nauticalMilesPerPixel: Double { 60 / scale }

    /// The visible extent `[west, south, east, north]`.
    public var visible: [Double] {
        [
            centre.lon - frame.width / 2 / (k * scale), centre.lat - frame.height / 2 / scale,
            centre.lon + frame.width / 2 / (k * scale), centre.lat + frame.height / 2 / scale,
        ]
    }
}
