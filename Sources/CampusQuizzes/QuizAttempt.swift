import CampusAccounts
import CampusCatalog
import CampusPlatform
import FluentKit
import Foundation

/// The summary of one attempt at a quiz; what was asked and answered lives in the content store's
/// `attempt_details` under `details_ref`. Guests of the public test have no user, and are found by
/// the hash of their unguessable result token.
package final class QuizAttempt: Model, @unchecked Sendable {
    package static let schema = "quiz_attempts"

    package enum Status: String, Codable, Sendable {
        case inProgress = "in_progress"
        case completed
        case expired
    }

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @OptionalField(key: "user_id") package var userID: UUID?
    @OptionalField(key: "course_id") package var courseID: UUID?
    @Field(key: "quiz_content_id") package var quizContentID: String
    @Field(key: "attempt_no") package var attemptNo: Int
    @Field(key: "status") package var status: String
    @Field(key: "started_at") package var startedAt: Date
    @OptionalField(key: "expires_at") package var expiresAt: Date?
    @OptionalField(key: "submitted_at") package var submittedAt: Date?
    @Field(key: "score") package var score: Int
    @Field(key: "max_score") package var maxScore: Int
    @Field(key: "passed") package var passed: Bool
    @OptionalField(key: "level") package var level: String?
    @OptionalField(key: "time_spent_seconds") package var timeSpentSeconds: Int?
    /// `{"api": 80, …}`: per-category percentages, JSON text, for the cabinet's progress chart.
    @OptionalField(key: "category_scores") package var categoryScores: String?
    @OptionalField(key: "details_ref") package var detailsRef: String?
    /// Fixes the question and option order of the attempt.
    @Field(key: "seed") package var seed: Int64
    @OptionalField(key: "guest_token_hash") package var guestTokenHash: String?
    @OptionalField(key: "guest_name") package var guestName: String?
    @OptionalField(key: "guest_experience") package var guestExperience: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(id: UUID, userID: UUID?, quizContentID: String, attemptNo: Int, startedAt: Date, expiresAt: Date?, seed: Int64) {
        self.id = id
        self.userID = userID
        self.quizContentID = quizContentID
        self.attemptNo = attemptNo
        self.status = Status.inProgress.rawValue
        self.startedAt = startedAt
        self.expiresAt = expiresAt
        self.score = 0
        self.maxScore = 100
        self.passed = false
        self.seed = seed
        self.detailsRef = QuizAttempt.detailsID(for: id)
        self.createdBy = userID
        self.updatedBy = userID
    }

    package var statusValue: Status { Status(rawValue: status) ?? .inProgress }

    package static func detailsID(for id: UUID) -> String { "attempt:" + id.wireString }
}
