import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import Vapor

/// Routes the replaced service's front end calls, as thin adapters over the same handlers.
/// Delete this file (and its registration) to retire the old surface.
package struct LegacyAuthRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("auth")
        auth.grouped(RequireAuth()).get("me", use: UserRoutes().show)
        auth.grouped(AuthRateLimit()).post("resend-verification", use: AuthRoutes().resendVerification)
    }
}
