import SelatGeo

/// Times as typed: whatever `Timestamp.parse` accepts reads back to the same instant and offset
/// from its ISO 8601 form, and to the same second from its Indonesian form; offsets read back the
/// same.
enum TimeFuzz {
    static func check(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        if let offset = try? Timestamp.parseOffset(text) {
            guard abs(offset) <= 18 * 60 else {
                return "offset \(debug(text)) accepted as \(offset) minutes"
            }
        }
        guard let (t, _) = try? Timestamp.parse(text, defaultOffsetMinutes: 420) else { return nil }
        let written = t.asWritten
        guard let (back, usedDefault) = try? Timestamp.parse(written, defaultOffsetMinutes: 0)
        else {
            return "\(debug(text)) → \(debug(written)) does not read back"
        }
        if usedDefault { return "\(debug(written)) (written from \(debug(text))) lost its offset" }
        if back.millisecondsSince1970 != t.millisecondsSince1970
            || back.offsetMinutes != t.offsetMinutes
        {
            return "\(debug(text)) → \(debug(written)) reads back as \(back.asWritten)"
        }
        // The Indonesian form (to the second) reads back to the same second and offset.
        let indonesian = t.indonesianText(offsetMinutes: t.offsetMinutes, seconds: true)
        guard let (again, _) = try? Timestamp.parse(indonesian, defaultOffsetMinutes: 0) else {
            return "\(debug(text)) → \(debug(indonesian)) does not read back"
        }
        let second = t.millisecondsSince1970 - ((t.millisecondsSince1970 % 1000) + 1000) % 1000
        if again.millisecondsSince1970 != second || again.offsetMinutes != t.offsetMinutes {
            return "\(debug(text)) → \(debug(indonesian)) reads back as \(again.asWritten)"
        }
        return nil
    }
}
