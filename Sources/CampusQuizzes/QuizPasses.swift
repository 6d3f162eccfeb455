import FluentKit
import Foundation

/// Whether a learner has passed a quiz, for other domains (a course's final quiz).
package struct QuizPasses: Sendable {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package func hasPassed(userID: UUID, quizID: String) async throws -> Bool {
        try await QuizAttempt.query(on: database).filter(\.$userID == userID)
            .filter(\.$quizContentID == quizID).filter(\.$passed == true).first() != nil
    }
}
