import CampusCore
import FluentKit
import SQLKit
import Vapor

/// The student's cabinet: `/api/v1/users/me/dashboard`, `/bookmarks`, `/notes`.
struct DashboardRoutes: RouteCollection {
    static let enrollmentLimit = 50
    static let attemptLimit = 5

    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("dashboard", use: dashboard)
        me.get("bookmarks", use: bookmarks)
        me.get("notes", use: notes)
    }

    /// Four plain SQL reads and cached content: the cabinet is the page every student opens first.
    @Sendable func dashboard(req: Request) async throws -> DashboardDTO {
        let user = try req.requireSignedInUser()
        let sql = req.campusDB.sql
        let learning = LearningService(req)

        let enrollmentRows = try await sql.raw("""
            SELECT e.id, e.course_id, e.status, e.enrolled_at, e.completed_at, c.slug, c.title, c.content_id
            FROM enrollments e JOIN courses c ON c.id = e.course_id AND c.deleted_at IS NULL
            WHERE e.user_id = \(bind: user.id) AND e.deleted_at IS NULL AND e.status <> 'cancelled'
            ORDER BY e.id DESC LIMIT \(literal: Self.enrollmentLimit)
            """).all()
        let progressRows = try await sql.raw("""
            SELECT lesson_content_id, status, time_spent_seconds, bookmarked FROM lesson_progress
            WHERE user_id = \(bind: user.id) AND deleted_at IS NULL
            """).all()
        let attemptRows = try await sql.raw("""
            SELECT id, quiz_content_id, status, score, passed, level, started_at, submitted_at FROM quiz_attempts
            WHERE user_id = \(bind: user.id) AND deleted_at IS NULL ORDER BY started_at DESC LIMIT \(literal: Self.attemptLimit)
            """).all()
        let streakRow = try await sql.raw("""
            SELECT current_streak, longest_streak, last_active_day FROM user_streaks WHERE user_id = \(bind: user.id)
            """).first()

        var completed = Set<String>()
        var totalTime = 0
        var bookmarks = 0
        for row in progressRows {
            if try row.decode(column: "status", as: String.self) == LessonProgress.Status.completed.rawValue {
                completed.insert(try row.decode(column: "lesson_content_id", as: String.self))
            }
            totalTime += try row.decode(column: "time_spent_seconds", as: Int.self)
            if try row.decode(column: "bookmarked", as: Bool.self) { bookmarks += 1 }
        }

        let contentIDs = try enrollmentRows.map { try $0.decode(column: "content_id", as: String.self) }
        let documents = try await learning.content.getMany(ContentCollection.courses, ids: contentIDs)
        var items: [DashboardEnrollmentDTO] = []
        for row in enrollmentRows {
            let contentID = try row.decode(column: "content_id", as: String.self)
            let lessonIDs = CourseOutline(documents[contentID] ?? [:]).lessonIDs
            let next = CourseProgress.nextLesson(ordered: lessonIDs, completed: completed)
            items.append(DashboardEnrollmentDTO(
                enrollmentID: try row.decode(column: "id", as: UUID.self).wireString,
                courseID: try row.decode(column: "course_id", as: UUID.self).wireString,
                courseSlug: try row.decode(column: "slug", as: String.self), courseTitle: try row.decode(column: "title", as: String.self),
                contentID: contentID, status: try row.decode(column: "status", as: String.self),
                enrolledAt: try row.decode(column: "enrolled_at", as: Date.self), completedAt: try row.decode(column: "completed_at", as: Date?.self),
                percentComplete: CourseProgress.percent(completed: completed.intersection(lessonIDs).count, total: lessonIDs.count),
                nextLesson: next.map { DashboardEnrollmentDTO.NextLessonDTO(id: $0, title: "") }))
        }
        let nextLessonIDs = items.compactMap(\.nextLesson?.id)
        if !nextLessonIDs.isEmpty {
            let lessons = try await learning.content.getMany(ContentCollection.lessons, ids: nextLessonIDs)
            for index in items.indices {
                if let id = items[index].nextLesson?.id { items[index].nextLesson?.title = lessons[id]?["title"]?.stringValue ?? "" }
            }
        }

        let state = StreakState(current: try streakRow?.decode(column: "current_streak", as: Int.self) ?? 0,
                                longest: try streakRow?.decode(column: "longest_streak", as: Int.self) ?? 0,
                                lastActiveDay: try streakRow?.decode(column: "last_active_day", as: String?.self).flatMap(LocalDay.init(text:)))
        let zone = TimeZone(identifier: user.timeZone) ?? .gmt
        return DashboardDTO(
            enrollments: items,
            currentStreak: StreakRules.currentStreak(state, asOf: learning.now, timeZone: zone),
            longestStreak: state.longest, lastActiveDay: state.lastActiveDay?.text, timeZone: user.timeZone,
            totalTimeSeconds: totalTime,
            lastAttempts: try attemptRows.map { row in
                DashboardAttemptDTO(id: try row.decode(column: "id", as: UUID.self).wireString,
                                    quizID: try row.decode(column: "quiz_content_id", as: String.self),
                                    status: try row.decode(column: "status", as: String.self),
                                    score: try row.decode(column: "score", as: Int.self), passed: try row.decode(column: "passed", as: Bool.self),
                                    level: try row.decode(column: "level", as: String?.self),
                                    startedAt: try row.decode(column: "started_at", as: Date.self),
                                    submittedAt: try row.decode(column: "submitted_at", as: Date?.self))
            },
            bookmarksCount: bookmarks)
    }

    @Sendable func bookmarks(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(req) { $0.filter(\.$bookmarked == true) }
    }

    @Sendable func notes(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(req) { $0.filter(\.$note != nil) }
    }

    private func saved(_ req: Request, _ narrow: (QueryBuilder<LessonProgress>) -> QueryBuilder<LessonProgress>) async throws -> Page<SavedLessonDTO> {
        let caller = try req.requireAuth()
        let page = try PageRequest(req)
        let query = narrow(LessonProgress.query(on: req.campusDB).filter(\.$userID == caller.userID))
        if let after = try page.afterUUID() { query.filter(\.$id > after) }
        let rows = try await query.sort(\.$id).limit(page.limit).all()
        let titles = try await req.campus.content.getMany(ContentCollection.lessons, ids: rows.map(\.lessonContentID))
        let items = rows.map { row in
            SavedLessonDTO(lessonID: row.lessonContentID, lessonTitle: titles[row.lessonContentID]?["title"]?.stringValue ?? "",
                           courseID: row.courseID.wireString, bookmarked: row.bookmarked, note: row.note, updatedAt: row.updatedAt)
        }
        return Page(items: items, nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }
}
