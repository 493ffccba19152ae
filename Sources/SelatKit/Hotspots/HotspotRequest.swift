import Foundation
import SelatAnalysis
import SelatFormats
import SelatGeo
import SelatModel
import SelatStore

/// What an analyst asks of `selat hotspots`.
public struct HotspotRequest: Sendable {
    /// The four methods.
    public typealias Method = HotspotMethod

    /// Time step of the space-time cube.
    public enum Step: String, Sendable, CaseIterable {
        case week, month
    }

    public var method: Method = .gistar
    /// Time, vessel type and activity filters (area filters are not used).
    public var query = SightingQuery()
    /// Only sightings between 18:00 and 06:00 WIB.
    public var nightOnly = false
    /// Hexagon spacing (gistar, emerging) or density grid cell (kde); chosen from the data if nil.
    public var cell: Distance?
    /// Distance band for the Gi* weights; nil: the cell and its six neighbours.
    public var band: Distance?
    /// Conditional permutations for pseudo p-values (0: normal approximation).
    public var permutations = 0
    /// Seed for the permutations.
    public var seed: UInt64 = 1
    /// Benjamini–Hochberg correction.
    public var fdr = true
    /// DBSCAN neighbourhood radius and minimum points.
    public var eps = Distance(metres: 500)
    public var minPoints = 10
    /// Kernel radius; from the data (ArcGIS's spatial Silverman rule) if nil.
    public var bandwidth: Distance?
    /// Percent-volume contour levels.
    public var levels: [Double] = [50, 75, 90]
    /// Emerging: step, earlier steps in a bin's neighbourhood, significance.
    public var step: Step = .month
    public var timeWindow = 1
    public var alpha = 0.05
    /// Which cells are analysed (gistar, emerging): those with sightings and their neighbours, or
    /// every sea cell in the box around the sightings.
    public var studyArea: StudyExtent = .data
    /// Export only significant cells (gistar, emerging).
    public var significantOnly = false
    /// Rows in the summary table.
    public var top = 10

    public init() {}

    /// The Gi* neighbourhood asked for: the distance band, or the six adjacent cells.
    var neighbourhood: Neighbourhood { band.map { .band($0.metres) } ?? .adjacent }

    /// The parameters as a JSON object (stored with the run): as asked, then the projection and
    /// the values chosen from the data.
    func parametersJSON(projection: TransverseMercator, chosen: [(String, Double)]) -> String {
        var p = GeoJSONProperties()
        p.add("method", method.rawValue)
        if let s = query.since { p.add("since", s.iso8601()) }
        if let u = query.until { p.add("until", u.iso8601()) }
        if !query.vesselTypes.isEmpty {
            p.add("vessel_types", query.vesselTypes.map(\.rawValue).sorted().joined(separator: ","))
        }
        if !query.activities.isEmpty {
            p.add("activities", query.activities.map(\.rawValue).sorted().joined(separator: ","))
        }
        p.add("night_only", nightOnly)
        switch method {
        case .gistar, .emerging:
            if let band { p.add("band_m", band.metres) }
            p.add("study_area", studyArea.rawValue)
            p.add("fdr", fdr)
            if method == .gistar {
                p.add("permutations", permutations)
                // text: a UInt64 seed does not fit JSON's exact integers
                p.add("seed", String(seed))
            } else {
                p.add("step", step.rawValue)
                p.add("time_window", timeWindow)
                p.add("alpha", alpha)
            }
        case .dbscan:
            p.add("eps_m", eps.metres)
            p.add("min_points", minPoints)
        case .kde:
            p.add("levels_percent", levels.map { JSONNumber.text($0) }.joined(separator: ","))
        }
        p.add(
            "projection",
            object: [
                ("central_meridian", projection.centralMeridian),
                ("origin_latitude", projection.originLatitude),
            ])
        for (k, v) in chosen { p.add(k, v, decimals: 3) }
        return p.text
    }
}

/// Numbers in parameter text.
enum JSONNumber {
    static func text(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
