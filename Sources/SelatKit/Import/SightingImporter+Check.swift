import Foundation
import SelatFormats
import SelatModel

extension SightingImporter {
    /// What reading a file gives, row by row, before anything is written.
    public struct Check: Sendable {
        /// The rows that would be imported, in file order.
        public var sightings: [Sighting] = []
        /// The rows that would be refused, in file order, each naming line (or feature), field,
        /// value and reason.
        public var problems: [ImportProblem] = []
        /// Columns (or properties) present that Selat does not use.
        public var ignoredColumns: [String] = []
        /// Data rows read (header not counted).
        public var rowsRead = 0
    }

    /// Reads and checks every row of a file held in memory with exactly the rules of an import
    /// (the same readers, field parsers and land check), touching no database.
    ///
    /// Every row read ends up in ``Check/sightings`` or ``Check/problems``: none is dropped.
    /// - Throws: ``KitError`` when the file as a whole is unusable (no header, required columns
    ///   missing, not JSON, not a FeatureCollection).
    public static func check(
        bytes: [UInt8], fileName: String, format: Format, options: Options = Options(),
        landCheck: LandCheck
    ) throws(KitError) -> Check {
        let rows: any RowSource
        switch format {
        case .csv:
            rows = try CSVRowSource(
                reader: CSVReader(bytes: bytes), fileName: fileName, words: landCheck.names.words)
        case .geojson:
            let features: [SightingGeoJSON.Feature]
            do {
                features = try SightingGeoJSON.read(data: Data(bytes), fileName: fileName)
            } catch { throw .format(error) }
            rows = GeoJSONRowSource(features: features, words: landCheck.names.words)
        }
        let producer = ImportProducer(rows: rows, options: options, landCheck: landCheck)
        var check = Check()
        check.ignoredColumns = rows.ignoredColumns
        check.sightings = producer.collectAll().flatMap { $0.items.map(\.sighting) }
        check.problems = producer.problems.map(\.problem)
        check.rowsRead = producer.rowsRead
        return check
    }
}
