import Foundation
import HTTPTypes
import Hummingbird
import SelatFormats
import SelatKit
import SelatWords

/// A sighting as the API sends it: the CSV columns (times in UTC, the offset it was written in
/// beside), flags, and where it stands in the log. `unit` and `notes` only for those allowed.
struct APISighting: Encodable, Sendable {
    let id: String
    let observedAt: Timestamp
    let observedOffset: String
    let lat: Double
    let lon: Double
    let vesselType: String
    let activity: String
    let personsAboard: Int?
    let headingDeg: Double?
    let speedKn: Double?
    let source: String?
    let unit: String?
    let confidence: String?
    let notes: String?
    let flags: [String]
    let sequence: Int64
    let storedAt: Timestamp
    /// The agency whose user logged it through the server, if one did.
    let agency: String?
    /// Personal fields were left out for this reader.
    let personalHidden: Bool

    init(_ stored: StoredSighting, agency: String?, showPersonal: Bool) {
        let s = stored.sighting
        id = s.id.rawValue
        observedAt = s.observedAt
        observedOffset = Timestamp.offsetText(s.observedAt.offsetMinutes)
        lat = s.position.latitude
        lon = s.position.longitude
        vesselType = s.vesselType.rawValue
        activity = s.activity.rawValue
        personsAboard = s.personsAboard
        headingDeg = s.headingDegrees
        speedKn = s.speed?.knots
        source = s.source?.rawValue
        confidence = s.exactText(.confidence)
        unit = showPersonal ? s.unit : nil
        notes = showPersonal ? s.notes : nil
        flags = s.flagNames
        sequence = stored.sequence
        storedAt = stored.createdAt
        self.agency = agency
        personalHidden = !showPersonal && (s.unit != nil || s.notes != nil)
    }
}

/// `/api/v1/sightings`: log, search, read, history, corrections.
struct SightingRoutes {
    let services: ServerServices

    /// The JSON fields a new sighting may have: the CSV column names.
    static let fields = Set(SightingColumn.allCases.map(\.rawValue))

    func add(to router: some RouterMethods<ServerContext>) {
        router.post("/sightings") { request, context -> Response in
            try await log(request, context)
        }
        router.get("/sightings") { request, context -> Response in
            try await search(request, context)
        }
        router.get("/sightings/{id}") { request, context -> Response in
            let session = try await context.require(.readSightings, request, services)
            let id = try Self.id(context)
            let db = services.database
            guard let stored = try quick({ try db.sighting(id: id) }) else {
                throw Problem.notFound(Phrase("problem.no_sighting", ["id": id.rawValue]))
            }
            return jsonResponse(try await present([stored], session)[0])
        }
        router.get("/sightings/{id}/history") { request, context -> Response in
            let session = try await context.require(.readSightings, request, services)
            let id = try Self.id(context)
            let db = services.database
            let versions = try await blocking { try db.history(of: id) }
            guard !versions.isEmpty else {
                throw Problem.notFound(Phrase("problem.no_sighting", ["id": id.rawValue]))
            }
            return jsonResponse(try await present(versions.map(\.stored), session))
        }
        router.post("/sightings/{id}/corrections") { request, context -> Response in
            try await correct(request, context)
        }
    }

    static func id(_ context: ServerContext) throws -> SightingID {
        let text = context.parameters.get("id") ?? ""
        do { return try SightingID(text) } catch {
            throw Problem.invalid("id", text, words: { error.words($0.words) })
        }
    }

    /// The body's fields that relax the plausibility check (`allow_land`, `allow_outside`).
    static let overrides: Set<String> = [Control.allowLand.rawValue, Control.allowOutside.rawValue]

    /// The plausibility check with the database's study region, relaxed as the body asks; the
    /// server spells controls as its own fields.
    func landCheck(_ body: [String: JSONValue]) throws -> LandCheck {
        func flag(_ control: Control) throws -> Bool {
            let key = control.rawValue
            guard let value = body[key] else { return false }
            guard case .bool(let b) = value else {
                throw Problem.invalid(key, value.summary, Phrase("problem.boolean", ["field": key]))
            }
            return b
        }
        var check = LandCheck(
            coastline: services.geoData.coastline, allowLand: try flag(.allowLand),
            allowOutside: try flag(.allowOutside), region: try services.studyRegion.current())
        check.names = .api
        return check
    }

