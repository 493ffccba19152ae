import Foundation
import SelatGeo
import SelatWords

/// A named point that matters to patrols: a port, a landing spot, a crossing point, a rendezvous.
public struct Waypoint: Sendable, Hashable, Codable {
    /// What a waypoint marks.
    public enum Kind: String, TextEnumeration {
        case port, landing, crossing, rendezvous, checkpoint, other
        public static let fieldName = "kind"
    }

    /// Unique name, 1–100 characters, no line breaks.
    public let name: String
    public let kind: Kind
    public let position: Coordinate
    public let notes: String?
    /// The point is on land and was accepted as such (a landing spot, a jetty).
    public let onLand: Bool

    /// Makes a waypoint.
    /// - Throws: ``ModelError`` if the name is empty, too long or has control characters.
    public init(
        name: String, kind: Kind = .other, position: Coordinate, notes: String? = nil,
        onLand: Bool = false
    ) throws(ModelError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missingField(field: "name") }
        guard trimmed.count <= 100 else {
            throw .invalidField(
                field: "name", value: name, reason: Phrase("model.name_length"))
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidField(
                field: "name", value: name, reason: Phrase("model.name_line_breaks"))
        }
        if let notes, notes.count > Sighting.Limits.notesLength {
            throw .invalidField(
                field: "notes", value: notes,
                reason: Phrase("model.at_most", ["limit": "\(Sighting.Limits.notesLength)"]))
        }
        self.name = trimmed
        self.kind = kind
        self.position = position
        self.notes = notes
        self.onLand = onLand
    }
}
