import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation

/// What a recommender gets to write a study plan from.
package struct RecommendationRequest: Sendable {
    package var quiz: Quiz
    package var result: QuizResult
    package var questions: [String: Question]
    package var answers: [String: SubmittedAnswer]
    package var experience: String?
    package var courses: [CourseSuggestion]

    package init(quiz: Quiz, result: QuizResult, questions: [String: Question], answers: [String: SubmittedAnswer], experience: String? = nil, courses: [CourseSuggestion]) {
        self.quiz = quiz
        self.result = result
        self.questions = questions
        self.answers = answers
        self.experience = experience
        self.courses = courses
    }
}

/// Writes the study plan shown with a quiz result.
package protocol Recommender: Sendable {
    var name: String { get }
    func recommend(_ request: RecommendationRequest) async throws -> String
}

/// The plan Campus writes itself, from the weak categories and the missed questions.
package struct BuiltInRecommendations: Recommender {
    package init() {}

    package var name: String { "built-in" }

    package func recommend(_ request: RecommendationRequest) async throws -> String {
        BuiltInRecommender.plan(quiz: request.quiz, result: request.result, questions: request.questions,
                                answers: request.answers, experience: request.experience, courses: request.courses)
    }
}
