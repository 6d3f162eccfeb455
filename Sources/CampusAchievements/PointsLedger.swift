import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// The append-only `points_ledger`: one row per user, reason and reference, never updated. The balance
/// is the sum. What each activity pays is decided here.
package struct PointsLedger: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package enum Reason: String, Sendable {
        case lessonCompleted = "lesson_completed"
        case quizPassed = "quiz_passed"
        case practicePassed = "practice_passed"
        case achievementEarned = "achievement_earned"
    }

    package static let lessonPoints = 10
    package static let quizPassPoints = 50

    /// Pays for an activity once; a retried event finds its row and pays nothing.
    package func credit(_ activity: LearnerActivity, at now: Date) async throws {
        switch activity.kind {
        case .lessonCompleted:
            let course = try await database.sql.raw("""
                SELECT course_id FROM lesson_progress WHERE user_id = \(bind: activity.userID) AND lesson_content_id = \(bind: activity.reference)
                AND deleted_at IS NULL
                """).first()?.decode(column: "course_id", as: UUID?.self)
            try await credit(userID: activity.userID, points: Self.lessonPoints, reason: .lessonCompleted, reference: activity.reference,
                             courseID: course, at: now)
        case .quizCompleted where activity.passed:
            try await credit(userID: activity.userID, points: Self.quizPassPoints, reason: .quizPassed, reference: activity.reference,
                             courseID: nil, at: now)
        case .practicePassed:
            let course = try await database.sql.raw("""
                SELECT c.id FROM practice_attempts a JOIN courses c ON c.content_id = a.course_content_id
                WHERE a.user_id = \(bind: activity.userID) AND a.practice_content_id = \(bind: activity.reference) LIMIT 1
                """).first()?.decode(column: "id", as: UUID?.self)
            try await credit(userID: activity.userID, points: activity.points ?? 10, reason: .practicePassed, reference: activity.reference,
                             courseID: course, at: now)
        default:
            break
        }
    }

    package func credit(userID: UUID, points: Int, reason: Reason, reference: String, courseID: UUID?, at now: Date) async throws {
        guard points > 0 else { return }
        var categoryID: UUID?
        if let courseID {
            categoryID = try await database.sql.raw("SELECT category_id FROM courses WHERE id = \(bind: courseID)").first()?
                .decode(column: "category_id", as: UUID?.self)
        }
        let inserted = try await database.sql.raw("""
            INSERT INTO points_ledger (id, user_id, points, reason, reference, course_id, category_id, created_at)
            VALUES (\(bind: UUID.v7()), \(bind: userID), \(bind: points), \(bind: reason.rawValue), \(bind: reference), \(bind: courseID),
                    \(bind: categoryID), \(bind: now))
            ON CONFLICT (user_id, reason, reference) DO NOTHING
            RETURNING id
            """).first()
        // Only a row that was written moves the boards: a retried event adds nothing.
        guard inserted != nil else { return }
        for board in Self.boards(at: now, courseID: courseID, categoryID: categoryID) {
            try await database.sql.raw("""
                INSERT INTO points_totals (board, user_id, points, updated_at) VALUES (\(bind: board), \(bind: userID), \(bind: Int64(points)), \(bind: now))
                ON CONFLICT (board, user_id) DO UPDATE SET points = points_totals.points + excluded.points, updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Pays for several achievements earned at once: their ledger rows in one statement, the boards' totals
    /// in another. What a retried evaluation finds already paid adds nothing.
    package func credit(achievements: [(code: String, points: Int)], userID: UUID, at now: Date) async throws {
        let paying = achievements.filter { $0.points > 0 }
        guard !paying.isEmpty else { return }
        let rows: [SQLQueryString] = paying.map { entry in
            """
            (\(bind: UUID.v7()), \(bind: userID), \(bind: entry.points), \(bind: Reason.achievementEarned.rawValue), \(bind: entry.code), \
            NULL, NULL, \(bind: now))
            """
        }
        let inserted = try await database.sql.raw("""
            INSERT INTO points_ledger (id, user_id, points, reason, reference, course_id, category_id, created_at)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (user_id, reason, reference) DO NOTHING
            RETURNING points
            """).all()
        let points = try inserted.reduce(Int64(0)) { $0 + Int64(try $1.decode(column: "points", as: Int.self)) }
        guard points > 0 else { return }
        let totals: [SQLQueryString] = Self.boards(at: now, courseID: nil, categoryID: nil).map { board in
            "(\(bind: board), \(bind: userID), \(bind: points), \(bind: now))"
        }
        try await database.sql.raw("""
            INSERT INTO points_totals (board, user_id, points, updated_at) VALUES \(totals.joined(separator: ", "))
            ON CONFLICT (board, user_id) DO UPDATE SET points = points_totals.points + excluded.points, updated_at = excluded.updated_at
            """).run()
    }

    /// The boards a credit counts on: all time and this ISO week (UTC), each overall and per course and category.
    package static func boards(at date: Date, courseID: UUID?, categoryID: UUID?) -> [String] {
        let periods = ["all", week(date)]
        var scopes = [""]
        if let courseID { scopes.append("|course:" + courseID.wireString) }
        if let categoryID { scopes.append("|category:" + categoryID.wireString) }
        return periods.flatMap { period in scopes.map { period + $0 } }
    }

    /// `week:2026-49`: the ISO week of `date` in UTC.
    package static func week(_ date: Date) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "week:%04d-%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }
}
