import Foundation

/// What a user of the station server does, and so what they may do.
public enum Role: String, Sendable, Codable, CaseIterable, TextEnumeration {
    /// Marine police, Bakamla, navy or customs officers: log, import and correct sightings.
    case officer
    /// Plan joint patrols: the fleet, sea routes, plans and briefings.
    case planner
    /// Hotspot analyses, exports, the report.
    case analyst
    /// Everything, users and the audit log.
    case admin

    public static let fieldName = "role"

    /// The permissions of the role.
    public var permissions: Set<Permission> {
        switch self {
        case .officer:
            [
                .readSightings, .logSightings, .importSightings, .correctOwnAgency,
                .seeOwnAgencyPersonal, .recordPatrols, .readPatrols,
            ]
        case .planner:
            [.readSightings, .fleet, .seaRoutes, .plans, .places, .readPatrols]
        case .analyst:
            [.readSightings, .hotspots, .exports, .report, .places, .readPatrols]
        case .admin:
            Set(Permission.allCases)
        }
    }

    /// Whether the role has `permission`.
    public func permits(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// One thing a role may do. Each server route needs exactly one.
public enum Permission: String, Sendable, Codable, CaseIterable {
    /// Read sightings (without `unit` and `notes` unless a personal permission applies).
    case readSightings = "read_sightings"
    /// Log one sighting.
    case logSightings = "log_sightings"
    /// Import a file of sightings.
    case importSightings = "import_sightings"
    /// Correct sightings of the user's own agency.
    case correctOwnAgency = "correct_own_agency"
    /// Correct any sighting.
    case correctAny = "correct_any"
    /// See `unit` and `notes` of the user's own agency's sightings.
    case seeOwnAgencyPersonal = "see_own_agency_personal"
    /// See `unit` and `notes` of every sighting.
    case seeAllPersonal = "see_all_personal"
    /// Agencies, bases and boats.
    case fleet
    /// Sea routes and distance matrices.
    case seaRoutes = "sea_routes"
    /// Make and read patrol plans and briefings.
    case plans
    /// Run and read hotspot analyses.
    case hotspots
    /// Export layers.
    case exports
    /// The analyst's report.
    case report
    /// Reference ports and bases.
    case places
    /// Start, pause, resume and end patrols of the user's own agency's boats, and send their track.
    case recordPatrols = "record_patrols"
    /// Read patrols and their reports (planned against done).
    case readPatrols = "read_patrols"
    /// Verify the log.
    case verify
    /// Users: add, disable, reset passwords.
    case users
    /// Read the audit trail.
    case audit
}