    /// One sighting as this reader may see it.
    func present(_ s: StoredSighting, agency: String?, _ session: Accounts.Session) -> APISighting {
        let role = session.user.role
        let show =
            role.permits(.seeAllPersonal)
            || (role.permits(.seeOwnAgencyPersonal) && agency == session.user.agency)
        return APISighting(s, agency: agency, showPersonal: show)
    }

    /// Sightings as this reader may see them.
    func present(_ list: [StoredSighting], _ session: Accounts.Session) async throws
        -> [APISighting]
    {
        let db = services.database
        let ids = list.map(\.sighting.id)
        let origins = try quick { try db.origins(of: ids) }
        let role = session.user.role
        return list.map { s in
            let agency = origins[s.sighting.id]
            let show =
                role.permits(.seeAllPersonal)
                || (role.permits(.seeOwnAgencyPersonal) && agency == session.user.agency)
            return APISighting(s, agency: agency, showPersonal: show)
        }
    }

    /// `POST /api/v1/sightings`: 201 new, 200 the same record again (a retry), 409 the id with
    /// other content, 422 a value that is wrong.
    func log(_ request: Request, _ context: ServerContext) async throws -> Response {
        let session = try await context.require(.logSightings, request, services)
        let body = try await RequestBody.object(request)
        var columns: [SightingColumn: String] = [:]
        for (key, value) in body where !Self.overrides.contains(key) {
            if key == "position" {
                // A position in any form the command line reads, instead of lat and lon.
                guard body["lat"] == nil, body["lon"] == nil else {
                    throw Problem.invalid(
                        key, nil, Phrase("problem.position_or_lat_lon"),
                        code: "conflicting_fields")
                }
                let text = try RequestBody.text(value, field: key) ?? ""
                let c: Coordinate
                do { c = try Coordinate(parsing: text) } catch {
                    throw Problem.invalid(key, text, words: { error.words($0.words) })
                }
                columns[.lat] = Sighting.exactDecimal(c.latitude)
                columns[.lon] = Sighting.exactDecimal(c.longitude)
                continue
            }
            guard let column = SightingColumn(rawValue: key) else {
                throw Problem.invalid(
                    key, nil,
                    Phrase(
                        "problem.unknown_sighting_field",
                        [
                            "field": key,
                            "fields": SightingColumn.allCases.map(\.rawValue).joined(
                                separator: ", "),
                        ]),
                    code: "unknown_field")
            }
            columns[column] = try RequestBody.text(value, field: key)
        }
        let check = try landCheck(body)
        let db = services.database
        let given = columns
        let sighting = try quick {
            try SightingEntry.checked(given, defaultOffsetMinutes: 420, landCheck: check).sighting
        }
        let id = sighting.id
        let committed = try await services.committer.insert(
            .init(
                sighting: sighting,
                origin: SightingOrigin(agency: session.user.agency, user: session.user.name),
                audit: AuditEntry(
                    at: Timestamp(Date()), user: session.user.name, action: "sighting_add",
                    target: id.rawValue, detail: nil, address: context.address)))
        let outcome = committed.outcome
        switch outcome {
        case .conflict:
            try await services.record(
                context, action: "refused", target: id.rawValue,
                detail: "id stored with other content")
            throw Problem(
                .conflict, code: "id_conflict", title: Phrase("problem.title.id_taken"),
                detail: Phrase("problem.id_taken", ["id": id.rawValue]),
                field: "id", value: id.rawValue)
        case .added, .duplicate:
            // (Its audit entry was written with its group.)
            let added = outcome == .added
            // A new record is answered as the store recorded it (this user's agency is its
            // origin); a retry with the record as it was first stored, origin included.
            let found: (sighting: StoredSighting, agency: String?)
            if added, let stored = committed.stored {
                found = (stored, session.user.agency)
            } else {
                guard let read = try quick({ try db.sightingWithOrigin(id: id) }) else {
                    throw ServerFault.storedSightingMissing(id)
                }
                found = read
            }
            var response = jsonResponse(
                present(found.sighting, agency: found.agency, session),
                status: added ? .created : .ok)
            response.headers[.location] = "/api/v1/sightings/\(id.rawValue)"
            return response
        }
    }

