import CampusPlatform
import Vapor

/// Refuses state changes a browser makes on behalf of another site. A request with an `Origin` that is
/// neither this service's own nor listed in `CAMPUS_ALLOWED_ORIGINS` may only read; a request signed in
/// by cookie (which any site's form or script would carry along) may change state only with an allowed
/// `Origin`. Bearer-token clients without an `Origin` (curl, apps, servers) are unaffected.
package struct CrossOriginGuard: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let refused = if let origin = request.headers.first(name: .origin) { !Self.isAllowed(origin, request) }
                          else { request.authContext?.viaCookie == true || Self.carriesSessionCookie(request) }
            // A request no route serves changes nothing: it gets its 404 or 405 instead.
            if refused && MethodNotAllowed.isServed(request) { throw Self.refused }
        }
        return try await next.respond(to: request)
    }

    package static func isAllowed(_ origin: String, _ request: Request) -> Bool {
        if request.platform.config.allowedOrigins.contains(origin) { return true }
        // Same origin: the pages Campus serves itself post to their own host.
        guard let host = request.headers.first(name: .host), let url = URL(string: origin), let originHost = url.host else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }

    /// Refresh and logout read the `refresh_token` cookie themselves, without `Authenticate`.
    private static func carriesSessionCookie(_ request: Request) -> Bool {
        request.cookies["refresh_token"] != nil && request.url.path.hasPrefix("/api/v1/auth/")
    }

    package static let refused = Problem(.forbidden, "origin-not-allowed", title: "Origin not allowed",
                                 detail: "State changes from this origin are not accepted; requests authenticated by cookie must come from an allowed origin.")
}
