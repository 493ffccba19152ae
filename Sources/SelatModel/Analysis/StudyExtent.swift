import Foundation

/// Which hexagons a hotspot analysis covers.
///
/// Gi* compares each cell's neighbourhood with the cells of the study area. By default the study
/// area is where there are data: the cells with sightings and the cells in their neighbourhood
/// (so every cell with sightings has its full neighbourhood, empty water included), as ArcGIS's
/// hot spot tools analyse the features that carry data. The whole box around the sightings adds
/// every empty sea cell far from any report, which lowers the mean the busy cells are measured
/// against; it is kept as an option for the analyst who wants the empty water counted.
public enum StudyExtent: String, Sendable, Codable, Hashable, CaseIterable {
    /// The cells with sightings and their neighbours (the default).
    case data
    /// Every sea cell in the box around the sightings, widened by a margin.
    case full
}