    /// `GET /api/v1/sightings`: the filters of `selat sighting list`, a page at a time.
    func search(_ request: Request, _ context: ServerContext) async throws -> Response {
        let session = try await context.require(.readSightings, request, services)
        let q = request.uri.queryParameters
        func param(_ name: String) -> String? { q[name[...]].map(String.init) }
        var query = try Self.query(request, database: services.database)
        if let count = param("count"), count != "false" {
            guard count == "true" else {
                throw Problem.invalid(
                    "count", count, Phrase("problem.count_flag"), code: "invalid_query")
            }
            // How many match, from the indexes: no record is read.
            let search = SightingSearch(database: services.database)
            let counted = query
            let total = try await blocking { try search.count(counted) }
            return jsonResponse(SightingCount(count: total))
        }
        var limit = 100
        if let text = param("limit") {
            guard let n = Int(text), (1...StationServer.Limits.pageSize).contains(n) else {
                throw Problem.invalid(
                    "limit", text,
                    Phrase("problem.limit", ["limit": "\(StationServer.Limits.pageSize)"]),
                    code: "out_of_range")
            }
            limit = n
        }
        if let cursor = param("cursor") {
            guard let c = SightingCursor(text: cursor) else {
                throw Problem.invalid(
                    "cursor", cursor, Phrase("problem.cursor"),
                    code: "invalid_query")
            }
            query.after = c
        }
        let format = param("format") ?? "json"
        guard ["json", "geojson", "csv"].contains(format) else {
            throw Problem.invalid(
                "format", format, Phrase("problem.format_sightings"), code: "out_of_range")
        }
        let db = services.database
        let search = SightingSearch(database: db)
        let finalQuery = query
        let pageSize = limit
        let page = try await blocking { try search.page(finalQuery, limit: pageSize) }
        let shown = try await present(page.sightings, session)
        switch format {
        case "geojson", "csv":
            let personal = Dictionary(
                uniqueKeysWithValues: shown.map { ($0.id, !$0.personalHidden) })
            // Personal fields go out only to whom they may: a reader who may not see them gets
            // the sightings without them.
            let sightings = page.sightings.map(\.sighting)
            let allowed = sightings.allSatisfy { personal[$0.id.rawValue] ?? false }
            var response =
                format == "csv"
                ? textResponse(
                    SightingRenderer.csv(
                        sightings, includePersonal: allowed, synthetic: page.synthetic),
                    type: "text/csv; charset=utf-8")
                : textResponse(
                    SightingLayer.make(
                        sightings, includePersonal: allowed, synthetic: page.synthetic,
                        words: Words(try ServerLanguage.of(request))
                    )
                    .render(.geojson), type: "application/geo+json")
            if let next = page.nextCursor {
                response.headers[HTTPField.Name("Selat-Next-Cursor")!] = next
            }
            return response
        default:
            return jsonResponse(
                SightingList(
                    sightings: shown, limit: limit, hasMore: page.hasMore,
                    nextCursor: page.nextCursor, synthetic: page.synthetic))
        }
    }

