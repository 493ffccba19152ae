import SelatGeo

/// Positions as typed: whatever `Coordinate(parsing:)` accepts is in range and reads back the
/// same from each of its written forms.
enum CoordinateFuzz {
    static func check(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let c = try? Coordinate(parsing: text) else { return nil }
        guard c.latitude.isFinite, c.longitude.isFinite, abs(c.latitude) <= 90,
            abs(c.longitude) <= 180
        else {
            return "accepted \(debug(text)) as out-of-range \(c.latitude), \(c.longitude)"
        }
        // Each notation reads back to within its last printed digit.
        let tolerance: [Coordinate.Notation: Double] = [
            .decimal: 6e-7, .degreesMinutes: 1e-5, .degreesMinutesSeconds: 1.6e-5,
            .degreesMinutesIndonesian: 1e-5,
        ]
        for notation in Coordinate.Notation.allCases {
            let written = c.formatted(notation)
            guard let back = try? Coordinate(parsing: written) else {
                return "\(debug(text)) → \(notation) \(debug(written)) does not read back"
            }
            let dLon = abs(
                abs(back.longitude) == 180 && abs(c.longitude) == 180
                    ? 0 : back.longitude - c.longitude)
            if abs(back.latitude - c.latitude) > tolerance[notation]! || dLon > tolerance[notation]!
            {
                return
                    "\(debug(text)) → \(notation) \(debug(written)) reads back as \(back.latitude), \(back.longitude)"
            }
        }
        return nil
    }
}

/// Text quoted with control characters escaped, for a finding.
func debug(_ text: String, limit: Int = 200) -> String {
    let escaped = text.unicodeScalars.map {
        $0.isASCII && $0.value >= 32 ? String($0) : $0.escaped(asASCII: true)
    }.joined()
    return "\"" + (escaped.count > limit ? String(escaped.prefix(limit)) + "…" : escaped) + "\""
}
