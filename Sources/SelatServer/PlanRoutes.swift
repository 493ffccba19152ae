import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatGeoData
import SelatKit
import SelatWords

/// One sea-routing graph for the whole server: routing and planning requests take turns on it
/// (the graph is built or loaded once; a plan takes seconds).
final class SharedRouting: @unchecked Sendable {
    private let lock = NSLock()
    private let routing: SeaRouting

    init(geoData: GeoData) { routing = SeaRouting(geoData: geoData) }

    func with<T>(_ body: (SeaRouting) throws -> T) rethrows -> T {
        try lock.withLock { try body(routing) }
    }
}

/// `/api/v1/fleet`, `/api/v1/routes/sea`, `/api/v1/plans`: what planners use.
struct PlanRoutes {
    let services: ServerServices
    let routing: SharedRouting

    struct Fleet: Encodable {
        let agencies: [Agency]
        let bases: [Base]
        let boats: [Boat]
    }

    struct PlanSummaryJSON: Encodable {
        let planId: Int64
        let createdAt: Timestamp
        let windowStart: Timestamp
        let nights: Int
        let seed: String
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/fleet") { request, context -> Response in
            _ = try await context.require(.fleet, request, services)
            let db = services.database
            let fleet = try await blocking {
                Fleet(agencies: try db.agencies(), bases: try db.bases(), boats: try db.boats())
            }
            return jsonResponse(fleet)
        }
        router.get("/routes/sea") { request, context -> Response in
            _ = try await context.require(.seaRoutes, request, services)
            return try await seaRoute(request)
        }
        router.get("/plans") { request, context -> Response in
            _ = try await context.require(.plans, request, services)
            let db = services.database
            let plans = try await blocking { try db.plans() }
            return jsonResponse(
                plans.map {
                    PlanSummaryJSON(
                        planId: $0.id, createdAt: $0.createdAt, windowStart: $0.windowStart,
                        nights: $0.nights, seed: String($0.seed))
                })
        }
        router.get("/plans/{plan}") { request, context -> Response in
            _ = try await context.require(.plans, request, services)
            let id = try Self.planID(context)
            let db = services.database
            let plan = try await blocking { try db.plan(id: id) }
            let language = try ServerLanguage.of(request)
            let names = ControlNames.api.speaking(language)
            switch request.uri.queryParameters["format"].map(String.init) ?? "json" {
            case "json": return jsonResponse(PlanAnswer(plan: plan, language: language))
            case "geojson":
                return textResponse(
                    PatrolPlanRenderer(plan: plan).render(.geojson, names: names),
                    type: "application/geo+json")
            case "gpx":
                return textResponse(
                    PatrolPlanRenderer(plan: plan).render(.gpx, names: names),
                    type: "application/gpx+xml")
            case "kml":
                return textResponse(
                    PatrolPlanRenderer(plan: plan).render(.kml, names: names),
                    type: "application/vnd.google-earth.kml+xml")
            case let other:
                throw Problem.invalid(
                    "format", other, Phrase("problem.format_plan"), code: "out_of_range")
            }
        }
        router.post("/plans") { request, context -> Response in
            let session = try await context.require(.plans, request, services)
            let body = try await RequestBody.object(request)
            var planRequest = try Self.request(body)
            planRequest.command = "POST /api/v1/plans by \(session.user.name)"
            let db = services.database
            let finalRequest = planRequest
            let plan = try await blocking {
                try routing.with { routing in
                    try PatrolPlanner(routing: routing, database: db).plan(finalRequest)
                }
            }
            try await services.record(context, action: "plan_make", target: "plan \(plan.id ?? 0)")
            return jsonResponse(
                PlanAnswer(plan: plan, language: try ServerLanguage.of(request)), status: .created)
        }
    }

    /// The `plan` path parameter: a plan number.
    static func planID(_ context: ServerContext) throws -> Int64 {
        let text = context.parameters.get("plan") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw Problem.invalid("plan", text, Phrase("problem.plan_number"))
        }
        return id
    }

    /// `from`, `to`, `via` (repeatable) places; `speed_kn`; `format` json, geojson or gpx.
    func seaRoute(_ request: Request) async throws -> Response {
        let q = request.uri.queryParameters
        guard let from = q["from"].map(String.init), let to = q["to"].map(String.init) else {
            throw Problem.missing(q["from"] == nil ? "from" : "to", Phrase("problem.from_to"))
        }
        let via = q.getAll("via")
        var speed = Speed(knots: 25)
        if let text = q["speed_kn"].map(String.init) {
            guard let v = Double(text), (1...60).contains(v) else {
                throw Problem.invalid(
                    "speed_kn", text, Phrase("problem.speed_kn"), code: "out_of_range")
            }
            speed = Speed(knots: v)
        }
        let format = q["format"].map(String.init) ?? "json"
        guard
            let renderFormat = [
                "json": nil, "geojson": SeaRouteRenderer.Format.geojson, "gpx": .gpx,
            ][format]
        else {
            throw Problem.invalid(
                "format", format, Phrase("problem.format_route"), code: "out_of_range")
        }
        let db = services.database
        let outcome = try await blocking {
            try routing.with { routing in
                let stops = try ([from] + via + [to]).map { text throws(KitError) in
                    try routing.stop(text, snap: nil, database: db)
                }
                return try routing.route(stops)
            }
        }
        guard let renderFormat else { return jsonResponse(outcome) }
        let text = SeaRouteRenderer(outcome: outcome, speed: speed, departure: nil).render(
            renderFormat)
        return textResponse(
            text, type: renderFormat == .gpx ? "application/gpx+xml" : "application/geo+json")
    }

    /// The plan asked for: `start` (ISO 8601), `hours`, and optionally `boats`, `hotspot_run`,
    /// `targets` (`PLACE=PRIORITY/DWELL`), `joint`, `coordinated`, `rendezvous`, `nights`, `seed`.
    static func request(_ body: [String: JSONValue]) throws -> PatrolPlanner.Request {
        guard case .string(let startText)? = body["start"] else {
            throw Problem.missing("start", Phrase("problem.start"))
        }
        let start = try RequestBody.time(startText, field: "start")
        guard case .number(let hours)? = body["hours"] else {
            throw Problem.missing("hours", Phrase("problem.hours"))
        }
        var r = PatrolPlanner.Request(start: start, hours: hours)
        for (key, value) in body where key != "start" && key != "hours" {
            switch (key, value) {
            case ("boats", .array(let list)):
                r.boats = try list.map {
                    guard case .string(let s) = $0 else {
                        throw Problem.invalid(key, $0.summary, Phrase("problem.boats"))
                    }
                    return s
                }
            case ("hotspot_run", .number):
                r.hotspotRun = try wholeNumber(value, field: key, in: 1...Int64.max)
            case ("use_hotspots", .bool(let b)): r.useHotspots = b
            case ("targets", .array(let list)):
                r.targets = try list.map { item in
                    guard case .string(let s) = item else {
                        throw Problem.invalid(
                            key, item.summary, Phrase("problem.targets"))
                    }
                    do { return try PatrolTargets.Spec(parsing: s) } catch { throw Problem(error) }
                }
            case ("joint", .bool(let b)): r.joint = b
            case ("coordinated", .bool(let b)): r.coordinated = b
            case ("rendezvous", .string(let s)): r.rendezvous = s
            case ("nights", .number): r.nights = try wholeNumber(value, field: key, in: 1...366)
            case ("seed", .number): r.seed = try wholeNumber(value, field: key, in: 0...UInt64.max)
            default:
                throw Problem.invalid(
                    key, value.summary,
                    Phrase("problem.unknown_plan_field", ["field": key]),
                    code: "unknown_field")
            }
        }
        return r
    }
}

