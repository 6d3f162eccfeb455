import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Reading attempts: one by id for its caller, its details, and the counts and standings around it.
package struct AttemptQueries: Sendable {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    private var database: any Database { environment.database }

    package enum Access: Sendable {
        /// Its taker and admins.
        case read
        /// Its taker only: an admin gets 403, anyone else 404.
        case answer
    }

    /// The attempt if the caller may see it (owner or admin) for what they want to do; anyone who may not
    /// see it gets 404, not 403.
    package func attempt(_ rawID: String, quizID: String?, caller: AuthContext, for access: Access = .read) async throws -> QuizAttempt {
        try await attemptRow(rawID, quizID: quizID, caller: caller, for: access).model()
    }

    /// `attempt`, before a model is made of it.
    package func attemptRow(_ rawID: String, quizID: String?, caller: AuthContext, for access: Access = .read) async throws -> AttemptRow {
        guard let id = UUID(text: rawID), let attempt = try await AttemptRow.load(where: "id = \(bind: id)", on: database),
              quizID.map({ QuizCatalog.contentID($0) == attempt.quizContentID }) ?? true
        else { throw QuizError.attemptNotFound(rawID) }
        if attempt.userID == caller.userID { return attempt }
        guard caller.role == .admin else { throw QuizError.attemptNotFound(rawID) }
        guard access == .read else { throw QuizError.notAttemptOwner }
        return attempt
    }

    package func loadDetails(_ attempt: QuizAttempt) async throws -> AttemptDetails {
        let id = try attempt.requireID()
        guard let document = try await environment.content.get(ContentCollection.attemptDetails, id: QuizAttempt.detailsID(for: id)),
              let details = AttemptDetails(document) else {
            throw QuizError.detailsMissing
        }
        return details
    }

    /// The answers saved so far, read without the plan beside them.
    package func loadAnswers(attemptID: UUID) async throws -> [String: JSONValue] {
        let id = QuizAttempt.detailsID(for: attemptID)
        guard let document = try await environment.content.get(ContentCollection.attemptDetails, id: id, members: ["answers"]) else {
            throw QuizError.detailsMissing
        }
        return document["answers"]?.objectValue ?? [:]
    }

    package func openAttempt(userID: UUID, quizID: String) async throws -> QuizAttempt? {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .filter(\.$status == QuizAttempt.Status.inProgress.rawValue).first()
    }

    package func attemptsUsed(userID: UUID, quizID: String) async throws -> Int {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .max(\.$attemptNo) ?? 0
    }

    package func bestScore(userID: UUID, quizID: String) async throws -> Int? {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .filter(\.$status != QuizAttempt.Status.inProgress.rawValue)
            .max(\.$score)
    }

    /// The share (0–100) of other takers whose best finished score on this quiz is below `score`.
    package func percentile(score: Int, quizID: String, excluding attempt: QuizAttempt) async throws -> Int? {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS takers, COALESCE(SUM(CASE WHEN best < \(bind: score) THEN 1 ELSE 0 END), 0) AS below
            FROM (
                SELECT MAX(score) AS best FROM quiz_attempts
                WHERE quiz_content_id = \(bind: quizID) AND status IN ('completed', 'expired') AND deleted_at IS NULL
                  AND id <> \(bind: attempt.requireID())
                  AND (user_id IS NULL OR \(bind: attempt.userID) IS NULL OR user_id <> \(bind: attempt.userID))
                GROUP BY COALESCE(CAST(user_id AS TEXT), CAST(id AS TEXT))
            ) AS bests
            """).first()
        guard let row else { return nil }
        let takers = try row.decode(column: "takers", as: Int.self)
        let below = try row.decode(column: "below", as: Int.self)
        guard takers > 0 else { return nil }
        return Int((Double(below) * 100 / Double(takers)).rounded())
    }
}
