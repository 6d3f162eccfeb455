import CampusCore
import CampusPlatform
import Vapor

package struct AuthRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("auth")
        let limited = auth.grouped(AuthRateLimit())
        limited.post("register", use: register)
        limited.post("login", use: login)
        auth.post("refresh", use: refresh)
        auth.post("logout", use: logout)
        limited.post("verify-email", use: verifyEmail)
        limited.post("resend-verification-code", use: resendVerification)
        limited.post("forgot-password", use: forgotPassword)
        limited.post("reset-password", use: resetPassword)
    }

    @Sendable package func register(req: Request) async throws -> Response {
        let body = try req.content.decode(RegisterRequest.self)
        var check = FieldValidator()
        let email = check.email(body.email)
        let password = check.newPassword("password", body.password, confirm: body.passwordConfirm, confirmField: "password_confirm")
        let name = check.required("name", body.name, maxLength: 100)
        var experience: ExperienceBand?
        if let raw = body.experience {
            experience = ExperienceBand(lenient: raw)
            if experience == nil { check.fail("experience", "must be one of \(ExperienceBand.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        try check.throwIfInvalid()
        let session = try await req.authService.register(email: email!, password: password!, name: name!, experience: experience)
        return try SessionResponse.make(session, status: .created, for: req)
    }

    @Sendable package func login(req: Request) async throws -> Response {
        let body = try req.content.decode(LoginRequest.self)
        var check = FieldValidator()
        if (body.email ?? "").isEmpty { check.fail("email", "is required") }
        if (body.password ?? "").isEmpty { check.fail("password", "is required") }
        if let password = body.password, password.unicodeScalars.count > 1024 { check.fail("password", "is too long") }
        try check.throwIfInvalid()
        let session = try await req.authService.login(email: body.email!, password: body.password!)
        return try SessionResponse.make(session, status: .ok, for: req)
    }

    @Sendable package func refresh(req: Request) async throws -> Response {
        guard let token = try Self.presentedRefreshToken(req) else {
            throw Problem.validation(field: "refresh_token", "is required")
        }
        let session = try await req.authService.refresh(token)
        return try SessionResponse.make(session, status: .ok, for: req)
    }

    @Sendable package func logout(req: Request) async throws -> Response {
        if let token = try Self.presentedRefreshToken(req) {
            try await req.authService.logout(token)
        }
        // 200 with a message, not 204: the replaced front end parses every answer as JSON.
        let response = try await MessageDTO(message: "Signed out.").encodeResponse(status: .ok, for: req)
        SessionResponse.clearCookies(on: response)
        return response
    }

    @Sendable package func verifyEmail(req: Request) async throws -> UserDTO {
        let body = try req.content.decode(VerifyEmailRequest.self)
        var check = FieldValidator()
        let code = check.required("code", body.code, maxLength: 32)
        try check.throwIfInvalid()
        if let email = body.email, !email.isEmpty {
            return try UserDTO(try await req.authService.verifyEmail(email: email, code: code!))
        }
        // The replaced service's front end sends only the code from a signed-in page.
        guard req.authContext != nil else { throw Problem.validation(field: "email", "is required") }
        let user = try await req.requireUser()
        return try UserDTO(try await req.authService.verifyEmail(user: user, code: code!))
    }

    @Sendable package func resendVerification(req: Request) async throws -> Response {
        // No body is fine for a signed-in caller; a body that is there must be the documented object.
        let body = req.body.data == nil ? EmailRequest() : try req.content.decode(EmailRequest.self)
        let email: String
        if let given = body.email, !given.isEmpty {
            var check = FieldValidator()
            let address = check.email(given)
            try check.throwIfInvalid()
            email = address!.value
        } else if req.authContext != nil {
            email = try await req.requireUser().email
        } else {
            throw Problem.validation(field: "email", "is required")
        }
        let accounts = req.backgroundAuthService
        req.platform.background.start("resend-verification") { try await accounts.resendVerification(email: email) }
        return try Self.accepted("If the account exists and its email is not verified yet, a new code is on its way.", req)
    }

    @Sendable package func forgotPassword(req: Request) async throws -> Response {
        let body = try req.content.decode(EmailRequest.self)
        var check = FieldValidator()
        let email = check.email(body.email)?.value
        try check.throwIfInvalid()
        // Answered before the lookup, so a known and an unknown address take the same time.
        let accounts = req.backgroundAuthService
        let address = email!
        req.platform.background.start("forgot-password") { try await accounts.forgotPassword(email: address) }
        return try Self.accepted("If an account with this email exists, a reset code is on its way.", req)
    }

    @Sendable package func resetPassword(req: Request) async throws -> MessageDTO {
        let body = try req.content.decode(ResetPasswordRequest.self)
        var check = FieldValidator()
        let email = check.required("email", body.email, maxLength: 320)
        let code = check.required("code", body.code, maxLength: 32)
        let password = check.newPassword("new_password", body.newPassword, confirm: body.newPasswordConfirm,
                                         confirmField: "new_password_confirm")
        try check.throwIfInvalid()
        try await req.authService.resetPassword(email: email!, code: code!, newPassword: password!)
        return MessageDTO(message: "Your password has been changed. Sign in with the new password.")
    }

    package static func presentedRefreshToken(_ req: Request) throws -> String? {
        let body = req.body.data == nil ? nil : try req.content.decode(RefreshRequest.self)
        if let token = body?.refreshToken, !token.isEmpty {
            guard token.unicodeScalars.count <= 512 else { throw Problem.validation(field: "refresh_token", "is too long") }
            return token
        }
        return req.cookies["refresh_token"]?.string
    }

    package static func accepted(_ message: String, _ req: Request) throws -> Response {
        let response = Response(status: .accepted)
        try response.content.encode(MessageDTO(message: message))
        return response
    }
}

extension Request {
    package var authService: AuthService { AuthService(accounts: accounts, platform: platform, database: campusDB, logger: logger, clientGone: clientIsGone) }

    /// For work that outlives the request: the application's database handle and logger.
    package var backgroundAuthService: AuthService {
        AuthService(accounts: application.accounts, platform: application.platform, database: application.campusDB, logger: application.logger)
    }
}

/// The per-client-address limit on endpoints that cost a password hash or send email.
package struct AuthRateLimit: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.platform.config.authRatePerMinute
        if let wait = try await request.platform.rateLimiter.hit("auth:" + request.clientAddress, limit: limit) {
            throw Problem.rateLimited(retryAfter: wait)
        }
        return try await next.respond(to: request)
    }
}

/// Token pairs go out in the body and, for the replaced service's front end, as httpOnly cookies.
package enum SessionResponse {
    package static func make(_ session: AuthService.Session, status: HTTPResponseStatus, for req: Request) throws -> Response {
        let lifetime = Int(req.accounts.tokens.accessLifetime)
        let pair = TokenPairDTO(accessToken: session.accessToken, refreshToken: session.refreshToken,
                                expiresIn: lifetime, user: try UserDTO(session.user))
        let response = Response(status: status)
        try response.content.encode(pair, using: JSONEncoder.campus)
        response.cookies["access_token"] = cookie(session.accessToken, maxAge: lifetime, path: "/")
        response.cookies["refresh_token"] = cookie(session.refreshToken, maxAge: Int(req.accounts.tokens.refreshLifetime), path: "/api/v1/auth")
        return response
    }

    package static func clearCookies(on response: Response) {
        response.cookies["access_token"] = cookie("", maxAge: 0, path: "/")
        response.cookies["refresh_token"] = cookie("", maxAge: 0, path: "/api/v1/auth")
    }

    private static func cookie(_ value: String, maxAge: Int, path: String) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: path, isSecure: true, isHTTPOnly: true, sameSite: .lax)
    }
}
