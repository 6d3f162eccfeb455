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

    @Sendable func dashboard(req: Request) async throws -> DashboardDTO {
        let user = try req.requireSignedInUser()
        let userID = user.id
        let database = req.campusDB
        let learning = LearningService(req)

        let enrollments = try await Enrollment.query(on: database).filter(\.$userID == userID)
            .filter(\.$status != Enrollment.Status.cancelled.rawValue)
            .sort(\.$id, .descending).limit(Self.enrollmentLimit).all()
        let courses = enrollments.isEmpty ? [] : try await Course.query(on: database).filter(\.$id ~~ enrollments.map(\.courseID)).all()
        let coursesByID = Dictionary(courses.compactMap { course in course.id.map { ($0, course) } }, uniquingKeysWith: { first, _ in first })
        let documents = try await learning.content.getMany(ContentCollection.courses, ids: courses.map(\.contentID))
        let completedRows = enrollments.isEmpty ? [] : try await database.sql.raw("""
            SELECT lesson_content_id FROM lesson_progress
            WHERE user_id = \(bind: userID) AND status = 'completed' AND deleted_at IS NULL
            """).all()
        let completed = Set(try completedRows.map { try $0.decode(column: "lesson_content_id", as: String.self) })

        var items: [DashboardEnrollmentDTO] = []
        var nextLessonIDs: [String] = []
        for enrollment in enrollments {
            guard let course = coursesByID[enrollment.courseID] else { continue }
            let outline = CourseOutline(documents[course.contentID] ?? [:])
            let lessonIDs = outline.lessonIDs
            let done = completed.intersection(lessonIDs).count
            let next = CourseProgress.nextLesson(ordered: lessonIDs, completed: completed)
            if let next { nextLessonIDs.append(next) }
            items.append(DashboardEnrollmentDTO(
                enrollmentID: enrollment.id?.wireString ?? "", courseID: enrollment.courseID.wireString,
                courseSlug: course.slug, courseTitle: course.title, contentID: course.contentID,
                status: enrollment.status, enrolledAt: enrollment.enrolledAt, completedAt: enrollment.completedAt,
                percentComplete: CourseProgress.percent(completed: done, total: lessonIDs.count),
                nextLesson: next.map { DashboardEnrollmentDTO.NextLessonDTO(id: $0, title: "") }))
        }
        if !nextLessonIDs.isEmpty {
            let lessons = try await learning.content.getMany(ContentCollection.lessons, ids: nextLessonIDs)
            for index in items.indices {
                if let id = items[index].nextLesson?.id { items[index].nextLesson?.title = lessons[id]?["title"]?.stringValue ?? "" }
            }
        }

        let totals = try await database.sql.raw("""
            SELECT CAST(COALESCE(SUM(time_spent_seconds), 0) AS BIGINT) AS seconds,
                   CAST(COALESCE(SUM(CASE WHEN bookmarked THEN 1 ELSE 0 END), 0) AS BIGINT) AS bookmarks
            FROM lesson_progress WHERE user_id = \(bind: userID) AND deleted_at IS NULL
            """).first()
        let attempts = try await QuizAttempt.query(on: database).filter(\.$userID == userID)
            .sort(\.$startedAt, .descending).limit(Self.attemptLimit).all()
        let streak = try await UserStreak.query(on: database).filter(\.$userID == userID).first()
        let zone = TimeZone(identifier: user.timeZone) ?? .gmt
        let state = streak?.state ?? StreakState()

        return DashboardDTO(
            enrollments: items,
            currentStreak: StreakRules.currentStreak(state, asOf: learning.now, timeZone: zone),
            longestStreak: state.longest, lastActiveDay: state.lastActiveDay?.text, timeZone: user.timeZone,
            totalTimeSeconds: try totals?.decode(column: "seconds", as: Int.self) ?? 0,
            lastAttempts: attempts.map { attempt in
                DashboardAttemptDTO(id: attempt.id?.wireString ?? "", quizID: attempt.quizContentID, status: attempt.status,
                                    score: attempt.score, passed: attempt.passed, level: attempt.level,
                                    startedAt: attempt.startedAt, submittedAt: attempt.submittedAt)
            },
            bookmarksCount: try totals?.decode(column: "bookmarks", as: Int.self) ?? 0)
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
