import Foundation
import SelatKit

/// A command that cannot do what was asked: the message, escaped for the terminal, printed by
/// ArgumentParser with exit status 1.
struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = TerminalText.escaped(description) }

    /// The words of an error from below the command line, with options spelled as the command
    /// line spells them (`--cell`, `` `selat hotspots` ``): the one place errors become words.
    init(_ error: any Error) { self.init(Self.words(for: error)) }

    /// Errors of Selat's modules (worded here); ArgumentParser's own (`ExitCode`, validation) are not.
    static func isSelatError(_ error: any Error) -> Bool {
        error is KitError || error is StoreError || error is AnalysisError || error is RoutingError
            || error is PatrolError || error is OutputError || error is LandCheck.Refusal
            || error is ModelError || error is GeoError || error is FormatError
    }

    static func words(for error: any Error) -> String {
        let n = ControlNames.commandLine
        switch error {
        case let e as Failure: return e.description
        case let e as KitError: return e.words(n)
        case let e as StoreError: return e.words(n)
        case let e as AnalysisError: return e.words(n)
        case let e as RoutingError: return e.words(n)
        case let e as PatrolError: return e.words(n)
        case let e as OutputError: return e.words(n)
        case let e as LandCheck.Refusal: return e.words(n)
        case let e as ModelError: return e.words(n.words)
        case let e as GeoError: return e.words(n.words)
        case let e as CustomStringConvertible: return e.description
        default: return String(describing: error)
        }
    }
}
