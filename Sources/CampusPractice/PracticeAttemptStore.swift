import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// `practice_attempts` in plain statements, the same on SQLite and PostgreSQL.
package struct PracticeAttemptStore: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// How many live attempts the learner has at the exercise, and whether one passed.
    package func standing(userID: UUID, practiceID: String) async throws -> (count: Int, passed: Bool, bestScore: Int?) {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS attempts,
                   COALESCE(MAX(CASE WHEN passed THEN 1 ELSE 0 END), 0) AS any_passed, MAX(score) AS best
            FROM practice_attempts
            WHERE user_id = \(bind: userID) AND practice_content_id = \(bind: practiceID) AND deleted_at IS NULL
            """).first()
        let count = try row?.decode(column: "attempts", as: Int.self) ?? 0
        let passed = (try row?.decode(column: "any_passed", as: Int.self) ?? 0) == 1
        return (count, passed, try row?.decode(column: "best", as: Int?.self))
    }

    package func lastNumber(userID: UUID, practiceID: String) async throws -> Int {
        let row = try await database.sql.raw("""
            SELECT COALESCE(MAX(attempt_no), 0) AS last_no FROM practice_attempts
            WHERE user_id = \(bind: userID) AND practice_content_id = \(bind: practiceID) AND deleted_at IS NULL
            """).first()
        return try row?.decode(column: "last_no", as: Int.self) ?? 0
    }

    package func insert(_ attempt: PracticeAttempt) async throws {
        try await database.sql.raw("""
            INSERT INTO practice_attempts (id, user_id, practice_content_id, course_content_id, attempt_no, submitted_at, passed, score,
                                           max_score, duration_ms, details_ref, created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: attempt.id), \(bind: attempt.userID), \(bind: attempt.practiceID), \(bind: attempt.courseContentID),
                    \(bind: attempt.attemptNo), \(bind: attempt.submittedAt), \(bind: attempt.passed), \(bind: attempt.score),
                    \(bind: attempt.maxScore), \(bind: attempt.durationMilliseconds), \(bind: attempt.detailsRef),
                    \(bind: attempt.submittedAt), \(bind: attempt.submittedAt), \(bind: attempt.userID), \(bind: attempt.userID))
            """).run()
    }

    /// Newest first, continuing before the id `before`.
    package func list(userID: UUID, practiceID: String?, before: UUID?, limit: Int) async throws -> [PracticeAttempt] {
        var query = SQLQueryString("""
            SELECT id, user_id, practice_content_id, course_content_id, attempt_no, submitted_at, passed, score, max_score,
                   duration_ms, details_ref
            FROM practice_attempts WHERE user_id = \(bind: userID) AND deleted_at IS NULL
            """)
        if let practiceID { query.appendInterpolation(unsafeRaw: " AND practice_content_id = "); query.appendInterpolation(bind: practiceID) }
        if let before { query.appendInterpolation(unsafeRaw: " AND id < "); query.appendInterpolation(bind: before) }
        query.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(limit)")
        return try await database.sql.raw(query).all().map(Self.attempt)
    }

    /// Which of these exercises the learner has passed.
    package func passed(userID: UUID, among practiceIDs: [String]) async throws -> Set<String> {
        guard !practiceIDs.isEmpty else { return [] }
        let rows = try await database.sql.raw("""
            SELECT DISTINCT practice_content_id FROM practice_attempts
            WHERE user_id = \(bind: userID) AND passed = \(bind: true) AND deleted_at IS NULL AND practice_content_id IN (\(binds: practiceIDs))
            """).all()
        return Set(try rows.map { try $0.decode(column: "practice_content_id", as: String.self) })
    }

    static func attempt(_ row: any SQLRow) throws -> PracticeAttempt {
        PracticeAttempt(
            id: try row.decode(column: "id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
            practiceID: try row.decode(column: "practice_content_id", as: String.self),
            courseContentID: try row.decode(column: "course_content_id", as: String?.self),
            attemptNo: try row.decode(column: "attempt_no", as: Int.self), submittedAt: try row.decode(column: "submitted_at", as: Date.self),
            passed: try row.decode(column: "passed", as: Bool.self), score: try row.decode(column: "score", as: Int.self),
            maxScore: try row.decode(column: "max_score", as: Int.self), durationMilliseconds: try row.decode(column: "duration_ms", as: Int.self),
            detailsRef: try row.decode(column: "details_ref", as: String.self))
    }
}
