import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Vapor

/// `/api/v1/lessons/{id}`: reading a lesson, completing it, bookmarks, notes and time on task.
package struct LessonRoutes: RouteCollection {
    package init() {}

    package static let maximumNoteLength = 10_000

    package func boot(routes: any RoutesBuilder) throws {
        let lessons = routes.grouped("lessons")
        lessons.get(":lessonID") { req in req.respondOnEventLoop { try await show(req: req) } }
        let signedIn = lessons.grouped(RequireAuth())
        signedIn.post(":lessonID", "completion", use: complete)
        signedIn.put(":lessonID", "bookmark", use: bookmark)
        signedIn.put(":lessonID", "note", use: note)
        signedIn.post(":lessonID", "heartbeat", use: heartbeat)
    }

    @Sendable package func show(req: Request) async throws -> Response {
        Response.json(try await LessonService(LearningService(req)).show(try req.parameters.require("lessonID"), caller: req.authContext).jsonBytes())
    }

    @Sendable package func complete(req: Request) async throws -> CompletionDTO {
        try await LessonService(LearningService(req)).complete(try req.parameters.require("lessonID"), caller: try req.requireAuth())
    }

    @Sendable package func bookmark(req: Request) async throws -> LessonProgressDTO {
        let body = try req.content.decode(BookmarkRequest.self)
        guard let bookmarked = body.bookmarked else { throw Problem.validation(field: "bookmarked", "is required (true or false)") }
        return try await LessonService(LearningService(req)).setBookmark(try req.parameters.require("lessonID"), bookmarked: bookmarked,
                                                                         caller: try req.requireAuth())
    }

    @Sendable package func note(req: Request) async throws -> LessonProgressDTO {
        let body = try req.content.decode(NoteRequest.self)
        guard let text = body.note else { throw Problem.validation(field: "note", "is required (an empty string removes the note)") }
        guard text.unicodeScalars.count <= Self.maximumNoteLength else {
            throw Problem.validation(field: "note", "must be at most \(Self.maximumNoteLength) characters")
        }
        return try await LessonService(LearningService(req)).setNote(try req.parameters.require("lessonID"), text: text,
                                                                     caller: try req.requireAuth())
    }

    @Sendable package func heartbeat(req: Request) async throws -> HeartbeatDTO {
        try await LessonService(LearningService(req)).heartbeat(try req.parameters.require("lessonID"), caller: try req.requireAuth())
    }
}
