import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import SQLKit
import Vapor

/// `/api/v1/lessons/{id}`: reading a lesson, completing it, bookmarks, notes and time on task.
package struct LessonRoutes: RouteCollection {
    package init() {}

    package static let maximumNoteLength = 10_000

    package func boot(routes: any RoutesBuilder) throws {
        let lessons = routes.grouped("lessons")
        lessons.get(":lessonID", use: show)
        let signedIn = lessons.grouped(RequireAuth())
        signedIn.post(":lessonID", "completion", use: complete)
        signedIn.put(":lessonID", "bookmark", use: bookmark)
        signedIn.put(":lessonID", "note", use: note)
        signedIn.post(":lessonID", "heartbeat", use: heartbeat)
    }

    @Sendable package func show(req: Request) async throws -> LessonDTO {
        let learning = LearningService(req)
        let caller = req.authContext
        let access = try await LessonAccess.open(try req.parameters.require("lessonID"), caller: caller, learning: learning)
        var progress: LessonProgress?
        if let caller, access.isEnrolled {
            // The first opening records `started`; later ones only read.
            progress = try await progressRow(access, userID: caller.userID, learning: learning)
        }
        let outline = try await learning.outline(of: access.course)
        let ordered = outline.lessonIDs
        let position = ordered.firstIndex(of: access.lessonID)
        let document = access.document
        return LessonDTO(
            id: access.lessonID, courseID: access.course.id?.wireString ?? "", courseSlug: access.course.slug,
            moduleID: outline.module(of: access.lessonID)?.id, title: document["title"]?.stringValue ?? "",
            contentMDX: document["content_mdx"]?.stringValue ?? "", blocks: document["blocks"] ?? .array([]),
            preview: access.isPreview, quizID: document["quiz_id"]?.stringValue,
            previousLessonID: position.flatMap { $0 > 0 ? ordered[$0 - 1] : nil },
            nextLessonID: position.flatMap { $0 + 1 < ordered.count ? ordered[$0 + 1] : nil },
            progress: progress.map(LessonProgressDTO.init))
    }

    @Sendable package func complete(req: Request) async throws -> CompletionDTO {
        let (access, caller, learning) = try await enrolledAccess(req)
        let row = try await progressRow(access, userID: caller.userID, learning: learning)
        if !row.isCompleted {
            row.status = LessonProgress.Status.completed.rawValue
            row.completedAt = learning.now
            row.updatedBy = caller.userID
            try await row.save(on: req.campusDB)
            try await learning.recordActivity(userID: caller.userID)
        }
        let outline = try await learning.outline(of: access.course)
        let state = try await learning.state(userID: caller.userID, courseID: try access.course.requireID(), outline: outline)
        let enrollment = try await learning.refreshCompletion(userID: caller.userID, course: access.course, outline: outline, state: state)
            ?? access.enrollment
        return CompletionDTO(lessonID: access.lessonID, progress: LessonProgressDTO(row), enrollment: enrollment.map(EnrollmentDTO.init),
                             courseProgress: learning.progress(outline: outline, state: state))
    }

    @Sendable package func bookmark(req: Request) async throws -> LessonProgressDTO {
        let body = try req.content.decode(BookmarkRequest.self)
        guard let bookmarked = body.bookmarked else { throw Problem.validation(field: "bookmarked", "is required (true or false)") }
        let (access, caller, learning) = try await enrolledAccess(req)
        let row = try await progressRow(access, userID: caller.userID, learning: learning)
        row.bookmarked = bookmarked
        row.updatedBy = caller.userID
        try await row.save(on: req.campusDB)
        return LessonProgressDTO(row)
    }

    @Sendable package func note(req: Request) async throws -> LessonProgressDTO {
        let body = try req.content.decode(NoteRequest.self)
        guard let text = body.note else { throw Problem.validation(field: "note", "is required (an empty string removes the note)") }
        guard text.unicodeScalars.count <= Self.maximumNoteLength else {
            throw Problem.validation(field: "note", "must be at most \(Self.maximumNoteLength) characters")
        }
        let (access, caller, learning) = try await enrolledAccess(req)
        let row = try await progressRow(access, userID: caller.userID, learning: learning)
        row.note = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        row.updatedBy = caller.userID
        try await row.save(on: req.campusDB)
        return LessonProgressDTO(row)
    }

    /// Credits the time since the caller's previous heartbeat on this lesson, at most 60 s, so a client
    /// can neither inflate time by sending often nor by sending late. The first heartbeat starts the clock.
    @Sendable package func heartbeat(req: Request) async throws -> HeartbeatDTO {
        let (access, caller, learning) = try await enrolledAccess(req)
        let row = try await progressRow(access, userID: caller.userID, learning: learning)
        let now = learning.now
        let credit = TimeOnTask.credit(previousHeartbeat: row.lastHeartbeatAt, now: now)
        // Conditional on the heartbeat count we read, so two parallel heartbeats cannot both credit one interval.
        let updated = try await req.campusDB.sql.raw("""
            UPDATE lesson_progress SET time_spent_seconds = time_spent_seconds + \(bind: credit), heartbeats = heartbeats + 1,
                last_heartbeat_at = \(bind: now), updated_at = \(bind: now), updated_by = \(bind: caller.userID)
            WHERE id = \(bind: try row.requireID()) AND heartbeats = \(bind: row.heartbeats)
            RETURNING time_spent_seconds
            """).first()
        guard let updated else {
            let fresh = try await LessonProgress.find(row.id, on: req.campusDB)
            return HeartbeatDTO(creditedSeconds: 0, timeSpentSeconds: fresh?.timeSpentSeconds ?? row.timeSpentSeconds)
        }
        return HeartbeatDTO(creditedSeconds: credit, timeSpentSeconds: try updated.decode(column: "time_spent_seconds", as: Int.self))
    }

    private func enrolledAccess(_ req: Request) async throws -> (LessonAccess, AuthContext, LearningService) {
        let caller = try req.requireAuth()
        let learning = LearningService(req)
        let access = try await LessonAccess.open(try req.parameters.require("lessonID"), caller: caller, learning: learning)
        try access.requireEnrolled()
        return (access, caller, learning)
    }

    /// The caller's row for the lesson, created as `started` on first touch.
    private func progressRow(_ access: LessonAccess, userID: UUID, learning: LearningService) async throws -> LessonProgress {
        let query = { try await LessonProgress.query(on: learning.database).filter(\.$userID == userID)
            .filter(\.$lessonContentID == access.lessonID).first() }
        if let row = try await query() { return row }
        let row = LessonProgress(userID: userID, courseID: try access.course.requireID(), lessonContentID: access.lessonID)
        do {
            try await row.create(on: learning.database)
            return row
        } catch let error as any DatabaseError where error.isConstraintFailure {
            _ = error
            guard let row = try await query() else { throw Problem.conflict("progress-busy", "The lesson progress changed meanwhile; try again.") }
            return row   // a parallel request created it first
        }
    }
}
