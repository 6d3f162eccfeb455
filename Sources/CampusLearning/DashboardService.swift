import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// The learner's cabinet: the dashboard, and the lessons they bookmarked or wrote notes on.
package struct DashboardService: Sendable {
    package let learning: LearningService
    package let courseLabels: CourseLabels

    package init(_ learning: LearningService, courseLabels: CourseLabels) {
        self.learning = learning
        self.courseLabels = courseLabels
    }

    /// One read of the learner's rows (usually a snapshot), cached course labels and cached content: the
    /// cabinet is the page every learner opens first.
    package func dashboard(for user: UserSnapshot) async throws -> DashboardDTO {
        let rows = try await DashboardSnapshots(database: learning.database).rows(userID: user.id)

        var completed = Set<String>()
        var totalTime = 0
        var bookmarks = 0
        for row in rows.progress {
            if row.status == LessonProgress.Status.completed.rawValue { completed.insert(row.lessonID) }
            totalTime += row.timeSpentSeconds
            if row.bookmarked { bookmarks += 1 }
        }

        // Enrollments in deleted courses are left out.
        let labels = try await courseLabels.labels(for: rows.enrollments.map(\.courseID), on: learning.database, now: learning.now)
        let enrolled = rows.enrollments.compactMap { row in labels[row.courseID].map { (row, $0) } }
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

        let zone = TimeZone(identifier: user.timeZone) ?? .gmt
        var dashboard = DashboardDTO(
            enrollments: items,
            currentStreak: StreakRules.currentStreak(rows.streak, asOf: learning.now, timeZone: zone),
            longestStreak: rows.streak.longest, lastActiveDay: rows.streak.lastActiveDay?.text, timeZone: user.timeZone,
            totalTimeSeconds: totalTime,
            lastAttempts: rows.attempts.map {
                DashboardAttemptDTO(id: $0.id, quizID: $0.quizID, status: $0.status, score: $0.score, passed: $0.passed,
                                    level: $0.level, startedAt: $0.startedAt, submittedAt: $0.submittedAt)
            },
            bookmarksCount: bookmarks)
        dashboard.recentAchievements = rows.recentAchievements
        return dashboard
    }

    package enum Saved: Sendable {
        case bookmarks, notes
    }

    /// The learner's bookmarked (or annotated) lessons in the order they were first opened.
    package func saved(_ kind: Saved, userID: UUID, after: UUID?, limit: Int) async throws -> (items: [SavedLessonDTO], lastID: UUID?) {
        let query = LessonProgress.query(on: learning.database).filter(\.$userID == userID)
        switch kind {
        case .bookmarks: query.filter(\.$bookmarked == true)
        case .notes: query.filter(\.$note != nil)
        }
        if let after { query.filter(\.$id > after) }
        let rows = try await query.sort(\.$id).limit(limit).all()
        let titles = try await learning.content.getMany(ContentCollection.lessons, ids: rows.map(\.lessonContentID))
        let items = rows.map { row in
            SavedLessonDTO(lessonID: row.lessonContentID, lessonTitle: titles[row.lessonContentID]?["title"]?.stringValue ?? "",
                           courseID: row.courseID.wireString, bookmarked: row.bookmarked, note: row.note, updatedAt: row.updatedAt)
        }
        return (items, rows.last?.id)
    }
}
