import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// A sighting typed by an officer, as text, checked with exactly the rules of an import.
public struct SightingEntry: Sendable {
    public var id: String?
    public var time: String
    public var position: String
    public var vesselType: String?
    public var activity: String?
    public var persons: String?
    public var heading: String?
    public var speed: String?
    public var source: String?
    public var unit: String?
    public var confidence: String?
    public var notes: String?

    public init(
        id: String? = nil, time: String, position: String, vesselType: String? = nil,
        activity: String? = nil,
        persons: String? = nil, heading: String? = nil, speed: String? = nil, source: String? = nil,
        unit: String? = nil, confidence: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.time = time
        self.position = position
        self.vesselType = vesselType
        self.activity = activity
        self.persons = persons
        self.heading = heading
        self.speed = speed
        self.source = source
        self.unit = unit
        self.confidence = confidence
        self.notes = notes
    }

    /// What logging did.
    public struct Result: Sendable {
        public let sighting: Sighting
        public let outcome: InsertOutcome
        public let usedDefaultOffset: Bool
    }

    /// Checks the entry and stores it. Without an id, a new random UUID is used (a typed entry
    /// is a new observation even if identical to an earlier one).
    /// - Throws: ``KitError`` naming the field at fault.
    public func log(into db: SelatDatabase, defaultOffsetMinutes: Int, landCheck: LandCheck)
        throws(KitError) -> Result
    {
        let checked = try sighting(defaultOffsetMinutes: defaultOffsetMinutes, landCheck: landCheck)
        let outcome = try KitError.store { () throws(StoreError) in try db.insert(checked.sighting)
        }
        return Result(
            sighting: checked.sighting, outcome: outcome,
            usedDefaultOffset: checked.usedDefaultOffset)
    }

    /// The entry checked with the rules of an import (and the land check), not stored.
    /// - Throws: ``KitError`` naming the field at fault.
    public func sighting(defaultOffsetMinutes: Int, landCheck: LandCheck) throws(KitError) -> (
        sighting: Sighting, usedDefaultOffset: Bool
    ) {
        let coordinate: Coordinate
        do { coordinate = try Coordinate(parsing: position) } catch { throw .geo(error) }
        var speedText = speed
        if let s = speed, Double(s.trimmingCharacters(in: .whitespaces)) == nil {
            do { speedText = "\(try Speed(parsing: s).knots)" } catch { throw .geo(error) }
        }
        let values: [SightingColumn: String] = [
            .id: id ?? SightingID.random().rawValue, .observedAt: time,
            .lat: "\(coordinate.latitude)", .lon: "\(coordinate.longitude)",
            .vesselType: vesselType ?? "", .activity: activity ?? "", .personsAboard: persons ?? "",
            .headingDeg: heading ?? "", .speedKn: speedText ?? "", .source: source ?? "",
            .unit: unit ?? "",
            .confidence: confidence ?? "", .notes: notes ?? "",
        ]
        let parsed: (sighting: Sighting, usedDefaultOffset: Bool)
        do {
            parsed = try Sighting.reading(
                { values[$0] }, defaultOffsetMinutes: defaultOffsetMinutes)
        } catch { throw .model(error) }
        let sighting: Sighting
        do { sighting = try landCheck.check(parsed.sighting) } catch { throw .implausible(error) }
        return (sighting, parsed.usedDefaultOffset)
    }

    /// A record given by its CSV column names (a form or the station server's JSON), checked with
    /// exactly the rules of an import — the parsers, the land, region and plausibility checks —
    /// and not stored (the station server stores it with others: ``SightingCommitter``). Without
    /// an id, the id is derived from the content, as an import does.
    /// - Throws: ``KitError`` naming the field at fault.
    public static func checked(
        _ columns: [SightingColumn: String], defaultOffsetMinutes: Int, landCheck: LandCheck
    ) throws(KitError) -> (sighting: Sighting, usedDefaultOffset: Bool) {
        let parsed: (sighting: Sighting, usedDefaultOffset: Bool)
        do {
            parsed = try Sighting.reading(
                { columns[$0] }, defaultOffsetMinutes: defaultOffsetMinutes)
        } catch { throw .model(error) }
        let sighting: Sighting
        do { sighting = try landCheck.check(parsed.sighting) } catch { throw .implausible(error) }
        return (sighting, parsed.usedDefaultOffset)
    }
}
