import Foundation
import HTTPTypes
import Hummingbird
import SelatKit
import SelatWords

/// `/api/v1/patrols…`: patrols as they happen (the web app's patrol page talks to these). The
/// work is SelatKit's (``PatrolLog``); this turns requests into its calls and its answers into
/// JSON. Officers record their own agency's boats; planners and analysts read.
struct PatrolRoutes {
    let services: ServerServices
    /// A start or step: a few hundred bytes.
    static let stepBytes = 16 * 1024
    /// A batch of fixes from the phone: at most ``PatrolLog/fixLimit`` of ~150 bytes.
    static let trackBytes = 1024 * 1024

    /// A patrol as the API shows it.
    struct PatrolAnswer: Encodable {
        struct Step: Encodable {
            let step: String
            let time: Timestamp
            let latitude: Double?
            let longitude: Double?
            let user: String
        }
        let id: Int64
        let boat: String
        let agency: String?
        let plan: Int64?
        let night: Int?
        let crew: String?
        let state: String
        let startedAt: Timestamp
        let endedAt: Timestamp?
        let startedBy: String
        let steps: [Step]

        init(_ p: Patrol) {
            id = p.id
            boat = p.boat
            agency = p.agency
            plan = p.planID
            night = p.night
            crew = p.crew
            state = p.state.rawValue
            startedAt = p.startedAt
            endedAt = p.endedAt
            startedBy = p.startedBy
            steps = p.events.map {
                Step(
                    step: $0.kind.rawValue, time: $0.time, latitude: $0.position?.latitude,
                    longitude: $0.position?.longitude, user: $0.user)
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, boat, agency, plan, night, crew, state, steps
            case startedAt = "started_at"
            case endedAt = "ended_at"
            case startedBy = "started_by"
        }
    }

    /// `POST /patrols`.
    struct StartBody: Decodable {
        /// The phone's key: a start sent again with it answers the same patrol.
        let key: String?
        let boat: String
        let plan: Int64?
        let night: Int?
        let crew: String?
        let time: String?
        let latitude: Double?
        let longitude: Double?
    }

    /// `POST /patrols/{id}/steps`.
    struct StepBody: Decodable {
        let key: String?
        let step: String
        let time: String?
        let latitude: Double?
        let longitude: Double?
    }

    /// `POST /patrols/{id}/track`.
    struct TrackBody: Decodable {
        let fixes: [PatrolLog.PhoneFix]
    }

