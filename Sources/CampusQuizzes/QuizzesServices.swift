import CampusPlatform
import Vapor

/// What the quiz domain keeps for the life of the process.
package final class QuizzesServices: Sendable {
    /// The LLM recommender when one is configured; nil means the built-in plan is written at submit.
    package let llm: (any Recommender)?
    package let recommendations: RecommendationQueue
    /// Who hears about completed attempts (learning); set once by the app.
    package let outcomes: [any QuizOutcomes]

    package init(llm: (any Recommender)?, recommendations: RecommendationQueue, outcomes: [any QuizOutcomes]) {
        self.llm = llm
        self.recommendations = recommendations
        self.outcomes = outcomes
    }
}

extension Application {
    private struct QuizzesKey: StorageKey {
        typealias Value = QuizzesServices
    }

    package var quizzesIfConfigured: QuizzesServices? { storage[QuizzesKey.self] }

    package var quizzes: QuizzesServices {
        get {
            guard let services = storage[QuizzesKey.self] else { fatalError("Campus is used before CampusApp.configure ran") }
            return services
        }
        set { storage[QuizzesKey.self] = newValue }
    }
}
