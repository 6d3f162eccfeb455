import Foundation

/// Something a learner did that may move an achievement's metric or earn points, announced by the
/// domain that recorded it (learning, quizzes, practice) after its own write.
package struct LearnerActivity: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case lessonCompleted = "lesson_completed"
        case quizCompleted = "quiz_completed"
        case enrolled
        case heartbeat
        case courseCompleted = "course_completed"
        case practicePassed = "practice_passed"
    }

    package var kind: Kind
    package var userID: UUID
    /// What it was about: a lesson, quiz, course or practice content id.
    package var reference: String
    /// A quiz completed with a pass; a practice's own points.
    package var passed: Bool
    package var points: Int?

    package init(_ kind: Kind, userID: UUID, reference: String, passed: Bool = true, points: Int? = nil) {
        self.kind = kind
        self.userID = userID
        self.reference = reference
        self.passed = passed
        self.points = points
    }
}
