import Foundation
import SelatAnalysis
import SelatModel

/// The colours every export and map uses, so a sighting, a cell or a boat looks the same in QGIS
/// (via KML), Google Earth and the HTML map.
public enum Palette {
    /// By activity: the crimes first, in strong colours.
    public static func activity(_ a: Activity) -> String {
        switch a {
        case .trafficking: "#d7191c"
        case .smuggling: "#ff7f00"
        case .illegalFishing: "#1a9641"
        case .piracy: "#7b3294"
        case .unknown: "#636363"
        case .none: "#9ecae1"
        }
    }

    /// Gi* confidence bins −3…3 (cold blue to hot red, diverging; ColorBrewer RdYlBu).
    public static func bin(_ b: Int) -> String {
        switch b {
        case 3...: "#d73027"
        case 2: "#fc8d59"
        case 1: "#fee090"
        case -1: "#e0f3f8"
        case -2: "#91bfdb"
        case ...(-3): "#4575b4"
        default: "#ffffbf"
        }
    }

    /// Emerging hot and cold spot patterns.
    public static func pattern(_ p: String) -> String {
        switch p {
        case EmergingHotSpots.Pattern.newHot.rawValue: "#67000d"
        case EmergingHotSpots.Pattern.intensifyingHot.rawValue: "#a50f15"
        case EmergingHotSpots.Pattern.consecutiveHot.rawValue: "#ef3b2c"
        case EmergingHotSpots.Pattern.persistentHot.rawValue: "#cb181d"
        case EmergingHotSpots.Pattern.sporadicHot.rawValue: "#fc9272"
        case EmergingHotSpots.Pattern.oscillatingHot.rawValue: "#fb6a4a"
        case EmergingHotSpots.Pattern.diminishingHot.rawValue: "#fcbba1"
        case EmergingHotSpots.Pattern.historicalHot.rawValue: "#bcbddc"
        case _ where p.contains("cold"): "#6baed6"
        default: "#cccccc"
        }
    }

    /// Boats of a plan, in order.
    public static let boats = [
        "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#17becf",
    ]

    public static func boat(_ k: Int) -> String { boats[k % boats.count] }
}
