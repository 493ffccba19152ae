import Foundation
import SelatGeo
import SelatModel
import SelatWords

/// Reads a boat's track from an NMEA 0183 log (`$GPRMC` and `$GPGGA`, any talker: GP, GN, GL, GA,
/// BD, …): every sentence's checksum is verified (the XOR of the characters between `$` and `*`,
/// NMEA 0183 §5.3), and a sentence without a valid fix, with a bad checksum or a field that cannot
/// be read is refused with its line, field and value. GGA has no date: it takes the date of the
/// RMC before it. An RMC and a GGA of the same second, one after the other, are one point (the
/// RMC's, which has speed and course); the same time again later is a point of its own (the track
/// review flags it as out of order, nothing is merged away). Other sentences are counted, not used.
public struct NMEAReader: Sendable {
    public struct Result: Sendable {
        public var points: [TrackPoint] = []
        public var problems: [TrackProblem] = []
        /// Sentences of other kinds (GSV, VTG, …), not used.
        public var otherSentences = 0
        /// GGA sentences folded into the RMC of the same second beside them (one fix, one point).
        public var pairedSentences = 0
    }

    public init() {}

    public func read(_ text: String) -> Result {
        var result = Result()
        var date: (year: Int, month: Int, day: Int)?
        // Points that came from a GGA (an RMC of the same second, next, replaces it).
        var fromGGA: Set<Int> = []
        for (index, raw) in text.split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline
        )
        .enumerated() {
            let line = index + 1
            let sentence = raw.trimmingCharacters(in: .whitespaces)
            if sentence.isEmpty { continue }
            func refuse(_ field: String, _ value: String, _ reason: Phrase) {
                result.problems.append(
                    TrackProblem(line: line, field: field, value: value, reason: reason))
            }
            guard sentence.hasPrefix("$") || sentence.hasPrefix("!") else {
                refuse("sentence", String(sentence.prefix(40)), Phrase("format.nmea.not_sentence"))
                continue
            }
            guard let star = sentence.lastIndex(of: "*") else {
                refuse("checksum", String(sentence.prefix(40)), Phrase("format.nmea.no_checksum"))
                continue
            }
            let body = sentence[sentence.index(after: sentence.startIndex)..<star]
            let given = String(sentence[sentence.index(after: star)...])
            let sum = body.utf8.reduce(UInt8(0)) { $0 ^ $1 }
            guard given.count == 2, let stated = UInt8(given, radix: 16) else {
                refuse("checksum", given, Phrase("format.nmea.checksum_form"))
                continue
            }
            guard stated == sum else {
                refuse(
                    "checksum", given,
                    Phrase("format.nmea.checksum_wrong", ["computed": String(format: "%02X", sum)]))
                continue
            }
            let fields = body.split(separator: ",", omittingEmptySubsequences: false).map(
                String.init)
            guard let kind = fields.first, kind.count >= 5 else {
                refuse("sentence", String(body.prefix(20)), Phrase("format.nmea.not_sentence"))
                continue
            }
            let type = String(kind.suffix(3))
            switch type {
            case "RMC":
                guard fields.count >= 10 else {
                    refuse(
                        "sentence", kind,
                        Phrase("format.nmea.too_few_fields", ["count": "\(fields.count)"])
                    )
                    continue
                }
                guard fields[2] == "A" else {
                    refuse("status", fields[2], Phrase("format.nmea.no_fix"))
                    continue
                }
                guard let day = Self.date(fields[9]) else {
                    refuse("date", fields[9], Phrase("format.nmea.date"))
                    continue
                }
                date = day
                guard
                    let point = point(
                        fields, time: 1, lat: 3, lon: 5, date: day, line: line, refuse: refuse)
                else { continue }
                let speed = Double(fields[7]).map { Speed(knots: $0) }
                let course = Double(fields[8])
                let full = TrackPoint(
                    time: point.time, position: point.position, speed: speed,
                    courseDegrees: course, line: line)
                // The GGA just before, of the same second, is this fix: the RMC's has more.
                if let last = result.points.indices.last,
                    result.points[last].time == point.time, fromGGA.contains(last)
                {
                    result.points[last] = full
                    fromGGA.remove(last)
                    result.pairedSentences += 1
                } else {
                    result.points.append(full)
                }
            case "GGA":
                guard fields.count >= 7 else {
                    refuse(
                        "sentence", kind,
                        Phrase("format.nmea.too_few_fields", ["count": "\(fields.count)"])
                    )
                    continue
                }
                guard let quality = Int(fields[6]), quality > 0 else {
                    refuse("fix_quality", fields[6], Phrase("format.nmea.no_fix"))
                    continue
                }
                guard let day = date else {
                    refuse("time", fields[1], Phrase("format.nmea.gga_without_date"))
                    continue
                }
                guard
                    let p = point(
                        fields, time: 1, lat: 2, lon: 4, date: day, line: line, refuse: refuse)
                else { continue }
                // The RMC just before, of the same second, is this fix (and has more).
                if let last = result.points.last, last.time == p.time,
                    !fromGGA.contains(result.points.count - 1)
                {
                    result.pairedSentences += 1
                    continue
                }
                fromGGA.insert(result.points.count)
                result.points.append(p)
            default:
                result.otherSentences += 1
            }
        }
        return result
    }

    /// The time and position of a sentence, or nil (the problem recorded).
    private func point(
        _ fields: [String], time t: Int, lat: Int, lon: Int,
        date: (year: Int, month: Int, day: Int), line: Int,
        refuse: (String, String, Phrase) -> Void
    ) -> TrackPoint? {
        guard let seconds = Self.timeOfDay(fields[t]) else {
            refuse("time", fields[t], Phrase("format.nmea.time"))
            return nil
        }
        guard let latitude = Self.angle(fields[lat], hemisphere: fields[lat + 1], degreeDigits: 2)
        else {
            refuse("latitude", fields[lat] + "," + fields[lat + 1], Phrase("format.nmea.latitude"))
            return nil
        }
        guard let longitude = Self.angle(fields[lon], hemisphere: fields[lon + 1], degreeDigits: 3)
        else {
            refuse(
                "longitude", fields[lon] + "," + fields[lon + 1], Phrase("format.nmea.longitude"))
            return nil
        }
        guard let position = try? Coordinate(latitude: latitude, longitude: longitude) else {
            refuse("latitude", fields[lat], Phrase("format.nmea.latitude"))
            return nil
        }
        var c = DateComponents()
        c.year = date.year
        c.month = date.month
        c.day = date.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let midnight = calendar.date(from: c) else {
            refuse("date", "\(date)", Phrase("format.nmea.date"))
            return nil
        }
        let ms =
            Int64((midnight.timeIntervalSince1970 * 1000).rounded())
            + Int64((seconds * 1000).rounded())
        return TrackPoint(
            time: Timestamp(millisecondsSince1970: ms), position: position, line: line)
    }

    /// `hhmmss` or `hhmmss.sss` as seconds since midnight.
    static func timeOfDay(_ text: String) -> Double? {
        let u = Array(text.utf8)
        guard u.count >= 6, u[0..<6].allSatisfy({ (0x30...0x39).contains($0) }),
            let h = Int(text.prefix(2)), let m = Int(text.dropFirst(2).prefix(2)),
            let s = Double(text.dropFirst(4)), h < 24, m < 60, s < 61
        else { return nil }
        return Double(h * 3600 + m * 60) + s
    }

    /// `ddmmyy` (years 80–99 are 1980–1999, the rest 2000–2079).
    static func date(_ text: String) -> (year: Int, month: Int, day: Int)? {
        guard text.count == 6, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let d = Int(text.prefix(2)), let m = Int(text.dropFirst(2).prefix(2)),
            let y = Int(text.suffix(2)), (1...31).contains(d), (1...12).contains(m)
        else { return nil }
        return (y >= 80 ? 1900 + y : 2000 + y, m, d)
    }

    /// `ddmm.mmmm` (or `dddmm.mmmm`) and N/S/E/W as signed degrees.
    static func angle(_ text: String, hemisphere: String, degreeDigits: Int) -> Double? {
        guard text.count > degreeDigits + 2, let degrees = Double(text.prefix(degreeDigits)),
            let minutes = Double(text.dropFirst(degreeDigits)), minutes < 60,
            text.prefix(degreeDigits).utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        let value = degrees + minutes / 60
        switch hemisphere {
        case "N", "E": return value
        case "S", "W": return -value
        default: return nil
        }
    }
}