    /// The filters of `selat sighting list` from a request's query: `near` and `within`, `bbox`,
    /// `since`, `until`, `vessel_type`, `activity` (repeatable or comma-separated), `unit`.
    static func query(_ request: Request, database: SelatDatabase) throws -> SightingQuery {
        let q = request.uri.queryParameters
        var query = SightingQuery()
        func param(_ name: String) -> String? { q[name[...]].map(String.init) }
        do {
            if let near = param("near") {
                guard let within = param("within") else {
                    throw Problem.invalid(
                        "within", nil, Phrase("problem.within"),
                        code: "missing_field")
                }
                let centre = try PlaceResolver(database: database).coordinate(near)
                query.near = (centre, try Distance(parsing: within))
            }
            if let bbox = param("bbox") { query.box = try BoundingBox(parsing: bbox) }
            if let since = param("since") {
                query.since = try Timestamp.parse(since, defaultOffsetMinutes: 420).timestamp
            }
            if let until = param("until") {
                query.until = try Timestamp.parse(until, defaultOffsetMinutes: 420).timestamp
            }
            for v in q.getAll("vessel_type").flatMap({ $0.split(separator: ",") }) {
                query.vesselTypes.insert(try VesselType(parsing: String(v)))
            }
            for a in q.getAll("activity").flatMap({ $0.split(separator: ",") }) {
                query.activities.insert(try Activity(parsing: String(a)))
            }
        } catch let p as Problem {
            throw p
        } catch let e as GeoError {
            throw Problem.invalid(nil, nil, words: { e.words($0.words) }, code: "invalid_query")
        } catch let e as ModelError {
            throw Problem.model(e)
        } catch let e as KitError {
            throw Problem(e)
        }
        query.unit = param("unit")
        return query
    }

    struct SightingList: Encodable {
        let sightings: [APISighting]
        let limit: Int
        let hasMore: Bool
        let nextCursor: String?
        let synthetic: Bool
    }

    /// `POST /api/v1/sightings/{id}/corrections`: the fields that were wrong and a reason.
    func correct(_ request: Request, _ context: ServerContext) async throws -> Response {
        // Officers correct their own agency's sightings (checked below), admins any.
        let session = try await context.require(
            context.session?.user.role.permits(.correctAny) == true
                ? .correctAny : .correctOwnAgency,
            request, services)
        let role = session.user.role
        let id = try Self.id(context)
        let db = services.database
        if !role.permits(.correctAny) {
            let origin = try quick { try db.origins(of: [id]) }[id]
            guard origin == session.user.agency else {
                try await services.record(
                    context, action: "refused", target: id.rawValue,
                    detail: "correction of another agency's sighting")
                throw Problem(
                    .forbidden, code: "forbidden", title: Phrase("problem.title.other_agency"),
                    detail: Phrase("problem.other_agency"))
            }
        }
        let body = try await RequestBody.object(request)
        guard case .string(let reason)? = body["reason"] else {
            throw Problem.missing("reason", Phrase("problem.reason"))
        }
        var c = SightingEntry(time: "", position: "")
        for (key, value) in body where key != "reason" && !Self.overrides.contains(key) {
            let text = try RequestBody.text(value, field: key)
            switch key {
            case "observed_at": c.time = text ?? ""
            case "position": c.position = text ?? ""
            case "vessel_type": c.vesselType = text
            case "activity": c.activity = text
            case "persons_aboard": c.persons = text
            case "heading_deg": c.heading = text
            case "speed_kn": c.speed = text
            case "source": c.source = text
            case "unit": c.unit = text
            case "confidence": c.confidence = text
            case "notes": c.notes = text
            default:
                throw Problem.invalid(
                    key, nil,
                    Phrase("problem.uncorrectable", ["field": key]),
                    code: "unknown_field")
            }
        }
        let check = try landCheck(body)
        let correction = SightingCorrection(changes: c, reason: reason)
        // The correction is this user's agency's, recorded with it in one transaction.
        let user = session.user
        let stored = try await blocking {
            try correction.apply(
                to: id.rawValue, in: db, defaultOffsetMinutes: 420, landCheck: check,
                origin: SightingOrigin(agency: user.agency, user: user.name))
        }
        try await services.record(
            context, action: "sighting_correct", target: id.rawValue,
            detail: "corrected by \(stored.sighting.id.rawValue)")
        return jsonResponse(present(stored, agency: user.agency, session), status: .created)
    }
}

/// The answer of `GET /api/v1/sightings?count=true`.
struct SightingCount: Encodable {
    let count: Int
}
