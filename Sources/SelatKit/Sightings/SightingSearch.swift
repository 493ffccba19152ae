import Foundation
import SelatModel
import SelatStore

/// One page of sightings matching a query, in log order, and whether more match.
public struct SightingPage: Sendable, Codable, Hashable {
    public let sightings: [StoredSighting]
    /// The most asked for (nil: no limit).
    public let limit: Int?
    /// More sightings match than the page holds.
    public let hasMore: Bool
    /// Give this as the query's `after` (the API's `cursor`) for the next page; nil on the last.
    public let nextCursor: String?
    /// The log holds synthetic demo data.
    public let synthetic: Bool
}

/// `selat sighting list`, and what a server's search endpoint needs: the sightings matching a
/// query, a page at a time.
public struct SightingSearch: Sendable {
    public let database: SelatDatabase

    public init(database: SelatDatabase) { self.database = database }

    /// The first `limit` sightings matching `query` (earliest first); all of them when `limit`
    /// is nil.
    /// - Throws: ``KitError/store(_:)``.
    public func page(_ query: SightingQuery, limit: Int?) throws(KitError) -> SightingPage {
        var q = query
        // One more than asked for says whether there are more.
        q.limit = limit.map { $0 + 1 }
        var found = try KitError.store { () throws(StoreError) in
            try database.sightings(matching: q)
        }
        let more = limit.map { found.count > $0 } ?? false
        if let limit, more { found.removeLast(found.count - limit) }
        let synthetic = try KitError.store { () throws(StoreError) in try database.isSynthetic }
        return SightingPage(
            sightings: found, limit: limit, hasMore: more,
            nextCursor: more ? found.last.map { SightingCursor(after: $0).text } : nil,
            synthetic: synthetic)
    }

    /// Calls `body` with each sighting matching `query`, earliest first, as it is read — the
    /// answer is never held whole (``SelatDatabase/forEachSighting(matching:_:)``); at most
    /// `limit` (all when nil). `body` returns false to stop reading.
    /// - Returns: how many sightings `body` was given.
    /// - Throws: ``KitError/store(_:)``.
    @discardableResult
    public func stream(
        _ query: SightingQuery, limit: Int?, _ body: (StoredSighting) -> Bool
    ) throws(KitError) -> Int {
        var q = query
        q.limit = limit
        return try KitError.store { () throws(StoreError) in
            try database.forEachSighting(matching: q, body)
        }
    }

    /// How many sightings match `query`, counted from the indexes without reading a record
    /// (``SelatDatabase/sightingCount(matching:)``).
    /// - Throws: ``KitError/store(_:)``.
    public func count(_ query: SightingQuery) throws(KitError) -> Int {
        try KitError.store { () throws(StoreError) in try database.sightingCount(matching: query) }
    }

    /// Whether the log holds synthetic demo data (exports say so).
    public func isSynthetic() throws(KitError) -> Bool {
        try KitError.store { () throws(StoreError) in try database.isSynthetic }
    }
}
