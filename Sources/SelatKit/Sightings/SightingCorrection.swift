import Foundation
import SelatGeo
import SelatModel
import SelatStore

/// `selat sighting correct`: a new record with the fields that were wrong put right, which
/// supersedes the old one. The old record stays in the log, unchanged, as evidence; searches,
/// maps and analyses see the correction. Fields given are checked with the rules of an entry.
public struct SightingCorrection: Sendable {
    /// The fields to change, as typed (nil: keep).
    public var changes: SightingEntry
    public var reason: String

    /// - Parameter changes: an entry whose `time` and `position` may be empty (keep).
    public init(changes: SightingEntry, reason: String) {
        self.changes = changes
        self.reason = reason
    }

    /// Applies the correction to the sighting `id`.
    /// - Throws: ``KitError`` naming a bad field, or why the store refused (already corrected,
    ///   nothing changed, no reason).
    public func apply(
        to id: String, in db: SelatDatabase, defaultOffsetMinutes: Int, landCheck: LandCheck,
        origin: SightingOrigin? = nil
    ) throws(KitError) -> StoredSighting {
        let sightingID: SightingID
        do { sightingID = try SightingID(id) } catch { throw .model(error) }
        let stored = try KitError.store { () throws(StoreError) in
            try db.sighting(id: sightingID)
        }
        guard let old = stored?.sighting else {
            throw .notFound(.sighting(id: id, database: db.path))
        }
        let c = changes
        let entry = SightingEntry(
            id: SightingID.random().rawValue,
            time: c.time.isEmpty ? old.observedAt.asWritten : c.time,
            position: c.position.isEmpty
                ? "\(old.position.latitude), \(old.position.longitude)" : c.position,
            vesselType: c.vesselType ?? old.vesselType.rawValue,
            activity: c.activity ?? old.activity.rawValue,
            persons: c.persons ?? old.personsAboard.map { String($0) },
            heading: c.heading ?? old.headingDegrees.map { "\($0)" },
            speed: c.speed ?? old.speed.map { "\($0.knots)" },
            source: c.source ?? old.source?.rawValue,
            unit: c.unit ?? old.unit, confidence: c.confidence ?? old.confidence?.description,
            notes: c.notes ?? old.notes)
        // A record already kept on land may stay there; otherwise the usual land rule.
        // (and one kept outside the study region may stay outside it).
        var land = LandCheck(
            coastline: landCheck.coastline, allowLand: landCheck.allowLand || old.onLand,
            allowOutside: landCheck.allowOutside || old.outsideRegion, region: landCheck.region)
        land.names = landCheck.names
        land.now = landCheck.now
        let corrected = try entry.sighting(
            defaultOffsetMinutes: defaultOffsetMinutes, landCheck: land
        ).sighting
        return try KitError.store { () throws(StoreError) in
            try db.correct(sightingID, with: corrected, reason: reason, origin: origin)
        }
    }
}
