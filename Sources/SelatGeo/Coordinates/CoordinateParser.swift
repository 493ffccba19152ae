import Foundation
import SelatWords

extension Coordinate {
    /// Reads a position the ways people at sea write one.
    ///
    /// Accepted, latitude first unless hemisphere letters say otherwise:
    /// - decimal degrees: `1.1234, 104.0567`, `-0.9 104.4`
    /// - with hemisphere letters: `1.1234N 104.0567E`, `N1.1234 E104.0567`, `0.9S, 104.4E`
    /// - degrees and decimal minutes (chartplotters): `1°07.404'N 104°03.402'E`, `01 07.404N 104 03.402E`
    /// - degrees, minutes, seconds: `1°07'24.2"N 104°03'24.1"E`, `1 07 24.2 N 104 03 24.1 E`
    /// - the Indonesian letters (Lintang Utara/Selatan, Bujur Timur/Barat) and decimal comma:
    ///   `1°10,5' LU 104°02,3' BT`, `0,9 LS 104,4 BT`, `LU 1°10,5' BT 104°02,3'`; single letters
    ///   `U`, `T`, `B` too
    ///
    /// Text that could mean two things (for instance three bare numbers) is refused rather than
    /// guessed. A comma between digits is a decimal comma only where it cannot be the comma
    /// between latitude and longitude: when the position has hemisphere letters, or when a
    /// minute, second or degree mark follows the number (`10,5'`).
    ///
    /// - Parameter text: The position as typed.
    /// - Throws: ``GeoError/unreadablePosition(text:reason:)`` saying what was expected, or a
    ///   range error, with a hint when latitude and longitude look swapped.
    public init(parsing text: String) throws(GeoError) {
        self = try CoordinateParser(text: text).parse()
    }
}

/// The lexer and grammar behind ``Coordinate/init(parsing:)``.
struct CoordinateParser {
    enum Mark: Equatable { case degrees, minutes, seconds }
    enum Token: Equatable {
        case number(String, mark: Mark?)
        case hemisphere(Character)
        case separator
    }

    struct Component {
        var numbers: [(text: String, mark: Mark?)] = []
        var hemisphere: Character?
    }

    let text: String

    func parse() throws(GeoError) -> Coordinate {
        // Hemisphere letters delimit the parts, so commas between digits are decimal commas.
        var tokens = try tokenize(decimalCommas: false)
        if tokens.contains(where: { if case .hemisphere = $0 { true } else { false } }) {
            tokens = try tokenize(decimalCommas: true)
        }
        let components = try split(tokens)
        guard components.count == 2 else {
            throw fail(Phrase("geo.position.parts", ["count": "\(components.count)"]))
        }
        var latitude: Double?
        var longitude: Double?
        for (index, component) in components.enumerated() {
            let value = try degrees(of: component)
            switch component.hemisphere {
            case "N", "S":
                guard latitude == nil else {
                    throw fail(Phrase("geo.position.two_latitudes"))
                }
                latitude = component.hemisphere == "S" ? -value : value
            case "E", "W":
                guard longitude == nil else {
                    throw fail(Phrase("geo.position.two_longitudes"))
                }
                longitude = component.hemisphere == "W" ? -value : value
            default:
                if index == 0 { latitude = value } else { longitude = value }
            }
        }
        guard let lat = latitude, let lon = longitude else {
            throw fail(Phrase("geo.position.one_hemisphere"))
        }
        if abs(lat) > 90 && abs(lon) <= 90 && components.allSatisfy({ $0.hemisphere == nil }) {
            throw fail(Phrase("geo.position.swapped", ["latitude": format(lat)]))
        }
        return try Coordinate(latitude: lat, longitude: lon)
    }

