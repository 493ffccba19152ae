import Foundation
import SelatGeo

/// A patrol plan as issued: every boat's route for each night, the targets and how often each is
/// covered, and the parameters and seed that reproduce it. Stored whole, so it can be re-issued
/// in any format without planning again.
public struct PatrolPlan: Sendable, Codable, Hashable {
    /// A place on a boat's route.
    public struct Stop: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable {
            case base, target, rendezvous
        }
        public let name: String
        public let kind: Kind
        public let position: Coordinate
        /// When the boat gets there (nil at the first base).
        public let arrival: Timestamp?
        /// When it leaves (nil at the last base).
        public let departure: Timestamp?
        /// Risk covered here, time-of-day weighted (targets only).
        public let risk: Double?

        public init(
            name: String, kind: Kind, position: Coordinate, arrival: Timestamp?,
            departure: Timestamp?, risk: Double?
        ) {
            self.name = name
            self.kind = kind
            self.position = position
            self.arrival = arrival
            self.departure = departure
            self.risk = risk
        }
    }

    /// One boat's night.
    public struct BoatRoute: Sendable, Codable, Hashable {
        public let callSign: String
        public let agency: String
        public let crew: Int
        /// Radio channel or telephone, as the fleet records it.
        public let contact: String?
        public let speedKnots: Double
        /// From the first base to the last.
        public let stops: [Stop]
        /// The sea route between consecutive stops: `legs[k]` joins `stops[k]` and `stops[k + 1]`.
        public let legs: [[Coordinate]]
        public let nauticalMiles: Double
        public let hours: Double
        public let risk: Double

        public init(
            callSign: String, agency: String, crew: Int, contact: String?, speedKnots: Double,
            stops: [Stop],
            legs: [[Coordinate]], nauticalMiles: Double, hours: Double, risk: Double
        ) {
            self.callSign = callSign
            self.agency = agency
            self.crew = crew
            self.contact = contact
            self.speedKnots = speedKnots
            self.stops = stops
            self.legs = legs
            self.nauticalMiles = nauticalMiles
            self.hours = hours
            self.risk = risk
        }
    }

    /// One night of the plan.
    public struct Night: Sendable, Codable, Hashable {
        public let number: Int
        public let start: Timestamp
        public let end: Timestamp
        public let boats: [BoatRoute]
        public var risk: Double { boats.reduce(0) { $0 + $1.risk } }

        public init(number: Int, start: Timestamp, end: Timestamp, boats: [BoatRoute]) {
            self.number = number
            self.start = start
            self.end = end
            self.boats = boats
        }
    }

    /// A target with its weight and, for several nights, its coverage probability.
    public struct Target: Sendable, Codable, Hashable {
        public let name: String
        public let position: Coordinate
        public let weight: Double
        /// Where it came from: `hotspot run 3`, `waypoint`, `position`.
        public let source: String
        /// Peak hours in WIB, if it has an hour profile.
        public let peak: String?
        /// Planned share of nights it is covered (several nights only).
        public let probability: Double?
        /// Share of the issued nights it is covered.
        public let covered: Double

        public init(
            name: String, position: Coordinate, weight: Double, source: String, peak: String?,
            probability: Double?, covered: Double
        ) {
            self.name = name
            self.position = position
            self.weight = weight
            self.source = source
            self.peak = peak
            self.probability = probability
            self.covered = covered
        }
    }

    /// Where and when boats of the joint patrol meet.
    public struct Rendezvous: Sendable, Codable, Hashable {
        public let name: String
        public let position: Coordinate
        public let time: Timestamp
        public let boats: [String]

        public init(name: String, position: Coordinate, time: Timestamp, boats: [String]) {
            self.name = name
            self.position = position
            self.time = time
            self.boats = boats
        }
    }

    /// Plan number, given by the database (nil before saving).
    public var id: Int64?
    public var createdAt: Timestamp
    /// The command line that reproduces it.
    public var command: String
    public var seed: UInt64
    /// The options as given (window, boats, targets, clearance, …).
    public var parameters: [String: String]
    public var nights: [Night]
    public var targets: [Target]
    public var rendezvous: [Rendezvous]
    /// Entropy of the coverage in bits (several nights only).
    public var entropyBits: Double?
    /// Decisions and warnings for the planner to read.
    public var notes: [PlanNote]
    /// The data is synthetic (the demo).
    public var synthetic: Bool

    public init(
        id: Int64? = nil, createdAt: Timestamp, command: String, seed: UInt64,
        parameters: [String: String],
        nights: [Night], targets: [Target], rendezvous: [Rendezvous], entropyBits: Double?,
        notes: [PlanNote],
        synthetic: Bool = false
    ) {
        self.id = id
        self.createdAt = createdAt
        self.command = command
        self.seed = seed
        self.parameters = parameters
        self.nights = nights
        self.targets = targets
        self.rendezvous = rendezvous
        self.entropyBits = entropyBits
        self.notes = notes
        self.synthetic = synthetic
    }
}
