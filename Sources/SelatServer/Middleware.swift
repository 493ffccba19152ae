import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SelatKit
import SelatWords

/// Headers every answer carries: no sniffing, no framing, no referrer, scripts and styles from
/// this server only.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if response.headers[MapRoutes.pageHeader] == nil {
            response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'"
        } else {
            response.headers[HTTPField.Name("X-Frame-Options")!] = "SAMEORIGIN"
        }
        return response
    }
}

/// Every error becomes a problem document (RFC 9457); an unexpected one is logged by its type,
/// never with request bodies, passwords or tokens.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            throw Problem(http: error)
        } catch let error as any HTTPResponseError {
            throw Problem(http: error.status, detail: nil)
        } catch {
            let problem = Problem(error)
            if problem.status.code >= 500 {
                logger.error(
                    "\(request.method) \(request.uri.path) failed: \(Self.logged(error))"
                )
            }
            throw problem
        }
    }

    /// What the log says of an unexpected error: the server's own faults by case, anything else
    /// by its type only (its text may hold request data).
    static func logged(_ error: any Error) -> String {
        error is ServerFault ? "\(error)" : String(describing: type(of: error))
    }
}

extension Problem {
    /// A framework error (no such route, a body too large, a method not allowed) as a problem.
    init(http error: HTTPError) {
        switch error.status {
        case .notFound:
            self = .notFound(Phrase("problem.no_such_route"), code: "no_such_route")
        case .contentTooLarge:
            self.init(
                .contentTooLarge, code: "body_too_large", title: Phrase("problem.title.too_large"),
                detail: Phrase("problem.body_too_large"))
        case .methodNotAllowed:
            self.init(
                .methodNotAllowed, code: "method_not_allowed",
                title: Phrase("problem.title.method_not_allowed"),
                detail: Phrase("problem.method_not_allowed"))
        default:
            self.init(http: error.status, detail: error.body)
        }
    }

    /// Any other HTTP status: its reason phrase (HTTP's own words, in English) as title and detail.
    init(http status: HTTPResponse.Status, detail: String?) {
        let reason = status.reasonPhrase
        self.init(
            status, code: "http_\(status.code)",
            title: Phrase("problem.title.http", ["reason": reason]),
            words: { _ in detail ?? reason })
    }
}

/// Reads the session a request presents — `Authorization: Bearer TOKEN`, or the HttpOnly cookie
/// `selat_session` — and checks that a write made with the cookie carries the session's CSRF
/// token in `X-CSRF-Token`.
struct SessionMiddleware: RouterMiddleware {
    /// Whether an Authorization header names the Bearer scheme (any case, RFC 9110 §11.1).
    static func isBearer(_ header: String) -> Bool {
        let scheme = header.utf8.prefix(7)
        return scheme.count == 7
            && zip(scheme, "bearer ".utf8).allSatisfy { sent, wanted in
                sent == wanted || (wanted != 0x20 && sent | 0x20 == wanted)
            }
    }

    typealias Context = ServerContext
    let services: ServerServices
    static let cookie = "selat_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        var token: String?
        if let auth = request.headers[.authorization], Self.isBearer(auth) {
            // Spaces and tabs around the token dropped (byte by byte: this runs on every request).
            let bytes = auth.utf8.dropFirst(7).drop { $0 == 0x20 || $0 == 0x09 }
            let end =
                bytes.lastIndex { $0 != 0x20 && $0 != 0x09 }.map { bytes.index(after: $0) }
                ?? bytes.startIndex
            token = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        } else if let value = request.cookies[Self.cookie]?.value {
            token = value
            context.sessionFromCookie = true
        }
        if let token {
            let accounts = services.accounts
            context.session = try quick {
                try services.sessions.session(token: token) { try accounts.session(token: token) }
            }
            if context.session == nil { context.sessionFromCookie = false }
        }
        if context.sessionFromCookie, let session = context.session,
            ![.get, .head, .options].contains(request.method)
        {
            guard let sent = request.headers[Self.csrfHeader],
                Self.constantTimeEqual(sent, session.csrf)
            else {
                try await services.record(
                    context, action: "refused", target: "\(request.method) \(request.uri.path)",
                    detail: "missing or wrong CSRF token")
                throw Problem(
                    .forbidden, code: "csrf", title: Phrase("problem.title.csrf"),
                    detail: Phrase("problem.csrf"))
            }
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension Problem {
    /// 401: no current session.
    static var unauthenticated: Problem {
        var problem = Problem(
            .unauthorized, code: "unauthenticated", title: Phrase("problem.title.log_in"),
            detail: Phrase("problem.log_in"))
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"selat\""
        return problem
    }
}

extension ServerContext {
    /// The session, when its user has `permission`; 401 without one, 403 (recorded) when the
    /// role lacks it.
    func require(_ permission: Permission, _ request: Request, _ services: ServerServices)
        async throws -> Accounts.Session
    {
        guard let session else {
            let problem = Problem.unauthenticated
            try await services.record(
                self, action: "refused", target: "\(request.method) \(request.uri.path)",
                detail: "no session")
            throw problem
        }
        guard session.user.role.permits(permission) else {
            try await services.record(
                self, action: "refused", target: "\(request.method) \(request.uri.path)",
                detail: "role \(session.user.role.rawValue) lacks \(permission.rawValue)")
            throw Problem(
                .forbidden, code: "forbidden", title: Phrase("problem.title.forbidden"),
                detail: Phrase(
                    "problem.forbidden",
                    ["role": session.user.role.rawValue, "permission": permission.rawValue]))
        }
        return session
    }
}