    private func fail(_ reason: Phrase) -> GeoError {
        .unreadablePosition(text: text, reason: reason)
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    // MARK: Lexing

    private func tokenize(decimalCommas: Bool) throws(GeoError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" {
                i += 1
            } else if c == "," || c == ";" {
                // (A comma inside a number is read with the number, below.)
                tokens.append(.separator)
                i += 1
            } else if c.isASCII && (c.isNumber || c == "." || c == "-" || c == "+") {
                var number = String(c)
                i += 1
                while i < chars.count, chars[i].isASCII {
                    if chars[i].isNumber || chars[i] == "." {
                        number.append(chars[i])
                        i += 1
                    } else if chars[i] == ",", Self.isDecimalComma(chars, at: i, decimalCommas) {
                        guard !number.contains(".") else {
                            throw fail(Phrase("geo.position.point_and_comma", ["number": number]))
                        }
                        number.append(".")
                        i += 1
                    } else {
                        break
                    }
                }
                guard number.contains(where: \.isNumber) else {
                    throw fail(Phrase("geo.not_a_number", ["text": number]))
                }
                guard number.filter({ $0 == "." }).count <= 1 else {
                    throw fail(Phrase("geo.position.two_points", ["number": number]))
                }
                tokens.append(.number(number, mark: nil))
            } else if let mark = Self.mark(c) {
                // A mark belongs to the number right before it; '' (two primes) reads as seconds.
                var mark = mark
                if mark == .minutes, i + 1 < chars.count, Self.mark(chars[i + 1]) == .minutes {
                    mark = .seconds
                    i += 1
                }
                guard case .number(let n, nil)? = tokens.last else {
                    throw fail(Phrase("geo.position.symbol_first", ["symbol": String(c)]))
                }
                tokens[tokens.count - 1] = .number(n, mark: mark)
                i += 1
            } else if i + 1 < chars.count,
                let hemisphere = Self.indonesianHemisphere(c, chars[i + 1]),
                i + 2 == chars.count || !chars[i + 2].isLetter
            {
                // LU, LS, BT, BB: Lintang Utara/Selatan, Bujur Timur/Barat.
                tokens.append(.hemisphere(hemisphere))
                i += 2
            } else if let hemisphere = Self.hemisphere(c) {
                // A letter must stand alone: "Nongsa" is not a hemisphere.
                if i + 1 < chars.count, chars[i + 1].isLetter {
                    throw fail(
                        Phrase(
                            "geo.position.unexpected_word", ["word": String(chars[i...].prefix(12))]
                        ))
                }
                tokens.append(.hemisphere(hemisphere))
                i += 1
            } else {
                throw fail(Phrase("geo.position.unexpected_character", ["character": String(c)]))
            }
        }
        return tokens
    }

    private static func mark(_ c: Character) -> Mark? {
        switch c {
        case "°", "º", "˚": return .degrees
        case "'", "′", "’", "‘": return .minutes
        case "\"", "″", "”", "“": return .seconds
        default: return nil
        }
    }

    /// A comma at `i` between digits is a decimal comma when the position has hemisphere letters
    /// or when a degree, minute or second mark follows the digits after it (`10,5'`).
    private static func isDecimalComma(_ chars: [Character], at i: Int, _ lettered: Bool) -> Bool {
        guard i > 0, chars[i - 1].isASCII, chars[i - 1].isNumber, i + 1 < chars.count,
            chars[i + 1].isASCII, chars[i + 1].isNumber
        else { return false }
        if lettered { return true }
        var j = i + 1
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        return j < chars.count && mark(chars[j]) != nil
    }

    private static func indonesianHemisphere(_ first: Character, _ second: Character)
        -> Character?
    {
        switch (first.uppercased(), second.uppercased()) {
        case ("L", "U"): return "N"
        case ("L", "S"): return "S"
        case ("B", "T"): return "E"
        case ("B", "B"): return "W"
        default: return nil
        }
    }

    private static func hemisphere(_ c: Character) -> Character? {
        switch c {
        case "N", "n", "U", "u": return "N"  // U = Utara (Indonesian for north)
        case "S", "s": return "S"
        case "E", "e", "T", "t": return "E"  // T = Timur (east)
        case "W", "w", "B", "b": return "W"  // B = Barat (west)
        default: return nil
        }
    }

    // MARK: Grammar

    private func split(_ tokens: [Token]) throws(GeoError) -> [Component] {
        guard !tokens.isEmpty else { throw fail(Phrase("geo.position.empty")) }
        let hasHemisphere = tokens.contains { if case .hemisphere = $0 { true } else { false } }
        var components: [Component] = []
        var current = Component()
        func close() {
            if !current.numbers.isEmpty || current.hemisphere != nil { components.append(current) }
            current = Component()
        }

        if hasHemisphere {
            let prefixStyle: Bool = if case .hemisphere = tokens[0] { true } else { false }
            for token in tokens {
                switch token {
                case .number(let n, let mark):
                    current.numbers.append((n, mark))
                case .hemisphere(let h):
                    if prefixStyle {
                        close()
                        current.hemisphere = h
                    } else {
                        guard !current.numbers.isEmpty else {
                            throw fail(Phrase("geo.position.letter_alone", ["letter": "\(h)"]))
                        }
                        current.hemisphere = h
                        close()
                    }
                case .separator:
                    if !prefixStyle && !current.numbers.isEmpty {
                        throw fail(Phrase("geo.position.comma_no_letter"))
                    }
                }
            }
            close()
            for component in components
            where component.hemisphere == nil || component.numbers.isEmpty {
                _ = component
                throw fail(Phrase("geo.position.part_needs_letter"))
            }
            return components
        }

        let separators = tokens.filter { $0 == .separator }.count
        if separators > 1 {
            throw fail(Phrase("geo.position.commas"))
        }
        if separators == 1 {
            for token in tokens {
                switch token {
                case .number(let n, let mark): current.numbers.append((n, mark))
                case .separator: close()
                case .hemisphere: break
                }
            }
            close()
            return components
        }
        // No letters and no comma: split by degree marks, else by count (2, 4 or 6 numbers).
        let numbers: [(text: String, mark: Mark?)] = tokens.compactMap {
            if case .number(let n, let mark) = $0 { (n, mark) } else { nil }
        }
        let degreeMarks = numbers.enumerated().filter { $0.element.mark == .degrees }.map(\.offset)
        if degreeMarks.count == 2 && degreeMarks[0] == 0 {
            return [
                Component(numbers: Array(numbers[..<degreeMarks[1]])),
                Component(numbers: Array(numbers[degreeMarks[1]...])),
            ]
        }
        guard numbers.count >= 2 else {
            throw fail(Phrase("geo.position.one_number"))
        }
        guard [2, 4, 6].contains(numbers.count) else {
            throw fail(Phrase("geo.position.cannot_split", ["count": "\(numbers.count)"]))
        }
        let half = numbers.count / 2
        return [
            Component(numbers: Array(numbers[..<half])),
            Component(numbers: Array(numbers[half...])),
        ]
    }

    /// Degrees (unsigned unless there is no hemisphere) of one part: d, d m, or d m s.
    private func degrees(of component: Component) throws(GeoError) -> Double {
        let parts = component.numbers
        guard (1...3).contains(parts.count) else {
            throw fail(Phrase("geo.position.too_many_numbers", ["count": "\(parts.count)"]))
        }
        let expected: [Mark] = [.degrees, .minutes, .seconds]
        for (index, part) in parts.enumerated()
        where part.mark != nil && part.mark != expected[index] {
            throw fail(
                Phrase(
                    "geo.position.misplaced_mark", ["text": part.text],
                    words: [
                        "mark": part.mark.map(Self.name) ?? "",
                        "expected": Self.name(expected[index]),
                    ]))
        }
        var values: [Double] = []
        for (index, part) in parts.enumerated() {
            if index > 0, part.text.hasPrefix("-") || part.text.hasPrefix("+") {
                throw fail(Phrase("geo.position.sign_on_degrees"))
            }
            guard let value = Double(part.text), value.isFinite else {
                throw fail(Phrase("geo.not_a_number", ["text": part.text]))
            }
            if index < parts.count - 1 && value != value.rounded(.towardZero) {
                throw fail(
                    Phrase(
                        "geo.position.must_be_whole", ["text": part.text],
                        words: [
                            "part": Self.name(expected[index]),
                            "next": Self.name(expected[index + 1]),
                        ]))
            }
            if index > 0 && !(0..<60).contains(value) {
                throw fail(
                    Phrase(
                        "geo.position.under_60", ["text": part.text],
                        words: ["part": Self.name(expected[index])]))
            }
            values.append(value)
        }
        let first = parts[0].text
        let negative = first.hasPrefix("-")
        if negative && component.hemisphere != nil {
            throw fail(Phrase("geo.position.sign_and_letter", ["text": first]))
        }
        var magnitude = abs(values[0])
        if values.count > 1 { magnitude += values[1] / 60 }
        if values.count > 2 { magnitude += values[2] / 3600 }
        return negative ? -magnitude : magnitude
    }

    private static func name(_ mark: Mark) -> String {
        switch mark {
        case .degrees: "geo.part.degrees"
        case .minutes: "geo.part.minutes"
        case .seconds: "geo.part.seconds"
        }
    }
}
