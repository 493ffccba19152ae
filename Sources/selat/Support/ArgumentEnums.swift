import ArgumentParser
import SelatGeoData
import SelatKit

// Values an option takes from a fixed list. ArgumentParser lists them in `--help` and in shell
// completions, and refuses any other value (exit status 2) before a command runs, so no command
// checks or force-unwraps these strings itself. Reading is as forgiving as the files: case,
// spaces and hyphens do not matter for the model's words (`illegal-fishing`).

extension VesselType: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Activity: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension SightingSource: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Waypoint.Kind: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Route.Kind: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Boat.Waters: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Place.Kind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension HotspotMethod: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension HotspotRequest.Step: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension StudyExtent: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SightingImporter.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SightingRenderer.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension FeatureLayer.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension PatrolPlanRenderer.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SeaRouteRenderer.Format: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `selat hotspots --format`.
enum HotspotsFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `selat places --format`.
enum PlacesFormat: String, CaseIterable, ExpressibleByArgument {
    case table, geojson
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `selat waypoint list --format`.
enum WaypointListFormat: String, CaseIterable, ExpressibleByArgument {
    case table, csv
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `selat route show --format`.
enum RouteShowFormat: String, CaseIterable, ExpressibleByArgument {
    case table, gpx
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension PatrolCoverage.History: ExpressibleByArgument {}
