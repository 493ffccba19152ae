import Foundation
import SelatWords

/// An agency that puts boats on patrol: marine police, coast guard, navy, customs, immigration.
public struct Agency: Sendable, Hashable, Codable {
    /// Short upper-case code, unique: POLAIRUD, BAKAMLA, TNI-AL, BEA-CUKAI, MMEA.
    public let code: String
    public let name: String
    /// ISO 3166-1 alpha-2 country code (ID, MY, SG).
    public let country: String

    /// - Throws: ``ModelError`` for an empty or malformed code, name or country.
    public init(code: String, name: String, country: String) throws(ModelError) {
        self.code = try FleetName.code(code, field: "code")
        self.name = try FleetName.validated(name, field: "name")
        let c = country.trimmingCharacters(in: .whitespaces).uppercased()
        guard c.count == 2, c.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw .invalidField(
                field: "country", value: country,
                reason: Phrase("model.country"))
        }
        self.country = c
    }
}
