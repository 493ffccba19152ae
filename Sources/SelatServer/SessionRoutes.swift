import Foundation
import HTTPTypes
import Hummingbird
import SelatKit
import SelatWords

/// `GET /healthz`: 200 when the database answers.
struct HealthRoutes {
    let services: ServerServices

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/healthz") { _, _ -> Response in
            let db = services.database
            do {
                _ = try await blocking { try db.setting("chain_head") }
                return textResponse("ok\n", type: "text/plain; charset=utf-8")
            } catch {
                return textResponse(
                    "the database cannot be read\n", type: "text/plain; charset=utf-8",
                    status: .serviceUnavailable)
            }
        }
    }
}

/// Logging in and out: `POST /api/v1/session`, `GET /api/v1/session`, `DELETE /api/v1/session`.
struct SessionRoutes {
    let services: ServerServices

    /// What a login answers (the token is shown once; the cookie carries it too).
    struct LoginAnswer: Encodable {
        let token: String
        let csrf: String
        let user: UserAccount
        let expiresAt: Timestamp
    }

    /// Who is logged in.
    struct WhoAmI: Encodable {
        let user: UserAccount
        let csrf: String
        let permissions: [String]
        let expiresAt: Timestamp
    }

    func add(to router: some RouterMethods<ServerContext>) {
        router.post("/session") { request, context -> Response in
            try await login(request, context)
        }
        router.get("/session") { request, context -> Response in
            guard let s = context.session else { throw Problem.unauthenticated }
            return jsonResponse(
                WhoAmI(
                    user: s.user, csrf: s.csrf,
                    permissions: s.user.role.permissions.map(\.rawValue).sorted(),
                    expiresAt: s.expiresAt))
        }
        router.put("/session/language") { request, context -> Response in
            try await setLanguage(request, context)
        }
        router.delete("/session") { request, context -> Response in
            guard let s = context.session else {
                throw Problem(
                    .unauthorized, code: "unauthenticated",
                    title: Phrase("problem.title.not_logged_in"),
                    detail: Phrase("problem.no_session"))
            }
            let accounts = services.accounts
            try await blocking { try accounts.endSession(token: s.token) }
            services.sessions.clear()
            try await services.record(context, action: "logout")
            var response = Response(status: .noContent)
            response.headers[.setCookie] =
                "\(SessionMiddleware.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
    }

    /// `PUT /api/v1/session/language` with `{"language": "id"}` (or `"en"`, or null to follow the
    /// browser): the web app's language for this user, remembered on every phone.
    func setLanguage(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let s = context.session else { throw Problem.unauthenticated }
        let body = try await RequestBody.object(request, limit: 1024)
        for key in body.keys where key != "language" {
            throw Problem.invalid(
                key, nil, Phrase("problem.unknown_language_field", ["field": key]),
                code: "unknown_field")
        }
        var language: Language?
        switch body["language"] {
        case .null?:
            language = nil
        case .string(let code)?:
            guard let chosen = Language(rawValue: code) else {
                throw Problem.invalid(
                    "language", code, Phrase("problem.language"),
                    code: "out_of_range")
            }
            language = chosen
        default:
            throw Problem.missing("language", Phrase("problem.language_required"))
        }
        let accounts = services.accounts
        let chosen = language
        try await blocking { try accounts.setLanguage(chosen, name: s.user.name) }
        services.sessions.clear()
        try await services.record(
            context, action: "language", target: s.user.name, detail: chosen?.rawValue ?? "browser")
        return Response(status: .noContent)
    }

    func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await RequestBody.object(request, limit: 8 * 1024)
        guard case .string(let name)? = body["username"], !name.isEmpty else {
            throw Problem.missing("username", Phrase("problem.required", ["field": "username"]))
        }
        guard case .string(let password)? = body["password"], !password.isEmpty else {
            throw Problem.missing("password", Phrase("problem.required", ["field": "password"]))
        }
        let keys = ["user:" + name.lowercased(), "address:" + (context.address ?? "-")]
        let wait = await services.throttle.wait(for: keys)
        if wait > 0 {
            try await services.record(
                context, action: "login_throttled", user: nil, target: name.prefix(64).description)
            var problem = Problem(
                .tooManyRequests, code: "login_throttled", title: Phrase("problem.title.throttled"),
                detail: Phrase("problem.throttled", ["seconds": "\(Int(wait.rounded(.up)))"]))
            problem.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw problem
        }
        let accounts = services.accounts
        let user = try await blocking {
            try accounts.authenticate(name: name, password: password)
        }
        guard let user else {
            await services.throttle.failed(keys)
            try await services.record(
                context, action: "login_failed", user: nil, target: name.prefix(64).description)
            throw Problem(
                .unauthorized, code: "login_failed", title: Phrase("problem.title.login_failed"),
                detail: Phrase("problem.login_failed"))
        }
        await services.throttle.succeeded(keys[0])
        let session = try await blocking { try accounts.startSession(for: user) }
        var context = context
        context.session = session
        try await services.record(context, action: "login")
        var response = jsonResponse(
            LoginAnswer(
                token: session.token, csrf: session.csrf, user: user,
                expiresAt: session.expiresAt), status: .created)
        let maxAge = Int(session.expiresAt.date.timeIntervalSinceNow)
        // Behind a TLS proxy (nginx sets X-Forwarded-Proto) the cookie is sent over HTTPS only.
        let secure =
            request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
            ? "; Secure" : ""
        response.headers[.setCookie] =
            "\(SessionMiddleware.cookie)=\(session.token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)\(secure)"
        return response
    }
}
