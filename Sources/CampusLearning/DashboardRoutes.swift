import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import SQLKit
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

    /// One SQL statement, cached course labels and cached content: the cabinet is the page every student
    /// opens first, and on SQLite each statement is a trip to the database thread.
    @Sendable package func dashboard(req: Request) async throws -> DashboardDTO {
        let user = try req.requireSignedInUser()
        let learning = LearningService(req)
        let snapshot = try await DashboardQuery.run(userID: user.id, on: req.campusDB)

        var completed = Set<String>()
        var totalTime = 0
        var bookmarks = 0
        for row in snapshot.progress {
            if row.status == LessonProgress.Status.completed.rawValue { completed.insert(row.lessonID) }
            totalTime += row.timeSpentSeconds
            if row.bookmarked { bookmarks += 1 }
        }

        // Enrollments in deleted courses are left out.
        let labels = try await req.learning.courseLabels.labels(for: snapshot.enrollments.map(\.courseID), on: req.campusDB, now: learning.now)
        let enrolled = snapshot.enrollments.compactMap { row in labels[row.courseID].map { (row, $0) } }
        let documents = try await learning.content.getMany(ContentCollection.courses, ids: enrolled.map(\.1.contentID))
        var items: [DashboardEnrollmentDTO] = enrolled.map { row, label in
            let lessonIDs = CourseOutline(documents[label.contentID] ?? [:]).lessonIDs
            let next = CourseProgress.nextLesson(ordered: lessonIDs, completed: completed)
            return DashboardEnrollmentDTO(
                enrollmentID: row.id, courseID: row.courseID, courseSlug: label.slug, courseTitle: label.title,
                contentID: label.contentID, status: row.status, enrolledAt: row.enrolledAt, completedAt: row.completedAt,
                percentComplete: CourseProgress.percent(completed: completed.intersection(lessonIDs).count, total: lessonIDs.count),
                nextLesson: next.map { DashboardEnrollmentDTO.NextLessonDTO(id: $0, title: "") })
        }
        let nextLessonIDs = items.compactMap(\.nextLesson?.id)
        if !nextLessonIDs.isEmpty {
            let lessons = try await learning.content.getMany(ContentCollection.lessons, ids: nextLessonIDs)
            for index in items.indices {
                if let id = items[index].nextLesson?.id { items[index].nextLesson?.title = lessons[id]?["title"]?.stringValue ?? "" }
            }
        }

        let state = snapshot.streak
        let zone = TimeZone(identifier: user.timeZone) ?? .gmt
        return DashboardDTO(
            enrollments: items,
            currentStreak: StreakRules.currentStreak(state, asOf: learning.now, timeZone: zone),
            longestStreak: state.longest, lastActiveDay: state.lastActiveDay?.text, timeZone: user.timeZone,
            totalTimeSeconds: totalTime,
            lastAttempts: snapshot.attempts,
            bookmarksCount: bookmarks)
    }

    @Sendable package func bookmarks(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(req) { $0.filter(\.$bookmarked == true) }
    }

    @Sendable package func notes(req: Request) async throws -> Page<SavedLessonDTO> {
        try await saved(req) { $0.filter(\.$note != nil) }
    }

    private func saved(_ req: Request, _ narrow: (QueryBuilder<LessonProgress>) -> QueryBuilder<LessonProgress>) async throws -> Page<SavedLessonDTO> {
        let caller = try req.requireAuth()
        let page = try PageRequest(req)
        let query = narrow(LessonProgress.query(on: req.campusDB).filter(\.$userID == caller.userID))
        if let after = try page.afterUUID() { query.filter(\.$id > after) }
        let rows = try await query.sort(\.$id).limit(page.limit).all()
        let titles = try await req.platform.content.getMany(ContentCollection.lessons, ids: rows.map(\.lessonContentID))
        let items = rows.map { row in
            SavedLessonDTO(lessonID: row.lessonContentID, lessonTitle: titles[row.lessonContentID]?["title"]?.stringValue ?? "",
                           courseID: row.courseID.wireString, bookmarked: row.bookmarked, note: row.note, updatedAt: row.updatedAt)
        }
        return Page(items: items, nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }
}
