import SelatModel

extension HotspotRequest {
    /// An option only some methods use. Both front ends refuse it with another method rather than
    /// ignore it: an analyst who gave a DBSCAN radius to a Gi* run would otherwise read results
    /// that never used it.
    public enum MethodOption: String, Sendable, CaseIterable {
        case band, permutations, fdr, eps, minPoints, bandwidth, levels, step, timeWindow, alpha
        case significantOnly, studyArea

        /// The methods that use it.
        public var methods: [Method] {
            switch self {
            case .band, .fdr, .significantOnly, .studyArea: [.gistar, .emerging]
            case .permutations: [.gistar]
            case .eps, .minPoints: [.dbscan]
            case .bandwidth, .levels: [.kde]
            case .step, .timeWindow, .alpha: [.emerging]
            }
        }

        /// Whether `method` uses it.
        public func applies(to method: Method) -> Bool { methods.contains(method) }
    }
}
