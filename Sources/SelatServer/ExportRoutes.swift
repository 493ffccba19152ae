import Foundation
import HTTPTypes
import Hummingbird
import SelatKit
import SelatWords

/// `/api/v1/exports/{subject}`, `/api/v1/plans/{plan}/briefings…`, `/api/v1/reports`: the files
/// analysts and planners take away — layers for QGIS, Google Earth and chartplotters, the
/// boats' printable briefings, the analyst's report.
struct ExportRoutes {
    let services: ServerServices

    /// The most sightings one export carries; narrow a larger one by time or area.
    static let exportRows = 200_000

    struct BriefingLink: Encodable {
        let night: Int
        let callSign: String
        let agency: String
        let href: String
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/exports/{subject}") { request, context -> Response in
            let session = try await context.require(.exports, request, services)
            return try await export(request, context, session)
        }
        router.get("/plans/{plan}/briefings") { request, context -> Response in
            _ = try await context.require(.plans, request, services)
            let plan = try await plan(context)
            let briefing = PatrolBriefing(plan: plan, coastline: services.geoData.coastline)
            return jsonResponse(
                briefing.pages().map {
                    BriefingLink(
                        night: $0.nightNumber, callSign: $0.callSign, agency: $0.boat.agency,
                        href:
                            "/api/v1/plans/\(plan.id ?? 0)/briefings/\($0.nightNumber)/\($0.callSign)"
                    )
                })
        }
        router.get("/plans/{plan}/briefings/{night}/{call_sign}") { request, context -> Response in
            _ = try await context.require(.plans, request, services)
            let plan = try await plan(context)
            let nightText = context.parameters.get("night") ?? ""
            let callSign = context.parameters.get("call_sign") ?? ""
            guard let night = Int(nightText), night >= 1 else {
                throw Problem.invalid(
                    "night", nightText, Phrase("problem.night"), code: "out_of_range")
            }
            var briefing = PatrolBriefing(
                plan: plan, coastline: services.geoData.coastline,
                language: try ServerLanguage.of(request))
            let log = PatrolLog(database: services.database, geoData: services.geoData)
            briefing.outcomes = try await blocking { try log.outcomes(plan: plan) }
            guard let page = briefing.page(night: night, callSign: callSign) else {
                let pages = briefing.pages().map { ($0.nightNumber, $0.callSign) }
                let planID = plan.id ?? 0
                throw Problem(
                    .notFound, code: "not_found", title: Phrase("problem.title.not_found"),
                    words: { n in
                        let known = pages.map {
                            n("problem.briefing_item", ["night": "\($0.0)", "call_sign": $0.1])
                        }
                        return n(
                            "problem.no_briefing",
                            [
                                "plan": "\(planID)", "call_sign": callSign, "night": "\(night)",
                                "known": known.joined(separator: ", "),
                            ])
                    })
            }
            let html = briefing.html(page)
            // A briefing names crews and their contacts: who took one is recorded.
            try await services.record(
                context, action: "export", target: "plan \(plan.id ?? 0)",
                detail: "briefing night \(night) \(page.callSign)")
            var response = textResponse(html, type: "text/html; charset=utf-8")
            response.headers[.contentDisposition] =
                "inline; filename=\"plan\(plan.id ?? 0)-\(page.stem).html\""
            return response
        }
        router.post("/reports") { request, context -> Response in
            _ = try await context.require(.report, request, services)
            return try await report(request, context)
        }
    }

    /// The plan named by the `plan` path parameter.
    func plan(_ context: ServerContext) async throws -> PatrolPlan {
        let id = try PlanRoutes.planID(context)
        let db = services.database
        return try await blocking { try db.plan(id: id) }
    }

    /// `GET /api/v1/exports/{subject}?format=…`: `sightings` (with the filters of the sighting
    /// search), `hotspots` (`run`, else the latest), `plan` (`plan`, else the latest), `route`
    /// (`name`), `places`; as `geojson` (the default), `gpx`, `kml` or `csv`.
    func export(_ request: Request, _ context: ServerContext, _ session: Accounts.Session)
        async throws -> Response
    {
        let q = request.uri.queryParameters
        let subjectText = context.parameters.get("subject") ?? ""
        let formatText = q["format"].map(String.init) ?? "geojson"
        guard let format = FeatureLayer.Format(rawValue: formatText) else {
            throw Problem.invalid(
                "format", formatText, Phrase("problem.format_export"), code: "out_of_range")
        }
        func number(_ name: String) throws -> Int64? {
            guard let text = q[name[...]].map(String.init) else { return nil }
            guard let n = Int64(text), n > 0 else {
                throw Problem.invalid(
                    name, text, Phrase("problem.whole_from_1", ["field": name]),
                    code: "out_of_range")
            }
            return n
        }
        let subject: Exporter.Subject
        switch subjectText {
        case "sightings":
            var query = try SightingRoutes.query(request, database: services.database)
            // One more than allowed: enough to tell the reader the export is too large.
            query.limit = Self.exportRows + 1
            subject = .sightings(query)
        case "hotspots": subject = .hotspots(run: try number("run"))
        case "plan": subject = .plan(id: try number("plan"))
        case "route":
            guard let name = q["name"].map(String.init), !name.isEmpty else {
                throw Problem.missing("name", Phrase("problem.route_name"))
            }
            subject = .route(name: name)
        case "places": subject = .places
        default:
            throw Problem.invalid(
                "subject", subjectText, Phrase("problem.subject"),
                code: "out_of_range")
        }
        let exporter = Exporter(
            database: services.database, geoData: services.geoData,
            words: Words(try ServerLanguage.of(request)))
        // Personal fields (unit, notes) go out only to a role that may see every agency's.
        let personal = session.user.role.permits(.seeAllPersonal)
        let chosen = subject
        let (text, count) = try await blocking {
            try exporter.export(chosen, format: format, includePersonal: personal)
        }
        if case .sightings = subject, count > Self.exportRows {
            throw Problem(
                .contentTooLarge, code: "export_too_large",
                title: Phrase("problem.title.export_too_large"),
                detail: Phrase("problem.export_too_large", ["limit": "\(Self.exportRows)"]),
                field: "since")
        }
        try await services.record(
            context, action: "export", target: subjectText,
            detail:
                "\(format.rawValue), \(count) feature(s)\(personal ? ", with personal fields" : "")"
        )
        var response = textResponse(text, type: Self.contentType(format))
        response.headers[.contentDisposition] =
            "attachment; filename=\"selat-\(subjectText).\(format.rawValue)\""
        return response
    }

    static func contentType(_ format: FeatureLayer.Format) -> String {
        switch format {
        case .geojson: "application/geo+json"
        case .gpx: "application/gpx+xml"
        case .kml: "application/vnd.google-earth.kml+xml"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// `POST /api/v1/reports` with `since`, `until`, `title`, `top` (1–100) and `include_plan`:
    /// the report as one printable HTML page, its map inline. Its hot-spot runs are stored, as
    /// with `selat report`.
    func report(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await RequestBody.object(request)
        var r = AnalystReport.Request()
        for (key, value) in body {
            switch key {
            case "since", "until":
                let time = try RequestBody.time(
                    try RequestBody.text(value, field: key) ?? "", field: key)
                if key == "since" { r.query.since = time } else { r.query.until = time }
            case "title":
                let text = try RequestBody.text(value, field: key) ?? ""
                guard text.count <= 200 else {
                    throw Problem.invalid(key, nil, Phrase("problem.report_title"))
                }
                r.title = text.isEmpty ? nil : text
            case "top": r.top = try wholeNumber(value, field: key, in: 1...100)
            case "include_plan":
                guard case .bool(let b) = value else {
                    throw Problem.invalid(
                        key, value.summary, Phrase("problem.boolean", ["field": key]))
                }
                r.includePlan = b
            default:
                throw Problem.invalid(
                    key, nil,
                    Phrase("problem.unknown_report_field", ["field": key]),
                    code: "unknown_field")
            }
        }
        r.language = try ServerLanguage.of(request)
        let maker = AnalystReport(database: services.database, geoData: services.geoData)
        let finalRequest = r
        let output = try await blocking {
            try maker.make(finalRequest, mapFile: "report-map.svg", spelling: .api)
        }
        try await services.record(
            context, action: "report",
            target: "runs " + output.runs.map(String.init).joined(separator: ", "),
            detail: "\(output.sightings) sightings")
        var response = textResponse(output.html, type: "text/html; charset=utf-8")
        response.headers[.contentDisposition] = "inline; filename=\"selat-report.html\""
        return response
    }
}