    struct TrackAnswer: Encodable {
        let stored: Int
        let flagged: Int
        let sent: Int
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/patrols") { request, context -> Response in
            _ = try await context.require(.readPatrols, request, services)
            var states: Set<Patrol.State> = []
            if let text = request.uri.queryParameters["state"].map(String.init) {
                for part in text.split(separator: ",") {
                    guard let s = Patrol.State(rawValue: String(part)) else {
                        var p = Problem.invalid(
                            "state", String(part), Phrase("problem.patrol_state"),
                            code: "invalid_value")
                        p.allowed = "running, paused, ended"
                        throw p
                    }
                    states.insert(s)
                }
            }
            let log = PatrolLog(database: services.database, geoData: nil)
            let chosen = states
            let patrols = try await blocking { try log.list(states: chosen) }
            return jsonResponse(patrols.map(PatrolAnswer.init))
        }
        router.post("/patrols") { request, context -> Response in
            let session = try await context.require(.recordPatrols, request, services)
            let body: StartBody = try await SyncRoutes.decode(request, limit: Self.stepBytes)
            let (time, position) = try Self.when(body.time, body.latitude, body.longitude)
            let log = PatrolLog(database: services.database, geoData: nil)
            let user = session.user
            let (patrol, resent) = try await blocking {
                let resent = try body.key.map { try log.alreadyRecorded(key: $0) } ?? false
                let patrol = try log.start(
                    boat: body.boat, planID: body.plan, night: body.night, crew: body.crew,
                    user: user.name, at: time, position: position,
                    agency: user.role == .admin ? nil : user.agency, key: body.key)
                return (patrol, resent)
            }
            // A phone sending its start again (the answer lost) changes nothing: not audited twice.
            if !resent {
                try await services.record(
                    context, action: "patrol_start", target: "patrol \(patrol.id)",
                    detail: patrol.boat
                        + (patrol.planID.map { ", plan \($0) night \(patrol.night ?? 0)" } ?? ""))
            }
            return jsonResponse(PatrolAnswer(patrol), status: .created)
        }
        router.post("/patrols/{id}/steps") { request, context -> Response in
            let session = try await context.require(.recordPatrols, request, services)
            let id = try Self.id(context)
            let body: StepBody = try await SyncRoutes.decode(request, limit: Self.stepBytes)
            guard let kind = PatrolEvent.Kind(rawValue: body.step), kind != .start else {
                var p = Problem.invalid(
                    "step", body.step, Phrase("problem.patrol_step"), code: "invalid_value")
                p.allowed = "pause, resume, end"
                throw p
            }
            let (time, position) = try Self.when(body.time, body.latitude, body.longitude)
            let log = PatrolLog(database: services.database, geoData: nil)
            let user = session.user
            let (patrol, resent) = try await blocking {
                let resent =
                    try body.key.map { try log.alreadyRecorded(key: $0, patrol: id) } ?? false
                let patrol = try log.step(
                    kind, patrol: id, user: user.name, at: time, position: position,
                    agency: user.role == .admin ? nil : user.agency, key: body.key)
                return (patrol, resent)
            }
            if !resent {
                try await services.record(
                    context, action: "patrol_\(kind.rawValue)", target: "patrol \(id)",
                    detail: patrol.boat)
            }
            return jsonResponse(PatrolAnswer(patrol))
        }
        router.post("/patrols/{id}/track") { request, context -> Response in
            let session = try await context.require(.recordPatrols, request, services)
            let id = try Self.id(context)
            let body: TrackBody = try await SyncRoutes.decode(request, limit: Self.trackBytes)
            let log = PatrolLog(database: services.database, geoData: services.geoData)
            let user = session.user
            let result = try await blocking {
                try log.addPhoneFixes(
                    body.fixes, patrol: id, agency: user.role == .admin ? nil : user.agency)
            }
            if result.stored > 0 {
                try await services.record(
                    context, action: "patrol_track", target: "patrol \(id)",
                    detail: "\(result.stored) fixes (\(result.flagged) flagged)")
            }
            return jsonResponse(
                TrackAnswer(stored: result.stored, flagged: result.flagged, sent: body.fixes.count))
        }
        router.get("/patrols/{id}") { request, context -> Response in
            _ = try await context.require(.readPatrols, request, services)
            let id = try Self.id(context)
            let q = request.uri.queryParameters
            let format = q["format"].map(String.init) ?? "json"
            guard let chosen = PatrolReportRenderer.Format(rawValue: format), chosen != .table
            else {
                var p = Problem.invalid(
                    "format", format, Phrase("problem.patrol_format"), code: "invalid_value")
                p.allowed = "json, geojson, gpx"
                throw p
            }
            var options = PatrolReport.Options()
            if let within = q["within"].map(String.init) {
                guard let nm = Double(within), (0.01...20).contains(nm) else {
                    var p = Problem.invalid(
                        "within", within, Phrase("problem.patrol_within"), code: "out_of_range")
                    p.allowed = "0.01 to 20"
                    throw p
                }
                options.visitRadius = .nauticalMiles(nm)
            }
            if let gap = q["gap"].map(String.init) {
                guard let minutes = Double(gap), (1...240).contains(minutes) else {
                    var p = Problem.invalid(
                        "gap", gap, Phrase("problem.patrol_gap"), code: "out_of_range")
                    p.allowed = "1 to 240"
                    throw p
                }
                options.gapLimitMinutes = minutes
            }
            let log = PatrolLog(database: services.database, geoData: services.geoData)
            let made = options
            let report = try await blocking { try log.report(id, options: made) }
            let language = try ServerLanguage.of(request)
            let text = PatrolReportRenderer(words: Words(language)).render(report, as: chosen)
            let type =
                switch chosen {
                case .geojson: "application/geo+json"
                case .gpx: "application/gpx+xml"
                default: "application/json"
                }
            var headers = HTTPFields()
            headers[.contentType] = type + "; charset=utf-8"
            if chosen != .json {
                headers[.contentDisposition] =
                    "attachment; filename=\"patrol-\(id).\(chosen.rawValue)\""
            }
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static func id(_ context: ServerContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw Problem.invalid("id", text, Phrase("problem.patrol_id"), code: "invalid_value")
        }
        return id
    }

    /// The time (now unless given) and position (none unless both given) of a step.
    static func when(_ time: String?, _ latitude: Double?, _ longitude: Double?) throws -> (
        Timestamp, Coordinate?
    ) {
        var at = Timestamp(Date())
        if let time {
            guard let parsed = try? Timestamp.parse(time, defaultOffsetMinutes: 0).timestamp else {
                throw Problem.invalid("time", time, Phrase("problem.patrol_time"))
            }
            at = parsed
        }
        switch (latitude, longitude) {
        case (nil, nil): return (at, nil)
        case (let lat?, let lon?):
            guard let c = try? Coordinate(latitude: lat, longitude: lon) else {
                throw Problem.invalid(
                    "latitude", "\(lat), \(lon)", Phrase("problem.patrol_position"))
            }
            return (at, c)
        default:
            throw Problem.invalid(
                latitude == nil ? "latitude" : "longitude", nil, Phrase("problem.patrol_position"))
        }
    }
}
