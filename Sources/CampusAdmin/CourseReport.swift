import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Per-course figures for admins, each from one SQL aggregate over the page of courses.
package struct CourseReport {
    package let database: any Database
    package let content: any ContentStore
    package let now: Date

    package init(database: any Database, content: any ContentStore, now: Date) {
        self.database = database
        self.content = content
        self.now = now
    }

    package static let activeWindow: TimeInterval = 7 * 24 * 3600

    package func rows(for courses: [Course]) async throws -> [CourseReportDTO] {
        let ids = courses.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let sql = database.sql

        struct EnrollmentCounts { var total = 0, completed = 0, cancelled = 0 }
        var enrollments: [UUID: EnrollmentCounts] = [:]
        for row in try await sql.raw("""
            SELECT course_id,
                   COUNT(*) AS total,
                   CAST(COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS completed,
                   CAST(COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) AS BIGINT) AS cancelled
            FROM enrollments WHERE deleted_at IS NULL AND course_id IN (\(binds: ids)) GROUP BY course_id
            """).all() {
            enrollments[try row.decode(column: "course_id", as: UUID.self)] = EnrollmentCounts(
                total: try row.decode(column: "total", as: Int.self), completed: try row.decode(column: "completed", as: Int.self),
                cancelled: try row.decode(column: "cancelled", as: Int.self))
        }

        var active: [UUID: Int] = [:]
        for row in try await sql.raw("""
            SELECT course_id, COUNT(DISTINCT user_id) AS learners FROM lesson_progress
            WHERE deleted_at IS NULL AND updated_at >= \(bind: now.addingTimeInterval(-Self.activeWindow)) AND course_id IN (\(binds: ids))
            GROUP BY course_id
            """).all() {
            active[try row.decode(column: "course_id", as: UUID.self)] = try row.decode(column: "learners", as: Int.self)
        }

        // A course's quizzes: its final quiz and the quizzes its lessons embed.
        let documents = try await content.getMany(ContentCollection.courses, ids: courses.map(\.contentID))
        var quizzesByCourse: [UUID: Set<String>] = [:]
        var lessonIDs: [String] = []
        for course in courses {
            let outline = CourseOutline(documents[course.contentID] ?? [:])
            lessonIDs += outline.lessonIDs
            if let quiz = outline.finalQuizID, let id = course.id { quizzesByCourse[id, default: []].insert(quiz) }
        }
        let lessons = try await content.getMany(ContentCollection.lessons, ids: lessonIDs)
        for course in courses {
            guard let id = course.id else { continue }
            for lessonID in CourseOutline(documents[course.contentID] ?? [:]).lessonIDs {
                if let quiz = lessons[lessonID]?["quiz_id"]?.stringValue { quizzesByCourse[id, default: []].insert(quiz) }
            }
        }
        struct QuizCounts { var attempts = 0, scoreSum = 0, passed = 0 }
        var quizzes: [String: QuizCounts] = [:]
        let quizIDs = Array(Set(quizzesByCourse.values.flatMap { $0 }))
        if !quizIDs.isEmpty {
            for row in try await sql.raw("""
                SELECT quiz_content_id, COUNT(*) AS attempts, CAST(COALESCE(SUM(score), 0) AS BIGINT) AS score_sum,
                       CAST(COALESCE(SUM(CASE WHEN passed THEN 1 ELSE 0 END), 0) AS BIGINT) AS passed
                FROM quiz_attempts WHERE deleted_at IS NULL AND status <> 'in_progress' AND quiz_content_id IN (\(binds: quizIDs))
                GROUP BY quiz_content_id
                """).all() {
                quizzes[try row.decode(column: "quiz_content_id", as: String.self)] = QuizCounts(
                    attempts: try row.decode(column: "attempts", as: Int.self), scoreSum: try row.decode(column: "score_sum", as: Int.self),
                    passed: try row.decode(column: "passed", as: Int.self))
            }
        }

        return courses.compactMap { course in
            guard let id = course.id else { return nil }
            let counts = enrollments[id] ?? EnrollmentCounts()
            let open = counts.total - counts.cancelled
            let quiz = (quizzesByCourse[id] ?? []).reduce(into: QuizCounts()) { sum, quizID in
                let part = quizzes[quizID] ?? QuizCounts()
                sum.attempts += part.attempts
                sum.scoreSum += part.scoreSum
                sum.passed += part.passed
            }
            return CourseReportDTO(
                courseID: id.wireString, slug: course.slug, title: course.title, status: course.status,
                enrollments: counts.total, completedEnrollments: counts.completed, activeLearners7d: active[id] ?? 0,
                completionRate: open > 0 ? Self.round(Double(counts.completed) / Double(open)) : nil,
                quizAttempts: quiz.attempts,
                averageScore: quiz.attempts > 0 ? Self.round(Double(quiz.scoreSum) / Double(quiz.attempts)) : nil,
                passRate: quiz.attempts > 0 ? Self.round(Double(quiz.passed) / Double(quiz.attempts)) : nil)
        }
    }

    package static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
