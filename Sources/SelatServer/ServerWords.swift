import Foundation
import HTTPTypes
import SelatKit
import SelatWords

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
            case .newSyncToken: "the centre's administrator"
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
    /// The problem document for an error of SelatKit or below, worded in the request's language.
    init(_ error: any Error) {
        switch error {
        case let p as Problem: self = p
        case let e as KitError: self = Self.kit(e)
        case let e as StoreError: self = Self.store(e)
        case let e as ModelError: self = Self.model(e)
        case let e as GeoError: self = Self.invalid(nil, nil, words: { e.words($0.words) })
        default: self = Self.unexpected
        }
    }

    /// 500, without saying more (the error is logged by its type).
    static var unexpected: Problem {
        Problem(
            .internalServerError, code: "internal", title: Phrase("problem.title.internal"),
            detail: Phrase("problem.internal"))
    }

    /// 422: a value is not valid; `detail` says why and what is accepted.
    static func invalid(
        _ field: String?, _ value: String?, _ detail: Phrase, code: String = "invalid_field"
    ) -> Problem {
        invalid(field, value, words: { detail.text($0.words) }, code: code)
    }

    /// 422, worded by `words` (an error of the core).
    static func invalid(
        _ field: String?, _ value: String?, words: @escaping @Sendable (ControlNames) -> String,
        code: String = "invalid_field"
    ) -> Problem {
        Problem(
            .unprocessableContent, code: code, title: Phrase("problem.title.invalid"),
            words: words, field: field, value: value)
    }

    /// 422: a required value is missing.
    static func missing(_ field: String, _ detail: Phrase) -> Problem {
        Problem(
            .unprocessableContent, code: "missing_field", title: Phrase("problem.title.missing"),
            detail: detail, field: field)
    }

    /// 404 with `detail`.
    static func notFound(_ detail: Phrase, code: String = "not_found") -> Problem {
        Problem(.notFound, code: code, title: Phrase("problem.title.not_found"), detail: detail)
    }

    static func kit(_ e: KitError) -> Problem {
        let words: @Sendable (ControlNames) -> String = { e.words($0) }
        switch e {
        case .model(let m): return model(m)
        case .geo: return invalid(nil, nil, words: words, code: "invalid_value")
        case .format: return invalid(nil, nil, words: words, code: "unreadable_file")
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
            return invalid(r.field, r.value, words: { r.words($0) }, code: code)
        case .store(let s): return store(s)
        case .analysis(let a):
            var p = invalid(nil, nil, words: { a.words($0) }, code: "analysis_refused")
            if case .outOfRange(let control, let value, let allowed) = a {
                p.field = control.rawValue
                p.value = value
                p.allowed = "\(allowed.lowerBound) to \(allowed.upperBound)"
            }
            return p
        case .notFound:
            return Problem(
                .notFound, code: "not_found", title: Phrase("problem.title.not_found"),
                words: words)
        case .invalidRequest, .routing, .patrol, .wrongRunKind, .unusableFile,
            .legsUnconfirmed:
            return invalid(nil, nil, words: words, code: "request_refused")
        case .sync(let e): return sync(e, words)
        case .patrolLog(let e): return patrolLog(e, words)
        case .output, .browser, .geoData, .geoDataIncomplete, .logDoesNotVerify:
            return Problem(
                .internalServerError, code: "internal", title: Phrase("problem.title.internal"),
                words: words)
        }
    }

    /// A refused sync batch: the field (`records[3].fields.lat`), or 409 when the batch does not
    /// follow what the centre holds from the station.
    static func sync(_ e: SyncError, _ words: @escaping @Sendable (ControlNames) -> String)
        -> Problem
    {
        switch e {
        case .badStation(let field, let value):
            return invalid(field, value, words: words, code: "invalid_station")
        case .badRecord(let index, let m):
            var value: String?
            if case .invalidField(_, let v, _) = m { value = v }
            return Problem(
                .unprocessableContent, code: "invalid_record",
                title: Phrase("problem.title.invalid"), words: words,
                field: "records[\(index)].\(m.field)", value: value)
        case .tooManyRecords(let count, let limit):
            var p = invalid("records", "\(count)", words: words, code: "too_many_records")
            p.allowed = "1 to \(limit)"
            return p
        case .notInOrder(let index, let sequence, _):
            return invalid(
                "records[\(index)].sequence", "\(sequence)", words: words, code: "not_in_log_order")
        case .chainBroken(let index, _, _, _):
            var p = Problem(
                .conflict, code: "chain_broken", title: Phrase("problem.title.conflict"),
                words: words)
            p.field = "records[\(index)].chain_sha256"
            return p
        case .historyDiffers(let sequence):
            var p = Problem(
                .conflict, code: "history_differs", title: Phrase("problem.title.conflict"),
                words: words)
            p.value = "\(sequence)"
            return p
        case .recordDamaged, .badServerURL, .unreachable, .refused, .badAnswer:
            return Problem(
                .internalServerError, code: "internal", title: Phrase("problem.title.internal"),
                words: words)
        }
    }

    /// A refused patrol step or track: 404 for an unknown patrol, 409 for a step the patrol's
    /// state does not allow, 422 naming the field of a bad fix.
    static func patrolLog(
        _ e: PatrolLogError, _ words: @escaping @Sendable (ControlNames) -> String
    ) -> Problem {
        switch e {
        case .noSuchPatrol:
            return Problem(
                .notFound, code: "not_found", title: Phrase("problem.title.not_found"),
                words: words)
        case .otherAgency:
            return Problem(
                .forbidden, code: "forbidden", title: Phrase("problem.title.forbidden"),
                words: words)
        case .boatOut, .wrongState, .fileAlreadyAdded:
            return Problem(
                .conflict, code: "patrol_state", title: Phrase("problem.title.conflict"),
                words: words)
        case .badFix(let index, let field, let value):
            return Problem(
                .unprocessableContent, code: "invalid_fix", title: Phrase("problem.title.invalid"),
                words: words, field: "fixes[\(index)].\(field)", value: value)
        case .tooManyFixes(let count, let limit):
            var p = invalid("fixes", "\(count)", words: words, code: "too_many_fixes")
            p.allowed = "1 to \(limit)"
            return p
        case .crewTooLong(let count, _):
            return invalid("crew", "\(count) characters", words: words, code: "invalid_value")
        case .stepBeforeLast(_, let time, _), .stepInFuture(let time):
            return invalid("time", time.iso8601(), words: words, code: "invalid_value")
        case .boatNotInPlan, .noSuchNight, .unknownTrackFormat, .noFixes, .refusedLines:
            return invalid(nil, nil, words: words, code: "request_refused")
        }
    }

    static func model(_ m: ModelError) -> Problem {
        switch m {
        case .invalidField(let field, let value, let reason):
            return invalid(
                field, value,
                words: {
                    $0(
                        "problem.invalid_field",
                        ["field": field, "value": value, "reason": reason.text($0.words)])
                })
        case .missingField(let field):
            return missing(field, Phrase("problem.required", ["field": field]))
        case .unreadable(let field, _):
            return invalid(field, nil, words: { m.words($0.words) })
        }
    }

    static func store(_ s: StoreError) -> Problem {
        let words: @Sendable (ControlNames) -> String = { s.words($0) }
        switch s {
        case .notFound:
            return Problem(
                .notFound, code: "not_found", title: Phrase("problem.title.not_found"),
                words: words)
        case .nameTaken, .alreadyCorrected, .idTaken:
            return Problem(
                .conflict, code: "conflict", title: Phrase("problem.title.conflict"), words: words)
        case .correctionNeedsReason:
            return Problem(
                .unprocessableContent, code: "missing_field",
                title: Phrase("problem.title.missing"), words: words, field: "reason")
        case .correctionChangesNothing, .caseNeedsName, .unknownSighting:
            return invalid(nil, nil, words: words, code: "request_refused")
        case .unavailable:
            // The database server is down or restarting: the client may send the same request
            // again (a sighting keeps its id, so a retry never duplicates it).
            var problem = Problem(
                .serviceUnavailable, code: "database_unavailable",
                title: Phrase("problem.title.database"),
                words: { $0("problem.database", ["error": s.words($0)]) })
            problem.headers[.retryAfter] = "5"
            return problem
        default:
            return Problem(
                .serviceUnavailable, code: "database", title: Phrase("problem.title.database"),
                words: { $0("problem.database", ["error": s.words($0)]) })
        }
    }
}
