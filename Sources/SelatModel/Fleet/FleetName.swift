import Foundation
import SelatWords

/// Checks shared by fleet names and codes.
enum FleetName {
    /// A trimmed name of 1–`limit` characters without control characters.
    static func validated(_ text: String, field: String, limit: Int = 100) throws(ModelError)
        -> String
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missingField(field: field) }
        guard trimmed.count <= limit else {
            throw .invalidField(
                field: field, value: text, reason: Phrase("model.at_most", ["limit": "\(limit)"]))
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidField(field: field, value: text, reason: Phrase("model.no_line_breaks"))
        }
        return trimmed
    }

    /// An upper-case code of letters, digits and hyphens (POLAIRUD, TNI-AL, KP-01), 2–20 long.
    static func code(_ text: String, field: String) throws(ModelError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...20).contains(code.count),
            code.unicodeScalars.allSatisfy({
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            })
        else {
            throw .invalidField(
                field: field, value: text,
                reason: Phrase("model.code"))
        }
        return code
    }
}
