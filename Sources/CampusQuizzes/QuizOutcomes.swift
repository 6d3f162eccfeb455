import FluentKit
import Foundation

/// Told when a signed-in learner completes a quiz attempt. The quiz domain owns this protocol; learning
/// (streaks, course completion) implements it and the app wires it in, so quizzes never call learning.
package protocol QuizOutcomes: Sendable {
    func quizCompleted(userID: UUID, quizID: String, on database: any Database) async throws
}
