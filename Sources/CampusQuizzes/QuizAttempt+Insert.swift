import FluentKit
import Foundation
import SQLKit

extension QuizAttempt {
    /// Inserts the row with one plain statement: Fluent's reflection over the model's properties was 5 % of a
    /// public-test submit's profile. Sets the audit times as Fluent would and marks the model as stored.
    package func insert(on database: any Database, at now: Date) async throws {
        let id = try requireID()
        createdAt = now
        updatedAt = now
        try await database.sql.raw("""
            INSERT INTO quiz_attempts (id, user_id, course_id, quiz_content_id, attempt_no, status, started_at, expires_at,
                submitted_at, score, max_score, passed, level, time_spent_seconds, category_scores, details_ref, seed,
                guest_token_hash, guest_name, guest_experience, created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: id), \(bind: userID), \(bind: courseID), \(bind: quizContentID), \(bind: attemptNo), \(bind: status),
                \(bind: startedAt), \(bind: expiresAt), \(bind: submittedAt), \(bind: score), \(bind: maxScore), \(bind: passed),
                \(bind: level), \(bind: timeSpentSeconds), \(bind: categoryScores), \(bind: detailsRef), \(bind: seed),
                \(bind: guestTokenHash), \(bind: guestName), \(bind: guestExperience), \(bind: now), \(bind: now),
                \(bind: createdBy), \(bind: updatedBy))
            """).run()
        $id.exists = true
    }
}
