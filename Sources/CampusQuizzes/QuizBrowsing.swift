import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Quizzes as the catalog shows them, and a learner's own attempts and progress over them.
package struct QuizBrowsing: Sendable {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    /// Quiz cards in id order after `cursor`; the key to continue from when the page is full.
    package func list(after cursor: String?, limit: Int, caller: AuthContext?) async throws -> (cards: [QuizCardDTO], next: String?) {
        let documents = try await environment.content.query(ContentCollection.quizzes, filter: [:], after: cursor, limit: limit)
        var cards: [QuizCardDTO] = []
        for document in documents {
            guard let quiz = try? QuizContentParser.parseQuiz(document.body, path: document.id) else { continue }
            cards.append(try await card(quiz, caller: caller))
        }
        return (cards, documents.count == limit ? documents.last?.id : nil)
    }

    package func card(_ rawID: String, caller: AuthContext?) async throws -> QuizCardDTO {
        try await card(try await environment.catalog.quiz(rawID), caller: caller)
    }

    /// The quiz's questions without answer keys, in the quiz's order.
    package func questions(_ rawID: String) async throws -> [QuestionDTO] {
        let quiz = try await environment.catalog.quiz(rawID)
        let questions = try await environment.catalog.questions(of: quiz)
        return quiz.questionIDs.compactMap { questions[$0].map { QuestionDTO($0) } }
    }

    /// The caller's attempts, newest first.
    package func attempts(userID: UUID, quizID: String?, before: UUID?, limit: Int) async throws -> [QuizAttempt] {
        let query = QuizAttempt.query(on: environment.database).filter(\.$userID == userID)
        if let quizID { query.filter(\.$quizContentID == QuizCatalog.contentID(quizID)) }
        if let before { query.filter(\.$id < before) }
        return try await query.sort(\.$id, .descending).limit(limit).all()
    }

    /// The cabinet's chart: the caller's finished attempts at a quiz, oldest first.
    package func stats(quizID rawID: String, userID: UUID) async throws -> QuizStatsDTO {
        let quiz = try await environment.catalog.quiz(rawID)
        let attempts = try await QuizAttempt.query(on: environment.database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quiz.id)
            .filter(\.$status != QuizAttempt.Status.inProgress.rawValue)
            .sort(\.$id, .ascending).limit(500).all()
        return QuizStatsDTO(quiz: quiz, attempts: attempts)
    }

    private func card(_ quiz: Quiz, caller: AuthContext?) async throws -> QuizCardDTO {
        var attemptsUsed: Int?
        var bestScore: Int?
        if let caller {
            let queries = AttemptQueries(environment)
            attemptsUsed = try await queries.attemptsUsed(userID: caller.userID, quizID: quiz.id)
            bestScore = try await queries.bestScore(userID: caller.userID, quizID: quiz.id)
        }
        let count = try await environment.content.getMany(ContentCollection.questions, ids: quiz.questionIDs).count
        return QuizCardDTO(quiz, questionCount: count, attemptsUsed: attemptsUsed, bestScore: bestScore)
    }
}
