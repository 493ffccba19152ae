import Foundation
import SelatGeo
import SelatModel

/// How a front end writes the commands that reproduce what a use case did: stored with each
/// hotspot run and plan, printed in reports and in the demo's account. The command line writes
/// `selat hotspots --night --top 5`; another front end may write a link or nothing.
public struct CommandSpelling: Sendable {
    /// The spelling of controls in messages.
    public var names: ControlNames
    /// A hotspot run: the request, the database (nil: the default) and the GeoJSON written.
    public var hotspots: @Sendable (HotspotRequest, _ database: String?, _ out: String?) -> String
    /// Showing a stored run again (`run` as text: a number, or a placeholder such as `N`).
    public var showHotspotRun: @Sendable (_ run: String, _ database: String?) -> String
    /// A patrol plan.
    public var plan: @Sendable (PatrolPlanner.Request, _ database: String?) -> String
    /// Showing a stored plan again.
    public var showPlan: @Sendable (_ plan: Int64, _ database: String?) -> String
    /// Listing sightings near a place since a time.
    public var sightingsNear:
        @Sendable (_ place: String, _ within: Distance, _ since: Timestamp, _ database: String?) ->
            String
    /// A sea route between two places at a speed.
    public var seaRoute: @Sendable (_ from: String, _ to: String, _ speed: Speed) -> String

    public init(
        names: ControlNames,
        hotspots: @escaping @Sendable (HotspotRequest, String?, String?) -> String,
        showHotspotRun: @escaping @Sendable (String, String?) -> String,
        plan: @escaping @Sendable (PatrolPlanner.Request, String?) -> String,
        showPlan: @escaping @Sendable (Int64, String?) -> String,
        sightingsNear: @escaping @Sendable (String, Distance, Timestamp, String?) -> String,
        seaRoute: @escaping @Sendable (String, String, Speed) -> String
    ) {
        self.names = names
        self.hotspots = hotspots
        self.showHotspotRun = showHotspotRun
        self.plan = plan
        self.showPlan = showPlan
        self.sightingsNear = sightingsNear
        self.seaRoute = seaRoute
    }

    /// No commands (a front end without one): every spelling is empty.
    public static let none = CommandSpelling(
        names: .neutral, hotspots: { _, _, _ in "" }, showHotspotRun: { _, _ in "" },
        plan: { _, _ in "" }, showPlan: { _, _ in "" }, sightingsNear: { _, _, _, _ in "" },
        seaRoute: { _, _, _ in "" })
}
