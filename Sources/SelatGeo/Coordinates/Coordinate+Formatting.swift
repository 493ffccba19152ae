import Foundation

extension Coordinate {
    /// How a position is written out.
    public enum Notation: String, Sendable, CaseIterable {
        /// `1.123400, 104.056700`
        case decimal
        /// Degrees and decimal minutes as chartplotters show them: `1°07.404'N 104°03.402'E`.
        case degreesMinutes
        /// Degrees, minutes, seconds: `1°07'24.2"N 104°03'24.1"E`.
        case degreesMinutesSeconds
        /// Degrees and decimal minutes as Indonesian officers write them, with the decimal comma
        /// and Lintang Utara/Selatan, Bujur Timur/Barat: `1°10,500' LU 104°02,300' BT`.
        case degreesMinutesIndonesian
    }

    /// The position written in `notation`. Every notation reads back with ``init(parsing:)``
    /// to within its last printed digit.
    public func formatted(_ notation: Notation = .degreesMinutes) -> String {
        switch notation {
        case .decimal:
            return description
        case .degreesMinutes:
            return Self.ddm(latitude, positive: "N", negative: "S", width: 1)
                + " " + Self.ddm(longitude, positive: "E", negative: "W", width: 1)
        case .degreesMinutesSeconds:
            return Self.dms(latitude, positive: "N", negative: "S")
                + " " + Self.dms(longitude, positive: "E", negative: "W")
        case .degreesMinutesIndonesian:
            let lat = Self.ddm(latitude, positive: " LU", negative: " LS", width: 1)
            let lon = Self.ddm(longitude, positive: " BT", negative: " BB", width: 1)
            return lat.replacingOccurrences(of: ".", with: ",") + " "
                + lon.replacingOccurrences(of: ".", with: ",")
        }
    }

    private static func ddm(_ value: Double, positive: String, negative: String, width: Int)
        -> String
    {
        // Round at the printed precision first, so 59.9996' never prints as 60.000'.
        let thousandths = Int((abs(value) * 60_000).rounded())
        let degrees = thousandths / 60_000
        let minutes = Double(thousandths % 60_000) / 1000
        return String(format: "%d°%06.3f'%@", degrees, minutes, value < 0 ? negative : positive)
    }

    private static func dms(_ value: Double, positive: String, negative: String) -> String {
        let tenths = Int((abs(value) * 36_000).rounded())
        let degrees = tenths / 36_000
        let minutes = (tenths % 36_000) / 600
        let seconds = Double(tenths % 600) / 10
        return String(
            format: "%d°%02d'%04.1f\"%@", degrees, minutes, seconds, value < 0 ? negative : positive
        )
    }
}
