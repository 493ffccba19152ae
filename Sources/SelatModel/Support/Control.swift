import Foundation
import SelatWords

/// A choice a user makes in a front end: a command-line option, a form field, a query parameter.
///
/// Errors and notes below the front ends name the control a user can change ("use a larger
/// `cell`"), never its spelling; each front end spells it (``ControlNames``): the command line
/// as `--cell`, the server as a JSON field. The raw value is the neutral spelling (snake_case, as
/// in the JSON results).
public enum Control: String, Sendable, Codable, CaseIterable {
    // Hot-spot analysis.
    case method, cell, band, bandwidth, levels, eps
    case minPoints = "min_points"
    case alpha, step
    case timeWindow = "time_window"
    case permutations
    case noFDR = "no_fdr"
    case top
    case studyArea = "study_area"
    // Filters.
    case since, until
    case vesselType = "vessel_type"
    case activity, night
    // Plausibility and corrections.
    case allowLand = "allow_land"
    case allowOutside = "allow_outside"
    case reason, position, time, timezone, strict
    // Files.
    case force
    // Routing.
    case snap
    // Evidence.
    case evidenceCase = "case"
    case ids
    // Planning.
    case boats, coordinated
    case maxTargets = "max_targets"
    case target, rendezvous, hours, nights, joint, seed
}

/// A task a message may point the user to ("make a plan first"). Each front end says how it is
/// done there (``ControlNames``): the command line names a command.
public enum FollowUp: String, Sendable, Codable, CaseIterable {
    case runHotspots = "run_hotspots"
    case listHotspotRuns = "list_hotspot_runs"
    case makePlan = "make_plan"
    case listPlans = "list_plans"
    case addRoute = "add_route"
    case listSightings = "list_sightings"
    case sightingHistory = "sighting_history"
    case addToCase = "add_to_case"
    case listCases = "list_cases"
    case addDefaultFleet = "add_default_fleet"
    case addBoat = "add_boat"
    case addBase = "add_base"
    case editBase = "edit_base"
    case verifyLog = "verify_log"
    case setStudyRegion = "set_study_region"
    case listPlaces = "list_places"
    case listWaypoints = "list_waypoints"
    case newSyncToken = "new_sync_token"
}

/// How one front end spells controls and follow-ups in the words it shows, and in which
/// language it shows them.
public struct ControlNames: Sendable {
    private let controlName: @Sendable (Control) -> String
    private let followUpName: @Sendable (FollowUp) -> String
    /// The words of the user's language (English unless a front end says otherwise).
    public let words: Words

    /// - Parameters:
    ///   - control: the spelling of a control (the command line: `--cell`).
    ///   - followUp: how a task is done (the command line: `` `selat hotspots` ``).
    ///   - language: the language of the messages.
    public init(
        control: @escaping @Sendable (Control) -> String,
        followUp: @escaping @Sendable (FollowUp) -> String,
        language: Language = .en
    ) {
        controlName = control
        followUpName = followUp
        words = Words(language)
    }

    /// The same spellings, in `language`.
    public func speaking(_ language: Language) -> ControlNames {
        ControlNames(control: controlName, followUp: followUpName, language: language)
    }

    /// The text of catalogue entry `key` in this front end's language.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:])
        -> String
    {
        words(key, values)
    }

    /// The spelling of `control`.
    public func callAsFunction(_ control: Control) -> String { controlName(control) }

    /// How `task` is done in this front end.
    public func callAsFunction(_ task: FollowUp) -> String { followUpName(task) }

    /// Neutral spellings: the raw value in quotes (`'cell'`, `'run_hotspots'`). Used by
    /// ``CustomStringConvertible`` descriptions (logs, test failures) and by front ends that name
    /// controls as JSON fields.
    public static let neutral = ControlNames(
        control: { "'\($0.rawValue)'" }, followUp: { "'\($0.rawValue)'" })
}
