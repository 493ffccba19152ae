import Foundation

/// A file that cannot be read as the format it claims, with where it went wrong.
public enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened.
    case unreadableFile(path: String, reason: String)
    /// The whole file is unusable (no header, not JSON, wrong GeoJSON type); `location` is a
    /// line or a JSON path.
    case malformed(file: String, location: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .malformed(let file, let location, let reason): "\(file), \(location): \(reason)"
        }
    }
}
