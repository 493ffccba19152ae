import Foundation
import SelatGeo
import SelatWords

/// A person who may use the station server.
public struct UserAccount: Sendable, Hashable, Codable {
    /// Login name: letters, digits, `.`, `_`, `-`; 2 to 64 characters; unique.
    public let name: String
    public let role: Role
    /// The agency code (`POLAIRUD`, `BAKAMLA`): officers see and correct their own agency's
    /// sightings.
    public let agency: String
    public let disabled: Bool
    public let createdAt: Timestamp
    /// The language the user chose for the web app (`id` or `en`); nil follows the browser.
    public let language: String?

    public init(
        name: String, role: Role, agency: String, disabled: Bool, createdAt: Timestamp,
        language: String? = nil
    ) {
        self.name = name
        self.role = role
        self.agency = agency
        self.disabled = disabled
        self.createdAt = createdAt
        self.language = language
    }

    /// Checks a login name.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)``.
    public static func checkName(_ name: String) throws(ModelError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard (2...64).contains(name.count), name.allSatisfy({ allowed.contains($0) }) else {
            throw .invalidField(
                field: "username", value: name,
                reason: Phrase("model.username"))
        }
    }

    /// Checks an agency code: 2 to 16 capital letters, digits or hyphens.
    /// - Throws: ``ModelError/invalidField(field:value:reason:)``.
    public static func checkAgency(_ code: String) throws(ModelError) {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard (2...16).contains(code.count), code.allSatisfy({ allowed.contains($0) }) else {
            throw .invalidField(
                field: "agency", value: code,
                reason: Phrase("model.agency_code"))
        }
    }
}
