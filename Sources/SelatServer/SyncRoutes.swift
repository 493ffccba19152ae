import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatKit
import SelatWords

/// `/api/v1/sync/…`: station sync (`selat sync` at a station talks to these). The work is
/// SelatKit's (``SyncCentre``); this turns requests into its calls and its answers into JSON.
struct SyncRoutes {
    let services: ServerServices

    /// A pushed batch: at most ``SyncCentre/batchLimit`` records of a few hundred bytes each.
    static let pushBytes = 4 * 1024 * 1024

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/sync/stations/{station}") { request, context -> Response in
            // Read-only accounts sync too (they receive, and have nothing to send).
            _ = try await context.require(.readSightings, request, services)
            let station = context.parameters.get("station") ?? ""
            let centre = SyncCentre(database: services.database)
            return jsonResponse(try await blocking { try centre.head(station: station) })
        }
        router.post("/sync/push") { request, context -> Response in
            try await push(request, context)
        }
        router.get("/sync/records") { request, context -> Response in
            let session = try await context.require(.readSightings, request, services)
            let q = request.uri.queryParameters
            let station = q["station"].map(String.init) ?? ""
            let after = try Self.integer(q["after"].map(String.init), field: "after", default: 0)
            let limit = try Self.integer(
                q["limit"].map(String.init), field: "limit", default: Int64(SyncCentre.batchLimit))
            guard (1...Int64(SyncCentre.batchLimit)).contains(limit) else {
                var p = Problem.invalid(
                    "limit", "\(limit)", Phrase("problem.sync_limit"), code: "out_of_range")
                p.allowed = "1 to \(SyncCentre.batchLimit)"
                throw p
            }
            let centre = SyncCentre(database: services.database)
            let user = session.user
            let answer = try await blocking {
                try centre.pull(station: station, after: after, limit: Int(limit), user: user)
            }
            return jsonResponse(answer)
        }
    }

    static func integer(_ text: String?, field: String, default value: Int64) throws -> Int64 {
        guard let text else { return value }
        guard let n = Int64(text), n >= 0 else {
            throw Problem.invalid(
                field, text, Phrase("problem.sync_whole_number", ["field": field]))
        }
        return n
    }

    /// `POST /api/v1/sync/push`: what the centre did with each record; 409 when the batch does
    /// not follow what the centre holds from the station; 422 naming the record's field.
    func push(_ request: Request, _ context: ServerContext) async throws -> Response {
        let session = try await context.require(.logSightings, request, services)
        let batch: SyncPush = try await Self.decode(request, limit: Self.pushBytes)
        let centre = SyncCentre(database: services.database)
        let user = session.user
        let answer: SyncPushAnswer
        do {
            answer = try await blocking { try centre.push(batch, user: user) }
        } catch let e as KitError {
            if case .sync = e {
                try await services.record(
                    context, action: "refused", target: "sync \(batch.station)",
                    detail: e.words(.api))
            }
            throw e
        }
        let counts = [SyncLink.Outcome.added, .duplicate, .conflict].compactMap { outcome in
            let n = answer.results.filter { $0.outcome == outcome }.count
            return n > 0 ? "\(n) \(outcome.rawValue)" : nil
        }
        try await services.record(
            context, action: "sync_push", target: batch.station,
            detail: "\(batch.name): "
                + (counts.isEmpty
                    ? "nothing new"
                    : counts.joined(separator: ", "))
                + "; through #\(answer.pushedThrough)")
        for result in answer.results where result.outcome == .conflict {
            try await services.record(
                context, action: "sync_conflict", target: result.id,
                detail:
                    "from \(batch.name) record #\(result.sequence): kept beside the centre's record, not stored over it"
            )
        }
        return jsonResponse(answer)
    }

    /// The body decoded as `T`, or a problem naming the JSON field that is missing or of the
    /// wrong kind.
    static func decode<T: Decodable>(_ request: Request, limit: Int) async throws -> T {
        let buffer = try await RequestBody.json(request, limit: limit)
        do { return try JSONDecoder().decode(T.self, from: Data(buffer: buffer)) } catch let e
            as DecodingError
        {
            let (path, phrase): ([any CodingKey], Phrase) =
                switch e {
                case .keyNotFound(let key, let c):
                    (c.codingPath + [key], Phrase("problem.json_missing"))
                case .typeMismatch(let type, let c):
                    (c.codingPath, Phrase("problem.json_kind", ["kind": Self.kind(type)]))
                case .valueNotFound(let type, let c):
                    (c.codingPath, Phrase("problem.json_kind", ["kind": Self.kind(type)]))
                case .dataCorrupted(let c):
                    (c.codingPath, Phrase("problem.malformed_json", ["reason": c.debugDescription]))
                @unknown default: ([], Phrase("problem.malformed_json", ["reason": "\(e)"]))
                }
            let field = path.reduce("") { text, key in
                if let i = key.intValue { return text + "[\(i)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
            throw Problem.invalid(field.isEmpty ? nil : field, nil, phrase, code: "invalid_json")
        } catch {
            throw Problem(
                .badRequest, code: "malformed_json", title: Phrase("problem.title.malformed_json"),
                detail: Phrase("problem.malformed_json", ["reason": "\(error)"]))
        }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int64.Type, is Int.Type: "whole number"
        case is [Any].Type: "list"
        default: "\(type)".lowercased()
        }
    }
}
