import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatGeoData
import SelatModel
import SelatPlanning
import SelatStore

/// Errors of the use cases: the modules' own errors wrapped as cases, and the use cases' own
/// cases with what, which input and the allowed values as data. A front end reads the cases, or
/// asks for ``words(_:)`` (Presentation/KitError+Words.swift) with its own spelling of controls.
public enum KitError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case format(FormatError)
    case model(ModelError)
    case geo(GeoError)
    case geoData(GeoDataError)
    case analysis(AnalysisError)
    case routing(RoutingError)
    case patrol(PatrolError)
    /// A file Selat would not write, or could not.
    case output(OutputError)
    /// A whole file cannot be imported (missing columns, duplicate header names).
    case unusableFile(file: String, reason: String)
    /// A sighting refused by the plausibility rules (``LandCheck``).
    case implausible(LandCheck.Refusal)
    /// Something asked for that is not stored.
    case notFound(Missing)
    /// A request that cannot be carried out as given.
    case invalidRequest(RequestProblem)
    /// A stored hotspot run that is not of the kind asked for.
    case wrongRunKind(run: Int64, method: String, wanted: [String])
    /// The sighting log does not verify (``ChainVerifier``), so no bundle is made.
    case logDoesNotVerify(record: Int64?, problem: String)
    /// The headless browser that renders PNG maps.
    case browser(BrowserProblem)
    /// The plan's legs could not be confirmed on the coastline in `rounds` rounds.
    case legsUnconfirmed(rounds: Int)
    /// The bundled GeoData lacks a place the demo or the default fleet needs.
    case geoDataIncomplete(missing: String, neededFor: String)
    /// Station sync stopped (``StationSync``, ``SyncCentre``).
    case sync(SyncError)
    /// A patrol step or track refused (`selat patrol`, `/api/v1/patrols`).
    case patrolLog(PatrolLogError)

    /// What is not stored.
    public enum Missing: Sendable, Equatable {
        case hotspotRun(id: Int64, stored: [Int64])
        case noHotspotRuns(database: String)
        case plan(id: Int64, stored: [Int64])
        case noPlans(database: String)
        case route(name: String, stored: [String])
        case sighting(id: String, database: String)
        case evidenceCase(name: String)
        case boat(callSign: String, fleet: [String])
        case noBoats
        case base(name: String)
        case sightingsInPeriod
    }

    /// Why a request cannot be carried out.
    public enum RequestProblem: Sendable, Equatable {
        case patrolHours(Double, allowed: ClosedRange<Double>)
        case patrolNights(Int, allowed: ClosedRange<Int>)
        case top(Int)
        case targetDwell(target: String, dwell: String)
        case targetPriority(target: String, priority: String, allowed: ClosedRange<Int>)
        case targetPlace(target: String)
        case rendezvousFormat(String)
        case rendezvousTime(String, reason: String)
        case rendezvousOutsideWindow(time: Timestamp, start: Timestamp, hours: Double)
        case nothingToPatrol
        case noJointMeeting
        case baseOffWater(name: String, limit: Distance)
        case placeOnLand(name: String, limit: Distance)
        case unknownPlace(String)
        case ambiguousPlace(String, candidates: [String])
        case notWaypointOrPosition(String, GeoError)
        case noSightingsChosen
    }

    /// What went wrong with the headless browser.
    public enum BrowserProblem: Sendable, Equatable {
        case missing(installHint: String)
        case cannotStart(executable: String, reason: String, installHint: String)
        case failed(file: String, png: String, status: Int32, message: String)
    }

    /// Runs a file-writing operation, wrapping its error.
    static func output<T>(_ body: () throws(OutputError) -> T) throws(KitError) -> T {
        do { return try body() } catch { throw .output(error) }
    }

    /// Runs `body` with every read of `database` in one read transaction (one snapshot).
    static func inSnapshot<T>(_ database: SelatDatabase, _ body: () throws(KitError) -> T)
        throws(KitError) -> T
    {
        var result: Result<T, KitError>?
        try store { () throws(StoreError) in
            try database.inSnapshot { result = Result { () throws(KitError) in try body() } }
        }
        return try result!.get()
    }

    /// Runs a model constructor or check, wrapping its error.
    static func model<T>(_ body: () throws(ModelError) -> T) throws(KitError) -> T {
        do { return try body() } catch { throw .model(error) }
    }

    /// Runs a store operation, wrapping its error.
    static func store<T>(_ body: () throws(StoreError) -> T) throws(KitError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
