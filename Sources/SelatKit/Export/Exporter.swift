import Foundation
import SelatFormats
import SelatGeoData
import SelatModel
import SelatStore
import SelatWords

/// `selat export`: any stored thing — sightings, a hotspot run, a patrol plan, a route, the
/// places — as GeoJSON, GPX, KML or CSV, written the one way (``FeatureLayer``).
public struct Exporter: Sendable {
    public enum Subject: Sendable {
        case sightings(SightingQuery)
        /// A stored run, or the latest.
        case hotspots(run: Int64?)
        /// A stored plan, or the latest.
        case plan(id: Int64?)
        case route(name: String)
        case places
    }

    public let database: SelatDatabase
    public let geoData: GeoData
    /// The language of names and descriptions (KML placemarks, GPX `desc`); data keys and
    /// values stay English identifiers.
    public var words: Words

    public init(database: SelatDatabase, geoData: GeoData, words: Words = Words(.en)) {
        self.database = database
        self.geoData = geoData
        self.words = words
    }

    /// The subject as a layer.
    /// - Throws: ``KitError`` saying what is missing and the command that makes it.
    public func layer(_ subject: Subject, includePersonal: Bool) throws(KitError) -> FeatureLayer {
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        switch subject {
        case .sightings(let query):
            let found = try KitError.store { () throws(StoreError) in
                try database.sightings(matching: query)
            }
            return SightingLayer.make(
                found.map(\.sighting), includePersonal: includePersonal, synthetic: synthetic,
                words: words)
        case .hotspots(let id):
            let runs = try KitError.store { () throws(StoreError) in try database.hotspotRuns() }
            guard let runID = id ?? runs.compactMap(\.id).max() else {
                throw .notFound(.noHotspotRuns(database: database.path))
            }
            guard runs.contains(where: { $0.id == runID }) else {
                throw .notFound(.hotspotRun(id: runID, stored: runs.compactMap(\.id)))
            }
            let stored = try KitError.store { () throws(StoreError) in
                try database.hotspotRun(id: runID)
            }
            return HotspotLayer.make(stored, synthetic: synthetic, words: words)
        case .plan(let id):
            return PlanLayer.make(try plan(id), words: words)
        case .route(let name):
            guard
                let route = try KitError.store({ () throws(StoreError) in
                    try database.route(named: name)
                })
            else {
                let names = try KitError.store { () throws(StoreError) in
                    try database.routes().map(\.name)
                }
                throw .notFound(.route(name: name, stored: names))
            }
            return RouteLayer.make(route, synthetic: synthetic, words: words)
        case .places:
            let bases = try KitError.store { () throws(StoreError) in try database.bases() }
            let waypoints = try KitError.store { () throws(StoreError) in try database.waypoints() }
            return PlaceLayer.make(
                places: geoData.places, fleetBases: bases, waypoints: waypoints,
                synthetic: synthetic, words: words)
        }
    }

    /// A stored plan, or the latest.
    public func plan(_ id: Int64?) throws(KitError) -> PatrolPlan {
        let plans = try KitError.store { () throws(StoreError) in try database.plans() }
        guard let planID = id ?? plans.map(\.id).max() else {
            throw .notFound(.noPlans(database: database.path))
        }
        guard plans.contains(where: { $0.id == planID }) else {
            throw .notFound(.plan(id: planID, stored: plans.map(\.id)))
        }
        return try KitError.store { () throws(StoreError) in try database.plan(id: planID) }
    }

    /// The subject written in `format`. Sightings as CSV keep the import columns, so the file
    /// imports back unchanged (plus a `synthetic` column on demo data).
    public func export(_ subject: Subject, format: FeatureLayer.Format, includePersonal: Bool)
        throws(KitError) -> (text: String, count: Int)
    {
        if case .sightings(let query) = subject, format == .csv {
            let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
            let found = try KitError.store { () throws(StoreError) in
                try database.sightings(matching: query)
            }
            return (
                SightingRenderer.csv(
                    found.map(\.sighting), includePersonal: includePersonal, synthetic: synthetic),
                found.count
            )
        }
        let layer = try layer(subject, includePersonal: includePersonal)
        return (layer.render(format), layer.count(in: format))
    }

    /// Checks, before any work, that an export may be written to `path` (see ``OutputFile``).
    public static func check(_ path: String, purpose: OutputPurpose = .export, force: Bool = false)
        throws(KitError)
    {
        try KitError.output { () throws(OutputError) in
            try OutputFile.check(path, purpose: purpose, force: force)
        }
    }

    /// Writes `text` to `path` through ``OutputFile`` (atomic; refuses the open database, the
    /// command's inputs, devices and files Selat did not write for `purpose` unless `force`).
    public static func write(
        _ text: String, to path: String, purpose: OutputPurpose = .export, personal: Bool = false,
        force: Bool = false
    ) throws(KitError) {
        try KitError.output { () throws(OutputError) in
            try OutputFile.write(text, to: path, purpose: purpose, personal: personal, force: force)
        }
    }
}
