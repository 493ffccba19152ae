import Foundation
import Hummingbird
import SelatKit
import SelatWords

/// `/api/v1/users` (admin): list, add, disable, enable, reset a password. Every change is audited.
struct UserRoutes {
    let services: ServerServices

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/users") { request, context -> Response in
            _ = try await context.require(.users, request, services)
            let accounts = services.accounts
            return jsonResponse(try await blocking { try accounts.list() })
        }
        router.post("/users") { request, context -> Response in
            _ = try await context.require(.users, request, services)
            let body = try await RequestBody.object(request, limit: 8 * 1024)
            func text(_ key: String) throws -> String {
                guard case .string(let s)? = body[key], !s.isEmpty else {
                    throw Problem.missing(key, Phrase("problem.required", ["field": key]))
                }
                return s
            }
            let name = try text("username")
            let roleText = try text("role")
            guard let role = Role(rawValue: roleText) else {
                throw Problem.invalid(
                    "role", roleText, Phrase("problem.role"),
                    code: "out_of_range")
            }
            let agency = try text("agency").uppercased()
            let password = try text("password")
            for key in body.keys where !["username", "role", "agency", "password"].contains(key) {
                throw Problem.invalid(
                    key, nil,
                    Phrase("problem.unknown_user_field", ["field": key]),
                    code: "unknown_field")
            }
            let accounts = services.accounts
            let user = try await blocking {
                try accounts.add(name: name, role: role, agency: agency, password: password)
            }
            try await services.record(
                context, action: "user_add", target: user.name,
                detail: "role \(user.role.rawValue), agency \(user.agency)")
            return jsonResponse(user, status: .created)
        }
        router.post("/users/{name}/disable") { request, context -> Response in
            try await setDisabled(true, request, context)
        }
        router.post("/users/{name}/enable") { request, context -> Response in
            try await setDisabled(false, request, context)
        }
        router.post("/users/{name}/password") { request, context -> Response in
            _ = try await context.require(.users, request, services)
            let name = context.parameters.get("name") ?? ""
            let body = try await RequestBody.object(request, limit: 8 * 1024)
            guard case .string(let password)? = body["password"] else {
                throw Problem.missing("password", Phrase("problem.required", ["field": "password"]))
            }
            let accounts = services.accounts
            try await blocking { try accounts.resetPassword(name: name, password: password) }
            services.sessions.clear()
            try await services.record(context, action: "user_reset_password", target: name)
            return Response(status: .noContent)
        }
    }

    func setDisabled(_ disabled: Bool, _ request: Request, _ context: ServerContext) async throws
        -> Response
    {
        let session = try await context.require(.users, request, services)
        let name = context.parameters.get("name") ?? ""
        guard !(disabled && name.lowercased() == session.user.name.lowercased()) else {
            throw Problem.invalid(
                "name", name, Phrase("problem.own_account"),
                code: "request_refused")
        }
        let accounts = services.accounts
        try await blocking { try accounts.setDisabled(disabled, name: name) }
        services.sessions.clear()
        try await services.record(
            context, action: disabled ? "user_disable" : "user_enable", target: name)
        return Response(status: .noContent)
    }
}
