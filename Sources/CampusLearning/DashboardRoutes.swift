import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Vapor

/// The student's cabinet: `/api/v1/users/me/dashboard`, `/bookmarks`, `/notes`.
package struct DashboardRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("dashboard", use: dashboard)
        me.get("bookmarks", use: bookmarks)
        me.get("notes", use: notes)
    }

    @Sendable package func dashboard(req: Request) async throws -> DashboardDTO {
        try await service(req).dashboard(for: try req.requireSignedInUser())
    }

    @Sendable package func bookmarks(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(.bookmarks, req)
    }

    @Sendable package func notes(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(.notes, req)
    }

    private func saved(_ kind: DashboardService.Saved, _ req: Request) async throws -> Page<SavedLessonDTO> {
        let caller = try req.requireAuth()
        let page = try PageRequest(req)
        let (items, lastID) = try await service(req).saved(kind, userID: caller.userID, after: try page.afterUUID(), limit: page.limit)
        return Page(items: items, nextCursor: page.nextCursor(lastID, count: items.count))
    }

    private func service(_ req: Request) -> DashboardService {
        DashboardService(LearningService(req), courseLabels: req.learning.courseLabels)
    }
}
