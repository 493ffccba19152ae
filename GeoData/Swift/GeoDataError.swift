import Foundation

/// A GeoData file that cannot be used. These ship with Selat; seeing one means the installation
/// is damaged: rebuild, or regenerate with `Tools/make-geodata.sh`.
public enum GeoDataError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missing(let f): "GeoData file \(f) is missing from this installation; rebuild Selat (swift build)"
        case .malformed(let f, let why): "GeoData file \(f) is damaged (\(why)); regenerate it with Tools/make-geodata.sh"
        }
    }
}
