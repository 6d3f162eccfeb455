import CampusCore
import Foundation

/// What a recommender gets to write a study plan from.
struct RecommendationRequest: Sendable {
    var quiz: Quiz
    var result: QuizResult
    var questions: [String: Question]
    var answers: [String: SubmittedAnswer]
    var experience: String?
    var courses: [CourseSuggestion]
}

/// Writes the study plan shown with a quiz result.
protocol Recommender: Sendable {
    var name: String { get }
    func recommend(_ request: RecommendationRequest) async throws -> String
}

/// The plan Campus writes itself, from the weak categories and the missed questions.
struct BuiltInRecommendations: Recommender {
    var name: String { "built-in" }

    func recommend(_ request: RecommendationRequest) async throws -> String {
        BuiltInRecommender.plan(quiz: request.quiz, result: request.result, questions: request.questions,
                                answers: request.answers, experience: request.experience, courses: request.courses)
    }
}
