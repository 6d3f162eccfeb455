import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// Writing the catalog: categories and tracks (admins), courses (their authors and admins).
package struct AuthoringRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireAuth(minimumRole: .admin))
        admin.post("categories", use: createCategory)
        admin.patch("categories", ":categoryID", use: updateCategory)
        admin.delete("categories", ":categoryID", use: deleteCategory)
        admin.post("tracks", use: createTrack)
        admin.patch("tracks", ":trackID", use: updateTrack)
        admin.delete("tracks", ":trackID", use: deleteTrack)
        admin.put("tracks", ":trackID", "courses", use: orderTrack)

        let authors = routes.grouped(RequireAuth(minimumRole: .author))
        authors.post("courses", use: createCourse)
        authors.patch("courses", ":courseRef", use: updateCourse)
        authors.delete("courses", ":courseRef", use: deleteCourse)
    }

    @Sendable package func createCategory(req: Request) async throws -> Response {
        let body = try req.content.decode(CategoryRequest.self)
        return try await service(req).createCategory(body, caller: try req.requireAuth()).encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateCategory(req: Request) async throws -> CategoryDTO {
        let body = try req.content.decode(CategoryRequest.self)
        return try await service(req).updateCategory(try req.parameters.require("categoryID"), body, caller: try req.requireAuth())
    }

    @Sendable package func deleteCategory(req: Request) async throws -> HTTPStatus {
        try await service(req).deleteCategory(try req.parameters.require("categoryID"), caller: try req.requireAuth())
        return .noContent
    }

    @Sendable package func createTrack(req: Request) async throws -> Response {
        let body = try req.content.decode(TrackRequest.self)
        return try await service(req).createTrack(body, caller: try req.requireAuth()).encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateTrack(req: Request) async throws -> TrackDTO {
        let body = try req.content.decode(TrackRequest.self)
        return try await service(req).updateTrack(try req.parameters.require("trackID"), body, caller: try req.requireAuth())
    }

    @Sendable package func orderTrack(req: Request) async throws -> TrackDTO {
        let body = try req.content.decode(TrackCoursesRequest.self)
        guard let courseIDs = body.courseIDs else { throw Problem.validation(field: "course_ids", "is required") }
        return try await service(req).orderTrack(try req.parameters.require("trackID"), courseIDs: courseIDs, caller: try req.requireAuth())
    }

    @Sendable package func deleteTrack(req: Request) async throws -> HTTPStatus {
        try await service(req).deleteTrack(try req.parameters.require("trackID"), caller: try req.requireAuth())
        return .noContent
    }

    @Sendable package func createCourse(req: Request) async throws -> Response {
        let body = try req.content.decode(CourseRequest.self)
        return try await service(req).createCourse(body, caller: try req.requireAuth()).encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateCourse(req: Request) async throws -> CourseCardDTO {
        let body = try req.content.decode(CourseRequest.self)
        return try await service(req).updateCourse(try req.parameters.require("courseRef"), body, caller: try req.requireAuth())
    }

    @Sendable package func deleteCourse(req: Request) async throws -> HTTPStatus {
        try await service(req).deleteCourse(try req.parameters.require("courseRef"), caller: try req.requireAuth())
        return .noContent
    }

    private func service(_ req: Request) -> AuthoringService {
        AuthoringService(database: req.campusDB, content: req.platform.content, clock: req.platform.clock, learners: req.catalog.learners)
    }
}
