import FluentKit
import Foundation

/// The summary of one attempt at a quiz; what was asked and answered lives in the content store's
/// `attempt_details` under `details_ref`. Guests of the public test have no user, and are found by
/// the hash of their unguessable result token.
final class QuizAttempt: Model, @unchecked Sendable {
    static let schema = "quiz_attempts"

    enum Status: String, Codable, Sendable {
        case inProgress = "in_progress"
        case completed
        case expired
    }

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "course_id") var courseID: UUID?
    @Field(key: "quiz_content_id") var quizContentID: String
    @Field(key: "attempt_no") var attemptNo: Int
    @Field(key: "status") var status: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "score") var score: Int
    @Field(key: "max_score") var maxScore: Int
    @Field(key: "passed") var passed: Bool
    @OptionalField(key: "level") var level: String?
    @OptionalField(key: "time_spent_seconds") var timeSpentSeconds: Int?
    /// `{"api": 80, …}`: per-category percentages, JSON text, for the cabinet's progress chart.
    @OptionalField(key: "category_scores") var categoryScores: String?
    @OptionalField(key: "details_ref") var detailsRef: String?
    /// Fixes the question and option order of the attempt.
    @Field(key: "seed") var seed: Int64
    @OptionalField(key: "guest_token_hash") var guestTokenHash: String?
    @OptionalField(key: "guest_name") var guestName: String?
    @OptionalField(key: "guest_experience") var guestExperience: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(id: UUID, userID: UUID?, quizContentID: String, attemptNo: Int, startedAt: Date, expiresAt: Date?, seed: Int64) {
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

    var statusValue: Status { Status(rawValue: status) ?? .inProgress }

    static func detailsID(for id: UUID) -> String { "attempt:" + id.wireString }
}
