import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Vapor

/// `POST/DELETE /api/v1/courses/{id}/enrollment`.
package struct EnrollmentRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("courses", ":courseRef").grouped(RequireAuth())
        course.post("enrollment", use: enroll)
        course.delete("enrollment", use: cancel)
    }

    /// 201 with a new (or re-activated) enrollment, 200 with the existing one when already enrolled.
    @Sendable package func enroll(req: Request) async throws -> Response {
        let (enrollment, created) = try await service(req).enroll(courseRef: try req.parameters.require("courseRef"), caller: try req.requireAuth())
        return try await enrollment.encodeResponse(status: created ? .created : .ok, for: req)
    }

    @Sendable package func cancel(req: Request) async throws -> EnrollmentDTO {
        try await service(req).cancel(courseRef: try req.parameters.require("courseRef"), caller: try req.requireAuth())
    }

    private func service(_ req: Request) -> EnrollmentService {
        EnrollmentService(LearningService(req), accessPolicy: req.catalog.accessPolicy)
    }
}
