import Foundation
import SelatGeo
import SelatWords

/// A patrol boat: who runs it, where it sails from, how fast and how long it can go.
public struct Boat: Sendable, Hashable, Codable {
    /// Where a boat may go on its own agency's authority.
    public enum Waters: String, TextEnumeration {
        /// Indonesian waters only (the default for Indonesian agencies).
        case national
        /// May cross into a neighbour's waters on a coordinated patrol with that neighbour's agency.
        case coordinated
        public static let fieldName = "waters"
    }

    /// Limits that catch unit mix-ups (a speed in km/h, an endurance in minutes).
    public enum Limits {
        public static let speedKnots = 1.0...60.0
        public static let enduranceHours = 0.5...96.0
        public static let crew = 1...200
    }

    /// Call sign, unique: upper-case letters, digits and hyphens.
    public let callSign: String
    /// The agency's code.
    public let agency: String
    /// The name of its home base.
    public let homeBase: String
    public let cruiseSpeed: Speed
    /// Hours it can patrol before it must be back at a base.
    public let enduranceHours: Double
    public let crew: Int
    public let waters: Waters
    /// How the other boats reach it: radio channel, telephone (at most 100 characters).
    public let contact: String?

    /// - Throws: ``ModelError`` naming the field out of range and the range.
    public init(
        callSign: String, agency: String, homeBase: String, cruiseSpeed: Speed,
        enduranceHours: Double, crew: Int,
        waters: Waters = .national, contact: String? = nil
    ) throws(ModelError) {
        self.callSign = try FleetName.code(callSign, field: "callsign")
        self.agency = try FleetName.code(agency, field: "agency")
        self.homeBase = try FleetName.validated(homeBase, field: "base")
        guard Limits.speedKnots.contains(cruiseSpeed.knots) else {
            throw .invalidField(
                field: "speed", value: cruiseSpeed.description,
                reason: Phrase("model.cruise_speed"))
        }
        guard Limits.enduranceHours.contains(enduranceHours) else {
            throw .invalidField(
                field: "endurance", value: String(enduranceHours) + " h",
                reason: Phrase("model.endurance"))
        }
        guard Limits.crew.contains(crew) else {
            throw .invalidField(
                field: "crew", value: String(crew), reason: Phrase("model.crew"))
        }
        self.cruiseSpeed = cruiseSpeed
        self.enduranceHours = enduranceHours
        self.crew = crew
        self.waters = waters
        let trimmed = contact?.trimmingCharacters(in: .whitespaces)
        if let trimmed,
            trimmed.count > 100
                || trimmed.unicodeScalars.contains(where: {
                    $0.properties.generalCategory == .control
                })
        {
            throw .invalidField(
                field: "contact", value: trimmed,
                reason: Phrase("model.contact"))
        }
        self.contact = trimmed?.isEmpty == true ? nil : trimmed
    }

    /// The farthest it can go and come back at cruising speed within its endurance.
    public var radius: Distance { .metres(cruiseSpeed.metresPerSecond * enduranceHours * 3600 / 2) }
}
