import Foundation
import Hummingbird
import SelatKit
import SelatWords

/// `/api/v1/hotspots`: run an analysis, list the runs, read one as typed results or GeoJSON.
struct HotspotRoutes {
    let services: ServerServices

    /// A stored run as listed.
    struct RunSummary: Encodable {
        let runId: Int64
        let createdAt: Timestamp
        let method: String
        let sightingCount: Int
        let inputSha256: String
        let featureCount: Int
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/hotspots") { request, context -> Response in
            _ = try await context.require(.hotspots, request, services)
            let db = services.database
            let runs = try await blocking { try db.hotspotRuns() }
            return jsonResponse(
                runs.map {
                    RunSummary(
                        runId: $0.id ?? 0, createdAt: $0.createdAt, method: $0.method,
                        sightingCount: $0.sightingCount, inputSha256: $0.inputDigest,
                        featureCount: $0.featureCount)
                })
        }
        router.post("/hotspots") { request, context -> Response in
            _ = try await context.require(.hotspots, request, services)
            let body = try await RequestBody.object(request)
            let hotspotRequest = try Self.request(body)
            let runner = HotspotRunner(database: services.database, geoData: services.geoData)
            let run = try await blocking {
                try runner.run(hotspotRequest, command: "POST /api/v1/hotspots")
            }
            try await services.record(
                context, action: "hotspot_run", target: "run \(run.runId)",
                detail: run.method.rawValue)
            return jsonResponse(run, status: .created)
        }
        router.get("/hotspots/{run}") { request, context -> Response in
            _ = try await context.require(.hotspots, request, services)
            let id = try Self.runID(context)
            let db = services.database
            let stored = try await blocking { try db.hotspotRun(id: id) }
            if request.uri.queryParameters["format"] == "geojson" {
                let layer = HotspotLayer.make(
                    stored, synthetic: try await blocking { try db.isSynthetic },
                    words: Words(try ServerLanguage.of(request)))
                try await services.record(context, action: "export", target: "hotspot run \(id)")
                return textResponse(layer.render(.geojson), type: "application/geo+json")
            }
            return jsonResponse(stored.outcome ?? Self.legacy(stored))
        }
    }

    static func runID(_ context: ServerContext) throws -> Int64 {
        let text = context.parameters.get("run") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw Problem.invalid("run", text, Phrase("problem.run_number"))
        }
        return id
    }

    /// A run stored before typed notes: its results, no rows.
    static func legacy(_ stored: StoredHotspotRun) -> HotspotRun {
        HotspotRun(
            runId: stored.record.id ?? 0, method: stored.method ?? .gistar,
            sightingCount: stored.record.sightingCount, inputSha256: stored.record.inputDigest,
            notes: [], hotspots: [], totalRows: 0, results: stored.results, written: nil)
    }

    /// The analysis asked for: `method`, the filters, and the method's parameters, each checked
    /// by SelatKit as for the command line.
    static func request(_ body: [String: JSONValue]) throws -> HotspotRequest {
        var r = HotspotRequest()
        for (key, value) in body {
            func number() throws -> Double {
                guard case .number(let n) = value else {
                    throw Problem.invalid(
                        key, value.summary, Phrase("problem.number", ["field": key]))
                }
                return n
            }
            func text() throws -> String {
                guard case .string(let s) = value else {
                    throw Problem.invalid(
                        key, value.summary, Phrase("problem.string", ["field": key]))
                }
                return s
            }
            /// One of a fixed list of words, or a problem naming the field and the list.
            func choice<T: RawRepresentable>(_: T.Type, _ problem: Phrase) throws -> T
            where T.RawValue == String {
                let t = try text()
                guard let value = T(rawValue: t) else {
                    throw Problem.invalid(key, t, problem, code: "out_of_range")
                }
                return value
            }
            switch key {
            case "method": r.method = try choice(HotspotMethod.self, Phrase("problem.method"))
            case "night_only":
                guard case .bool(let b) = value else {
                    throw Problem.invalid(
                        key, value.summary, Phrase("problem.boolean", ["field": key]))
                }
                r.nightOnly = b
            case "since", "until":
                let time = try RequestBody.time(try text(), field: key)
                if key == "since" { r.query.since = time } else { r.query.until = time }
            case "cell_m": r.cell = .metres(try number())
            case "band_m": r.band = .metres(try number())
            case "eps_m": r.eps = .metres(try number())
            case "min_points": r.minPoints = try wholeNumber(value, field: key, in: 1...100_000)
            case "bandwidth_m": r.bandwidth = .metres(try number())
            case "top": r.top = try wholeNumber(value, field: key, in: 1...1000)
            case "step": r.step = try choice(HotspotRequest.Step.self, Phrase("problem.step"))
            case "study_area":
                r.studyArea = try choice(StudyExtent.self, Phrase("problem.study_area"))
            default:
                throw Problem.invalid(
                    key, nil,
                    Phrase("problem.unknown_hotspot_field", ["field": key]),
                    code: "unknown_field")
            }
        }
        // A field only another method uses is refused, as the command line refuses its option,
        // never ignored (checked in a fixed order, so the answer names the same field each time).
        let methodFields: [(String, HotspotRequest.MethodOption)] = [
            ("band_m", .band), ("eps_m", .eps), ("min_points", .minPoints),
            ("bandwidth_m", .bandwidth), ("step", .step), ("study_area", .studyArea),
        ]
        for (field, option) in methodFields where !option.applies(to: r.method) {
            guard let value = body[field] else { continue }
            throw Problem.invalid(
                field, value.summary,
                Phrase(
                    "problem.hotspot_field_method",
                    [
                        "field": field, "method": r.method.rawValue,
                        "methods": option.methods.map(\.rawValue).joined(separator: ", "),
                    ]),
                code: "not_for_method")
        }
        return r
    }
}

/// Places, verification, the audit trail and the API's description.
struct InfoRoutes {
    let services: ServerServices

    struct PlaceJSON: Encodable {
        let name: String
        let kind: String
        let position: Coordinate
        let country: String?
        let agency: String?
        let source: String
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/places") { request, context -> Response in
            _ = try await context.require(.places, request, services)
            return jsonResponse(
                services.geoData.places.map {
                    PlaceJSON(
                        name: $0.name, kind: $0.kind.rawValue, position: $0.position,
                        country: $0.country, agency: $0.agency, source: $0.source)
                })
        }
        router.get("/verify") { request, context -> Response in
            _ = try await context.require(.verify, request, services)
            let verifier = ChainVerifier(database: services.database)
            let report = try await blocking { try verifier.verify() }
            return jsonResponse(report)
        }
        router.get("/audit") { request, context -> Response in
            _ = try await context.require(.audit, request, services)
            let q = request.uri.queryParameters
            let user = q["user"].map(String.init)
            let since = try q["since"].map {
                try RequestBody.time(String($0), field: "since", code: "invalid_query")
            }
            let limit = q["limit"].flatMap { Int($0) } ?? 1000
            guard (1...100_000).contains(limit) else {
                throw Problem.invalid(
                    "limit", "\(limit)", Phrase("problem.limit", ["limit": "100000"]),
                    code: "out_of_range")
            }
            let audit = services.audit
            let from = since
            let entries = try await blocking {
                try audit.list(user: user, since: from, limit: limit)
            }
            return jsonResponse(entries)
        }
        router.get("/openapi.json") { _, _ -> Response in
            textResponse(OpenAPIDocument.text, type: "application/json; charset=utf-8")
        }
    }
}
