import Foundation

/// The summary of one submission; the learner's code and the check details are in the content store's
/// `attempt_details` under `details_ref`.
package struct PracticeAttempt: Sendable, Equatable {
    package var id: UUID
    package var userID: UUID
    package var practiceID: String
    package var courseContentID: String?
    package var attemptNo: Int
    package var submittedAt: Date
    package var passed: Bool
    package var score: Int
    package var maxScore: Int
    package var durationMilliseconds: Int
    package var detailsRef: String
}