/// `POST /api/v1/imports`: a CSV or GeoJSON file as the body; the import's report and its
/// rejected rows, as `selat sighting import` gives them.
struct ImportRoutes {
    let services: ServerServices

    struct Answer: Encodable {
        let report: ImportReport
        /// The rejected rows, with a reason column, as the rejects file holds them.
        let rejects: String?
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.post("/imports") { request, context -> Response in
            let session = try await context.require(.importSightings, request, services)
            let type = request.headers[.contentType]?.lowercased() ?? ""
            let format: SightingImporter.Format
            if type.hasPrefix("text/csv") {
                format = .csv
            } else if type.hasPrefix("application/geo+json") || type.hasPrefix("application/json") {
                format = .geojson
            } else {
                throw Problem(
                    .unsupportedMediaType, code: "wrong_content_type",
                    title: Phrase("problem.title.send_csv"), detail: Phrase("problem.send_csv"),
                    field: "Content-Type", value: type.isEmpty ? "(none)" : type,
                    allowed: "text/csv, application/geo+json")
            }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: StationServer.Limits.importBytes)
            } catch {
                throw Problem(
                    .contentTooLarge, code: "body_too_large",
                    title: Phrase("problem.title.file_too_large"),
                    detail: Phrase(
                        "problem.file_too_large",
                        ["mib": "\(StationServer.Limits.importBytes / 1_048_576)"]))
            }
            let name = Self.safeName(request.uri.queryParameters["name"].map(String.init), format)
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("selat-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(name).path
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data(buffer: body),
                    attributes: [.posixPermissions: 0o600])
            else {
                throw ServerFault.uploadNotKept
            }
            let db = services.database
            let region = try await blocking { try db.studyRegion() }
            var check = LandCheck(coastline: services.geoData.coastline, region: region)
            // The rows' problems are worded in the importing user's language.
            check.names = ControlNames.api.speaking(try ServerLanguage.of(request))
            var options = SightingImporter.Options()
            options.format = format
            // The rows are the importing user's agency's; the server never drops the indexes
            // others are searching with (no bulk load).
            options.origin = SightingOrigin(agency: session.user.agency, user: session.user.name)
            options.bulkLoadRows = .max
            let importer = SightingImporter(database: db, options: options, landCheck: check)
            let report = try await blocking { try importer.importFile(path) }
            let rejects = report.rejectsFile.flatMap {
                try? String(contentsOfFile: $0, encoding: .utf8)
            }
            try await services.record(
                context, action: "import", target: name,
                detail:
                    "\(report.counts.added) added, \(report.counts.duplicate) present, \(report.counts.rejected) rejected"
            )
            return jsonResponse(Answer(report: report, rejects: rejects), status: .ok)
        }
    }

    /// The uploaded file's name for the report: letters, digits, `.-_` only.
    static func safeName(_ given: String?, _ format: SightingImporter.Format) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let cleaned = String((given ?? "").filter { allowed.contains($0) }.prefix(80))
        let stem = cleaned.isEmpty || cleaned.hasPrefix(".") ? "upload" : cleaned
        let ext = format == .csv ? ".csv" : ".geojson"
        return stem.lowercased().hasSuffix(ext) ? stem : stem + ext
    }
}
