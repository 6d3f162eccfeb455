import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// An attempt's row as one plain statement read it: what deciding on and answering a read needs is decoded at
/// once, the model only when asked. A read of an attempt in progress whose plan is kept needs no model, and
/// making and freeing one (24 property wrappers) cost as much as the rest of Campus's work on that read.
package struct AttemptRow {
    let row: any SQLRow
    package let id: UUID
    package let userID: UUID?
    package let quizContentID: String
    package let attemptNo: Int
    package let status: String
    package let startedAt: Date
    package let expiresAt: Date?

    package var statusValue: QuizAttempt.Status { QuizAttempt.Status(rawValue: status) ?? .inProgress }

    static func load(where condition: SQLQueryString, on database: any Database) async throws -> AttemptRow? {
        var query: SQLQueryString = """
            SELECT id, user_id, course_id, quiz_content_id, attempt_no, status, started_at, expires_at, submitted_at, score,
                   max_score, passed, level, time_spent_seconds, category_scores, details_ref, seed, guest_token_hash,
                   guest_name, guest_experience, created_at, updated_at, created_by, updated_by
            FROM quiz_attempts WHERE deleted_at IS NULL
            """
        query += " AND " + condition
        guard let row = try await database.sql.raw(query).first() else { return nil }
        return try AttemptRow(row)
    }

    private init(_ row: any SQLRow) throws {
        self.row = row
        id = try row.decode(column: "id", as: UUID.self)
        userID = try row.decode(column: "user_id", as: UUID?.self)
        quizContentID = try row.decode(column: "quiz_content_id", as: String.self)
        attemptNo = try row.decode(column: "attempt_no", as: Int.self)
        status = try row.decode(column: "status", as: String.self)
        startedAt = try row.decode(column: "started_at", as: Date.self)
        expiresAt = try row.decode(column: "expires_at", as: Date?.self)
    }

    /// The model, marked as stored, so Fluent updates it rather than inserting it if a handler saves it.
    package func model() throws -> QuizAttempt {
        let attempt = QuizAttempt()
        attempt.id = id
        attempt.$id.exists = true
        attempt.userID = userID
        attempt.courseID = try row.decode(column: "course_id", as: UUID?.self)
        attempt.quizContentID = quizContentID
        attempt.attemptNo = attemptNo
        attempt.status = status
        attempt.startedAt = startedAt
        attempt.expiresAt = expiresAt
        attempt.submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
        attempt.score = try row.decode(column: "score", as: Int.self)
        attempt.maxScore = try row.decode(column: "max_score", as: Int.self)
        attempt.passed = try row.decode(column: "passed", as: Bool.self)
        attempt.level = try row.decode(column: "level", as: String?.self)
        attempt.timeSpentSeconds = try row.decode(column: "time_spent_seconds", as: Int?.self)
        attempt.categoryScores = try row.decode(column: "category_scores", as: String?.self)
        attempt.detailsRef = try row.decode(column: "details_ref", as: String?.self)
        attempt.seed = try row.decode(column: "seed", as: Int64.self)
        attempt.guestTokenHash = try row.decode(column: "guest_token_hash", as: String?.self)
        attempt.guestName = try row.decode(column: "guest_name", as: String?.self)
        attempt.guestExperience = try row.decode(column: "guest_experience", as: String?.self)
        attempt.createdAt = try row.decode(column: "created_at", as: Date?.self)
        attempt.updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        attempt.createdBy = try row.decode(column: "created_by", as: UUID?.self)
        attempt.updatedBy = try row.decode(column: "updated_by", as: UUID?.self)
        return attempt
    }
}
