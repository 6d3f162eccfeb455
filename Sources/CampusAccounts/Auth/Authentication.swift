import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// Who made the request, once `Authenticate` found a valid access token.
package struct AuthContext: Sendable {
    package let userID: UUID
    package let role: Role
    package let sessionID: UUID
    /// The token came from the `access_token` cookie, so state changes need an allowed `Origin`.
    package let viaCookie: Bool

    package init(userID: UUID, role: Role, sessionID: UUID, viaCookie: Bool) {
        self.userID = userID
        self.role = role
        self.sessionID = sessionID
        self.viaCookie = viaCookie
    }
}

extension Request {
    private struct AuthKey: StorageKey {
        package typealias Value = AuthContext
    }

    package var authContext: AuthContext? {
        get { storage[AuthKey.self] }
        set { storage[AuthKey.self] = newValue }
    }

    /// The signed-in caller or a 401 problem.
    package func requireAuth() throws -> AuthContext {
        guard let context = authContext else { throw Problem.unauthorized }
        return context
    }

    /// What `Authenticate` read of the caller, for handlers that only need to read it.
    package var authenticatedUser: UserSnapshot? {
        get { storage[UserKey.self] }
        set { storage[UserKey.self] = newValue }
    }

    private struct UserKey: StorageKey {
        package typealias Value = UserSnapshot
    }

    /// The signed-in caller as `Authenticate` read them, or a 401 problem.
    package func requireSignedInUser() throws -> UserSnapshot {
        _ = try requireAuth()
        guard let user = authenticatedUser else { throw Problem.unauthorized }
        return user
    }

    /// The signed-in caller's live user row, for handlers that change it, or a 401 problem.
    package func requireUser() async throws -> User {
        let context = try requireAuth()
        guard let user = try await User.find(context.userID, on: campusDB) else { throw Problem.unauthorized }
        return user
    }
}

/// Reads the access token from `Authorization: Bearer` or, for the replaced service's front end, the
/// `access_token` cookie. A token is honoured only while its user is live and its `ver` matches, so a
/// deleted account or a changed password ends every old token at once, and only while its session
/// (`sid`) is live, so logging out ends it too. Never rejects by itself:
/// `RequireAuth` does.
package struct Authenticate: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let bearer = request.headers.bearerToken
        let cookie = request.cookies["access_token"]?.string
        if let token = bearer ?? cookie, let claims = await request.accounts.tokens.verifyAccessToken(token),
           let userID = UUID(text: claims.sub.value), let sessionID = UUID(text: claims.sid),
           let user = try await Self.user(userID, request), user.tokenVersion == claims.ver,
           try await request.accounts.sessions.isLive(sessionID, on: request.campusDB, now: request.platform.clock.now()) {
            request.authContext = AuthContext(userID: userID, role: user.role, sessionID: sessionID, viaCookie: bearer == nil)
            request.authenticatedUser = user
        }
        return try await next.respond(to: request)
    }

    package static func user(_ id: UUID, _ request: Request) async throws -> UserSnapshot? {
        let cache = request.accounts.userCache
        let now = request.platform.clock.now()
        if let cached = cache.snapshot(id, now: now) { return cached }
        guard let user = try await UserSnapshot.load(id, on: request.campusDB) else { return nil }
        cache.store(user, now: now)
        return user
    }
}

/// Rejects anonymous callers with 401 and callers below `minimumRole` with 403. (Cookie-borne state
/// changes from foreign origins never get this far: `CrossOriginGuard`.)
package struct RequireAuth: AsyncMiddleware {
    package var minimumRole: Role = .student

    package init(minimumRole: Role = .student) {
        self.minimumRole = minimumRole
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let context = try request.requireAuth()
        guard context.role >= minimumRole else { throw Problem.forbidden }
        return try await next.respond(to: request)
    }
}
