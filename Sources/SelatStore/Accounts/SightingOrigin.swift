import Foundation

/// Which agency's user logged a sighting through the station server (by form or import).
public struct SightingOrigin: Sendable, Hashable {
    public let agency: String
    public let user: String

    public init(agency: String, user: String) {
        self.agency = agency
        self.user = user
    }
}
