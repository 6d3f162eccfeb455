import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Counts one learner's facts, each with one aggregate over the table that records it, narrowed by the
/// indexes those tables already have (all lead with `user_id`). These read learning's, quizzes' and
/// practice's tables directly: a downward read, like the dashboard's, and only a read.
package struct AchievementMetrics: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// The value of every fact asked for, in one statement: each fact is a scalar subquery, so fifty
    /// rules cost one round trip, not fifty.
    package func values(_ facts: Set<AchievementFact>, userID: UUID) async throws -> [AchievementFact: Int] {
        guard !facts.isEmpty else { return [:] }
        let ordered = Array(facts)
        var query = SQLQueryString("SELECT ")
        for (index, fact) in ordered.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendLiteral("(")
            query.appendInterpolation(aggregate(fact, userID: userID))
            query.appendLiteral(") AS f\(index)")
        }
        guard let row = try await database.sql.raw(query).first() else { return [:] }
        var values: [AchievementFact: Int] = [:]
        for (index, fact) in ordered.enumerated() {
            values[fact] = try row.decode(column: "f\(index)", as: Int?.self) ?? 0
        }
        return values
    }

    package func value(_ fact: AchievementFact, userID: UUID) async throws -> Int {
        try await values([fact], userID: userID)[fact] ?? 0
    }

    /// One fact's aggregate, a statement of its own or a scalar subquery.
    func aggregate(_ fact: AchievementFact, userID: UUID) -> SQLQueryString {
        let user = SQLBind(userID)
        let scope = fact.scope
        func courseFilter(_ column: String) -> SQLQueryString {
            switch scope?.kind {
            case .course: "AND \(unsafeRaw: column) = \(bind: UUID(uuidString: scope!.id) ?? UUID())"
            case .category: "AND \(unsafeRaw: column) IN (SELECT id FROM courses WHERE category_id = \(bind: UUID(uuidString: scope!.id) ?? UUID()))"
            default: ""
            }
        }
        let query: SQLQueryString
        switch fact.metric {
        case .lessonsCompleted:
            query = "SELECT COUNT(*) AS value FROM lesson_progress WHERE user_id = \(user) AND status = 'completed' AND deleted_at IS NULL \(courseFilter("course_id"))"
        case .coursesCompleted:
            query = "SELECT COUNT(*) AS value FROM enrollments WHERE user_id = \(user) AND status = 'completed' AND deleted_at IS NULL \(courseFilter("course_id"))"
        case .enrollments:
            query = "SELECT COUNT(*) AS value FROM enrollments WHERE user_id = \(user) AND status <> 'cancelled' AND deleted_at IS NULL \(courseFilter("course_id"))"
        case .quizPassed:
            var filter: SQLQueryString = ""
            if scope?.kind == .quiz { filter = "AND quiz_content_id = \(bind: scope!.id)" }
            if scope?.kind == .category { filter = courseFilter("course_id") }
            query = """
                SELECT COUNT(DISTINCT quiz_content_id) AS value FROM quiz_attempts
                WHERE user_id = \(user) AND passed = \(bind: true) AND status IN ('completed', 'expired') AND deleted_at IS NULL \(filter)
                """
        case .quizBestScore, .quizLevelAtLeast:
            query = """
                SELECT COALESCE(MAX(score), 0) AS value FROM quiz_attempts
                WHERE user_id = \(user) AND quiz_content_id = \(bind: scope?.id ?? "") AND status IN ('completed', 'expired') AND deleted_at IS NULL
                """
        case .streakDays:
            query = "SELECT COALESCE(MAX(current_streak), 0) AS value FROM user_streaks WHERE user_id = \(user)"
        case .longestStreakDays:
            query = "SELECT COALESCE(MAX(longest_streak), 0) AS value FROM user_streaks WHERE user_id = \(user)"
        case .timeOnTaskMinutes:
            query = "SELECT CAST(COALESCE(SUM(time_spent_seconds), 0) / 60 AS BIGINT) AS value FROM lesson_progress WHERE user_id = \(user) AND deleted_at IS NULL \(courseFilter("course_id"))"
        case .practicesPassed:
            var filter: SQLQueryString = ""
            switch scope?.kind {
            case .course: filter = "AND course_content_id IN (SELECT content_id FROM courses WHERE id = \(bind: UUID(uuidString: scope!.id) ?? UUID()))"
            case .category: filter = "AND course_content_id IN (SELECT content_id FROM courses WHERE category_id = \(bind: UUID(uuidString: scope!.id) ?? UUID()))"
            default: break
            }
            query = """
                SELECT COUNT(DISTINCT practice_content_id) AS value FROM practice_attempts
                WHERE user_id = \(user) AND passed = \(bind: true) AND deleted_at IS NULL \(filter)
                """
        case .points:
            query = "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) AS value FROM points_ledger WHERE user_id = \(user)"
        }
        return query
    }

    /// Which metrics an activity can move: only rules reading these are evaluated after it.
    package static func moved(by kind: LearnerActivity.Kind) -> Set<AchievementMetric> {
        switch kind {
        case .lessonCompleted: [.lessonsCompleted, .streakDays, .longestStreakDays, .points]
        case .quizCompleted: [.quizPassed, .quizBestScore, .quizLevelAtLeast, .streakDays, .longestStreakDays, .points]
        case .enrolled: [.enrollments]
        case .heartbeat: [.timeOnTaskMinutes]
        case .courseCompleted: [.coursesCompleted, .points]
        case .practicePassed: [.practicesPassed, .points]
        }
    }
}
