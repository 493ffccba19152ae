import Foundation
import HTTPTypes
import SelatKit

/// The server's words: how it names the controls and follow-ups that SelatKit's errors and notes
/// mention (JSON fields and API routes, never command-line options), and how each error becomes a
/// problem document — the one place the server turns typed errors into words.
extension ControlNames {
    static let api = ControlNames(
        control: { "`\($0.rawValue)`" },
        followUp: { task in
            switch task {
            case .runHotspots: "POST /api/v1/hotspots"
            case .listHotspotRuns: "GET /api/v1/hotspots"
            case .makePlan: "POST /api/v1/plans"
            case .listPlans: "GET /api/v1/plans"
            case .addRoute: "the routes page"
            case .listSightings: "GET /api/v1/sightings"
            case .sightingHistory: "GET /api/v1/sightings/{id}/history"
            case .addToCase, .listCases: "the station's evidence officer"
            case .addDefaultFleet, .addBoat, .addBase, .editBase: "the fleet page"
            case .verifyLog: "GET /api/v1/verify"
            case .setStudyRegion: "the station's administrator"
            case .listPlaces: "GET /api/v1/places"
            case .listWaypoints: "the waypoints page"
            }
        })
}

/// `text` as a value in a URL's query: `+` (of a time zone or a position), `&` and `=` escaped too.
private func queryValue(_ text: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "+&=")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

extension CommandSpelling {
    /// How the server writes what reproduces a result: the API request, never a command line.
    static let api = CommandSpelling(
        names: .api,
        hotspots: { request, _, _ in
            var fields = ["\"method\": \"\(request.method.rawValue)\""]
            if let since = request.query.since { fields.append("\"since\": \"\(since)\"") }
            if let until = request.query.until { fields.append("\"until\": \"\(until)\"") }
            if request.nightOnly { fields.append("\"night_only\": true") }
            return "POST /api/v1/hotspots {" + fields.joined(separator: ", ") + "}"
        },
        showHotspotRun: { run, _ in "GET /api/v1/hotspots/\(run)" },
        plan: { _, _ in "POST /api/v1/plans" },
        showPlan: { plan, _ in "GET /api/v1/plans/\(plan)" },
        sightingsNear: { place, within, since, _ in
            let near = queryValue(place)
            let from = queryValue(since.description)
            let miles = String(format: "%g", within.nauticalMiles)
            return "GET /api/v1/sightings?near=\(near)&within=\(miles)nm&since=\(from)"
        },
        seaRoute: { from, to, speed in
            let f = queryValue(from)
            let t = queryValue(to)
            return
                "GET /api/v1/routes/sea?from=\(f)&to=\(t)&speed_kn=\(String(format: "%g", speed.knots))"
        })
}

extension Problem {
    /// The problem document for an error of SelatKit or below.
    init(_ error: any Error) {
        let n = ControlNames.api
        switch error {
        case let p as Problem: self = p
        case let e as KitError: self = Self.kit(e, n)
        case let e as StoreError: self = Self.store(e, n)
        default:
            self.init(
                .internalServerError, code: "internal", title: "Internal error",
                detail: "The server could not do this. The error is logged; try again or report it."
            )
        }
    }

    static func invalid(
        _ field: String?, _ value: String?, _ detail: String, code: String = "invalid_field"
    )
        -> Problem
    {
        Problem(
            .unprocessableContent, code: code, title: "A value is not valid", detail: detail,
            field: field, value: value)
    }

    static func kit(_ e: KitError, _ n: ControlNames) -> Problem {
        switch e {
        case .model(let m): return model(m)
        case .geo(let g): return invalid(nil, nil, g.description, code: "invalid_value")
        case .format(let f): return invalid(nil, nil, f.description, code: "unreadable_file")
        case .implausible(let r):
            let code =
                switch r.problem {
                case .noFix: "no_position_fix"
                case .aheadOfClock: "time_ahead_of_clock"
                case .beforeEarliest: "time_before_1990"
                case .outsideRegion: "outside_study_region"
                case .onLand: "position_on_land"
                case .unflaggable: "invalid_field"
                }
            return invalid(r.field, r.value, r.words(n), code: code)
        case .store(let s): return store(s, n)
        case .analysis(let a):
            var p = invalid(nil, nil, a.words(n), code: "analysis_refused")
            if case .outOfRange(let control, let value, let allowed) = a {
                p.field = control.rawValue
                p.value = value
                p.allowed = "\(allowed.lowerBound) to \(allowed.upperBound)"
            }
            return p
        case .notFound:
            return Problem(.notFound, code: "not_found", title: "Not found", detail: e.words(n))
        case .invalidRequest, .routing, .patrol, .wrongRunKind, .unusableFile,
            .legsUnconfirmed:
            return invalid(nil, nil, e.words(n), code: "request_refused")
        case .output, .browser, .geoData, .geoDataIncomplete, .logDoesNotVerify, .unexpected:
            return Problem(
                .internalServerError, code: "internal", title: "Internal error",
                detail: e.words(n))
        }
    }

    static func model(_ m: ModelError) -> Problem {
        switch m {
        case .invalidField(let field, let value, let reason):
            return invalid(field, value, "\(field) \"\(value)\": \(reason)")
        case .missingField(let field):
            return Problem(
                .unprocessableContent, code: "missing_field", title: "A value is missing",
                detail: "\(field) is required", field: field)
        case .unreadable(let field, _):
            return invalid(field, nil, m.description)
        }
    }

    static func store(_ s: StoreError, _ n: ControlNames) -> Problem {
        switch s {
        case .notFound:
            return Problem(.notFound, code: "not_found", title: "Not found", detail: s.words(n))
        case .nameTaken, .alreadyCorrected, .idTaken:
            return Problem(.conflict, code: "conflict", title: "Conflict", detail: s.words(n))
        case .correctionNeedsReason:
            return Problem(
                .unprocessableContent, code: "missing_field", title: "A value is missing",
                detail: s.words(n), field: "reason")
        case .correctionChangesNothing, .caseNeedsName, .unknownSighting:
            return invalid(nil, nil, s.words(n), code: "request_refused")
        default:
            return Problem(
                .serviceUnavailable, code: "database", title: "The database refused",
                detail: s.words(n)
                    + ". Try again; if it persists, tell the station's administrator.")
        }
    }
}
