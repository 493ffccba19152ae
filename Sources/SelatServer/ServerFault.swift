import SelatKit

/// What went wrong inside the server itself (never the user's input): answered 500 with the
/// generic problem document, and logged by its case — never with request bodies.
enum ServerFault: Error, Sendable {
    /// An uploaded file could not be kept in a temporary file for the importer.
    case uploadNotKept
    /// A sighting the writer reported as stored (or already there) could not be read back.
    case storedSightingMissing(SightingID)
}
