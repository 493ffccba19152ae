import Foundation
import SelatAnalysis
import SelatModel

extension HotspotNote.CellBasis {
    /// The basis of an analysis's cell size choice.
    init(_ basis: CellSizeChoice.Basis) {
        switch basis {
        case .onePosition: self = .onePosition
        case .twiceMeanNeighbour(let nn): self = .twiceMeanNeighbour(metres: nn)
        case .raisedForCap(let nn, let cells):
            self = .raisedForCap(
                meanNeighbourMetres: nn, wouldNeedCells: cells,
                maximumCells: CellSizeChoice.maximumCells)
        }
    }
}

extension PeakHours {
    /// The peak of `profile`, nil when it holds no sightings.
    init?(_ profile: HourProfile, hours: Int = 4) {
        guard profile.total > 0 else { return nil }
        let p = profile.peak(hours: hours)
        self.init(startHour: p.start, hours: hours, share: p.share)
    }
}
