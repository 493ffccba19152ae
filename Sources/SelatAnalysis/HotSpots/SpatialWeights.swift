import Foundation

/// Binary spatial weights as compressed rows: cell i's neighbours (itself included for Gi*) are
/// `neighbours[start[i]..<start[i+1]]`, each with weight 1.
public struct SpatialWeights: Sendable {
    public let start: [Int32]
    public let neighbours: [Int32]

    public init(start: [Int32], neighbours: [Int32]) {
        precondition(start.first == 0 && Int(start.last ?? 0) == neighbours.count)
        self.start = start
        self.neighbours = neighbours
    }

    public var count: Int { start.count - 1 }

    /// Neighbours of cell i.
    public func of(_ i: Int) -> ArraySlice<Int32> { neighbours[Int(start[i])..<Int(start[i + 1])] }
}
